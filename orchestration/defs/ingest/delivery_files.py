"""Which reader reads which file of a delivery (``shared/spec/sources.md``, the landing folder)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from sources.cases.reader import READERS as CASE_READERS
from sources.economy.reader import READERS as ECONOMY_READERS
from sources.findings import ReadReport
from sources.folkeregister.reader import read_cpr_extract


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.is_file())


def read_source(source: str, delivery_folder: Path, reports: list[ReadReport]) -> Iterator[tuple[str, pd.DataFrame]]:
    """Yield ``(raw table, batch)`` for every file of one source; one report per file is appended."""
    if source == "folkeregister":
        for path in _files(delivery_folder / "folkeregister", "*"):
            report = ReadReport(file=str(path.relative_to(delivery_folder)))
            reports.append(report)
            yield from read_cpr_extract(path, report, relative_name=report.file)
        return
    if source == "economy":
        plan = [("postings", p) for p in _files(delivery_folder / "economy", "postings*.csv")]
        plan += [("budgets", delivery_folder / "economy" / "budgets.csv")]
        readers = ECONOMY_READERS
    elif source == "cases":
        plan = [(t, delivery_folder / "cases" / f"{t}.csv") for t in ("grants", "providers", "pupils", "pensions")]
        readers = CASE_READERS
    else:
        raise ValueError(f"unknown source {source!r}")
    for table, path in plan:
        report = ReadReport(file=str(path.relative_to(delivery_folder)))
        reports.append(report)
        for batch in readers[table](path, report, relative_name=report.file):
            yield table, batch
