"""The generator's family structures and planted family cases (families.md): the ground truth
against the generated CPR extract and postings, read independently (``families_rules``)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict

import pytest

from sources.generator import generate_delivery

from .families_rules import (
    DIMENSIONS, Register, families_on, person_costs, reference_date, unit_cost,
)
from .rules import read_csv

DATE = dt.date(2026, 11, 22)
YEARS = range(DATE.year - 4, DATE.year + 1)
TYPES = {"ægtepar med børn", "ægtepar uden børn", "samlevende par med børn",
         "samlevende par uden børn", "samboende par med børn", "samboende par uden børn",
         "enlig med børn", "enlig uden børn", "barn uden forældre"}
OURS = "0851"
ROLES = {"adult", "common_child", "stepchild_here", "child_elsewhere", "other"}


class Generated:
    def __init__(self, root, seed: int, citizens: int):
        self.delivery = generate_delivery(root / "landing", citizens=citizens, seed=seed,
                                          delivery_date=DATE)
        self.folder = self.delivery.folder
        self.truth = json.loads(self.delivery.ground_truth_path.read_text(encoding="utf-8"))
        self.cases = self.truth["families"]
        self.register = Register(self.folder / "folkeregister" / "cpr_extract.txt")
        self.costs = person_costs(self.folder)
        self._units = {}

    def units(self, day: dt.date):
        if day not in self._units:
            self._units[day] = families_on(self.register, day)
        return self._units[day]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """The end-to-end tests' delivery: seed 7, 1500 citizens."""
    return Generated(tmp_path_factory.mktemp("families7"), 7, 1500)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return Generated(tmp_path_factory.mktemp("families1"), 1, 10_000)


def costly(gen):
    return [c for c in gen.cases if c["rank"] is not None]


def anchor_unit(units, dimension: str, anchor: str):
    """The unit of ``dimension`` the anchor belongs to (across addresses: where it is an adult
    if it is one anywhere)."""
    found = [u for u in units[dimension] if anchor in u.members]
    if len(found) > 1:
        found = [u for u in found if u.members[anchor] == "adult"]
    assert len(found) == 1, (dimension, anchor, found)
    return found[0]


def test_family_ground_truth_format(small):
    cases = small.cases
    assert len(cases) >= 15
    assert len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        assert set(case) == {"id", "description", "anchor_cpr", "units", "n_families_shared",
                             "rank", "total_cost_dkk"}
        assert set(case["units"]) == set(DIMENSIONS)
        for u in case["units"].values():
            assert set(u) == {"family_type", "multi_family", "members"}
            assert u["family_type"] in TYPES and isinstance(u["multi_family"], bool)
            assert set(u["members"].values()) <= ROLES and case["anchor_cpr"] in u["members"]
        assert (case["rank"] is None) == (case["total_cost_dkk"] is None)
        if case["rank"] is not None:
            for part in ("rank", "total_cost_dkk"):
                assert set(case[part]) == set(DIMENSIONS)
                for years in case[part].values():
                    assert set(years) == {str(y) for y in YEARS}
    types = Counter(c["units"]["family_at_address"]["family_type"] for c in cases)
    for label in ("samlevende par med børn", "samboende par uden børn", "enlig med børn",
                  "enlig uden børn", "ægtepar uden børn", "barn uden forældre",
                  "ægtepar med børn"):
        assert types[label], label
    assert len(costly(small)) == 3


def test_ground_truth_matches_the_cpr_extract(small):
    """Every listed person is in the extract where the ground truth says: a household is
    everyone at one current address, a family's members live at its adults' address except the
    children elsewhere, who live at another one; the children's mother/father links point at
    the unit's adults."""
    reg = small.register
    for case in small.cases:
        anchor = case["anchor_cpr"]
        home = reg.address_on(anchor, DATE)
        assert home is not None, case["id"]
        everyone_here = {c for c in reg.persons if reg.persons[c].birth <= DATE
                         and reg.address_on(c, DATE) == home}
        household = case["units"]["household"]["members"]
        assert set(household) == everyone_here, case["id"]
        assert case["units"]["household"]["multi_family"] == ("other" in household.values()) \
            or case["units"]["household"]["family_type"] == "barn uden forældre"
        for dimension in ("family_at_address", "family_across_addresses"):
            members = case["units"][dimension]["members"]
            adults = [c for c, role in members.items() if role == "adult"]
            unit_home = reg.address_on(adults[0], DATE) if adults else home
            assert all(reg.address_on(a, DATE) == unit_home for a in adults)
            for cpr, role in members.items():
                assert cpr in reg.persons, (case["id"], cpr)
                p = reg.persons[cpr]
                here = reg.address_on(cpr, DATE)
                assert here is not None
                assert (here == unit_home) == (role != "child_elsewhere"), (case["id"], cpr, role)
                parents = {p.mother, p.father} - {""}
                for parent in parents:
                    assert cpr in reg.persons[parent].children
                if role == "common_child":
                    assert set(adults) <= parents, (case["id"], cpr)
                elif role == "stepchild_here":
                    assert len(set(adults) & parents) == 1, (case["id"], cpr, role)
                elif role == "child_elsewhere":
                    assert set(adults) & parents, (case["id"], cpr, role)
        at_address = case["units"]["family_at_address"]["members"]
        across = case["units"]["family_across_addresses"]["members"]
        assert set(at_address) <= set(household)
        if across[anchor] != "child_elsewhere":
            assert {c: r for c, r in across.items() if r != "child_elsewhere"} == at_address


