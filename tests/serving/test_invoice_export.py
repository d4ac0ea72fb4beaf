"""`kommunelager invoice-basis`: the analysts' file has no CPR, filters hold, amounts are numbers that
add up to the mart; the restricted file has the CPR numbers, needs a reason and is logged first."""

import csv
import datetime as dt
import json
import re
import stat
from decimal import Decimal

import duckdb
import pytest
from openpyxl import load_workbook

from orchestration.cli import main

CPR_SHAPED = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")
# Replacement CPR numbers (day + 60), never real persons. Dora is in the register but owes nothing.
PERSONS = {  # person_key: (cpr, name)
    "pk-anna": ("6101804321", "Anna Testesen"),
    "pk-bo": ("7203855678", "Bo Prøvesen"),
    "pk-carl": ("6512909012", "Carl Eksempel"),
    "pk-dora": ("8807754444", "Dora Ubeteiligt"),
}
MUNICIPALITY_NAMES = {"0773": "Høje-Taastrup", "0101": "København"}
PLACEMENT_GRANTS = {"pk-anna": "g1"}  # (a) lines: no grant of ours, the placing municipality's stay grant
LINES = [
    # municipality, period, person, grant, month, function, basis, expense, refund, amount, already, to invoice, barred
    ("0773", "2026-Q3", "pk-anna", None, "2026-07-01", "5.48", "a", 10000.004, 2500.001, "7500.00", "0.00", "7500.00", False),
    ("0773", "2026-Q3", "pk-anna", None, "2026-08-01", "5.48", "a", 10000.0, 2500.0, "7500.00", "2000.00", "5500.00", False),
    ("0773", "2026-Q3", "pk-anna", None, "2026-09-01", "5.48", "a", 10000.0, 2500.0, "7500.00", "7500.00", "0.00", False),
    ("0773", "2026-Q2", "pk-bo", "g2", "2026-04-01", "5.57", "b", 1234567.891, 0.0, "1234567.89", "0.00", "1234567.89", False),
    ("0773", "2026-Q2", "pk-bo", "g2", "2026-05-01", "5.57", "b", 100.0, 0.0, "100.00", "150.00", "-50.00", False),
    ("0101", "2026-Q3", "pk-carl", "g3", "2026-07-01", "5.58", "b", 4000.0, 1000.0, "3000.00", "0.00", "3000.00", False),
    ("0101", "2023-Q1", "pk-carl", "g3", "2023-01-01", "5.58", "b", 1800.0, 0.0, "1800.00", "0.00", "1800.00", True),
    # PENSION_6Y (a): the municipal share of a month after the six years, no grant, no direction
    ("0101", "2026-Q3", "pk-carl", None, "2026-08-01", "5.48", None, 6200.0, 0.0, "6200.00", "0.00", "6200.00", False),
]
AMOUNT_HEADERS = ("Udgift (kr.)", "Statsrefusion (kr.)", "Beløb (kr.)", "Allerede opkrævet (kr.)",
                  "Til opkrævning (kr.)")


