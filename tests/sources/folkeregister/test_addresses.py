"""Address key normalisation (sources.md, "Address keys")."""

import pytest

from sources.folkeregister.addresses import (
    normalise_code,
    normalise_door,
    normalise_floor,
    normalise_house_number,
)


@pytest.mark.parametrize("raw,expected", [
    ("016 ", "16"), ("077A", "77A"), ("  7B", "7B"), ("1   ", "1"), ("100 ", "100"),
    ("12 A", "12A"), ("    ", None), ("000 ", None), ("000A", "A"), (None, None),
])
def test_house_number(raw, expected):
    assert normalise_house_number(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("01", "1"), ("12", "12"), ("st", "st"), ("kl", "kl"), ("  ", None), ("00", "0"),
    (" 3", "3"),
])
def test_floor(raw, expected):
    assert normalise_floor(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("  tv", "tv"), ("  th", "th"), ("  mf", "mf"), (" 004", "4"), ("0012", "12"),
    ("   0", "0"), ("    ", None), (" a12", "a12"),
])
def test_door(raw, expected):
    assert normalise_door(raw) == expected


def test_codes_keep_their_four_digits():
    assert normalise_code("0042") == "0042"
    assert normalise_code("    ") is None