@pytest.mark.parametrize("which", ["small", "large"])
def test_ground_truth_follows_the_family_rules(which, request):
    """An independent implementation of families.md gives the same unit, type, multi_family
    and n_families_shared for every anchor (the costly ones on every fiscal year's reference
    date)."""
    small = request.getfixturevalue(which)
    for case in small.cases:
        days = [reference_date(y, DATE) for y in YEARS] if case["rank"] else [DATE]
        for day in days:
            units = small.units(day)
            for dimension in DIMENSIONS:
                u = anchor_unit(units, dimension, case["anchor_cpr"])
                expected = case["units"][dimension]
                assert (u.members, u.family_type, u.multi_family) == (
                    expected["members"], expected["family_type"], expected["multi_family"]), (
                    case["id"], day, dimension, u)
            across = Counter(c for u in units["family_across_addresses"] for c in u.members)
            members = case["units"]["family_across_addresses"]["members"]
            assert case["n_families_shared"] == {c: across[c] for c in members if across[c] > 1}


def test_worked_example_of_families_md(small):
    case = small.cases[0]
    units = case["units"]
    assert len(units["household"]["members"]) == 5
    assert units["family_at_address"]["family_type"] == "samlevende par med børn"
    assert len(units["family_at_address"]["members"]) == 5
    assert len(units["family_across_addresses"]["members"]) == 8
    roles = Counter(units["family_across_addresses"]["members"].values())
    assert roles == {"adult": 2, "common_child": 1, "stepchild_here": 2, "child_elsewhere": 3}
    assert sorted(case["n_families_shared"].values()) == [2] * 5


@pytest.mark.parametrize("which", ["small", "large"])
def test_costly_totals_equal_the_postings(which, request):
    gen = request.getfixturevalue(which)
    for case in costly(gen):
        for dimension in DIMENSIONS:
            members = case["units"][dimension]["members"]
            for year in YEARS:
                total = sum(gen.costs.get((c, year), 0.0) for c in members)
                assert abs(total - case["total_cost_dkk"][dimension][str(year)]) < 0.005, (
                    case["id"], dimension, year)
                assert total > 10_000_000


@pytest.mark.parametrize("which", ["small", "large"])
def test_costly_families_rank_first_by_a_wide_margin(which, request):
    """In every dimension and fiscal year the three costly families are the top three in the
    ground truth's order, each costing at least twice any other family living here (the
    planted P4 lives elsewhere and costs more: see the next test)."""
    gen = request.getfixturevalue(which)
    cases = costly(gen)
    ranks_differ = set()
    for year in YEARS:
        units = gen.units(reference_date(year, DATE))
        for dimension in DIMENSIONS:
            planted = {case["id"]: anchor_unit(units, dimension, case["anchor_cpr"]) for case in cases}
            ids = {id(u) for u in planted.values()}
            others = max(unit_cost(u, gen.costs, year) for u in units[dimension]
                         if id(u) not in ids and u.address[0] == OURS)
            order = sorted(planted, key=lambda k: -unit_cost(planted[k], gen.costs, year))
            for case in cases:
                assert order.index(case["id"]) + 1 == case["rank"][dimension][str(year)]
                assert unit_cost(planted[case["id"]], gen.costs, year) >= 2 * others, (
                    case["id"], dimension, year, others)
            ranks_differ.add(tuple(order))
    assert len(ranks_differ) == 3  # the order differs by dimension


def test_the_costly_family_outside_lives_elsewhere_and_outcosts_the_planted_ones(small):
    """families.md: the top 50 rank only families living here on the reference date. The planted
    P4 costs more than every planted costly family in its year, in every dimension, and on
    that year's reference date lives in another municipality (read from the extract and the
    postings)."""
    outside = small.truth["costly_families_outside"]
    assert outside
    for case in outside:
        for year, total in case["total_cost_dkk"].items():
            year = int(year)
            units = small.units(reference_date(year, DATE))
            for dimension in DIMENSIONS:
                u = anchor_unit(units, dimension, case["anchor_cpr"])
                assert u.address[0] == case["municipality_code"] != OURS
                assert abs(unit_cost(u, small.costs, year) - total) < 0.005
                for planted in costly(small):
                    assert total > planted["total_cost_dkk"][dimension][str(year)]


