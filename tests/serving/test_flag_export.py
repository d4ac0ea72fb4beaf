"""The controllers' export: Danish headers, names and dialect, amounts as numbers with totals, a
sheet per check named in Danish, the month lines, and a workbook that prints on few pages."""

import csv
import datetime as dt
from decimal import Decimal

import duckdb
import pytest
from openpyxl import load_workbook

from orchestration.cli import main
from serving.danish_export import AMOUNT_FORMAT, DATE_FORMAT, KEY_WIDTH, MAX_WIDTH, sheet_title
from serving.flag_export import (COLUMNS, LINE_COLUMNS, FlagExportError, fetch_export, fetch_flags, write_csv,
                                 write_excel)

FLAGS = [
    # check, priority, area, potential, lost, evidence
    ("NOT_STOPPED", "red", "adults", "1560000.00", "0.00",
     "Udbetalt efter flytning til almindelig bolig i Høje-Taastrup. " * 4),
    ("NOT_STOPPED", "red", "children", "12345.67", "890.10", "Udbetalt efter ophør"),
    ("MISSING_CHARGE", "red", "adults", "504000.00", "126000.00", "Ingen opkrævning hos 0773"),
    ("PAYMUN_MISMATCH", "blue", "disability", "0.00", "0.00", "Betalingskommune 0773"),
]
CHECK_NAMES = {"NOT_STOPPED": "Ikke stoppet i egen betalingsproces",
               "MISSING_CHARGE": "Manglende opkrævning hos anden kommune",
               "PAYMUN_MISMATCH": "Betalingskommune ≠ bopælskommune",
               "CENTRAL_REFUSION": "Manglende statsrefusion for dyre enkeltsager"}
SHEETS = {"MISSING_CHARGE": "Manglende opkrævning hos anden",  # Excel's 31 characters, no trailing space
          "NOT_STOPPED": "Ikke stoppet i egen betalingspr", "PAYMUN_MISMATCH": "Betalingskommune ≠ bopælskommun"}
KEY_TAIL = "0123456789abcdef" * 4  # person keys are 64-character HMACs


def person_key(i: int) -> str:
    return f"k{i}{KEY_TAIL}"


AREA_NAMES = {"adults": "Voksne", "children": "Børn og unge", "disability": "Handicap", "elderly": "Ældre"}


def write_warehouse(path):
    con = duckdb.connect(str(path))
    for schema in ("marts", "reference"):
        con.execute(f"create schema {schema}")
    con.execute("create table reference.income_optimisation_checks (check_code varchar, name_da varchar)")
    con.executemany("insert into reference.income_optimisation_checks values (?, ?)", list(CHECK_NAMES.items()))
    con.execute("create table reference.areas (area varchar, name_da varchar)")
    con.executemany("insert into reference.areas values (?, ?)", list(AREA_NAMES.items()))
    con.execute("create table reference.municipalities (municipality_code varchar, name varchar)")
    con.execute("insert into reference.municipalities values ('0773', 'Høje-Taastrup'), ('0851', 'Aalborg')")
    con.execute("""create table marts.income_optimisation_flags (
        flag_id varchar, check_code varchar, area varchar, priority varchar, person_key varchar,
        case_id varchar, grant_id varchar, our_municipality_code varchar,
        registered_municipality_code varchar, counterparty_municipality_code varchar,
        period_start date, period_end date, potential_amount_dkk decimal(18,2),
        lost_amount_dkk decimal(18,2), evidence varchar, first_seen_date date, last_seen_date date,
        as_of date)""")
    for i, (check, priority, area, potential, lost, evidence) in enumerate(FLAGS):
        con.execute("insert into marts.income_optimisation_flags values (?, ?, ?, ?, ?, ?, ?, '0851', '0773', "
                    "'0773', date '2025-09-01', date '2026-10-31', ?, ?, ?, date '2026-11-20', date '2026-11-22', "
                    "date '2026-11-22')",
                    [f"f{i}", check, area, priority, person_key(i), f"c{i}", f"g{i}", potential, lost, evidence])
    # Month lines that sum to each flag's amounts: lost lines first, then potential, then one forward line.
    con.execute("""create table marts.income_optimisation_flag_lines as
        with per_flag as (
            select flag_id, check_code, grant_id, potential_amount_dkk as potential, lost_amount_dkk as lost
            from marts.income_optimisation_flags)
        select flag_id, check_code, date '2023-01-01' as month, 'lost' as "window", grant_id,
               lost as expense_dkk, 0::decimal(18,2) as covered_dkk, lost as amount_dkk from per_flag
        union all
        select flag_id, check_code, m::date, 'potential', grant_id, 100.00, 0.00, 100.00
        from per_flag, range(date '2026-01-01', date '2026-04-01', interval 1 month) t(m)
        union all
        select flag_id, check_code, date '2026-12-01', 'forward', grant_id, potential - 300, 0.00, potential - 300
        from per_flag""")
    con.close()
    return path


