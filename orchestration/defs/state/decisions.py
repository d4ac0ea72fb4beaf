"""The controllers' current decisions, read from the web page's store (SQLite or PostgreSQL,
outside the warehouse) and written into the working copy as ``raw_state.decisions``, so that
analysts see them in the marts. A run only reads the store: the web page owns it."""

from __future__ import annotations

import datetime as dt
import decimal

import duckdb

# The statuses of the worklist (worklist.md, Decisions); `ny` is no decision yet.
STATUSES = ("ny", "under behandling", "opkrævet", "delvist opkrævet", "afvist - ikke relevant",
            "afvist - forældet")
DECISIONS_DDL = ("create or replace table raw_state.decisions (flag_id varchar, status varchar, "
                 "recovered_amount_dkk decimal(18,2), decided_date date)")

Decision = tuple[str, str, "decimal.Decimal | None", dt.date]


def load_current_decisions() -> list[Decision]:
    """The newest decision per flag, from the web page's own module. Imported here, not at the
    top: Django is configured by that module and only this step needs it. A missing module is an
    error, not an empty list: a run without the decisions would tell analysts nothing was
    recovered."""
    from web.decision_export import current_decisions

    return list(current_decisions())


def write_decisions(build_con: duckdb.DuckDBPyConnection, decisions: list[Decision]) -> int:
    """Replace ``raw_state.decisions``; an unknown status stops the run (a typo in the store
    would silently count a flag as open or closed)."""
    unknown = sorted({status for _, status, _, _ in decisions if status not in STATUSES})
    if unknown:
        raise ValueError(f"the decision store has statuses the warehouse does not know: {unknown}; "
                         f"known: {', '.join(STATUSES)}")
    build_con.execute("create schema if not exists raw_state")
    build_con.execute(DECISIONS_DDL)
    if decisions:
        build_con.executemany("insert into raw_state.decisions values (?, ?, ?, ?)",
                              [(flag_id, status, amount, decided) for flag_id, status, amount, decided in decisions])
    return len(decisions)
