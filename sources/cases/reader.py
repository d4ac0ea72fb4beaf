"""Readers for the case systems' exports (``shared/spec/sources.md``, "Case systems").

Each reader yields DataFrames with exactly ``raw_table('cases', <table>).column_names``:
valid rows only, normalised for DuckDB; rejected rows and structural errors go to ``report``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from sources.danish_csv import (
    BOOL, CPR, DATE, DECIMAL, FUNCTION_CODE, HOUSE_NUMBER, MUNICIPALITY_CODE, ROAD_CODE, TEXT,
    Column, CsvFile, decimal_kind, end_before_start, enum, read_csv, required_when,
)
from sources.findings import ReadReport
from sources.raw_tables import raw_table

AREAS = ("children", "adults", "disability", "pension", "employment", "school", "elderly")
PRICE_UNITS = ("day", "month", "hour", "once")
CASE_STATUSES = ("open", "closed")
PROVIDER_TYPES = ("opholdssted", "doegninstitution", "plejefamilie", "botilbud", "ambulant",
                  "school", "other")
ENROLMENT_TYPES = ("normal", "special", "sfo")
PENSION_TYPES = ("foertidspension", "seniorpension")

GRANTS = CsvFile(
    columns=(
        Column("grant_id", TEXT, required=True),
        Column("case_id", TEXT, required=True),
        Column("cpr", CPR, required=True),
        Column("area", enum(*AREAS), required=True),
        Column("legal_basis", TEXT),
        Column("benefit_type_code", TEXT),
        Column("benefit_type_name", TEXT),
        Column("provider_id", TEXT),
        Column("function_code", FUNCTION_CODE),
        Column("start_date", DATE, required=True),
        Column("end_date", DATE),
        Column("price", DECIMAL),
        Column("price_unit", enum(*PRICE_UNITS)),
        Column("hours_per_week", decimal_kind(7)),  # DECIMAL(9,2)
        Column("acting_municipality_code", MUNICIPALITY_CODE),
        Column("paying_municipality_code", MUNICIPALITY_CODE),
        Column("placed_by_municipality_code", MUNICIPALITY_CODE),
        Column("case_status", enum(*CASE_STATUSES), required=True),
        Column("case_closed_date", DATE),
        Column("caseworker_id", TEXT),
        Column("department", TEXT),
    ),
    rules=(
        end_before_start("start_date", "end_date"),
        required_when("hours_per_week", "price_unit", "hour",
                      "hours_per_week missing for price_unit hour"),
    ),
)

PROVIDERS = CsvFile(
    columns=(
        Column("provider_id", TEXT, required=True),
        Column("name", TEXT),
        Column("provider_type", enum(*PROVIDER_TYPES), required=True),
        Column("municipality_code", MUNICIPALITY_CODE),
        Column("road_code", ROAD_CODE),
        Column("house_number", HOUSE_NUMBER),
        Column("residential", BOOL, required=True),
    ),
)

PUPILS = CsvFile(
    columns=(
        Column("cpr", CPR, required=True),
        Column("school_id", TEXT, required=True),
        Column("school_name", TEXT),
        Column("school_municipality_code", MUNICIPALITY_CODE),
        Column("enrolment_type", enum(*ENROLMENT_TYPES), required=True),
        Column("start_date", DATE, required=True),
        Column("end_date", DATE),
    ),
    rules=(end_before_start("start_date", "end_date"),),
)

PENSIONS = CsvFile(
    columns=(
        Column("cpr", CPR, required=True),
        Column("pension_type", enum(*PENSION_TYPES), required=True),
        Column("awarded_date", DATE, required=True),
        Column("awarding_municipality_code", MUNICIPALITY_CODE),
        Column("paying_municipality_code", MUNICIPALITY_CODE),
        Column("municipal_share_per_month", DECIMAL),
        Column("status", TEXT),
        Column("end_date", DATE),
    ),
    rules=(end_before_start("awarded_date", "end_date", "end date before awarded date"),),
)

FILES: dict[str, CsvFile] = {
    "grants": GRANTS, "providers": PROVIDERS, "pupils": PUPILS, "pensions": PENSIONS,
}

for _table, _spec in FILES.items():  # the declarations are the raw-table contract
    assert _spec.header + ["source_file", "source_line"] == raw_table("cases", _table).column_names


def _reader(table: str, doc: str) -> Callable[..., Iterator[pd.DataFrame]]:
    spec = FILES[table]

    def read(path: str | Path, report: ReadReport, *, relative_name: str | None = None,
             batch_rows: int = 100_000) -> Iterator[pd.DataFrame]:
        return read_csv(path, report, spec, relative_name=relative_name, batch_rows=batch_rows)

    read.__name__ = read.__qualname__ = f"read_{table}"
    read.__doc__ = doc
    return read


read_grants = _reader("grants", "``cases/grants.csv`` → ``raw_cases.grants``.")
read_providers = _reader("providers", "``cases/providers.csv`` → ``raw_cases.providers``.")
read_pupils = _reader("pupils", "``cases/pupils.csv`` → ``raw_cases.pupils``.")
read_pensions = _reader("pensions", "``cases/pensions.csv`` → ``raw_cases.pensions``.")

READERS: dict[str, Callable[..., Iterator[pd.DataFrame]]] = {
    "grants": read_grants,
    "providers": read_providers,
    "pupils": read_pupils,
    "pensions": read_pensions,
}