def test_central_refund_is_booked_for_every_unit(small):
    """No unit of CENTRAL_REFUSION (an adult, or the children under 18 of one mother) lacks
    the § 176 refund in a completed year, except the planted CENTRAL_REFUSION cases."""
    reg, rows = small.register, []
    for path in sorted((small.folder / "economy").glob("postings_*.csv")):
        rows += read_csv(path)
    expense, refund = defaultdict(float), defaultdict(float)
    for r in rows:
        if r["cpr"] and r["function_code"][:4] in ("5.28", "5.38"):
            key = (r["cpr"], int(r["fiscal_year"]))
            if r["dranst"] == "1" and r["art"] not in ("7.6", "7.7", "7.8"):
                expense[key] += float(r["amount"].replace(",", "."))
            elif r["dranst"] == "2":
                refund[key] -= float(r["amount"].replace(",", "."))
    planted = {(c["anchor"]["cpr"], c["anchor"]["fiscal_year"]) for c in small.truth["cases"]
               if c["check_code"] == "CENTRAL_REFUSION" and c["expected"]}
    checked = 0
    for year in YEARS[:-1]:
        jan1 = dt.date(year, 1, 1)
        units = defaultdict(list)
        for cpr in {c for c, y in expense if y == year}:
            p = reg.persons.get(cpr)
            minor = p is not None and p.age_on(jan1) < 18 and (p.mother or p.father)
            units[("children", p.mother or p.father) if minor else ("adult", cpr)].append(cpr)
        for (_, key), cprs in units.items():
            total = sum(expense[(c, year)] for c in cprs)
            due = sum(max(0.0, min(total, hi or total) - lo) * pct / 100
                      for lo, hi, pct in ((830_000, 1_630_000, 25), (1_630_000, 2_050_000, 50),
                                          (2_050_000, None, 75)))
            if due and (key, year) not in planted:
                checked += 1
                assert sum(refund[(c, year)] for c in cprs) >= due - 0.005, (key, year, total)
    assert checked >= 4 * 4  # at least the costly families' children, every completed year


def test_the_base_has_every_family_structure(large):
    """At 10.000 citizens the base (persons not listed in the families ground truth) holds
    stepfamilies, children of 18-24 and 25-30 at home, married young adults at the parents'
    with the spouse elsewhere, and 16-17-year-olds living alone."""
    reg, units = large.register, large.units(DATE)
    listed = {c for case in large.cases for u in case["units"].values() for c in u["members"]}
    residential = {(p["municipality_code"], p["road_code"], p["house_number"])
                   for p in read_csv(large.folder / "cases" / "providers.csv", "cp1252")
                   if p["residential"] == "true"}
    found = Counter()
    for u in units["family_across_addresses"]:
        if set(u.members) & listed:
            continue
        roles = Counter(u.members.values())
        if roles["common_child"] and roles["stepchild_here"] and roles["child_elsewhere"]:
            found["stepfamily"] += 1
            for c, role in u.members.items():
                if role != "adult":
                    p = reg.persons[c]
                    assert p.mother in reg.persons and p.father in reg.persons
        for c, role in u.members.items():
            if role in ("common_child", "stepchild_here") and 18 <= reg.persons[c].age_on(DATE) <= 24:
                found["child_18_24"] += 1
    for c, p in reg.persons.items():
        home = reg.address_on(c, DATE)
        if c in listed or home is None or p.birth > DATE:
            continue
        parents_here = [x for x in (p.mother, p.father) if x and reg.address_on(x, DATE) == home]
        parents_elsewhere = [x for x in (p.mother, p.father)
                             if x and reg.address_on(x, DATE) not in (None, home)]
        age, civil = p.age_on(DATE), reg.civil_on(c, DATE)
        if 25 <= age <= 30 and civil[0] == "U" and parents_here:
            found["adult_child_25_30"] += 1
        if 20 <= age <= 23 and civil[0] == "G" and parents_here \
                and reg.address_on(civil[1], DATE) not in (None, home):
            found["married_child_home"] += 1
        if 16 <= age <= 17 and not parents_here and parents_elsewhere \
                and home[:3] not in residential \
                and sum(1 for x in reg.persons if reg.address_on(x, DATE) == home) == 1:
            found["teen_alone"] += 1
    assert found["stepfamily"] >= 20, found
    assert found["child_18_24"] >= 50, found
    assert found["adult_child_25_30"] >= 20, found
    assert found["married_child_home"] >= 2, found
    assert found["teen_alone"] >= 2, found
