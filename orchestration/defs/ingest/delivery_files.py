"""Which reader reads which file of a delivery (``shared/spec/sources.md``, the landing folder)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from sources.cases.reader import FILES as CASE_FILES, READERS as CASE_READERS
from sources.danish_csv.duckdb_load import load_with_duckdb
from sources.economy.reader import FILES as ECONOMY_FILES, READERS as ECONOMY_READERS
from sources.findings import ReadReport
from sources.folkeregister.duckdb_load import load_cpr_with_duckdb
from sources.folkeregister.reader import read_cpr_extract
from sources.raw_tables import raw_table
from sources.reference import valid_current_municipality_codes


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.is_file())


def read_source(source: str, delivery_folder: Path, reports: list[ReadReport],
                con=None) -> Iterator[tuple[str, pd.DataFrame | int]]:
    """Yield ``(raw table, batch)`` for every file of one source; one report per file is appended.

    With ``con``, a file DuckDB can load exactly (``sources/danish_csv/duckdb_load.py``,
    ``sources/folkeregister/duckdb_load.py``) is loaded into its raw tables there and yields
    ``(raw table, rows loaded)`` instead of batches;
    any other file (or one with a bad row) is read by the Python reader, which reports it."""
    if source == "folkeregister":
        for path in _files(delivery_folder / "folkeregister", "*"):
            report = ReadReport(file=str(path.relative_to(delivery_folder)))
            reports.append(report)
            if con is not None:
                loaded = load_cpr_with_duckdb(con, path, report, report.file,
                                              valid_current_municipality_codes())
                if loaded is not None:
                    yield from loaded.items()
                    continue
            yield from read_cpr_extract(path, report, relative_name=report.file)
        return
    if source == "economy":
        plan = [("postings", p) for p in _files(delivery_folder / "economy", "postings*.csv")]
        plan += [("budgets", delivery_folder / "economy" / "budgets.csv")]
        readers, specs = ECONOMY_READERS, ECONOMY_FILES
    elif source == "cases":
        plan = [(t, delivery_folder / "cases" / f"{t}.csv") for t in ("grants", "providers", "pupils", "pensions")]
        readers, specs = CASE_READERS, CASE_FILES
    else:
        raise ValueError(f"unknown source {source!r}")
    for table, path in plan:
        report = ReadReport(file=str(path.relative_to(delivery_folder)))
        reports.append(report)
        if con is not None:
            loaded = load_with_duckdb(con, path, report, specs[table],
                                      raw_table(source, table).qualified_name, report.file)
            if loaded is not None:
                yield table, loaded
                continue
        for batch in readers[table](path, report, relative_name=report.file):
            yield table, batch
