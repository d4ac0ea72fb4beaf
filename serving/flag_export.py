"""Export a flag list for controllers: CSV (Danish dialect) or a formatted Excel workbook with an
overview sheet, one sheet per check (named by the check's Danish name) and a "Måneder" sheet with
the month lines that prove each flag's amounts (Danish headers, amounts as numbers in kr.).

Reads ``marts.income_optimisation_flags`` and ``marts.income_optimisation_flag_lines`` of the served
warehouse and the names of checks, areas and municipalities from its ``reference`` schema; never CPR
numbers (the analysts' file has person keys only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from serving.danish_export import (append_dated_line, csv_code, danish_amount, danish_date,
                                   sheet_title, style_sheet, write_danish_csv)

# (key, Danish header, kind). Keys ending in _name are looked up in the reference schema.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("check_code", "Kontrol", "text"),
    ("priority", "Prioritet", "priority"),
    ("area", "Område", "area"),
    ("person_key", "Personnøgle", "key"),
    ("case_id", "Sags-id", "text"),
    ("grant_id", "Bevillings-id", "text"),
    ("registered_municipality_code", "Bopælskommune (CPR)", "municipality"),
    ("registered_municipality_name", "Bopælskommunens navn", "municipality_name"),
    ("counterparty_municipality_code", "Modpartskommune", "municipality"),
    ("counterparty_municipality_name", "Modpartskommunens navn", "municipality_name"),
    ("period_start", "Periode fra", "date"),
    ("period_end", "Periode til", "date"),
    ("potential_amount_dkk", "Potentiale (kr.)", "amount"),
    ("lost_amount_dkk", "Forældet (kr.)", "amount"),
    ("evidence", "Begrundelse", "long"),
    ("first_seen_date", "Først set", "date"),
    ("last_seen_date", "Sidst set", "date"),
    ("flag_id", "Flag-id", "key"),
)
MART_COLUMNS = tuple(key for key, _, kind in COLUMNS if kind != "municipality_name")
# The month lines (marts.income_optimisation_flag_lines) of the exported flags.
LINE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("check_code", "Kontrol", "text"),
    ("flag_id", "Flag-id", "key"),
    ("person_key", "Personnøgle", "key"),
    ("month", "Måned", "date"),
    ("window", "Vindue", "window"),
    ("grant_id", "Bevillings-id", "text"),
    ("expense_dkk", "Udgift (kr.)", "amount"),
    ("covered_dkk", "Dækket (kr.)", "amount"),
    ("amount_dkk", "Beløb (kr.)", "amount"),
)
PRIORITY_DA = {"red": "rød", "blue": "blå"}
WINDOW_DA = {"potential": "potentiale", "lost": "forældet", "forward": "fremadrettet"}
OVERVIEW, MONTHS = "Overblik", "Måneder"
NOT_ADDED_NOTE = ("Beløbene lægges ikke sammen på tværs af kontroller: den samme krone kan stå på flere lister.")


class FlagExportError(RuntimeError):
    """A request that cannot be served; the message is safe to print."""


@dataclass(frozen=True)
class ExportReference:
    """Danish names for codes (check, area, municipality); the web page's Reference extends it."""
    checks: dict[str, str] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)
    municipalities: dict[str, str] = field(default_factory=dict)

    def check_name(self, code):
        return self.checks.get(code, code or "")

    def area_name(self, code):
        return self.areas.get(code, code or "")

    def municipality_name(self, code):
        return self.municipalities.get(code, "")


def _has_table(con, catalog: str, schema: str, table: str) -> bool:
    return con.execute("select count(*) from duckdb_tables() where database_name = coalesce(?, current_database()) "
                       "and schema_name = ? and table_name = ?",
                       [catalog.rstrip(".") or None, schema, table]).fetchone()[0] > 0


