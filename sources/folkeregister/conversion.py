"""Value conversions of CPR extract fields, whole columns at a time.

An extract repeats the same few thousand dates, timestamps and house numbers millions of times,
so each converter's results are cached per raw string (bounded by ``CACHE_LIMIT``) and a column
whose values are all cached converts at C level (``map`` over ``dict.__getitem__``). Invalid
values are never cached: they are rare, and keeping them out means a cache hit is always good.

The CPR-number checks have a fast path for the same reason: almost every number is ten digits
whose day-month is valid in any year, which can be checked without ``cpr_numbers.is_valid``.
"""

from __future__ import annotations

from operator import itemgetter

import numpy as np

from sources.cpr_numbers import is_valid
from sources.danish_csv.kinds import valid_cpr_mask
from sources.folkeregister.addresses import (
    normalise_door,
    normalise_floor,
    normalise_house_number,
)

CACHE_LIMIT = 200_000  # bound of each conversion cache (dates, timestamps, house numbers …)

INVALID = object()  # what a converter returns for a value that is not what it should be


def _days_in_month(y: int, m: int) -> int:
    if m == 2:
        return 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def _is_real_date(y: str, m: str, d: str) -> bool:
    """(y, m, d) digit strings → True when a real date."""
    if not (y.isdigit() and m.isdigit() and d.isdigit()):
        return False
    yi, mi, di = int(y), int(m), int(d)
    return yi >= 1 and 1 <= mi <= 12 and 1 <= di <= _days_in_month(yi, mi)


def _dashed_date(raw: str):
    """``yyyy-MM-dd`` → itself; blank or all zeros → None; else ``INVALID``."""
    s = raw.ljust(10)
    if not s.strip() or s in ("0000-00-00", "0000000000"):
        return None
    if s[4] == "-" and s[7] == "-" and _is_real_date(s[0:4], s[5:7], s[8:10]):
        return s
    return INVALID


def compact_date(raw: str):
    """``yyyyMMdd`` → ``yyyy-MM-dd``; blank or all zeros → None; else ``INVALID``."""
    s = raw.ljust(8)
    if not s.strip() or s == "00000000":
        return None
    if _is_real_date(s[0:4], s[4:6], s[6:8]):
        return f"{s[0:4]}-{s[4:6]}-{s[6:8]}"
    return INVALID


def _compact_timestamp(raw: str):
    """``yyyyMMddHHmm`` → ``yyyy-MM-dd HH:mm:00``; blank or all zeros → None; else ``INVALID``."""
    s = raw.ljust(12)
    if not s.strip() or s == "000000000000":
        return None
    if _is_real_date(s[0:4], s[4:6], s[6:8]) and s[8:12].isdigit() and int(s[8:10]) < 24 \
            and int(s[10:12]) < 60:
        return f"{s[0:4]}-{s[4:6]}-{s[6:8]} {s[8:10]}:{s[10:12]}:00"
    return INVALID


# The kinds ``convert_column`` knows; the format is for the reason text of an invalid value.
EXPECTED_FORMAT = {"date10": "yyyy-MM-dd", "ts12": "yyyyMMddHHmm", "date8": "yyyyMMdd"}
_CONVERTERS = {"date10": _dashed_date, "ts12": _compact_timestamp, "date8": compact_date,
               "house": normalise_house_number, "floor": normalise_floor,
               "door": normalise_door}
CONVERTED_KINDS = frozenset(_CONVERTERS)
_CACHES: dict[str, dict] = {k: {} for k in _CONVERTERS}


def convert_column(raw: list[str], kind: str) -> tuple[list, list[int]]:
    """Convert a column through the cached converter of ``kind``; returns (values, bad indexes).

    Bad values come back as ``INVALID`` at the bad indexes."""
    cache = _CACHES[kind]
    try:  # the common case: every value seen before
        return list(map(cache.__getitem__, raw)), []
    except KeyError:
        pass
    conv = _CONVERTERS[kind]
    missing = set(raw).difference(cache)
    if len(cache) + len(missing) > CACHE_LIMIT:
        cache.clear()
        missing = set(raw)  # the values that were cached are gone too
    bad = set()
    for v in missing:
        r = conv(v)
        if r is INVALID:
            bad.add(v)
        else:
            cache[v] = r
    if not bad:
        return list(map(cache.__getitem__, raw)), []
    get = cache.get
    out = [get(v, INVALID) for v in raw]
    return out, [i for i, v in enumerate(out) if v is INVALID]


def stripped_or_none(raw: list[str]) -> list[str | None]:
    """Values stripped of blanks; an all-blank value becomes None."""
    values = list(map(str.strip, raw))
    if "" in values:
        return [v or None for v in values]
    return values


# Day-month prefixes of a CPR number valid in every year (day + 60: replacement numbers);
# 29 February needs the century rule and goes the slow way (``cpr_numbers.is_valid``).
_DDMM_ANY_YEAR = frozenset(
    f"{d + add:02d}{m:02d}"
    for m in range(1, 13)
    for d in range(1, _days_in_month(2001, m) + 1)  # 2001: no 29 February
    for add in (0, 60)
)
_DDMM = itemgetter(slice(0, 4))


def invalid_cpr_indexes(values: list) -> list[int]:
    """Indexes of values that are not valid CPR numbers (None values are skipped)."""
    if None in values:  # optional CPR fields: check the present ones, map the indexes back
        present = [i for i, c in enumerate(values) if c is not None]
        if not present:
            return []
        return [present[j] for j in invalid_cpr_indexes([values[i] for i in present])]
    joined = "".join(values)
    if len(joined) == 10 * len(values) and joined.isascii() and joined.isdigit():
        # every value 10 ASCII digits: day-month of any year at C level, then the few others
        # (29 February needs the century rule) vectorised, exactly ``cpr_numbers.is_valid``
        anyday = _DDMM_ANY_YEAR
        if all(map(anyday.__contains__, map(_DDMM, values))):
            return []
        return np.flatnonzero(~valid_cpr_mask(values)).tolist()
    anyday = _DDMM_ANY_YEAR  # ASCII digits only: "¹" is a digit to str.isdigit, not to CPR
    return [i for i, c in enumerate(values)
            if not (c.isascii() and c.isdigit() and len(c) == 10
                    and (c[:4] in anyday or is_valid(c)))]


# Weighted digit sums of modulus 11 by pairs of digits: five dict lookups per number instead
# of ten multiplications (same weights as ``cpr_numbers.has_modulus_11``).
_MOD11_PAIR_SUMS = tuple(
    {f"{a}{b}": (int(a) * w1 + int(b) * w2) for a in "0123456789" for b in "0123456789"}
    for w1, w2 in ((4, 3), (2, 7), (6, 5), (4, 3), (2, 1))
)


def count_without_modulus_11(cprs: list[str]) -> int:
    """How many (valid, 10-digit) numbers fail modulus 11 (``cpr_numbers.has_modulus_11``)."""
    t0, t1, t2, t3, t4 = _MOD11_PAIR_SUMS
    return sum(1 for c in cprs
               if (t0[c[0:2]] + t1[c[2:4]] + t2[c[4:6]] + t3[c[6:8]] + t4[c[8:10]]) % 11)
