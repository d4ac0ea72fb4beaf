"""The run log (``ops.runs``): kept in the state database, copied into every published file."""

from __future__ import annotations

import datetime as dt
import json

import duckdb

from serving.state_db import RUNS_DDL


def record_run(state_con: duckdb.DuckDBPyConnection, *, run_id: str, delivery_date: str, as_of: str | None,
               started_at: dt.datetime | None, status: str, rows_per_source: dict | None = None,
               rows_rejected: int | None = None, checks_passed: int | None = None,
               checks_failed: int | None = None, message: str = "") -> None:
    state_con.execute(RUNS_DDL)
    state_con.execute("delete from runs where run_id = ?", [run_id])
    state_con.execute(
        "insert into runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, delivery_date, as_of, started_at, dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
         status, json.dumps(rows_per_source or {}), rows_rejected, checks_passed, checks_failed,
         message[:2000]],
    )


def last_published_delivery(state_con: duckdb.DuckDBPyConnection) -> str | None:
    if not _has_runs(state_con):
        return None
    row = state_con.execute("select max(delivery_date)::varchar from runs where status = 'published'").fetchone()
    return row[0]


def recent_runs(state_con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[tuple]:
    if not _has_runs(state_con):
        return []
    return state_con.execute(
        "select run_id, delivery_date, as_of, started_at, finished_at, status, rows_per_source, message "
        "from runs order by coalesce(started_at, finished_at) desc limit ?", [limit]).fetchall()


def _has_runs(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("select count(*) from information_schema.tables "
                       "where table_schema = 'main' and table_name = 'runs'").fetchone()[0] > 0
