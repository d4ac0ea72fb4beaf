"""CPR number validity (``shared/spec/sources.md``): 10 digits and a real birth date under the
century rule of the 7th digit. Modulus 11 is information only; day + 60 replacement numbers
(erstatningspersonnumre) are valid."""

from __future__ import annotations

import datetime as dt


def century(yy: int, digit7: int) -> int:
    if digit7 <= 3:
        return 1900
    if digit7 in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800  # 5-8


def birth_date(cpr: str) -> dt.date | None:
    """The birth date a CPR number encodes, or None when it is not a valid number."""
    if len(cpr) != 10 or not cpr.isdigit():
        return None
    day, month, yy, digit7 = int(cpr[0:2]), int(cpr[2:4]), int(cpr[4:6]), int(cpr[6])
    if day > 60:  # erstatningspersonnummer
        day -= 60
    try:
        return dt.date(century(yy, digit7) + yy, month, day)
    except ValueError:
        return None


def is_valid(cpr: str) -> bool:
    return birth_date(cpr) is not None


def is_replacement_number(cpr: str) -> bool:
    return is_valid(cpr) and int(cpr[0:2]) > 60


def has_modulus_11(cpr: str) -> bool:
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    return sum(int(c) * w for c, w in zip(cpr, weights)) % 11 == 0
