"""The inter-municipal invoice basis (spending.md) as a file for the economy system and controllers:
CSV (Danish dialect) or an Excel workbook with an overview sheet and one sheet per counterparty
municipality. Reads ``marts.intermunicipal_invoice_basis`` of the served warehouse.

Only lines with something left to invoice are exported; forældede (time-barred) lines only on
request, and then marked in a column. The analysts' version carries person keys only. The
restricted version (``with_cpr``) adds CPR number and name from the identity file
(``person_identity`` in ``var/restricted/identity.duckdb``, never in the analysts' file): it needs
a reason and is written to the re-identification log before any CPR number is read, so a failing
log means no file. A person key the identity file lacks (it is published just before the
analysts' file) gets "ukendt person" and no CPR number, never an error."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb

from serving.danish_export import (OutputExistsError, csv_code, danish_amount, danish_date, refuse_existing,
                                   sheet_title, style_sheet, write_danish_csv)
from serving.reidentification import log_reidentification
from orchestration.settings import Settings
from sources.masking import mask_cprs_in_text

MART = "marts.intermunicipal_invoice_basis"
IDENTITY = "person_identity"  # the identity file's default schema
UNKNOWN_PERSON = "ukendt person"
REIDENTIFICATION_ACTION = "invoice_basis_export_with_cpr"

# (column, Danish header, kind). Identity and time-barred columns are only in some exports.
LEADING_COLUMNS = (
    ("counterparty_municipality_code", "Modpartskommune", "municipality"),
    ("counterparty_municipality_name", "Modpartskommunens navn", "text"),
    ("period", "Periode", "text"),
    ("person_key", "Personnøgle", "key"),
)
IDENTITY_COLUMNS = (("cpr", "CPR-nummer", "text"), ("name", "Navn", "text"))
LINE_COLUMNS = (
    ("grant_id", "Bevillings-id", "text"),
    ("placement_grant_id", "Anbringende kommunes opholdsbevilling", "text"),
    ("month", "Måned", "date"),
    ("main_function_code", "Konto (hovedfunktion)", "text"),
    ("basis_label", "Grundlag", "basis"),
    ("expense_dkk", "Udgift (kr.)", "amount"),
    ("state_refund_dkk", "Statsrefusion (kr.)", "amount"),
    ("amount_dkk", "Beløb (kr.)", "amount"),
    ("already_invoiced_dkk", "Allerede opkrævet (kr.)", "amount"),
    ("to_invoice_dkk", "Til opkrævning (kr.)", "amount"),
)
TIME_BARRED_COLUMN = (("is_time_barred", "Forældet", "yes_no"),)
# The mart's basis and, for MISSING_CHARGE, its direction (checks.md): (a) an offer placed by the
# other municipality, (b) the grant's payer; PENSION_6Y (a): the six years are over.
BASIS_DA = {("missing_charge", "a"): "a: ophold i tilbud (§ 9 c)",
            ("missing_charge", "b"): "b: bevillingens betalingskommune",
            ("pension_6y", None): "6-årsreglen: førtidspension efter de seks år"}
_ORE = Decimal("0.01")


class InvoiceExportError(RuntimeError):
    """A request that cannot be served; the message is safe to print (no CPR numbers)."""


@dataclass(frozen=True)
class InvoiceBasisRequest:
    municipality: str | None = None
    period: str | None = None
    include_time_barred: bool = False
    with_cpr: bool = False
    reason: str | None = None

    @property
    def columns(self) -> tuple[tuple[str, str, str], ...]:
        return (LEADING_COLUMNS + (IDENTITY_COLUMNS if self.with_cpr else ()) + LINE_COLUMNS
                + (TIME_BARRED_COLUMN if self.include_time_barred else ()))

    def selection(self) -> dict:
        """What decided which lines (and so which persons) are exported; goes into the log."""
        return {"municipality": self.municipality, "period": self.period,
                "include_time_barred": self.include_time_barred}

    def validate(self) -> None:
        if self.with_cpr and not (self.reason or "").strip():
            raise InvoiceExportError(
                '--with-cpr reveals CPR numbers and needs --reason "why" (it is written to the '
                "re-identification log); nothing was exported")
        if self.reason and not self.with_cpr:
            raise InvoiceExportError("--reason only goes with --with-cpr (the analysts' export is not logged)")
        if self.municipality is not None and not re.fullmatch(r"\d{4}", self.municipality):
            raise InvoiceExportError(f"--municipality takes a 4-digit code such as 0773, not {self.municipality!r}")


@dataclass(frozen=True)
class InvoiceBasisExport:
    path: Path
    n_lines: int
    n_persons: int
    n_municipalities: int
    with_cpr: bool


def fetch_invoice_lines(warehouse: Path, request: InvoiceBasisRequest) -> list[dict]:
    """The lines to export, without identities. An unknown period is an error (not an empty file):
    the period's form follows a dbt var, so '2026-Q3' against a monthly basis is a likely slip."""
    where, params = ["to_invoice_dkk <> 0"], []
    if not request.include_time_barred:
        where.append("not is_time_barred")
    for column, value in (("counterparty_municipality_code", request.municipality), ("period", request.period)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    columns = [c for c, _, _ in LEADING_COLUMNS + LINE_COLUMNS + TIME_BARRED_COLUMN if c != "basis_label"]
    columns += ["basis", "charge_basis"]
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        if request.period is not None:
            periods = [p for (p,) in con.execute(f"select distinct period from {MART} order by 1").fetchall()]
            if request.period not in periods:
                raise InvoiceExportError(f"no period {request.period!r} in the invoice basis; "
                                         f"periods present: {', '.join(periods) or 'none'}")
        if request.municipality is not None:
            _require_known_municipality(con, request.municipality)
        cur = con.execute(f"select {', '.join(columns)} from {MART} where {' and '.join(where)} "
                          "order by counterparty_municipality_code, period, person_key, grant_id, month, "
                          "main_function_code", params)
        names = [d[0] for d in cur.description]
        lines = [dict(zip(names, row)) for row in cur.fetchall()]
        for line in lines:
            line["basis_label"] = BASIS_DA.get((line["basis"], line["charge_basis"]), line["basis"])
        return lines
    finally:
        con.close()


def _require_known_municipality(con, code: str) -> None:
    """A code that is no municipality (a typo) is an error; a municipality owing nothing is not."""
    known = {c for (c,) in con.execute(f"select distinct counterparty_municipality_code from {MART}").fetchall()}
    if code in known:
        return
    if con.execute("select count(*) from duckdb_tables() where database_name = current_database() "
                   "and schema_name = 'reference' and table_name = 'municipalities'").fetchone()[0]:
        known |= {c for (c,) in con.execute("select municipality_code from reference.municipalities").fetchall()}
    if code not in known:
        in_basis = [c for (c,) in con.execute(f"select distinct counterparty_municipality_code from {MART} "
                                              "order by 1").fetchall()]
        raise InvoiceExportError(f"unknown --municipality {code!r}: not a municipality code; municipalities in "
                                 f"the invoice basis: {', '.join(in_basis) or 'none'}")


def attach_identities(identity_db: Path, lines: list[dict]) -> list[dict]:
    """CPR number and name per line, read only for the persons on these lines."""
    person_keys = sorted({line["person_key"] for line in lines})
    if not person_keys:
        return []
    con = duckdb.connect(str(identity_db), read_only=True)
    try:
        identities = {key: (cpr, name) for key, cpr, name in con.execute(
            f"select person_key, cpr, name from {IDENTITY} where list_contains(?, person_key)",
            [person_keys]).fetchall()}
    finally:
        con.close()
    unknown = (None, UNKNOWN_PERSON)
    return [{**line, "cpr": identities.get(line["person_key"], unknown)[0],
             "name": identities.get(line["person_key"], unknown)[1]} for line in lines]


def _amount(value) -> Decimal | None:
    """Øre, half up: expense and state refund are unrounded doubles in the mart."""
    return None if value is None else Decimal(value).quantize(_ORE, rounding=ROUND_HALF_UP)


def _cell_value(kind: str, value):
    """The value as Excel gets it: amounts as numbers, dates as dates, codes in Danish."""
    if kind == "amount":
        return None if value is None else float(_amount(value))
    if kind == "yes_no":
        return None if value is None else ("ja" if value else "nej")
    return value


def _csv_text(kind: str, value) -> str:
    if kind == "amount":
        return danish_amount(_amount(value))
    if kind == "date":
        return danish_date(value)
    if kind == "municipality":
        return csv_code(value)
    value = _cell_value(kind, value)
    return "" if value is None else str(value)


def write_csv(lines: list[dict], path: Path, columns) -> Path:
    return write_danish_csv(path, [header for _, header, _ in columns],
                            ([_csv_text(kind, line[c]) for c, _, kind in columns] for line in lines))


def write_excel(lines: list[dict], path: Path, columns) -> Path:
    from openpyxl import Workbook

    by_municipality: dict[str, list[dict]] = {}
    for line in lines:
        by_municipality.setdefault(line["counterparty_municipality_code"], []).append(line)
    with_time_barred = any(c == "is_time_barred" for c, _, _ in columns)

    workbook = Workbook()
    overview = workbook.active
    overview.title = "Overblik"
    taken = {"overblik"}
    overview.append(["Modpartskommune", "Modpartskommunens navn", "Periode", "Linjer", "Personer",
                     "Til opkrævning (kr.)"]
                    + (["Heraf forældet (kr.)"] if with_time_barred else []))
    for code in sorted(by_municipality):
        by_period: dict[str, list[dict]] = {}
        for line in by_municipality[code]:
            by_period.setdefault(line["period"], []).append(line)
        for period in sorted(by_period):
            rows = by_period[period]
            overview.append([code, rows[0]["counterparty_municipality_name"], period, len(rows),
                             len({r["person_key"] for r in rows}),
                             float(sum(r["to_invoice_dkk"] for r in rows))]
                            + ([float(sum(r["to_invoice_dkk"] for r in rows if r["is_time_barred"]))]
                               if with_time_barred else []))
    # Only existing columns: styling a column creates its cells, which would add an empty one.
    style_sheet(overview, amount_columns=(6, 7) if with_time_barred else (6,), totals=True)

    amount_columns = tuple(i for i, (_, _, kind) in enumerate(columns, start=1) if kind == "amount")
    date_columns = tuple(i for i, (_, _, kind) in enumerate(columns, start=1) if kind == "date")
    wrap_columns = tuple(i for i, (_, _, kind) in enumerate(columns, start=1) if kind == "basis")
    key_columns = tuple(i for i, (_, _, kind) in enumerate(columns, start=1) if kind == "key")
    for code in sorted(by_municipality):
        rows = by_municipality[code]
        name = rows[0]["counterparty_municipality_name"]
        sheet = workbook.create_sheet(sheet_title(f"{code} {name}" if name else code, taken))
        sheet.append([header for _, header, _ in columns])
        for line in rows:
            sheet.append([_cell_value(kind, line[c]) for c, _, kind in columns])
        style_sheet(sheet, amount_columns=amount_columns, date_columns=date_columns, wrap_columns=wrap_columns,
                    key_columns=key_columns, totals=True)
    workbook.save(path)
    return path


def _create_private(path: Path) -> None:
    """A file with CPR numbers is readable by its owner only, from its first byte on."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(path, 0o600)  # an existing file keeps its old mode through O_CREAT


def default_output(request: InvoiceBasisRequest, fmt: str) -> Path:
    parts = ["invoice_basis"] + [p for p in (request.municipality, request.period) if p]
    return Path("_".join(parts + (["cpr"] if request.with_cpr else [])) + f".{fmt}")


def export_invoice_basis(settings: Settings, request: InvoiceBasisRequest, *, fmt: str = "xlsx",
                         output: Path | None = None, overwrite: bool = False) -> InvoiceBasisExport:
    request.validate()
    warehouse = settings.published_db
    if not warehouse.exists():
        raise InvoiceExportError(f"no served warehouse at {warehouse}: run the pipeline first")
    path = Path(output) if output else default_output(request, fmt)
    if not path.resolve().parent.is_dir():  # found out now, not after the log says CPR numbers went there
        raise InvoiceExportError(f"no folder {path.resolve().parent} to write {path.name} into")
    try:
        refuse_existing(path, overwrite)  # before the log: nothing is revealed for a file never written
    except OutputExistsError as error:
        raise InvoiceExportError(str(error)) from None
    lines = fetch_invoice_lines(warehouse, request)
    n_persons = len({line["person_key"] for line in lines})
    if request.with_cpr:
        _require_identity_table(settings.identity_db)
        # Logged first: if the log cannot be written, no CPR number is read and no file appears.
        log_reidentification(purpose=request.reason.strip(), action=REIDENTIFICATION_ACTION,
                             n_persons=n_persons, n_lines=len(lines), filter=request.selection(),
                             target=str(path.resolve()))
        lines = attach_identities(settings.identity_db, lines)
        _create_private(path)
    try:
        (write_csv if fmt == "csv" else write_excel)(lines, path, request.columns)
    except BaseException:
        if request.with_cpr:  # a half-written file with CPR numbers must not be left behind
            path.unlink(missing_ok=True)
        raise
    return InvoiceBasisExport(path=path, n_lines=len(lines), n_persons=n_persons,
                              n_municipalities=len({line["counterparty_municipality_code"] for line in lines}),
                              with_cpr=request.with_cpr)


def _require_identity_table(identity_db: Path) -> None:
    found = False
    if identity_db.exists():
        con = duckdb.connect(str(identity_db), read_only=True)
        try:
            found = con.execute("select count(*) from duckdb_tables() where database_name = current_database() "
                                f"and schema_name = 'main' and table_name = '{IDENTITY}'").fetchone()[0] > 0
        finally:
            con.close()
    if not found:
        raise InvoiceExportError(f"no identity file with {IDENTITY} at {identity_db}; the CPR export "
                                 "needs the restricted identities (published with the warehouse)")


def describe(export: InvoiceBasisExport) -> str:
    """What the CLI prints: counts and the file, masked in case a CPR number is in the file name."""
    kind = "with CPR numbers (logged in the re-identification log)" if export.with_cpr else "without CPR numbers"
    return mask_cprs_in_text(f"{export.n_lines} lines for {export.n_persons} persons in {export.n_municipalities} "
                             f"municipalities written {kind} to {export.path}")
