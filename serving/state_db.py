"""The state database (``var/state/state.duckdb``): what must outlive every rebuild of the
warehouse. Its whole schema is here, so the pipeline (which updates it on publish) and the
serving side (exports, the re-identification log) agree on it.

Tables (schema ``main`` unless named):
- ``runs``: the run log, copied into every analysts' file as ``ops.runs``;
- ``flag_history``: the last-raised row of every flag any published run raised;
- ``flag_runs``: each flag's amounts per published run (as_of);
- ``register.<folkeregister table>`` and ``register.applied_extracts``: the CPR register built
  from status and change extracts (the register tables are copies of the build's raw tables,
  so their columns follow ``sources/raw_tables.py``);
- ``publish_journal`` (and, during a publish, before-images: the register's tables renamed
  ``register.<table>__before_publish``, copies ``publish_undo.*`` of the others): makes the
  publish and the state update one recoverable step;

The folder is private (0700) and the file 0600: the register holds every CPR number.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

RUNS_DDL = """
create table if not exists runs (
    run_id varchar, delivery_date date, as_of date, started_at timestamp, finished_at timestamp,
    status varchar, rows_per_source json, rows_rejected integer, checks_passed integer,
    checks_failed integer, message varchar)
"""

# Every column of marts.income_optimisation_flags, in its order, plus the as_of of the last
# published run that raised the flag: the web page shows a flag the newest run no longer raises
# exactly as it was last raised.
FLAG_COLUMNS: tuple[tuple[str, str], ...] = (
    ("flag_id", "varchar"), ("check_code", "varchar"), ("check_name", "varchar"),
    ("variant", "varchar"), ("area", "varchar"), ("priority", "varchar"), ("person_key", "varchar"),
    ("case_id", "varchar"), ("grant_id", "varchar"), ("our_municipality_code", "varchar"),
    ("registered_municipality_code", "varchar"), ("counterparty_municipality_code", "varchar"),
    ("period_start", "date"), ("period_end", "date"),
    ("potential_amount_dkk", "decimal(18,2)"), ("lost_amount_dkk", "decimal(18,2)"),
    ("evidence", "varchar"), ("first_seen_date", "date"), ("last_seen_date", "date"), ("as_of", "date"),
)
FLAG_HISTORY_COLUMNS = FLAG_COLUMNS + (("last_raised_as_of", "date"),)
FLAG_HISTORY_DDL = ("create table if not exists flag_history ("
                    + ", ".join(f"{name} {kind}" for name, kind in FLAG_HISTORY_COLUMNS) + ")")

FLAG_RUNS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("flag_id", "varchar"), ("as_of", "date"),
    ("potential_amount_dkk", "decimal(18,2)"), ("lost_amount_dkk", "decimal(18,2)"),
)
FLAG_RUNS_DDL = ("create table if not exists flag_runs ("
                 + ", ".join(f"{name} {kind}" for name, kind in FLAG_RUNS_COLUMNS) + ")")

APPLIED_EXTRACTS_DDL = """
create schema if not exists register;
create table if not exists register.applied_extracts (
    production_date date, delivery_date date, source_file varchar)
"""

# The publish journal (orchestration/defs/publish/journal.py): one row per publish, so that a
# crash between the state update and the renames is completed or rolled back at the next start.
# status: pending -> state_written -> done (or rolled_back); a file is known by its inode.
PUBLISH_JOURNAL_DDL = """
create table if not exists publish_journal (
    run_id varchar, delivery_date date, status varchar, label varchar, keep integer,
    identity_new varchar, identity_target varchar, identity_history varchar, identity_inode ubigint,
    analysts_new varchar, analysts_target varchar, analysts_history varchar, analysts_inode ubigint,
    created_at timestamp, finished_at timestamp)
"""

def column_list(columns: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(name for name, _ in columns)


def make_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it 0700, also when it existed with a looser mode."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def make_private_file(path: Path) -> None:
    """0600 for a database file and its write-ahead log, where they exist."""
    for candidate in (path, path.with_name(path.name + ".wal")):
        if candidate.exists():
            os.chmod(candidate, 0o600)


def migrate_flag_history(con: duckdb.DuckDBPyConnection) -> None:
    """Installations from before the full flag rows kept only (flag_id, check_code,
    first_seen_date, last_seen_date): keep those dates, the other columns stay empty until the
    flag is raised again."""
    columns = {name for (name,) in con.execute(
        "select column_name from duckdb_columns() where database_name = current_database() "
        "and schema_name = 'main' and table_name = 'flag_history'").fetchall()}
    if not columns or "last_raised_as_of" in columns:
        return
    con.execute("alter table flag_history rename to flag_history_before_full_rows")
    con.execute(FLAG_HISTORY_DDL)
    con.execute("insert into flag_history (flag_id, check_code, first_seen_date, last_seen_date, as_of, "
                "last_raised_as_of) select flag_id, check_code, first_seen_date, last_seen_date, "
                "last_seen_date, last_seen_date from flag_history_before_full_rows")
    con.execute("drop table flag_history_before_full_rows")


def ensure_state_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Every table of the state database, created when missing (idempotent)."""
    con.execute(RUNS_DDL)
    migrate_flag_history(con)
    con.execute(FLAG_HISTORY_DDL)
    con.execute(FLAG_RUNS_DDL)
    con.execute(APPLIED_EXTRACTS_DDL)
    con.execute(PUBLISH_JOURNAL_DDL)


@contextmanager
def connect_state(state_db: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the state database with its schema in place (read-write) and its folder
    and file private. Read-only needs an existing file (callers check ``exists()`` first)."""
    if not read_only:
        make_private_dir(state_db.parent)
    con = duckdb.connect(str(state_db), read_only=read_only)
    try:
        if not read_only:
            make_private_file(state_db)
            ensure_state_schema(con)
        yield con
    finally:
        con.close()
    if not read_only:
        make_private_file(state_db)


def has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str, database: str | None = None) -> bool:
    """Whether ``[database.]schema.table`` exists (the current database when none is named)."""
    where = "database_name = ?" if database else "database_name = current_database()"
    params = [database] if database else []
    return con.execute(f"select count(*) from duckdb_tables() where {where} and schema_name = ? "
                       "and table_name = ?", [*params, schema, table]).fetchone()[0] > 0