@pytest.fixture
def warehouse(tmp_path):
    return write_warehouse(tmp_path / "served.duckdb")


@pytest.fixture
def settings(installation):
    installation.published_db.parent.mkdir(parents=True)
    write_warehouse(installation.published_db)
    return installation


def warehouse_lines(path, flag_ids):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select count(*), sum(amount_dkk), sum(expense_dkk) "
                           "from marts.income_optimisation_flag_lines where list_contains(?, flag_id)",
                           [sorted(flag_ids)]).fetchone()
    finally:
        con.close()


def excel(warehouse, path, **filters):
    flags, reference, lines = fetch_export(warehouse, **filters)
    return load_workbook(write_excel(flags, path, as_of=dt.date(2026, 11, 22), reference=reference,
                                     month_lines=lines))


def data_rows(sheet):
    """The rows under the header, without the totals row."""
    return [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] != "I alt"]


def test_filters_by_check_area_and_priority(warehouse):
    assert len(fetch_flags(warehouse)) == 4
    assert {f["flag_id"] for f in fetch_flags(warehouse, check="NOT_STOPPED")} == {"f0", "f1"}
    assert [f["flag_id"] for f in fetch_flags(warehouse, check="NOT_STOPPED", area="children")] == ["f1"]
    assert [f["flag_id"] for f in fetch_flags(warehouse, priority="blue")] == ["f3"]
    assert len(fetch_flags(warehouse, municipality="0773")) == 4
    assert fetch_flags(warehouse, municipality="0851") == []  # a municipality, with no flags


def test_a_code_that_is_no_municipality_is_refused(warehouse):
    with pytest.raises(FlagExportError, match=r"unknown --municipality '0999'.*with flags: 0773"):
        fetch_flags(warehouse, municipality="0999")


def test_filters_match_codes_and_danish_names_in_any_case(warehouse):
    assert {f["flag_id"] for f in fetch_flags(warehouse, check="not_stopped")} == {"f0", "f1"}
    assert [f["flag_id"] for f in fetch_flags(warehouse, area="Børn OG unge")] == ["f1"]
    assert [f["flag_id"] for f in fetch_flags(warehouse, area="CHILDREN")] == ["f1"]


@pytest.mark.parametrize("option, value, listed", [
    ("check", "NOT_STOPED", "NOT_STOPPED (Ikke stoppet i egen betalingsproces)"),
    ("area", "voksen", "adults (Voksne)")])
def test_an_unknown_check_or_area_is_refused_listing_the_valid_values(warehouse, option, value, listed):
    with pytest.raises(FlagExportError) as error:
        fetch_flags(warehouse, **{option: value})
    assert f"--{option} {value!r}" in str(error.value) and listed in str(error.value)


