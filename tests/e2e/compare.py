"""Comparing two builds' rows: the one measure the end-to-end tests use for "identical"."""

from __future__ import annotations

import duckdb


def rows_only_in_each(con: duckdb.DuckDBPyConnection, first_sql: str, second_sql: str) -> tuple[int, int]:
    """Rows of the first query missing from the second and of the second missing from the first
    (EXCEPT ALL both ways, so duplicates count)."""
    only_first = con.execute(f"select count(*) from ({first_sql} except all {second_sql})").fetchone()[0]
    only_second = con.execute(f"select count(*) from ({second_sql} except all {first_sql})").fetchone()[0]
    return only_first, only_second
