"""Whole-array string operations over numpy object arrays, for the column kinds.

A batch has up to 100k values per column; one regex pass over the joined values is what keeps
validation off a Python call per field.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd


@lru_cache(maxsize=None)
def _non_matching_lines(pattern: str) -> re.Pattern:
    # In a '\n'-joined string, matches every line that is NOT a full match of `pattern`.
    return re.compile(rf"^(?!(?:{pattern})$).*$", re.MULTILINE | re.ASCII)


def fullmatch_mask(values: np.ndarray, pattern: str) -> np.ndarray:
    """Vectorised ``re.fullmatch(pattern, v)`` over an object array of strings (ASCII classes).

    One regex pass over the values joined by line breaks finds the lines that do not match;
    values that themselves hold a line break fall back to a per-value comprehension.
    """
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=bool)
    joined = "\n".join(values)
    if joined.count("\n") != n - 1:
        rx = re.compile(pattern, re.ASCII)
        return np.fromiter((rx.fullmatch(v) is not None for v in values), dtype=bool, count=n)
    ok = np.ones(n, dtype=bool)
    starts = [m.start() for m in _non_matching_lines(pattern).finditer(joined)]
    if starts:
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=n) + 1
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        ok[np.searchsorted(offsets, starts)] = False
    return ok


def replace_in_all(values: np.ndarray, old: str, new: str) -> np.ndarray:
    """Vectorised ``str.replace``; only for values without line breaks (checked values)."""
    joined = "\n".join(values)
    if old not in joined:
        return values
    out = np.empty(len(values), dtype=object)
    out[:] = joined.replace(old, new).split("\n")
    return out


def isin_mask(values: np.ndarray, allowed: frozenset[str]) -> np.ndarray:
    return pd.Series(values, dtype=object).isin(allowed).to_numpy(dtype=bool)
