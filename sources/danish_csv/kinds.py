"""Column kinds: how one column of the dialect is validated and normalised for DuckDB.

Normalised values are what DuckDB casts directly: dates ``YYYY-MM-DD``, decimals with ``.``,
bools as Python bools. Values are not stripped: whitespace is not part of the dialect, so
``' 2025'`` is not an integer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sources.danish_csv.vectorised import fullmatch_mask, isin_mask, replace_in_all
from sources.folkeregister.addresses import normalise_house_number
from sources.masking import mask_cpr
from sources.reference import valid_current_municipality_codes


def _quoted(value: str) -> str:
    # Reasons end up in findings and logs: a runaway free-text value must not flood them.
    return repr(value if len(value) <= 40 else value[:40] + "…")


@dataclass(frozen=True)
class Kind:
    """How one column is validated and normalised.

    ``check`` gets a numpy object array of *distinct, non-empty* strings of a batch and returns
    ``(ok, normalised)`` as numpy arrays of the same length; it must be vectorised (whole-array
    regex, numpy, pandas), never a Python call per value. ``reason`` words the error for one
    rejected value (called only for rejected rows). ``check=None`` means free text.
    """

    name: str
    check: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None
    reason: Callable[[str], str] = lambda v: f"invalid value {_quoted(v)}"
    # Check the distinct values only (codes, dates, CPR numbers repeat a lot); False for
    # mostly-unique columns (amounts), where finding the distinct values costs more than it saves.
    distinct: bool = True


def _regex_kind(name: str, pattern: str, reason: Callable[[str], str],
                normalise: Callable[[np.ndarray], np.ndarray] | None = None,
                distinct: bool = True) -> Kind:
    def check(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        ok = fullmatch_mask(values, pattern)
        if normalise is None:
            return ok, values
        norm = values.copy()
        if ok.any():
            norm[ok] = normalise(values[ok])
        return ok, norm

    return Kind(name, check, reason, distinct)


TEXT = Kind("text", None)


def _check_dates(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ok = fullmatch_mask(values, r"\d{2}\.\d{2}\.\d{4}")
    iso = np.full(len(values), None, dtype=object)
    if ok.any():
        s = pd.Series(values[ok], dtype=object)
        # The pattern lets 31.02 through; the calendar does not (NaT).
        parsed = pd.to_datetime(s, format="%d.%m.%Y", errors="coerce")
        real = parsed.notna().to_numpy()
        iso[np.flatnonzero(ok)] = (s.str.slice(6, 10) + "-" + s.str.slice(3, 5) + "-"
                                   + s.str.slice(0, 2)).to_numpy(dtype=object)
        ok[np.flatnonzero(ok)[~real]] = False
    return ok, iso


DATE = Kind("date", _check_dates, lambda v: f"invalid date {_quoted(v)}, expected DD.MM.YYYY")


def decimal_kind(max_integer_digits: int = 16) -> Kind:
    """DKK with øre: ``-1234,50``; no thousands separator, at most 2 decimals."""
    return _regex_kind(
        "decimal", rf"-?\d{{1,{max_integer_digits}}}(?:,\d{{1,2}})?",
        lambda v: f"invalid decimal {_quoted(v)}, expected e.g. -1234,50 (decimal comma, at "
                  "most 2 decimals, no thousands separator)",
        lambda v: replace_in_all(v, ",", "."), distinct=False)


DECIMAL = decimal_kind(16)  # DECIMAL(18,2)
INT = _regex_kind("int", r"-?\d{1,9}", lambda v: f"invalid integer {_quoted(v)}")
FUNCTION_CODE = _regex_kind(
    "function_code", r"\d\.\d{2}\.\d{2}",
    lambda v: f"invalid function code {_quoted(v)}, expected H.HH.FF (e.g. 5.28.20)")
ROAD_CODE = _regex_kind("road_code", r"\d{4}",
                        lambda v: f"invalid road code {_quoted(v)}, expected 4 digits")

# A provider's address must equal CPR's address key, so its house number goes through CPR's own
# HUSNR rule rather than a copy of it. A Python call per value is acceptable here, unlike the
# Kind contract elsewhere: the check sees distinct values only, and house numbers occur only in
# providers.csv.
_cpr_house_numbers = np.frompyfunc(normalise_house_number, 1, 1)


def _normalise_house_numbers(values: np.ndarray) -> np.ndarray:
    # CPR writes the letter upper-case; providers' systems do not always.
    upper = pd.Series(values, dtype=object).str.upper().to_numpy(dtype=object)
    return _cpr_house_numbers(upper)


HOUSE_NUMBER = _regex_kind(
    "house_number", r"\d{1,3}[A-Za-z]?",
    lambda v: f"invalid house number {_quoted(v)}, expected e.g. 16 or 77A",
    _normalise_house_numbers)


def _check_bools(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    is_true = values == "true"
    is_false = values == "false"
    norm = np.full(len(values), None, dtype=object)
    norm[is_true] = True
    norm[is_false] = False
    return is_true | is_false, norm


BOOL = Kind("bool", _check_bools,
            lambda v: f"invalid boolean {_quoted(v)}, expected true or false")

_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def valid_cpr_mask(cprs: np.ndarray) -> np.ndarray:
    """Vectorised ``cpr_numbers.is_valid`` for an array of strings of 10 ASCII digits."""
    if len(cprs) == 0:
        return np.zeros(0, dtype=bool)
    # Fixed-width UCS-4 viewed as code points: one int column per digit, no per-string parsing.
    d = np.asarray(cprs, dtype="U10").view(np.uint32).reshape(-1, 10).astype(np.int64) - 48
    day = d[:, 0] * 10 + d[:, 1]
    day = np.where(day > 60, day - 60, day)  # erstatningspersonnummer
    month = d[:, 2] * 10 + d[:, 3]
    yy = d[:, 4] * 10 + d[:, 5]
    d7 = d[:, 6]
    century = np.select(
        [d7 <= 3, (d7 == 4) | (d7 == 9)],
        [1900, np.where(yy <= 36, 2000, 1900)],
        np.where(yy <= 57, 2000, 1800))
    year = century + yy
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_ok = (month >= 1) & (month <= 12)
    dim = _DAYS_IN_MONTH[np.clip(month, 0, 12)] + ((month == 2) & leap)
    return month_ok & (day >= 1) & (day <= dim)


def _check_cprs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """10 digits (``DDMMYY-XXXX`` accepted and normalised to 10 digits), real birth date."""
    ok = fullmatch_mask(values, r"\d{6}-?\d{4}")
    digits = values.copy()
    if ok.any():
        digits[ok] = replace_in_all(values[ok], "-", "")
        ok[np.flatnonzero(ok)] = valid_cpr_mask(digits[ok])
    return ok, digits


CPR = Kind("cpr", _check_cprs,
           lambda v: f"invalid CPR number {mask_cpr(v)} (not 10 digits with a real birth date)")


def _check_municipality_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return isin_mask(values, valid_current_municipality_codes()), values


MUNICIPALITY_CODE = Kind("municipality_code", _check_municipality_codes,
                         lambda v: f"unknown municipality code {_quoted(v)}")


def enum(*values: str) -> Kind:
    allowed = frozenset(values)
    listed = ", ".join(values)
    return Kind(f"enum({listed})", lambda v: (isin_mask(v, allowed), v),
                lambda v: f"unknown value {_quoted(v)}, expected one of {listed}")