def reference_from(con, catalog: str = "") -> ExportReference:
    """The names in the served file's reference schema (`catalog` is e.g. "wh." when attached)."""
    def pairs(table: str, key: str, name: str) -> dict[str, str]:
        if not _has_table(con, catalog, "reference", table):
            return {}
        return dict(con.execute(f"select {key}, {name} from {catalog}reference.{table}").fetchall())

    return ExportReference(pairs("income_optimisation_checks", "check_code", "name_da"),
                           pairs("areas", "area", "name_da"),
                           pairs("municipalities", "municipality_code", "name"))


def month_lines_from(con, flag_ids: Iterable[str], catalog: str = "") -> list[dict]:
    """The month lines of these flags, with the flag's person key; [] for a file without them."""
    ids = sorted(set(flag_ids))
    if not ids or not _has_table(con, catalog, "marts", "income_optimisation_flag_lines"):
        return []
    cur = con.execute(
        f"""select lines.check_code, lines.flag_id, flags.person_key, lines.month, lines."window",
                   lines.grant_id, lines.expense_dkk, lines.covered_dkk, lines.amount_dkk
            from {catalog}marts.income_optimisation_flag_lines as lines
            left join {catalog}marts.income_optimisation_flags as flags using (flag_id)
            where lines.flag_id in (select unnest(?::varchar[]))  -- a hash join, also for 100 000 flags
            order by lines.check_code, lines.flag_id, lines.month, lines."window", lines.grant_id""", [ids])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _known(con, column: str, reference: dict[str, str]) -> dict[str, str]:
    """code -> Danish name of each value the filter may take: the reference's and the mart's."""
    present = {v for (v,) in con.execute(f"select distinct {column} from marts.income_optimisation_flags "
                                         f"where {column} is not null").fetchall()}
    return {code: reference.get(code, code) for code in sorted(set(reference) | present)}


def _resolve(value: str | None, option: str, known: dict[str, str]) -> str | None:
    """The code a user meant: a code or Danish name, any case. Unknown values are refused."""
    if value is None:
        return None
    wanted = value.strip().casefold()
    for code, name in known.items():
        if wanted in (code.casefold(), name.casefold()):
            return code
    raise FlagExportError(f"unknown {option} {value!r}; valid values: "
                          + ", ".join(f"{code} ({name})" if name != code else code for code, name in known.items()))


def _known_municipality(con, code: str | None, reference: dict[str, str]) -> str | None:
    """A municipality code (one with no flags is fine); a code that is none is refused, listing the
    counterparty municipalities that have flags."""
    if code is None:
        return None
    present = _known(con, "counterparty_municipality_code", {})
    if code in present or code in reference:
        return code
    raise FlagExportError(f"unknown --municipality {code!r}: not a municipality code; counterparty municipalities "
                          f"with flags: {', '.join(present) or 'none'}")


def fetch_flags(warehouse: Path, *, check: str | None = None, area: str | None = None,
                priority: str | None = None, municipality: str | None = None) -> list[dict]:
    """The flags, filtered; an unknown check, area or priority is an error, not an empty list."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        reference = reference_from(con)
        filters = (
            ("check_code", _resolve(check, "--check", _known(con, "check_code", reference.checks))),
            ("area", _resolve(area, "--area", _known(con, "area", reference.areas))),
            ("priority", _resolve(priority, "--priority", {"red": "rød", "blue": "blå"})),
            ("counterparty_municipality_code", _known_municipality(con, municipality, reference.municipalities)),
        )
        where = [f"{column} = ?" for column, value in filters if value]
        cur = con.execute(f"select {', '.join(MART_COLUMNS)} from marts.income_optimisation_flags"
                          + (f" where {' and '.join(where)}" if where else "")
                          + " order by check_code, potential_amount_dkk desc, flag_id",
                          [value for _, value in filters if value])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]
    finally:
        con.close()


def fetch_export(warehouse: Path, **filters) -> tuple[list[dict], ExportReference, list[dict]]:
    """What `kommunelager export` writes: the flags, the names, and the flags' month lines."""
    flags = fetch_flags(warehouse, **filters)
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return flags, reference_from(con), month_lines_from(con, (f["flag_id"] for f in flags))
    finally:
        con.close()


