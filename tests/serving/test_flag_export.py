"""The controllers' export: Danish headers and dialect, amounts as numbers, a sheet per check."""

import csv
import datetime as dt
from decimal import Decimal

import duckdb
import pytest
from openpyxl import load_workbook

from serving.flag_export import COLUMNS, fetch_flags, write_csv, write_excel

FLAGS = [
    # check, priority, area, potential, lost, evidence
    ("NOT_STOPPED", "red", "adults", "1560000.00", "0.00", "Udbetalt efter flytning til almindelig bolig i Høje-Taastrup"),
    ("NOT_STOPPED", "red", "children", "12345.67", "890.10", "Udbetalt efter ophør"),
    ("MISSING_CHARGE", "red", "adults", "504000.00", "126000.00", "Ingen opkrævning hos 0773"),
    ("PAYMUN_MISMATCH", "blue", "disability", "0.00", "0.00", "Betalingskommune 0773"),
]


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "served.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
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
                    [f"f{i}", check, area, priority, f"k{i}", f"c{i}", f"g{i}", potential, lost, evidence])
    con.close()
    return path


def test_filters_by_check_area_and_priority(warehouse):
    assert len(fetch_flags(warehouse)) == 4
    assert {f["flag_id"] for f in fetch_flags(warehouse, check="NOT_STOPPED")} == {"f0", "f1"}
    assert [f["flag_id"] for f in fetch_flags(warehouse, check="NOT_STOPPED", area="children")] == ["f1"]
    assert [f["flag_id"] for f in fetch_flags(warehouse, priority="blue")] == ["f3"]


def test_csv_is_danish_dialect_with_danish_headers(warehouse, tmp_path):
    out = write_csv(fetch_flags(warehouse, check="NOT_STOPPED"), tmp_path / "flags.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads æøå right
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == [header for _, header, _ in COLUMNS]
    by_id = {r[-1]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert by_id["f1"]["Potentiale (kr.)"] == "12345,67"
    assert by_id["f1"]["Forældet (kr.)"] == "890,10"
    assert by_id["f0"]["Periode fra"] == "01.09.2025"
    assert by_id["f0"]["Prioritet"] == "rød"
    assert "Høje-Taastrup" in by_id["f0"]["Begrundelse"]


def test_excel_has_overview_and_one_sheet_per_check_with_numeric_amounts(warehouse, tmp_path):
    out = write_excel(fetch_flags(warehouse), tmp_path / "flags.xlsx", as_of=dt.date(2026, 11, 22))
    book = load_workbook(out)
    assert book.sheetnames == ["Overblik", "MISSING_CHARGE", "NOT_STOPPED", "PAYMUN_MISMATCH"]
    overview = {row[0]: row for row in book["Overblik"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert overview["NOT_STOPPED"][1] == "Ikke stoppet i egen betalingsproces"
    assert overview["NOT_STOPPED"][2] == 2
    assert Decimal(str(overview["NOT_STOPPED"][3])) == Decimal("1572345.67")
    sheet = book["NOT_STOPPED"]
    headers = [c.value for c in sheet[1]]
    assert headers[10] == "Potentiale (kr.)"
    amounts = sorted(row[10] for row in sheet.iter_rows(min_row=2, values_only=True))
    assert amounts == [12345.67, 1560000.0]
    assert isinstance(sheet.cell(row=2, column=11).value, (int, float))  # a number, not text
    assert "kr." in sheet.cell(row=2, column=11).number_format
