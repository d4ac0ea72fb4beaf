"""Export a flag list for controllers: CSV (Danish dialect) or a formatted Excel workbook with an
overview sheet and one sheet per check (Danish headers, amounts as numbers in kr.).

Reads ``marts.income_optimisation_flags`` of the served warehouse; never CPR numbers (the analysts'
mart has person keys only)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import duckdb

from serving.danish_export import danish_amount, danish_date, style_sheet, write_danish_csv
from orchestration.settings import DBT_PROJECT_DIR

# (column in the mart, Danish header, kind)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("check_code", "Kontrol", "text"),
    ("priority", "Prioritet", "text"),
    ("area", "Område", "text"),
    ("person_key", "Personnøgle", "text"),
    ("case_id", "Sags-id", "text"),
    ("grant_id", "Bevillings-id", "text"),
    ("registered_municipality_code", "Bopælskommune (CPR)", "text"),
    ("counterparty_municipality_code", "Modpartskommune", "text"),
    ("period_start", "Periode fra", "date"),
    ("period_end", "Periode til", "date"),
    ("potential_amount_dkk", "Potentiale (kr.)", "amount"),
    ("lost_amount_dkk", "Forældet (kr.)", "amount"),
    ("evidence", "Begrundelse", "text"),
    ("first_seen_date", "Først set", "date"),
    ("last_seen_date", "Sidst set", "date"),
    ("flag_id", "Flag-id", "text"),
)
PRIORITY_DA = {"red": "rød", "blue": "blå"}


def check_names() -> dict[str, str]:
    """Danish check names from the project's seed (the same file dbt loads)."""
    with open(DBT_PROJECT_DIR / "seeds" / "income_optimisation_checks.csv", encoding="utf-8", newline="") as f:
        return {row["check_code"]: row["name_da"] for row in csv.DictReader(f)}


def fetch_flags(warehouse: Path, *, check: str | None = None, area: str | None = None,
                priority: str | None = None) -> list[dict]:
    where, params = [], []
    for column, value in (("check_code", check), ("area", area), ("priority", priority)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    sql = (f"select {', '.join(c for c, _, _ in COLUMNS)} from marts.income_optimisation_flags"
           + (f" where {' and '.join(where)}" if where else "")
           + " order by check_code, potential_amount_dkk desc, flag_id")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        cur = con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]
    finally:
        con.close()


def write_csv(flags: Sequence[dict], path: Path) -> Path:
    def cell(column: str, kind: str, value):
        if kind == "amount":
            return danish_amount(value)
        if kind == "date":
            return danish_date(value)
        if column == "priority":
            return PRIORITY_DA.get(value, value)
        return "" if value is None else value

    return write_danish_csv(path, [header for _, header, _ in COLUMNS],
                            ([cell(c, kind, flag[c]) for c, _, kind in COLUMNS] for flag in flags))


def write_excel(flags: Sequence[dict], path: Path, as_of: dt.date | None = None) -> Path:
    from openpyxl import Workbook

    names = check_names()
    workbook = Workbook()
    overview = workbook.active
    overview.title = "Overblik"
    overview.append(["Kontrol", "Navn", "Antal flag", "Potentiale (kr.)", "Forældet (kr.)"])
    by_check: dict[str, list[dict]] = {}
    for flag in flags:
        by_check.setdefault(flag["check_code"], []).append(flag)
    for code in sorted(by_check):
        rows = by_check[code]
        overview.append([code, names.get(code, code), len(rows),
                         float(sum(Decimal(r["potential_amount_dkk"] or 0) for r in rows)),
                         float(sum(Decimal(r["lost_amount_dkk"] or 0) for r in rows))])
    if as_of:
        overview.append([])
        overview.append(["Opgjort pr.", as_of])
    style_sheet(overview, amount_columns=(4, 5), widths=(26, 48, 12, 18, 18))

    for code in sorted(by_check):
        sheet = workbook.create_sheet(code[:31])  # Excel's sheet-name limit
        sheet.append([header for _, header, _ in COLUMNS])
        for flag in by_check[code]:
            sheet.append([
                float(flag[c]) if kind == "amount" and flag[c] is not None
                else PRIORITY_DA.get(flag[c], flag[c]) if c == "priority"
                else flag[c]
                for c, _, kind in COLUMNS])
        amount_columns = tuple(i + 1 for i, (_, _, kind) in enumerate(COLUMNS) if kind == "amount")
        date_columns = tuple(i + 1 for i, (_, _, kind) in enumerate(COLUMNS) if kind == "date")
        style_sheet(sheet, amount_columns=amount_columns, date_columns=date_columns,
                    widths=tuple(60 if c == "evidence" else 18 for c, _, _ in COLUMNS))
    workbook.save(path)
    return path