@pytest.fixture
def settings(installation):
    """The installation's analysts' file holding the mart, and its identity file."""
    installation.published_db.parent.mkdir(parents=True)
    con = duckdb.connect(str(installation.published_db))
    con.execute("create schema marts")
    con.execute("""create table marts.intermunicipal_invoice_basis (
        counterparty_municipality_code varchar, counterparty_municipality_name varchar, period varchar,
        person_key varchar, grant_id varchar, month date, main_function_code varchar, charge_basis varchar,
        expense_dkk decimal(38,10), state_refund_dkk decimal(38,10), amount_dkk decimal(38,2),
        already_invoiced_dkk decimal(38,2), to_invoice_dkk decimal(38,2), is_time_barred boolean,
        basis varchar, placement_grant_id varchar)""")
    for code, *rest in LINES:
        charge_basis = rest[5]
        basis = "missing_charge" if charge_basis else "pension_6y"
        con.execute("insert into marts.intermunicipal_invoice_basis values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [code, MUNICIPALITY_NAMES[code], *rest, basis, PLACEMENT_GRANTS.get(rest[1])])
    con.close()
    # The identities live in their own file, never in the analysts' file.
    installation.identity_db.parent.mkdir(parents=True, mode=0o700)
    con = duckdb.connect(str(installation.identity_db))
    con.execute("create table person_identity (person_key varchar, cpr varchar, name varchar, "
                "address varchar, postal_code varchar, postal_district varchar)")
    for key, (cpr, name) in PERSONS.items():
        con.execute("insert into person_identity values (?, ?, ?, 'Testvej 1', '2630', 'Taastrup')", [key, cpr, name])
    con.close()
    return installation


def line_key(row: dict) -> tuple[str, str]:
    """A line by its grant (ours, else the placing municipality's stay grant; "pension" for a
    PENSION_6Y line, which has neither) and month."""
    return (row["Bevillings-id"] or row["Anbringende kommunes opholdsbevilling"] or "pension", row["Måned"])


def mart_total(settings, where: str = "true") -> Decimal:
    """What the mart says is to invoice, computed independently of the export."""
    con = duckdb.connect(str(settings.published_db), read_only=True)
    try:
        return con.execute(f"select coalesce(sum(to_invoice_dkk), 0) from marts.intermunicipal_invoice_basis "
                           f"where to_invoice_dkk <> 0 and {where}").fetchone()[0]
    finally:
        con.close()


def log_rows(settings) -> list[dict]:
    """The command line's re-identifications in the web page's audit store (SQLite by default)."""
    import sqlite3

    if not settings.web_db.exists():
        return []
    con = sqlite3.connect(settings.web_db)
    try:
        events = con.execute("select occurred_at, username, reason, object_ref, detail from audit_auditevent "
                             "where action = 'cli_reidentification' order by id").fetchall()
    finally:
        con.close()
    rows = []
    for occurred_at, username, reason, object_ref, detail in events:
        detail = json.loads(detail)
        rows.append({"logged_at": dt.datetime.fromisoformat(occurred_at), "os_user": username, "purpose": reason,
                     "action": detail["action"], "n_persons": detail["n_persons"], "n_lines": detail["n_lines"],
                     "filter": json.dumps(detail["filter"]), "target": object_ref})
    return rows


def read_csv(path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads æøå right
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def export_csv(tmp_path, *args) -> list[dict]:
    out = tmp_path / "basis.csv"
    assert main(["invoice-basis", "--format", "csv", "--output", str(out), "--overwrite", *args]) == 0
    return read_csv(out)


def data_rows(sheet) -> list[tuple]:
    """A sheet's rows under the header, without the bold "I alt" row under them."""
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows and rows[-1][0] == "I alt", sheet.title
    return rows[:-1]


def all_cells(path) -> list[str]:
    if path.suffix == ".csv":
        return [cell for row in csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";")
                for cell in row]
    return [str(cell) for sheet in load_workbook(path) for row in sheet.iter_rows(values_only=True)
            for cell in row if cell is not None]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_analysts_export_has_no_cpr_number_or_name_in_any_cell(settings, tmp_path, fmt, capsys):
    out = tmp_path / f"basis.{fmt}"
    assert main(["invoice-basis", "--include-time-barred", "--format", fmt, "--output", str(out)]) == 0
    cells = all_cells(out)
    assert {"pk-anna", "pk-bo", "pk-carl"} <= set(cells)  # the lines are there, under person keys
    assert [c for c in cells if CPR_SHAPED.search(c)] == []
    assert not {name for _, name in PERSONS.values()} & set(cells)
    assert "CPR-nummer" not in cells and "Navn" not in cells
    assert log_rows(settings) == []  # person keys only: not a re-identification
    assert "7 lines for 3 persons in 2 municipalities" in capsys.readouterr().out


def test_only_lines_left_to_invoice_and_no_time_barred_lines_by_default(settings, tmp_path):
    rows = export_csv(tmp_path)
    assert {line_key(r) for r in rows} == {
        ("g1", "01.07.2026"), ("g1", "01.08.2026"), ("g2", "01.04.2026"), ("g2", "01.05.2026"), ("g3", "01.07.2026"),
        ("pension", "01.08.2026")}
    assert "Forældet" not in rows[0]  # nothing time-barred in it, so no column for it


def test_include_time_barred_adds_the_lines_marked_in_a_column(settings, tmp_path):
    rows = export_csv(tmp_path, "--include-time-barred")
    barred = {line_key(r): r["Forældet"] for r in rows}
    assert barred[("g3", "01.01.2023")] == "ja"
    assert barred[("g3", "01.07.2026")] == "nej"
    assert sorted(barred.values()) == ["ja"] + ["nej"] * 6


def test_filters_by_municipality_and_period(settings, tmp_path):
    assert {(r["Modpartskommune"], r["Periode"]) for r in export_csv(tmp_path, "--municipality", "0773")} == {
        ('="0773"', "2026-Q3"), ('="0773"', "2026-Q2")}
    assert {(r["Modpartskommune"], r["Personnøgle"]) for r in export_csv(tmp_path, "--period", "2026-Q3")} == {
        ('="0773"', "pk-anna"), ('="0101"', "pk-carl")}
    assert [(r["Periode"], r["Måned"]) for r in export_csv(tmp_path, "--municipality", "0101", "--period", "2023-Q1",
                                                            "--include-time-barred")] == [("2023-Q1", "01.01.2023")]
    assert export_csv(tmp_path, "--municipality", "0101", "--period", "2023-Q1") == []  # only forældet there


def test_unknown_period_is_an_error_naming_the_periods_present(settings, tmp_path, capsys):
    out = tmp_path / "basis.xlsx"
    assert main(["invoice-basis", "--period", "2026-09", "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert "2026-09" in err and "2026-Q2, 2026-Q3" in err
    assert not out.exists()


def test_csv_is_danish_dialect_with_amounts_to_the_ore(settings, tmp_path):
    rows = {line_key(r): r for r in export_csv(tmp_path)}
    first = rows[("g1", "01.07.2026")]
    # A text formula: Danish Excel opening the CSV keeps the leading zero (docs/decisions.md, Exports).
    assert first["Modpartskommune"] == '="0773"' and first["Modpartskommunens navn"] == "Høje-Taastrup"
    assert '\n"=""0101""";København;' in (tmp_path / "basis.csv").read_text(encoding="utf-8-sig")
    assert first["Konto (hovedfunktion)"] == "5.48"
    assert first["Udgift (kr.)"] == "10000,00" and first["Statsrefusion (kr.)"] == "2500,00"  # doubles, in øre
    assert first["Grundlag"].startswith("a:")
    assert (first["Bevillings-id"], first["Anbringende kommunes opholdsbevilling"]) == ("", "g1")
    pension = rows[("pension", "01.08.2026")]
    assert pension["Grundlag"].startswith("6-årsreglen") and pension["Til opkrævning (kr.)"] == "6200,00"
    big = rows[("g2", "01.04.2026")]
    assert big["Beløb (kr.)"] == "1234567,89" and big["Til opkrævning (kr.)"] == "1234567,89"  # no thousands dot
    assert big["Grundlag"].startswith("b:")
    over = rows[("g2", "01.05.2026")]
    assert (over["Allerede opkrævet (kr.)"], over["Til opkrævning (kr.)"]) == ("150,00", "-50,00")
    total = sum(Decimal(r["Til opkrævning (kr.)"].replace(",", ".")) for r in rows.values())
    assert total == mart_total(settings, "not is_time_barred")


def test_excel_has_an_overview_and_one_sheet_per_municipality(settings, tmp_path):
    out = tmp_path / "basis.xlsx"
    assert main(["invoice-basis", "--output", str(out)]) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Overblik", "0101 København", "0773 Høje-Taastrup"]
    overview = data_rows(book["Overblik"])
    assert [row[:5] for row in overview] == [("0101", "København", "2026-Q3", 2, 1),
                                             ("0773", "Høje-Taastrup", "2026-Q2", 2, 1),
                                             ("0773", "Høje-Taastrup", "2026-Q3", 2, 1)]
    for code, _, period, _, _, total in overview:
        assert Decimal(str(total)) == mart_total(
            settings, f"not is_time_barred and counterparty_municipality_code = '{code}' and period = '{period}'")
    for code in MUNICIPALITY_NAMES:
        sheet = book[f"{code} {MUNICIPALITY_NAMES[code]}"]
        assert {row[0] for row in data_rows(sheet)} == {code}


def test_excel_amounts_are_numbers_that_sum_to_the_mart(settings, tmp_path):
    out = tmp_path / "basis.xlsx"
    assert main(["invoice-basis", "--include-time-barred", "--output", str(out)]) == 0
    book = load_workbook(out)
    total = Decimal(0)
    for sheet in book.worksheets[1:]:
        headers = [c.value for c in sheet[1]]
        for header in AMOUNT_HEADERS:
            column = headers.index(header) + 1
            for row in range(2, sheet.max_row + 1):
                cell = sheet.cell(row=row, column=column)
                assert isinstance(cell.value, (int, float)), (sheet.title, header, cell.value)
                assert "kr." in cell.number_format
        for row in range(2, sheet.max_row):
            month = sheet.cell(row=row, column=headers.index("Måned") + 1)
            assert isinstance(month.value, dt.datetime) and month.number_format == "DD.MM.YYYY"
        column = headers.index("Til opkrævning (kr.)") + 1
        sheet_total = sum(Decimal(str(sheet.cell(row=r, column=column).value)) for r in range(2, sheet.max_row))
        totals_row = sheet[sheet.max_row]
        assert totals_row[0].value == "I alt" and totals_row[0].font.b
        assert Decimal(str(totals_row[column - 1].value)) == sheet_total
        assert Decimal(str(totals_row[headers.index("Beløb (kr.)")].value)) == sum(
            Decimal(str(sheet.cell(row=r, column=headers.index("Beløb (kr.)") + 1).value))
            for r in range(2, sheet.max_row))
        total += sheet_total
    assert total == mart_total(settings) == Decimal("1258517.89")
    overview_sheet = book["Overblik"]
    assert Decimal(str(overview_sheet.cell(row=overview_sheet.max_row, column=6).value)) == total
    overview = {row[:3]: row[5:] for row in data_rows(overview_sheet)}
    assert overview[("0101", "København", "2023-Q1")] == (1800.0, 1800.0)  # to invoice, of which forældet
    assert overview[("0101", "København", "2026-Q3")] == (9200.0, 0.0)  # 3.000 (b) + 6.200 pension_6y


def test_restricted_export_has_the_cpr_numbers_and_is_logged_once_without_them(settings, tmp_path, capsys):
    out = tmp_path / "basis_cpr.xlsx"
    reason = "Opkrævning hos Høje-Taastrup, 3. kvartal 2026 (sag 2026-117)"
    assert main(["invoice-basis", "--municipality", "0773", "--period", "2026-Q3", "--with-cpr",
                 "--reason", reason, "--output", str(out)]) == 0
    sheet = load_workbook(out)["0773 Høje-Taastrup"]
    rows = [dict(zip([c.value for c in sheet[1]], row)) for row in data_rows(sheet)]
    assert [(r["Personnøgle"], r["CPR-nummer"], r["Navn"]) for r in rows] == [
        ("pk-anna", "6101804321", "Anna Testesen")] * 2
    cprs_in_file = {m.group() for cell in all_cells(out) for m in CPR_SHAPED.finditer(cell)}
    assert cprs_in_file == {"6101804321"}  # only the persons on the selected lines
    assert stat.S_IMODE(out.stat().st_mode) == 0o600

    [row] = log_rows(settings)
    assert row["purpose"] == reason and row["action"] == "invoice_basis_export_with_cpr"
    assert (row["n_persons"], row["n_lines"]) == (1, 2)
    assert json.loads(row["filter"]) == {"municipality": "0773", "period": "2026-Q3", "include_time_barred": False}
    assert row["target"] == str(out.resolve()) and row["os_user"]
    assert isinstance(row["logged_at"], dt.datetime)
    assert not CPR_SHAPED.search(" ".join(str(v) for v in row.values()))
    printed = capsys.readouterr()
    assert "2 lines for 1 persons" in printed.out and str(out) in printed.out
    assert not CPR_SHAPED.search(printed.out + printed.err)

    assert main(["invoice-basis", "--format", "csv", "--with-cpr", "--reason", "Årsafregning",
                 "--output", str(tmp_path / "all.csv")]) == 0
    assert [(r["purpose"], r["n_persons"]) for r in log_rows(settings)] == [(reason, 1), ("Årsafregning", 3)]
    owing = {PERSONS[key][0] for key in ("pk-anna", "pk-bo", "pk-carl")}  # not Dora's
    assert {r["CPR-nummer"] for r in read_csv(tmp_path / "all.csv")} == owing


def test_a_cpr_number_typed_into_the_reason_is_masked_in_the_log(settings, tmp_path):
    assert main(["invoice-basis", "--with-cpr", "--reason", "Rykker for 610180-4321 og 7203855678",
                 "--output", str(tmp_path / "basis.xlsx")]) == 0
    [row] = log_rows(settings)
    assert row["purpose"] == "Rykker for 610180-XXXX og 720385-XXXX"


@pytest.mark.parametrize("reason", [None, "   "])
def test_restricted_export_refuses_without_a_reason(settings, tmp_path, capsys, reason):
    out = tmp_path / "basis.xlsx"
    argv = ["invoice-basis", "--with-cpr", "--output", str(out)] + (["--reason", reason] if reason else [])
    assert main(argv) == 2
    assert "--reason" in capsys.readouterr().err
    assert not out.exists()
    assert log_rows(settings) == []


def test_no_file_when_the_log_cannot_be_written(settings, tmp_path, capsys):
    settings.web_db.mkdir(parents=True)  # a folder where the audit store should be: writing fails
    out = tmp_path / "basis.xlsx"
    assert main(["invoice-basis", "--with-cpr", "--reason", "Kvartalsafregning", "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert "could not write the audit event" in err and not CPR_SHAPED.search(err)
    assert not out.exists()


def test_a_reason_without_with_cpr_is_refused_rather_than_silently_unlogged(settings, tmp_path, capsys):
    out = tmp_path / "basis.xlsx"
    assert main(["invoice-basis", "--reason", "Kvartalsafregning", "--output", str(out)]) == 2
    assert "--with-cpr" in capsys.readouterr().err
    assert not out.exists() and log_rows(settings) == []


def test_a_person_missing_from_the_identity_file_is_ukendt_person_not_an_error(settings, tmp_path):
    con = duckdb.connect(str(settings.identity_db))
    con.execute("delete from person_identity where person_key = 'pk-anna'")
    con.close()
    out = tmp_path / "basis.csv"
    assert main(["invoice-basis", "--municipality", "0773", "--period", "2026-Q3", "--format", "csv",
                 "--with-cpr", "--reason", "Kvartalsafregning", "--output", str(out)]) == 0
    assert {(r["CPR-nummer"], r["Navn"]) for r in read_csv(out)} == {("", "ukendt person")}


def test_the_cpr_export_needs_the_identity_file_and_never_reads_the_analysts_file_for_it(settings, tmp_path, capsys):
    settings.identity_db.unlink()
    out = tmp_path / "basis.xlsx"
    assert main(["invoice-basis", "--with-cpr", "--reason", "Kvartalsafregning", "--output", str(out)]) == 2
    assert "identity" in capsys.readouterr().err
    assert not out.exists() and log_rows(settings) == []


def test_an_existing_file_is_refused_before_anything_is_logged_and_replaced_with_overwrite(settings, tmp_path, capsys):
    out = tmp_path / "basis.xlsx"
    out.write_bytes(b"last quarter's basis")
    argv = ["invoice-basis", "--with-cpr", "--reason", "Kvartalsafregning", "--output", str(out)]
    assert main(argv) == 2
    assert "exists already" in capsys.readouterr().err
    assert out.read_bytes() == b"last quarter's basis" and log_rows(settings) == []
    assert main(argv + ["--overwrite"]) == 0
    assert load_workbook(out).sheetnames[0] == "Overblik" and len(log_rows(settings)) == 1
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_an_unknown_municipality_is_refused_listing_those_in_the_basis(settings, tmp_path, capsys):
    out = tmp_path / "basis.xlsx"
    assert main(["invoice-basis", "--municipality", "0999", "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert "unknown --municipality '0999'" in err and "0101, 0773" in err
    assert not out.exists()


def test_excel_prints_landscape_one_page_wide_with_the_header_on_every_page(settings, tmp_path):
    out = tmp_path / "basis.xlsx"
    assert main(["invoice-basis", "--output", str(out)]) == 0
    for sheet in load_workbook(out).worksheets:
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.page_setup.orientation == "landscape"
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        last_column = sheet.cell(1, sheet.max_column).column_letter
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{last_column}{sheet.max_row - 1}"
        assert all(d.width <= 62 for d in sheet.column_dimensions.values())
