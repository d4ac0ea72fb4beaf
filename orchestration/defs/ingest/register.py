"""The CPR register across nights (``sources.md``: status vs change extracts).

A ``status`` extract replaces the whole register. A ``change`` extract holds only changed
persons: each person in it replaces everything known about that person, the rest comes from the
register kept in the state database (updated only on publish). Change extracts apply in order:
record 000's PRODDTOFORRIG must equal the PRODDTO of the last applied extract.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb

from orchestration.defs.landing.held import held_change_message
from serving.state_db import APPLIED_EXTRACTS_DDL
from sources.masking import mask_cprs_in_text
from sources.raw_tables import tables_of

REGISTER_TABLES = [t for t in tables_of("folkeregister") if t.table != "extracts"]


def last_applied_production_date(state_db: Path) -> str | None:
    if not state_db.exists():
        return None
    con = duckdb.connect(str(state_db), read_only=True)
    try:
        if not con.execute("select count(*) from information_schema.tables where "
                           "table_schema = 'register' and table_name = 'applied_extracts'").fetchone()[0]:
            return None
        row = con.execute("select max(production_date)::varchar from register.applied_extracts").fetchone()
        return row[0]
    finally:
        con.close()


def merge_change_extract(con: duckdb.DuckDBPyConnection, state_db: Path,
                         delivery_folder: Path) -> int:
    """Complete the delivery's changed persons with the unchanged ones from the register."""
    extract_dates = con.execute(
        "select production_date::varchar, previous_production_date::varchar "
        "from raw_folkeregister.extracts order by production_date").fetchall()
    expected = last_applied_production_date(state_db)
    if expected is None:  # no register yet: the message says to deliver a status extract
        production, previous = extract_dates[0] if extract_dates else (None, None)
        raise dg.Failure(held_change_message(delivery_folder, state_db, production, previous))
    for i, (production, previous) in enumerate(extract_dates):
        if previous != expected:
            # The operator acts on deliveries, not production dates: name the missing one.
            raise dg.Failure(mask_cprs_in_text(held_change_message(
                delivery_folder, state_db, production, previous,
                earlier_here=expected if i else None)))
        expected = production
    changed = " union ".join(f"select cpr from {t.qualified_name}" for t in REGISTER_TABLES)
    con.execute(f"attach '{state_db}' as state (read_only)")
    try:
        con.execute(f"create temp table changed_persons as {changed}")
        for t in REGISTER_TABLES:
            con.execute(f"insert into {t.qualified_name} select * from state.register.{t.table} "
                        "where cpr not in (select cpr from changed_persons)")
        return con.execute("select count(distinct cpr) from changed_persons").fetchone()[0]
    finally:
        con.execute("detach state")


def save_register(build_db: Path, state_con: duckdb.DuckDBPyConnection, delivery_date: str) -> None:
    """On publish: the register becomes the one just built."""
    state_con.execute("create schema if not exists register")
    state_con.execute(f"attach '{build_db}' as build (read_only)")
    try:
        for t in REGISTER_TABLES:
            state_con.execute(f"create or replace table register.{t.table} as "
                              f"select * from build.{t.qualified_name}")
        state_con.execute(APPLIED_EXTRACTS_DDL)
        state_con.execute("insert into register.applied_extracts select production_date, ?::date, "
                          "source_file from build.raw_folkeregister.extracts", [delivery_date])
    finally:
        state_con.execute("detach build")