def _value(flag: dict, key: str, kind: str, reference):
    """A flag's cell as Excel gets it: amounts as numbers, dates as dates, names for codes."""
    if kind == "municipality_name":
        return reference.municipality_name(flag.get(key.replace("_name", "_code"))) or None
    value = flag.get(key)
    if value is None:
        return None
    if kind == "amount":
        return float(value)
    if kind == "priority":
        return PRIORITY_DA.get(value, value)
    if kind == "area":
        return reference.area_name(value)
    if kind == "window":
        return WINDOW_DA.get(value, value)
    return value


def _text(flag: dict, key: str, kind: str, reference) -> str:
    value = flag.get(key)
    if kind == "amount":
        return danish_amount(value)
    if kind == "date":
        return danish_date(value)
    if kind == "municipality":
        return csv_code(value)
    value = _value(flag, key, kind, reference)
    return "" if value is None else str(value)


def write_csv(flags: Sequence[dict], path: Path, reference=None) -> Path:
    reference = reference or ExportReference()
    return write_danish_csv(path, [header for _, header, _ in COLUMNS],
                            ([_text(flag, key, kind, reference) for key, _, kind in COLUMNS] for flag in flags))


def _columns_of(columns, *kinds) -> tuple[int, ...]:
    return tuple(i for i, (_, _, kind) in enumerate(columns, start=1) if kind in kinds)


def write_excel(flags: Sequence[dict], path: Path, as_of: dt.date | None = None, *, reference=None,
                month_lines: Sequence[dict] = ()) -> Path:
    """`reference` gives the Danish names (ExportReference or the web page's Reference); without it
    codes stand for themselves. `month_lines` fill the "Måneder" sheet."""
    from openpyxl import Workbook

    reference = reference or ExportReference()
    by_check: dict[str, list[dict]] = {}
    for flag in flags:
        by_check.setdefault(flag["check_code"], []).append(flag)

    workbook = Workbook()
    overview = workbook.active
    taken = {OVERVIEW.lower(), MONTHS.lower()}
    overview.title = OVERVIEW
    overview.append(["Kontrol", "Navn", "Ark", "Antal flag", "Potentiale (kr.)", "Forældet (kr.)"])
    titles = {code: sheet_title(reference.check_name(code), taken) for code in sorted(by_check)}
    for code in sorted(by_check):
        rows = by_check[code]
        overview.append([code, reference.check_name(code), titles[code], len(rows),
                         float(sum(Decimal(r["potential_amount_dkk"] or 0) for r in rows)),
                         float(sum(Decimal(r["lost_amount_dkk"] or 0) for r in rows))])
    style_sheet(overview, amount_columns=(5, 6))  # no totals: never added across checks
    overview.append([])
    overview.append([NOT_ADDED_NOTE])
    append_dated_line(overview, "Opgjort pr.", as_of)

    for code in sorted(by_check):
        sheet = workbook.create_sheet(titles[code])
        sheet.append([header for _, header, _ in COLUMNS])
        for flag in by_check[code]:
            sheet.append([_value(flag, key, kind, reference) for key, _, kind in COLUMNS])
        style_sheet(sheet, amount_columns=_columns_of(COLUMNS, "amount"), date_columns=_columns_of(COLUMNS, "date"),
                    wrap_columns=_columns_of(COLUMNS, "long"), key_columns=_columns_of(COLUMNS, "key"), totals=True)

    months = workbook.create_sheet(MONTHS)
    months.append([header for _, header, _ in LINE_COLUMNS])
    for line in month_lines:
        months.append([_value(line, key, kind, reference) for key, _, kind in LINE_COLUMNS])
    # Lines of several checks: no totals row (the same krone can be on two lists); filter by check.
    style_sheet(months, amount_columns=_columns_of(LINE_COLUMNS, "amount"),
                date_columns=_columns_of(LINE_COLUMNS, "date"), key_columns=_columns_of(LINE_COLUMNS, "key"),
                totals=len(by_check) <= 1)
    workbook.save(path)
    return path

