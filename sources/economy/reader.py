"""Readers for the economy system's exports (``shared/spec/sources.md``, "Economy").

Each reader yields DataFrames with exactly ``raw_table('economy', <table>).column_names``:
valid rows only, normalised for DuckDB; rejected rows and structural errors go to ``report``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from sources.danish_csv import (
    CPR, DATE, DECIMAL, FUNCTION_CODE, INT, MUNICIPALITY_CODE, TEXT, Column, CsvFile,
    end_before_start, read_csv,
)
from sources.findings import ReadReport
from sources.raw_tables import raw_table

POSTINGS = CsvFile(
    columns=(
        Column("posting_id", TEXT, required=True),
        Column("posting_date", DATE, required=True),
        Column("fiscal_year", INT, required=True),
        Column("function_code", FUNCTION_CODE, required=True),
        Column("dranst", INT, required=True),
        Column("grouping", TEXT),
        Column("art", TEXT, required=True),
        Column("cost_center", TEXT),
        Column("amount", DECIMAL, required=True),
        Column("cpr", CPR),
        Column("case_ref", TEXT),
        Column("counterparty_municipality_code", MUNICIPALITY_CODE),
        Column("service_period_start", DATE),
        Column("service_period_end", DATE),
        Column("text", TEXT),
    ),
    rules=(end_before_start("service_period_start", "service_period_end",
                            "service period ends before it starts"),),
)

BUDGETS = CsvFile(
    columns=(
        Column("fiscal_year", INT, required=True),
        Column("function_code", FUNCTION_CODE, required=True),
        Column("corrected_budget", DECIMAL, required=True),
    ),
)

FILES: dict[str, CsvFile] = {"postings": POSTINGS, "budgets": BUDGETS}

for _table, _spec in FILES.items():  # the declarations are the raw-table contract
    assert _spec.header + ["source_file", "source_line"] == raw_table(
        "economy", _table).column_names


def read_postings(path: str | Path, report: ReadReport, *, relative_name: str | None = None,
                  batch_rows: int = 100_000) -> Iterator[pd.DataFrame]:
    """``economy/postings*.csv`` → ``raw_economy.postings``."""
    return read_csv(path, report, POSTINGS, relative_name=relative_name, batch_rows=batch_rows)


def read_budgets(path: str | Path, report: ReadReport, *, relative_name: str | None = None,
                 batch_rows: int = 100_000) -> Iterator[pd.DataFrame]:
    """``economy/budgets.csv`` → ``raw_economy.budgets``."""
    return read_csv(path, report, BUDGETS, relative_name=relative_name, batch_rows=batch_rows)


READERS: dict[str, Callable[..., Iterator[pd.DataFrame]]] = {
    "postings": read_postings,
    "budgets": read_budgets,
}
