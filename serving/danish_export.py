"""Danish spreadsheet conventions shared by the exports for controllers and the economy system.

CSV: `;`-separated, decimal comma, no thousands separator (an importer would read `1.234,56` as two
numbers or as text), dates DD.MM.YYYY (the web page's form), UTF-8 with BOM so Excel opens æøå
correctly, municipality codes as `="0101"` so Danish Excel keeps the leading zero (docs/decisions.md).

Excel: bold frozen headers with a filter, repeated on every printed page; landscape A4, one page
wide; long text wrapped; widths fitted to the content (bounded); amounts as numbers shown in kr.
(so controllers can sum them); dates as dates shown DD.MM.YYYY; a bold totals row under the amounts."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

# Stored in Excel's invariant form; Danish Excel shows `1.234,56 kr.` and `22.11.2026`.
AMOUNT_FORMAT = '#,##0.00 "kr."'
DATE_FORMAT = "DD.MM.YYYY"
TOTAL_LABEL = "I alt"
MIN_WIDTH, MAX_WIDTH = 8, 45
KEY_WIDTH = 16  # 64-character person keys and 32-character flag ids wrap rather than widen the page


class OutputExistsError(RuntimeError):
    """The output file is there already and the caller did not ask to overwrite it."""


def refuse_existing(path: Path, overwrite: bool) -> None:
    """Never replace a file silently: an earlier export may be the only copy of someone's work."""
    if path.exists() and not overwrite:
        raise OutputExistsError(f"{path} exists already; nothing was written "
                                "(give --overwrite to replace it, or --output another file)")


def danish_amount(value) -> str:
    if value is None:
        return ""
    return f"{Decimal(value):.2f}".replace(".", ",")


def danish_date(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def csv_code(value) -> str:
    """A code with leading zeros (municipality 0101) as a text formula: Danish Excel opening the
    CSV would otherwise read it as the number 101. Empty stays empty."""
    return "" if value is None or value == "" else f'="{value}"'


def write_danish_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence]) -> Path:
    """Rows must already be text in the Danish dialect (see `danish_amount`, `danish_date`)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name: Excel refuses []:*?/\\, more than 31 characters and two names
    differing in case only. `taken` holds the lower-cased names used so far and is updated."""
    base = re.sub(r"[\[\]:*?/\\]", "-", text).strip().strip("'") or "Ark"
    title, n = base[:31].rstrip(), 1
    while title.lower() in taken:
        n += 1
        suffix = f" ({n})"
        title = base[:31 - len(suffix)].rstrip() + suffix
    taken.add(title.lower())
    return title


def _display_length(value, number_format: str | None) -> int:
    if value is None:
        return 0
    if isinstance(value, (dt.date, dt.datetime)):
        return 10
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        text = f"{value:,.2f}" if number_format == AMOUNT_FORMAT else str(value)
        return len(text) + (4 if number_format == AMOUNT_FORMAT else 0)
    return max(len(line) for line in str(value).splitlines() or [""])


def add_totals_row(sheet, *, amount_columns: Sequence[int], label_column: int = 1) -> int | None:
    """A bold "I alt" row under the data with the sum of each amount column (computed, so every
    reader sees the figure, not only a spreadsheet program that recalculates). Returns its row."""
    from openpyxl.styles import Font

    if not amount_columns:
        return None
    last = sheet.max_row
    row = last + 1
    sheet.cell(row=row, column=label_column, value=TOTAL_LABEL)
    for column in amount_columns:
        total = sum((Decimal(str(sheet.cell(row=r, column=column).value))
                     for r in range(2, last + 1)
                     if isinstance(sheet.cell(row=r, column=column).value, (int, float))), Decimal(0))
        sheet.cell(row=row, column=column, value=float(total))
    for cell in sheet[row]:
        cell.font = Font(bold=True)
    return row


def style_sheet(sheet, *, amount_columns: Sequence[int] = (), date_columns: Sequence[int] = (),
                wrap_columns: Sequence[int] = (), key_columns: Sequence[int] = (), totals: bool = False) -> None:
    """Columns are 1-based; the first row is the header, every other row is data; with `totals` a
    bold totals row goes under the amount columns. Long text (`wrap_columns`) wraps in columns up to
    MAX_WIDTH wide, identifiers (`key_columns`) in columns up to KEY_WIDTH. Lines after it (an "Opgjort pr.") are the
    caller's, appended after this call (`append_dated_line`)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    last_data = sheet.max_row
    n_columns = sheet.max_column
    header_alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = header_alignment
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(n_columns)}{last_data}"

    formats = {**{c: AMOUNT_FORMAT for c in amount_columns}, **{c: DATE_FORMAT for c in date_columns}}
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for row in sheet.iter_rows(min_row=2, max_row=last_data):
        for cell in row:
            if cell.column in formats and cell.value is not None:
                cell.number_format = formats[cell.column]
            cell.alignment = wrap if cell.column in wrap_columns or cell.column in key_columns else top
    if totals:
        add_totals_row(sheet, amount_columns=amount_columns)
        for column in amount_columns:
            sheet.cell(row=sheet.max_row, column=column).number_format = AMOUNT_FORMAT

    for column in range(1, n_columns + 1):
        letter = get_column_letter(column)
        header = str(sheet.cell(row=1, column=column).value or "")
        longest_word = max((len(w) for w in header.split()), default=0)
        content = max((_display_length(cell.value, cell.number_format)
                       for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column)), default=0)
        # Headers wrap: only their longest word counts (fit to one page wide, every unit counts).
        width = max(MIN_WIDTH, longest_word,
                    min(content, KEY_WIDTH if column in key_columns else MAX_WIDTH))
        sheet.column_dimensions[letter].width = min(width, MAX_WIDTH) + 2

    # Printing: header on every page, landscape A4, as wide as one page and as long as it takes.
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.gridLines = True


def append_dated_line(sheet, label: str, day: dt.date | None) -> None:
    """A line under a table such as "Opgjort pr. 22.11.2026" (after an empty line), the date a date."""
    if day is None:
        return
    sheet.append([])
    sheet.append([label, day])
    sheet.cell(row=sheet.max_row, column=2).number_format = DATE_FORMAT
