"""An independent reading of ``families.md`` on a generated delivery: the three family
dimensions on a reference date from the CPR extract alone, and family costs from the posting
CSVs. It shares no code with the generator, so the families ground truth can be checked
against what the files actually say.

Interpretations (the same ones the generator's ground truth states): a couple's age difference
is "under 15 years" when the younger was born less than 15 years after the older (birth dates,
not integer ages); a household with equally large families is typed by the one holding its
oldest member; a person under 18 who is not a child at home and has no child at home is a
"barn uden forældre" family (role ``other``), and has a family across addresses of its own only
when it belongs to no parent's; a family across addresses is "med børn" when any child (here
or elsewhere) belongs to it."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sources.folkeregister.layout import FIELDS

ADMIN = {f"{code:04d}" for code in range(10, 20)}
AGE_LIMIT = 25
DIMENSIONS = ("household", "family_at_address", "family_across_addresses")


def _cut(record: str, rtype: str, name: str) -> str:
    for f in FIELDS[rtype]:
        if f.name == name:
            return f.cut(record).strip()
    raise KeyError(name)


def _date(text: str) -> dt.date | None:
    text = text.replace("-", "")[:8]
    if not text.strip("0 "):
        return None
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass
class Resident:
    cpr: str
    sex: str = ""
    birth: dt.date | None = None
    status: str = ""
    spans: list = field(default_factory=list)  # (address key, moved in, moved out or None)
    civil: tuple = ("U", "", None)  # status, spouse, since
    civil_history: list = field(default_factory=list)  # (status, spouse, from, to)
    mother: str = ""
    father: str = ""
    children: set = field(default_factory=set)

    def age_on(self, day: dt.date) -> int:
        b = self.birth
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def _address(record: str, rtype: str) -> tuple:
    return (_cut(record, rtype, "municipality_code"), _cut(record, rtype, "road_code"),
            _cut(record, rtype, "house_number").lstrip("0"), _cut(record, rtype, "floor").lstrip("0"),
            _cut(record, rtype, "door"))


class Register:
    """The persons of a CPR extract with what the family rules need."""

    def __init__(self, path: Path):
        self.persons: dict[str, Resident] = {}
        get = lambda cpr: self.persons.setdefault(cpr, Resident(cpr))  # noqa: E731
        for line in path.read_text("iso-8859-1").splitlines():
            t, cpr = line[:3], line[3:13]
            if t == "001":
                p = get(cpr)
                p.sex, p.status = _cut(line, t, "sex"), _cut(line, t, "status_code")
                p.birth = _date(_cut(line, t, "birth_date"))
            elif t in ("002", "023"):
                out = None if t == "002" else _date(_cut(line, t, "moved_out_at"))
                get(cpr).spans.append((_address(line, t), _date(_cut(line, t, "moved_in_at")), out))
            elif t == "012":
                get(cpr).civil = (_cut(line, t, "civil_status_code"), _cut(line, t, "spouse_cpr"),
                                  _date(_cut(line, t, "valid_from_at")))
            elif t == "029":
                get(cpr).civil_history.append((
                    _cut(line, t, "civil_status_code"), _cut(line, t, "spouse_cpr"),
                    _date(_cut(line, t, "valid_from_at")), _date(_cut(line, t, "valid_to_at"))))
            elif t == "014":
                get(cpr).children.add(_cut(line, t, "child_cpr"))
            elif t == "015":
                p = get(cpr)
                p.mother, p.father = _cut(line, t, "mother_cpr"), _cut(line, t, "father_cpr")
        for p in list(self.persons.values()):  # children known from either side
            for parent in (p.mother, p.father):
                if parent in self.persons:
                    self.persons[parent].children.add(p.cpr)

    def address_on(self, cpr: str, day: dt.date):
        for key, moved_in, moved_out in self.persons[cpr].spans:
            if moved_in <= day and (moved_out is None or day < moved_out):
                return None if key[0] in ADMIN else key
        return None

    def civil_on(self, cpr: str, day: dt.date) -> tuple[str, str]:
        p = self.persons[cpr]
        status, spouse, since = p.civil
        if since is None or since <= day:
            return status, spouse
        for status, spouse, start, end in p.civil_history:
            if start <= day < end:
                return status, spouse
        return "U", ""

    def children_born(self, cpr: str, day: dt.date) -> list[str]:
        return [c for c in self.persons[cpr].children
                if c in self.persons and self.persons[c].birth <= day]

    def eligible_child(self, cpr: str, day: dt.date) -> bool:
        """Under the age limit, never married, no children of its own."""
        return (self.persons[cpr].age_on(day) < AGE_LIMIT and self.civil_on(cpr, day)[0] == "U"
                and not self.children_born(cpr, day))


@dataclass
class Unit:
    dimension: str
    address: tuple
    family_type: str
    multi_family: bool
    members: dict  # cpr -> role


def _siblings(a: Resident, b: Resident) -> bool:
    return bool((a.mother and a.mother == b.mother) or (a.father and a.father == b.father))


def _type(kind: str, with_children: bool) -> str:
    if kind == "lone_child":
        return "barn uden forældre"
    names = {"married": "ægtepar", "cohabiting": "samlevende par", "coresident": "samboende par",
             "single": "enlig"}
    return f"{names[kind]} {'med' if with_children else 'uden'} børn"


def families_on(reg: Register, day: dt.date) -> dict[str, list[Unit]]:
    """All units of the three dimensions on ``day``."""
    at: dict[tuple, list[str]] = defaultdict(list)
    address = {}
    for cpr, p in reg.persons.items():
        if p.birth is None or p.birth > day:
            continue
        key = reg.address_on(cpr, day)
        if key is not None:
            at[key].append(cpr)
            address[cpr] = key
    out: dict[str, list[Unit]] = {d: [] for d in DIMENSIONS}
    lone = []
    for key, here in sorted(at.items()):
        families = _families_at(reg, day, set(here))
        multi = len(families) > 1
        units = []
        for kind, adults, kids in families:
            if kind == "lone_child":  # no adult: the child is the whole family
                members = {adults[0]: "other"}
                lone.append((adults[0], key, multi))
                adults = []
            else:
                members = {a: "adult" for a in adults}
            for c in kids:
                parents = {reg.persons[c].mother, reg.persons[c].father}
                members[c] = "common_child" if all(a in parents for a in adults) else "stepchild_here"
            unit = Unit("family_at_address", key, _type(kind, bool(kids)), multi, members)
            units.append(unit)
            if not adults:
                continue
            across = dict(members)
            for a in adults:
                for c in sorted(reg.persons[a].children):
                    if c in reg.persons and c in address and address[c] != key \
                            and reg.eligible_child(c, day):
                        across.setdefault(c, "child_elsewhere")
            out["family_across_addresses"].append(
                Unit("family_across_addresses", key, _type(kind, len(across) > len(adults)),
                     multi, across))
        out["family_at_address"] += units
        largest = min(units, key=lambda u: (-len(u.members),
                                             min(reg.persons[c].birth for c in u.members),
                                             min(u.members)))
        roles = {c: (largest.members[c] if c in largest.members else "other") for c in here}
        out["household"].append(Unit("household", key, largest.family_type, multi, roles))
    in_across = {c for u in out["family_across_addresses"] for c in u.members}
    for c, key, multi in lone:  # a lone child in no parent's family keeps its own
        if c not in in_across:
            out["family_across_addresses"].append(
                Unit("family_across_addresses", key, _type("lone_child", False), multi,
                     {c: "other"}))
    return out


def _families_at(reg: Register, day: dt.date, here: set[str]) -> list[tuple[str, list, list]]:
    """[(kind, adults, children at home)] of the persons living at one address."""
    persons = reg.persons
    civil = {c: reg.civil_on(c, day) for c in here}
    children = {c for c in here if reg.eligible_child(c, day)
                and (persons[c].mother in here or persons[c].father in here)}
    families: list[tuple[str, list, list]] = []
    free = sorted(here - children)
    for c in list(free):  # married / registered partners living together
        status, spouse = civil[c]
        if status in ("G", "P") and spouse in free and spouse > c and civil[spouse][1] == c:
            families.append(("married", [c, spouse], []))
    paired = {a for _, adults, _ in families for a in adults}
    free = [c for c in free if c not in paired]
    for i, a in enumerate(free):  # samlevende: a common child in CPR
        for b in free[i + 1:]:
            if a in paired or b in paired:
                continue
            if persons[a].children & persons[b].children:
                families.append(("cohabiting", [a, b], []))
                paired |= {a, b}
    free = [c for c in free if c not in paired]
    if len(free) == 2:  # samboende
        a, b = sorted((persons[free[0]], persons[free[1]]), key=lambda p: p.birth)
        others = [c for c in here if c not in free and persons[c].age_on(day) >= 18]
        theirs = all({persons[c].mother, persons[c].father} & set(free) for c in others)
        related = _siblings(a, b) or a.cpr in (b.mother, b.father) or b.cpr in (a.mother, a.father)
        if (a.sex != b.sex and b.birth < _add_years(a.birth, 15) and b.age_on(day) >= 18
                and not a.children & b.children and not related and theirs):
            families.append(("coresident", free, []))
            free = []
    families += [("single", [c], []) for c in free]
    for c in sorted(children):  # each child with its mother, else its father
        parent = persons[c].mother if persons[c].mother in here else persons[c].father
        next(f for f in families if parent in f[1])[2].append(c)
    return [("lone_child", f[1], f[2]) if f[0] == "single" and not f[2]
            and persons[f[1][0]].age_on(day) < 18 else f for f in families]


def person_costs(folder: Path) -> dict[tuple[str, int], float]:
    """(cpr, fiscal year) -> cost: dranst 1, art not 7.6/7.7/7.8, net (families.md)."""
    costs: dict[tuple[str, int], float] = defaultdict(float)
    for path in sorted((folder / "economy").glob("postings*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter=";"):
                if row["cpr"] and row["dranst"] == "1" and row["art"] not in ("7.6", "7.7", "7.8"):
                    costs[(row["cpr"], int(row["fiscal_year"]))] += float(row["amount"].replace(",", "."))
    return costs


def unit_cost(unit: Unit, costs, year: int) -> float:
    return sum(costs.get((c, year), 0.0) for c in unit.members)


def reference_date(year: int, as_of: dt.date) -> dt.date:
    return min(as_of, dt.date(year, 12, 31))