def test_csv_is_danish_dialect_with_danish_headers_and_names(warehouse, tmp_path):
    flags, reference, _ = fetch_export(warehouse, check="NOT_STOPPED")
    out = write_csv(flags, tmp_path / "flags.csv", reference)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads æøå right
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == [header for _, header, _ in COLUMNS]
    by_id = {r[-1]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert by_id["f1"]["Potentiale (kr.)"] == "12345,67"
    assert by_id["f1"]["Forældet (kr.)"] == "890,10"
    assert by_id["f0"]["Periode fra"] == "01.09.2025"
    assert by_id["f0"]["Prioritet"] == "rød"
    assert by_id["f0"]["Område"] == "Voksne" and by_id["f1"]["Område"] == "Børn og unge"
    assert "Høje-Taastrup" in by_id["f0"]["Begrundelse"]


def test_csv_municipality_codes_are_text_formulas_that_keep_the_leading_zero(warehouse, tmp_path):
    flags, reference, _ = fetch_export(warehouse, check="MISSING_CHARGE")
    raw = write_csv(flags, tmp_path / "flags.csv", reference).read_text(encoding="utf-8-sig")
    assert ';"=""0773""";Høje-Taastrup;' in raw  # as written: quoted, so the ; and " survive
    header, *rows = csv.reader(raw.splitlines(), delimiter=";")
    [row] = [dict(zip(header, r)) for r in rows]
    assert row["Bopælskommune (CPR)"] == '="0773"' and row["Modpartskommune"] == '="0773"'
    assert row["Modpartskommunens navn"] == "Høje-Taastrup"


def test_excel_sheets_are_named_by_the_danish_check_names(warehouse, tmp_path):
    book = excel(warehouse, tmp_path / "flags.xlsx")
    assert book.sheetnames == ["Overblik", SHEETS["MISSING_CHARGE"], SHEETS["NOT_STOPPED"],
                               SHEETS["PAYMUN_MISMATCH"], "Måneder"]
    overview = {row[0]: row for row in book["Overblik"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert overview["NOT_STOPPED"][1:4] == (CHECK_NAMES["NOT_STOPPED"], SHEETS["NOT_STOPPED"], 2)
    assert Decimal(str(overview["NOT_STOPPED"][4])) == Decimal("1572345.67")
    assert "I alt" not in overview  # amounts are never added across checks
    assert book["Overblik"].cell(row=book["Overblik"].max_row, column=2).number_format == DATE_FORMAT


def test_sheet_titles_are_valid_and_unique_after_truncation():
    taken = {"overblik"}
    first = sheet_title("Manglende statsrefusion for dyre enkeltsager", taken)
    second = sheet_title("Manglende statsrefusion for dyre enkeltsager, børn", taken)
    assert first == "Manglende statsrefusion for dyr" and len(second) <= 31 and second.endswith("(2)")
    assert sheet_title("OVERBLIK", taken) == "OVERBLIK (2)"  # Excel compares names without case
    assert sheet_title("a/b: c?", taken) == "a-b- c-"


def test_excel_check_sheet_has_names_numbers_dates_and_a_bold_totals_row(warehouse, tmp_path):
    sheet = excel(warehouse, tmp_path / "flags.xlsx")[SHEETS["NOT_STOPPED"]]
    headers = [c.value for c in sheet[1]]
    assert headers == [header for _, header, _ in COLUMNS]
    rows = [dict(zip(headers, row)) for row in data_rows(sheet)]
    assert {(r["Område"], r["Bopælskommune (CPR)"], r["Bopælskommunens navn"], r["Modpartskommunens navn"])
            for r in rows} == {("Voksne", "0773", "Høje-Taastrup", "Høje-Taastrup"),
                               ("Børn og unge", "0773", "Høje-Taastrup", "Høje-Taastrup")}
    potential = headers.index("Potentiale (kr.)") + 1
    assert sorted(r["Potentiale (kr.)"] for r in rows) == [12345.67, 1560000.0]
    for row in range(2, sheet.max_row + 1):
        assert sheet.cell(row=row, column=potential).number_format == AMOUNT_FORMAT
        for header in ("Periode fra", "Periode til", "Først set", "Sidst set"):
            cell = sheet.cell(row=row, column=headers.index(header) + 1)
            assert cell.value is None or (isinstance(cell.value, dt.datetime) and cell.number_format == DATE_FORMAT)
    totals = sheet[sheet.max_row]
    assert totals[0].value == "I alt" and all(c.font.b for c in totals)
    assert Decimal(str(totals[potential - 1].value)) == Decimal("1572345.67")
    assert Decimal(str(totals[headers.index("Forældet (kr.)")].value)) == Decimal("890.10")
    assert totals[potential - 1].number_format == AMOUNT_FORMAT
    assert sheet.auto_filter.ref == f"A1:R{sheet.max_row - 1}"  # the filter leaves the totals row out


def test_excel_prints_landscape_one_page_wide_with_the_header_on_every_page(warehouse, tmp_path):
    book = excel(warehouse, tmp_path / "flags.xlsx")
    for sheet in book.worksheets:
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert sheet.page_setup.orientation == "landscape"
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
        assert all(dimension.width <= MAX_WIDTH + 2 for dimension in sheet.column_dimensions.values())
    sheet = book[SHEETS["NOT_STOPPED"]]
    evidence = [c.value for c in sheet[1]].index("Begrundelse") + 1
    assert sheet.cell(row=2, column=evidence).alignment.wrap_text  # the long text wraps ...
    assert sheet.column_dimensions["O"].width == MAX_WIDTH + 2  # ... in a bounded column
    assert sheet.column_dimensions["A"].width < 20  # and a short column stays narrow
    key = [c.value for c in sheet[1]].index("Personnøgle") + 1
    assert sheet.cell(row=2, column=key).alignment.wrap_text  # 64-character keys wrap ...
    assert sheet.column_dimensions["D"].width == KEY_WIDTH + 2  # ... rather than widen the page


def test_maaneder_holds_the_month_lines_of_the_exported_flags(warehouse, tmp_path):
    book = excel(warehouse, tmp_path / "flags.xlsx")
    months = book["Måneder"]
    headers = [c.value for c in months[1]]
    assert headers == [header for _, header, _ in LINE_COLUMNS]
    rows = [dict(zip(headers, row)) for row in data_rows(months)]
    n, amount, expense = warehouse_lines(warehouse, ["f0", "f1", "f2", "f3"])
    assert len(rows) == n == 20
    assert sum(Decimal(str(r["Beløb (kr.)"])) for r in rows) == amount
    assert sum(Decimal(str(r["Udgift (kr.)"])) for r in rows) == expense
    assert {r["Vindue"] for r in rows} == {"potentiale", "forældet", "fremadrettet"}
    assert months.cell(row=2, column=headers.index("Måned") + 1).number_format == DATE_FORMAT
    assert isinstance(months.cell(row=2, column=headers.index("Måned") + 1).value, dt.datetime)
    # Per flag, the lines sum to the flag's amounts (potential + forward, and lost).
    f1 = [r for r in rows if r["Flag-id"] == "f1"]
    assert sum(Decimal(str(r["Beløb (kr.)"])) for r in f1 if r["Vindue"] != "forældet") == Decimal("12345.67")
    assert {r["Personnøgle"] for r in f1} == {person_key(1)}


def test_maaneder_of_one_check_has_a_totals_row_matching_the_warehouse(warehouse, tmp_path):
    months = excel(warehouse, tmp_path / "flags.xlsx", check="NOT_STOPPED")["Måneder"]
    n, amount, _ = warehouse_lines(warehouse, ["f0", "f1"])
    assert len(data_rows(months)) == n
    totals = months[months.max_row]
    assert totals[0].value == "I alt" and totals[0].font.b
    assert Decimal(str(totals[8].value)) == amount


def export(*args):
    return main(["export", *args])


def test_cli_export_writes_the_workbook_with_the_month_lines(settings, tmp_path, capsys):
    out = tmp_path / "flags.xlsx"
    assert export("--check", "not_stopped", "--area", "Voksne", "--output", str(out)) == 0
    assert "1 flags written" in capsys.readouterr().out
    book = load_workbook(out)
    assert book.sheetnames == ["Overblik", SHEETS["NOT_STOPPED"], "Måneder"]
    assert len(data_rows(book["Måneder"])) == warehouse_lines(settings.published_db, ["f0"])[0]


@pytest.mark.parametrize("option, value", [("--check", "NOPE"), ("--area", "moon")])
def test_cli_export_refuses_unknown_values_and_writes_nothing(settings, tmp_path, capsys, option, value):
    out = tmp_path / "flags.xlsx"
    assert export(option, value, "--output", str(out)) == 2
    err = capsys.readouterr().err
    assert f"unknown {option} {value!r}" in err and "valid values:" in err
    assert ("NOT_STOPPED" if option == "--check" else "adults (Voksne)") in err
    assert not out.exists()


def test_cli_export_masks_a_cpr_number_typed_as_a_filter(settings, tmp_path, capsys):
    assert export("--area", "6101804321", "--output", str(tmp_path / "flags.xlsx")) == 2
    err = capsys.readouterr().err
    assert "610180-XXXX" in err and "6101804321" not in err


@pytest.mark.parametrize("command", ["export", "invoice-basis"])
def test_cli_never_overwrites_an_existing_file_without_overwrite(settings, tmp_path, capsys, command):
    out = tmp_path / "earlier.csv"
    out.write_text("someone's work", encoding="utf-8")
    assert main([command, "--format", "csv", "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert "exists already" in err and "--overwrite" in err
    assert out.read_text(encoding="utf-8") == "someone's work"
    if command == "invoice-basis":
        return  # the invoice basis's replacement is tested in test_invoice_export
    assert main([command, "--format", "csv", "--output", str(out), "--overwrite"]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("Kontrol;")


def test_cli_default_output_is_not_overwritten_either(settings, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert export() == 0
    first = (tmp_path / "flag_list.xlsx").read_bytes()
    assert export() == 2 and "flag_list.xlsx exists already" in capsys.readouterr().err
    assert (tmp_path / "flag_list.xlsx").read_bytes() == first


def test_export_and_invoice_basis_spell_their_shared_options_alike():
    from orchestration.cli import build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    options = {name: {o for a in subparsers[name]._actions for o in a.option_strings}
               for name in ("export", "invoice-basis")}
    shared = {"--municipality", "--format", "--output", "--overwrite"}
    assert shared <= options["export"] and shared <= options["invoice-basis"]
    assert "--out" not in options["export"]
