"""The flags across published runs, in the state database: copied into the working copy before
dbt runs (``raw_state.flag_history``, ``raw_state.flag_runs``) and updated from the published
flags only after a publish."""

from __future__ import annotations

from pathlib import Path

import duckdb

from serving.state_db import (
    FLAG_COLUMNS, FLAG_HISTORY_COLUMNS, FLAG_RUNS_COLUMNS, column_list, ensure_state_schema, has_table,
)

STATE_TABLES = {"flag_history": FLAG_HISTORY_COLUMNS, "flag_runs": FLAG_RUNS_COLUMNS}


def copy_state_table(build_con: duckdb.DuckDBPyConnection, state_db: Path, table: str) -> int:
    """Replace ``raw_state.<table>`` in the working copy by the state's table (empty on a new
    installation). Returns its row count."""
    columns = STATE_TABLES[table]
    build_con.execute("create schema if not exists raw_state")
    build_con.execute(f"create or replace table raw_state.{table} ("
                      + ", ".join(f"{name} {kind}" for name, kind in columns) + ")")
    if not state_db.exists():
        return 0
    build_con.execute(f"attach '{state_db}' as state (read_only)")
    try:
        if has_table(build_con, "main", table, database="state"):
            names = column_list(columns)
            if table == "flag_history" and not has_table_column(build_con, "flag_history", "last_raised_as_of"):
                # A state from before the full flag rows; the next publish migrates it.
                names = "flag_id, check_code, first_seen_date, last_seen_date"
            build_con.execute(f"insert into raw_state.{table} ({names}) select {names} from state.main.{table}")
    finally:
        build_con.execute("detach state")
    return build_con.execute(f"select count(*) from raw_state.{table}").fetchone()[0]


def has_table_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    return con.execute("select count(*) from duckdb_columns() where database_name = 'state' and "
                       "schema_name = 'main' and table_name = ? and column_name = ?",
                       [table, column]).fetchone()[0] > 0


def record_published_flags(state_con: duckdb.DuckDBPyConnection, published_db: Path) -> int:
    """After a publish: every flag of the run becomes its own last-raised row in
    ``flag_history`` and gets its amounts for this as_of in ``flag_runs``. A rerun of the same
    delivery writes the same rows again (nothing changes); a rerun of an older as_of never
    replaces a later run's row. Returns the number of flags in the published run."""
    ensure_state_schema(state_con)
    flags, runs = column_list(FLAG_COLUMNS), column_list(FLAG_RUNS_COLUMNS)
    state_con.execute(f"attach '{published_db}' as published (read_only)")
    try:
        state_con.execute("begin")
        state_con.execute(f"create temp table published_flags as select {flags} "
                          "from published.marts.income_optimisation_flags")
        state_con.execute("delete from flag_history using published_flags as p where flag_history.flag_id = "
                          "p.flag_id and p.as_of >= coalesce(flag_history.last_raised_as_of, p.as_of)")
        state_con.execute(f"insert into flag_history ({flags}, last_raised_as_of) "
                          f"select {flags}, as_of from published_flags "
                          "where flag_id not in (select flag_id from flag_history)")
        state_con.execute("delete from flag_runs using published_flags as p "
                          "where flag_runs.flag_id = p.flag_id and flag_runs.as_of = p.as_of")
        state_con.execute(f"insert into flag_runs ({runs}) select {runs} from published_flags")
        n = state_con.execute("select count(*) from published_flags").fetchone()[0]
        state_con.execute("drop table published_flags")
        state_con.execute("commit")
        return n
    except BaseException:
        state_con.execute("rollback")
        raise
    finally:
        state_con.execute("detach published")
