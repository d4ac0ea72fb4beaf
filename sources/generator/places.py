"""Municipalities the synthetic population lives in or comes from: codes, pre-2007 codes and
postal districts."""

from __future__ import annotations

import csv
from functools import cache

from sources.reference import SEEDS_DIR

# CPR's administrative municipality codes (no residence): no address text (003) is written.
ADMINISTRATIVE_CODES = ("0010", "0011", "0012", "0019")

POSTAL_DISTRICTS: dict[str, list[tuple[str, str]]] = {
    "0851": [("9000", "Aalborg"), ("9200", "Aalborg SV"), ("9210", "Aalborg SØ"),
             ("9220", "Aalborg Øst"), ("9400", "Nørresundby"), ("9430", "Vadum"),
             ("9230", "Svenstrup J"), ("9240", "Nibe"), ("9260", "Gistrup"), ("9270", "Klarup"),
             ("9280", "Storvorde"), ("9310", "Vodskov"), ("9380", "Vestbjerg")],
    "0773": [("7900", "Nykøbing M"), ("7950", "Erslev"), ("7960", "Karby")],
    "0849": [("9440", "Aabybro"), ("9460", "Brovst"), ("9690", "Fjerritslev"), ("9490", "Pandrup")],
    "0860": [("9800", "Hjørring"), ("9850", "Hirtshals"), ("9870", "Sindal"), ("9480", "Løkken")],
    "0846": [("9500", "Hobro"), ("9560", "Hadsund"), ("9550", "Mariager"), ("9510", "Arden")],
    "0820": [("9600", "Aars"), ("9640", "Farsø"), ("9670", "Løgstør")],
    "0813": [("9900", "Frederikshavn"), ("9990", "Skagen"), ("9300", "Sæby")],
    "0751": [("8000", "Aarhus C"), ("8200", "Aarhus N"), ("8210", "Aarhus V")],
    "0101": [("1620", "København V"), ("2200", "København N"), ("2300", "København S")],
}
# The municipalities people move between (and that place, pay and charge across the border).
NEIGHBOURS = ["0773", "0849", "0860", "0846", "0820", "0813", "0751", "0101"]


@cache
def municipalities() -> dict[str, str]:
    """municipality code -> name."""
    with open(SEEDS_DIR / "municipalities.csv", encoding="utf-8", newline="") as f:
        return {r["municipality_code"]: r["name"] for r in csv.DictReader(f)}


@cache
def pre2007_codes() -> dict[str, list[str]]:
    """new municipality code -> old (pre-2007) codes that were merged into it."""
    merged: dict[str, list[str]] = {}
    with open(SEEDS_DIR / "municipalities_pre2007.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            merged.setdefault(r["new_municipality_code"], []).append(r["old_municipality_code"])
    for codes in merged.values():
        codes.sort()
    return merged


def postal_districts_for(code: str) -> list[tuple[str, str]]:
    """(postal code, district) pairs of a municipality; a made-up one outside the region."""
    if code in POSTAL_DISTRICTS:
        return POSTAL_DISTRICTS[code]
    name = municipalities().get(code, "Ukendt")[:20]
    return [(f"{5000 + int(code) % 4000:04d}", name)]
