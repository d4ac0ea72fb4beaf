"""The flag history table in the state database: copied into the working copy before dbt runs,
and updated from the published flags only after a publish."""

from __future__ import annotations

from pathlib import Path

import duckdb

FLAG_HISTORY_COLUMNS = "flag_id varchar primary key, check_code varchar, first_seen_date date, last_seen_date date"


def copy_flag_history(build_con: duckdb.DuckDBPyConnection, state_db: Path) -> int:
    """Replace ``raw_state.flag_history`` in the working copy by the state's history (empty on a
    new installation). Returns the number of flags known."""
    build_con.execute("create schema if not exists raw_state")
    build_con.execute(f"create or replace table raw_state.flag_history ({FLAG_HISTORY_COLUMNS})")
    if not state_db.exists():
        return 0
    build_con.execute(f"attach '{state_db}' as state (read_only)")
    try:
        has_history = build_con.execute(
            "select count(*) from duckdb_tables() where database_name = 'state' "
            "and schema_name = 'main' and table_name = 'flag_history'").fetchone()[0]
        if has_history:
            build_con.execute("insert into raw_state.flag_history select flag_id, check_code, "
                              "first_seen_date, last_seen_date from state.main.flag_history")
    finally:
        build_con.execute("detach state")
    return build_con.execute("select count(*) from raw_state.flag_history").fetchone()[0]


def record_flags_seen(state_con: duckdb.DuckDBPyConnection, published_db: Path) -> int:
    """Upsert the published run's flags: a new flag is first seen on this as_of; a known one keeps
    its first_seen_date and moves its last_seen_date. A rerun of the same delivery changes
    nothing. Returns the number of flags in the published run."""
    state_con.execute(f"create table if not exists flag_history ({FLAG_HISTORY_COLUMNS})")
    state_con.execute(f"attach '{published_db}' as published (read_only)")
    try:
        state_con.execute("""
            insert into flag_history
            select flag_id, check_code, first_seen_date, last_seen_date
            from published.marts.income_optimisation_flags
            on conflict (flag_id) do update set
                first_seen_date = least(flag_history.first_seen_date, excluded.first_seen_date),
                last_seen_date = greatest(flag_history.last_seen_date, excluded.last_seen_date)
        """)
        return state_con.execute("select count(*) from published.marts.income_optimisation_flags").fetchone()[0]
    finally:
        state_con.execute("detach published")
