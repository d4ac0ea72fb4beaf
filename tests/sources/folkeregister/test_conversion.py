"""The cached column conversions and CPR-number checks of the CPR reader (``conversion``)."""

from __future__ import annotations

import random

from sources.cpr_numbers import has_modulus_11, is_valid
from sources.folkeregister import conversion
from sources.folkeregister.conversion import (
    INVALID,
    compact_date,
    convert_column,
    count_without_modulus_11,
    invalid_cpr_indexes,
    stripped_or_none,
)


def test_dates_and_timestamps():
    assert convert_column(["1980-02-29", "          ", "0000-00-00", "1981-02-29"],
                          "date10") == (["1980-02-29", None, None, INVALID], [3])
    assert convert_column(["202611221230", "000000000000", "202611222400", "20261122123"],
                          "ts12") == (["2026-11-22 12:30:00", None, INVALID, INVALID], [2, 3])
    assert compact_date("20000229") == "2000-02-29"
    assert compact_date("19000229") is INVALID  # no 29 February in 1900
    assert compact_date("        ") is None


def test_invalid_values_are_never_cached_and_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(conversion, "CACHE_LIMIT", 3)
    monkeypatch.setitem(conversion._CACHES, "date8", {})
    convert_column(["20260101", "2026XX01"], "date8")
    assert set(conversion._CACHES["date8"]) == {"20260101"}
    convert_column(["20260102", "20260103", "20260104"], "date8")  # would pass the bound
    assert len(conversion._CACHES["date8"]) <= 3
    # a cache hit converts the same as a miss
    assert convert_column(["20260104", "20260101"], "date8") == (
        ["2026-01-04", "2026-01-01"], [])


def test_address_parts_are_normalised():
    assert convert_column(["016 ", "    "], "house") == (["16", None], [])
    assert convert_column(["01", "st"], "floor") == (["1", "st"], [])
    assert convert_column([" 004", "  tv"], "door") == (["4", "tv"], [])


def test_cpr_checks_agree_with_cpr_numbers():
    rng = random.Random(3)
    numbers = [f"{rng.randint(0, 99):02d}{rng.randint(0, 13):02d}{rng.randint(0, 99):02d}"
               f"{rng.randint(0, 9999):04d}" for _ in range(5000)]
    numbers += ["2902001234", "2902004234", "8902001234", "0101801234", "010180123 ", "          "]
    assert invalid_cpr_indexes(numbers) == [i for i, c in enumerate(numbers) if not is_valid(c)]
    assert invalid_cpr_indexes(["0101801234", None]) == []  # None (blank other CPR) is skipped
    valid = [c for c in numbers if is_valid(c)]
    assert count_without_modulus_11(valid) == sum(not has_modulus_11(c) for c in valid)


def test_stripped_or_none():
    assert stripped_or_none([" a ", "   ", "b"]) == ["a", None, "b"]
