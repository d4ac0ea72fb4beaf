"""Load reader batches into the working copy and keep what the readers found.

Findings of every severity go to ``ops.delivery_findings``; rejected rows (severity ``row``) are
also what ``ops.rejected_records`` lists. Both feed the quarantine's ``errors.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

import duckdb
import pandas as pd

from sources.findings import ReadReport, Severity
from sources.raw_tables import RawTable, create_raw_tables

FINDINGS_DDL = """
create schema if not exists ops;
create table if not exists ops.delivery_findings (
    delivery_date date, source_file varchar, line bigint, byte_offset bigint, field varchar,
    severity varchar, reason varchar);
create or replace view ops.rejected_records as
    select delivery_date as delivery, source_file as file, line, byte_offset, field, reason
    from ops.delivery_findings where severity = 'row';
"""


def ensure_ops_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(FINDINGS_DDL)


def reset_tables(con: duckdb.DuckDBPyConnection, tables: Iterable[RawTable]) -> None:
    create_raw_tables(con, list(tables))


# DuckDB holds a transaction's appended rows in memory, outside its memory_limit, until commit:
# the CPR load of 1M citizens (8.6M rows) peaked at 3.1 GiB in one transaction whatever the limit,
# and at 0.7 GiB committed every 500,000 rows in the same 40 s. A commit per 100,000-row batch
# peaked at 0.6 GiB but took 25 % longer (every commit goes through the write-ahead log).
COMMIT_EVERY_ROWS = 500_000


@contextmanager
def loading(con: duckdb.DuckDBPyConnection, tables: Iterable[RawTable], *,
            commit_every_rows: int = COMMIT_EVERY_ROWS) -> Iterator[Callable[[int], int]]:
    """Recreate a source's raw tables and load its batches, committing every
    ``commit_every_rows`` rows; yields ``loaded(rows)``, to be called after each batch. When
    reading fails the tables are recreated empty, so a half-loaded source never stays behind
    (the raw tables are rebuilt by every run; nothing earlier is lost)."""
    tables = list(tables)
    reset_tables(con, tables)
    pending = 0

    def loaded(rows: int) -> int:
        nonlocal pending
        pending += rows
        if pending >= commit_every_rows:
            con.execute("commit")
            con.execute("begin transaction")
            pending = 0
        return rows

    con.execute("begin transaction")
    try:
        yield loaded
    except BaseException:
        con.execute("rollback")
        reset_tables(con, tables)
        raise
    con.execute("commit")


def append_batch(con: duckdb.DuckDBPyConnection, table: RawTable, batch: pd.DataFrame) -> int:
    """Insert one validated batch; DuckDB casts the strings to the contract's types."""
    if batch.empty:
        return 0
    con.register("reader_batch", batch[table.column_names])
    try:
        cols = ", ".join(f'"{c}"' for c in table.column_names)
        con.execute(f"insert into {table.qualified_name} ({cols}) select {cols} from reader_batch")
    finally:
        con.unregister("reader_batch")
    return len(batch)


def record_findings(con: duckdb.DuckDBPyConnection, delivery_date: str, reports: Iterable[ReadReport]) -> None:
    ensure_ops_tables(con)
    rows = [
        (delivery_date, f.file, f.line, f.offset, f.field, f.severity.value, f.reason)
        for report in reports
        for f in report.findings
    ]
    if rows:
        con.executemany("insert into ops.delivery_findings values (?, ?, ?, ?, ?, ?, ?)", rows)


def rejected_row_count(con: duckdb.DuckDBPyConnection) -> int:
    ensure_ops_tables(con)
    return con.execute(
        "select count(*) from (select distinct source_file, line, byte_offset "
        "from ops.delivery_findings where severity = 'row')"
    ).fetchone()[0]


def summarise(reports: Iterable[ReadReport]) -> dict[str, int]:
    totals = {"rows_read": 0, "rows_rejected": 0, "structural_errors": 0, "warnings": 0}
    for r in reports:
        totals["rows_read"] += r.rows_read
        totals["rows_rejected"] += r.rows_rejected
        totals["structural_errors"] += r.counts[Severity.STRUCTURAL]
        totals["warnings"] += r.counts[Severity.WARNING]
    return totals


def record_finding_list(con: duckdb.DuckDBPyConnection, delivery_date: str, findings) -> None:
    report = ReadReport(file="")
    report.findings.extend(findings)
    record_findings(con, delivery_date, [report])
