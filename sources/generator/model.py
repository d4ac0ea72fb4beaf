"""Reference data, calendar helpers and the person model of the synthetic municipality."""

from __future__ import annotations

import calendar
import csv
import datetime as dt
from functools import cache

from sources.reference import SEEDS_DIR

D = dt.date
ONE = dt.timedelta(days=1)


# --- calendar -------------------------------------------------------------------------------
def mi(d: dt.date) -> int:
    """Month index (year*12 + month-1)."""
    return d.year * 12 + d.month - 1


def mstart(m: int) -> dt.date:
    return dt.date(m // 12, m % 12 + 1, 1)


def dim(m: int) -> int:
    return calendar.monthrange(m // 12, m % 12 + 1)[1]


def mend(m: int) -> dt.date:
    return dt.date(m // 12, m % 12 + 1, dim(m))


def add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def first_weekday(m: int) -> dt.date:
    d = mstart(m)
    while d.weekday() >= 5:
        d += ONE
    return d


def half_up_div(num: int, den: int) -> int:
    """round(num/den) half-up for non-negative integers."""
    return (2 * num + den) // (2 * den)


# --- reference data -------------------------------------------------------------------------
@cache
def municipalities() -> dict[str, str]:
    with open(SEEDS_DIR / "municipalities.csv", encoding="utf-8", newline="") as f:
        return {r["municipality_code"]: r["name"] for r in csv.DictReader(f)}


@cache
def pre2007_codes() -> dict[str, list[str]]:
    """new municipality code -> old (pre-2007) codes that were merged into it."""
    out: dict[str, list[str]] = {}
    with open(SEEDS_DIR / "municipalities_pre2007.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out.setdefault(r["new_municipality_code"], []).append(r["old_municipality_code"])
    for v in out.values():
        v.sort()
    return out


POSTAL: dict[str, list[tuple[str, str]]] = {
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
NEIGHBOURS = ["0773", "0849", "0860", "0846", "0820", "0813", "0751", "0101"]


def postal_for(code: str) -> list[tuple[str, str]]:
    if code in POSTAL:
        return POSTAL[code]
    name = municipalities().get(code, "Ukendt")[:20]
    return [(f"{5000 + int(code) % 4000:04d}", name)]


ROAD_A = ["Ege", "Birke", "Bøge", "Hasle", "Rose", "Lærke", "Skov", "Mølle", "Kirke", "Strand",
          "Vester", "Øster", "Nørre", "Sønder", "Fjord", "Eng", "Mose", "Bakke", "Kilde", "Hede",
          "Linde", "Ahorn", "Kastanie", "Æble", "Pile", "Kløver", "Havre", "Rug", "Hvede", "Ny",
          "Gammel", "Sten", "Sand", "Dal", "Hyld", "Tjørne", "Syrene", "Grøn", "Sol", "Måge"]
ROAD_B = ["vej", "gade", "vænget", "alle", "parken", "stien", "toften", "haven", "høj",
          "bakken", "lund", "torvet", "engen", "marken"]
ROAD_C = ["", "Store ", "Lille ", "Nye "]

FIRST_M = ["Peter", "Jens", "Lars", "Michael", "Henrik", "Thomas", "Søren", "Jan", "Niels",
           "Anders", "Rasmus", "Mads", "Jesper", "Morten", "Frederik", "Mikkel", "Jørgen",
           "Christian", "Martin", "Kim", "William", "Noah", "Oscar", "Lucas", "Carl", "Emil",
           "Malthe", "Alfred", "Valdemar", "Bjørn", "Asger", "Søren Kaj", "Hans Ulrik", "Ærø"]
FIRST_K = ["Anne", "Kirsten", "Mette", "Hanne", "Helle", "Susanne", "Lene", "Maria", "Marianne",
           "Inge", "Karen", "Camilla", "Louise", "Charlotte", "Pia", "Emma", "Ida", "Clara",
           "Freja", "Alma", "Ella", "Sofie", "Agnes", "Nora", "Laura", "Bodil", "Birgitte",
           "Åse", "Sørine", "Lærke", "Mathilde", "Ellen Margrethe", "Anne-Sofie"]
LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
        "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen",
        "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Østergaard",
        "Kjær", "Lund", "Bøgh", "Dalgaard", "Skovgaard", "Nørgaard", "Bach", "Frølund",
        "Søndergaard", "Ægidius", "Holm", "Vestergaard", "Å. Knudsen"]


class Person:
    __slots__ = ("cpr", "sex", "birth", "first", "last", "status", "status_date", "spans",
                 "civ", "spouse", "civ_since", "civ_hist", "children", "mother", "father")

    def __init__(self, cpr: str, sex: str, birth: dt.date, first: str, last: str):
        self.cpr = cpr
        self.sex = sex
        self.birth = birth
        self.first = first
        self.last = last
        self.status = "01"
        self.status_date = birth
        # [address, moved_in, moved_out or None]; address = Addr tuple
        self.spans: list[list] = []
        self.civ = "U"
        self.spouse = ""
        self.civ_since = birth
        self.civ_hist: list[tuple[str, str, dt.date, dt.date]] = []
        self.children: list[str] = []
        self.mother: Person | None = None
        self.father: Person | None = None

    def age_on(self, d: dt.date) -> int:
        return d.year - self.birth.year - ((d.month, d.day) < (self.birth.month, self.birth.day))

    def kom_on(self, d: dt.date) -> str | None:
        for addr, a, b in self.spans:
            if a <= d and (b is None or d < b):
                return addr[0]
        return None

    def run_start(self, kom: str) -> dt.date | None:
        """Start of the last contiguous run of spans in ``kom`` that lasts until today."""
        if not self.spans or self.spans[-1][2] is not None or self.spans[-1][0][0] != kom:
            return None
        start = self.spans[-1][1]
        for addr, a, b in reversed(self.spans[:-1]):
            if addr[0] == kom and b == start:
                start = a
            else:
                break
        return start

    def span_before(self, d: dt.date):
        for s in self.spans:
            if s[2] == d:
                return s
        return None
