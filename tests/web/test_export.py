""""Eksportér" gives the workbook of `kommunelager export`: sheets named by the Danish check names
from the served file's reference schema, municipality names beside codes, the flags' month lines on
"Måneder", and a page setup that prints one page wide with the header on every page."""

from __future__ import annotations

import io
from decimal import Decimal

import duckdb
from django.urls import reverse
from openpyxl import load_workbook


def _workbook(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_the_export_names_sheets_in_danish_and_holds_the_month_lines(login, served):
    book = _workbook(login("kontrollant").get(reverse("export"), {"check": "NOT_STOPPED"}))
    assert book.sheetnames == ["Overblik", "Ikke stoppet i egen betalingspr", "Måneder"]
    sheet = book["Ikke stoppet i egen betalingspr"]
    rows = [dict(zip([c.value for c in sheet[1]], row)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    *flags, totals = rows
    assert {r["Område"] for r in flags} == {"Børn og unge"}
    assert {(r["Bopælskommune (CPR)"], r["Bopælskommunens navn"]) for r in flags} == {("0101", "København")}
    assert totals["Kontrol"] == "I alt"
    assert Decimal(str(totals["Potentiale (kr.)"])) == sum(Decimal(str(r["Potentiale (kr.)"])) for r in flags)

    months = book["Måneder"]
    lines = [dict(zip([c.value for c in months[1]], row)) for row in months.iter_rows(min_row=2, values_only=True)
             if row[0] != "I alt"]
    con = duckdb.connect(str(served.analysts_file), read_only=True)
    try:
        n, amount = con.execute("select count(*), sum(amount_dkk) from marts.income_optimisation_flag_lines "
                                "where flag_id = ?", [served.children_flag]).fetchone()
    finally:
        con.close()
    assert len(lines) == n > 0 and {r["Flag-id"] for r in lines} == {served.children_flag}
    assert sum(Decimal(str(r["Beløb (kr.)"])) for r in lines) == amount
    for worksheet in book.worksheets:
        assert worksheet.print_title_rows == "$1:$1"
        assert worksheet.page_setup.orientation == "landscape" and worksheet.page_setup.fitToWidth == 1
