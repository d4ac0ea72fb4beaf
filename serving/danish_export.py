"""Danish spreadsheet conventions shared by the exports for controllers and the economy system.

CSV: `;`-separated, decimal comma, no thousands separator (an importer would read `1.234,56` as two
numbers or as text), dates DD.MM.YYYY, UTF-8 with BOM so Excel opens æøå correctly. Excel: bold
frozen headers with a filter, amounts as numbers shown in kr. (so controllers can sum them)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

AMOUNT_FORMAT = '#,##0.00 "kr."'
DATE_FORMAT = "DD.MM.YYYY"


def danish_amount(value) -> str:
    if value is None:
        return ""
    return f"{Decimal(value):.2f}".replace(".", ",")


def danish_date(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def write_danish_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence]) -> Path:
    """Rows must already be text in the Danish dialect (see `danish_amount`, `danish_date`)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def style_sheet(sheet, *, amount_columns: Sequence[int], widths: Sequence[int],
                date_columns: Sequence[int] = ()) -> None:
    """Columns are 1-based; the first row is the header."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for columns, number_format in ((amount_columns, AMOUNT_FORMAT), (date_columns, DATE_FORMAT)):
        for column in columns:
            for cell in sheet[get_column_letter(column)][1:]:
                cell.number_format = number_format
