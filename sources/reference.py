"""Reference data the readers need, read from the project's own dbt seeds (never ../shared)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "dbt_project" / "seeds"


def _codes(seed: str) -> set[str]:
    with open(SEEDS_DIR / seed, encoding="utf-8", newline="") as f:
        return {row["municipality_code"] for row in csv.DictReader(f)}


@cache
def municipality_codes() -> frozenset[str]:
    """The 98 municipalities."""
    return frozenset(_codes("municipalities.csv"))


@cache
def valid_current_municipality_codes() -> frozenset[str]:
    """What a *current* CPR or case field may carry: the 98 plus CPR's special codes
    (administrative 0010-0019, Greenland, 0411 Christiansø)."""
    return frozenset(_codes("municipalities.csv") | _codes("cpr_special_municipality_codes.csv"))
