"""Declaring a CSV file: its columns in header order and the rules across its columns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from sources.danish_csv.kinds import TEXT, Kind


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = TEXT
    required: bool = False


@dataclass(frozen=True)
class RowRule:
    """A rule across columns, evaluated on the normalised values of rows whose own fields are
    valid. ``bad`` gets ``{column: normalised object array}`` and returns a bool array, judging
    each row on its own from the columns in ``reads`` (so the CSV fast path can run it on the
    distinct combinations of those columns)."""

    field: str
    reason: str
    bad: Callable[[dict[str, np.ndarray]], np.ndarray]
    reads: tuple[str, ...]


def end_before_start(start: str, end: str, reason: str = "end date before start date") -> RowRule:
    """Both dates present and end < start."""

    def bad(cols: dict[str, np.ndarray]) -> np.ndarray:
        s, e = cols[start], cols[end]
        both = (s != None) & (e != None)  # noqa: E711 (elementwise)
        out = np.zeros(len(s), dtype=bool)
        if both.any():
            # Normalised dates are ISO strings, which order like the dates they name.
            out[both] = e[both] < s[both]
        return out

    return RowRule(end, f"{reason} ({end} before {start})", bad, reads=(start, end))


def required_when(column: str, other: str, value: object, reason: str) -> RowRule:
    """``column`` must be present when ``other`` equals ``value``."""

    def bad(cols: dict[str, np.ndarray]) -> np.ndarray:
        return (cols[other] == value) & (cols[column] == None)  # noqa: E711

    return RowRule(column, reason, bad, reads=(column, other))


@dataclass(frozen=True)
class CsvFile:
    """A declared CSV file: its columns (header, in order) and the rules across columns."""

    columns: tuple[Column, ...]
    rules: tuple[RowRule, ...] = field(default=())

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]
