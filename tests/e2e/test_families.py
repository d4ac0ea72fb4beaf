"""End to end: on a generated municipality the three family dimensions hold exactly the families
the generator planted (members, roles, family type, multi-family mark, shared children), the
planted costliest families come out at the ranks the generator intended with their totals to
the øre, a costlier family living in another municipality is ranked nowhere, and household
costs add up to the postings on the residents (read from the delivery's
CSV files, not from the warehouse).

The ground truth is what the generator planted (sources/generator/planted/families.py), never
the family models' own output."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from tests.conftest import DELIVERY_DATE

DIMENSIONS = ("household", "family_at_address", "family_across_addresses")
THIS_YEAR = DELIVERY_DATE.year


@pytest.fixture(scope="module")
def night(published_night):
    """(settings, delivery folder, ground truth, connection) of the shared published night."""
    return (published_night.settings, published_night.delivery, published_night.truth,
            published_night.con)


def family_of(con, cpr: str, dimension: str, year: int) -> str:
    """The key of the family the person heads or is in: across addresses the one where the
    person is an adult (or the lone child's own), elsewhere the only one."""
    rows = con.execute("""
        select bridge.family_key, bridge.role
        from marts.bridge_family_person as bridge
        inner join restricted.person_identity as identity using (person_key)
        where identity.cpr = ? and bridge.family_dimension = ? and bridge.fiscal_year = ?""",
                       [cpr, dimension, year]).fetchall()
    assert rows, f"{dimension} {year}: no family holds the planted person"
    if len(rows) > 1:
        rows = [row for row in rows if row[1] in ("adult", "other")]
    assert len(rows) == 1, f"{dimension} {year}: the planted person heads {len(rows)} families"
    return rows[0][0]


def members_of(con, family_key: str) -> dict[str, str]:
    return dict(con.execute("""
        select identity.cpr, bridge.role
        from marts.bridge_family_person as bridge
        inner join restricted.person_identity as identity using (person_key)
        where bridge.family_key = ?""", [family_key]).fetchall())


def planted_structures(truth) -> list[dict]:
    cases = truth.get("families") or []
    assert cases, "the generator planted no family case"
    return cases


def test_every_planted_family_is_built_exactly(night):
    _, _, truth, con = night
    for case in planted_structures(truth):
        for dimension in DIMENSIONS:
            expected = case["units"][dimension]
            key = family_of(con, case["anchor_cpr"], dimension, THIS_YEAR)
            family_type, multi_family = con.execute(
                "select family_type, multi_family from marts.dim_family where family_key = ?",
                [key]).fetchone()
            label = f"{case['id']} {dimension} ({case['description']})"
            assert members_of(con, key) == expected["members"], label
            assert family_type == expected["family_type"], label
            assert multi_family == expected["multi_family"], label


def test_the_worked_example_has_5_5_and_8_members(night):
    _, _, truth, con = night
    example = planted_structures(truth)[0]
    assert "worked example" in example["description"].lower()
    sizes = {}
    for dimension in DIMENSIONS:
        key = family_of(con, example["anchor_cpr"], dimension, THIS_YEAR)
        sizes[dimension] = con.execute(
            "select n_members from marts.dim_family where family_key = ?", [key]).fetchone()[0]
    assert sizes == {"household": 5, "family_at_address": 5, "family_across_addresses": 8}
    key = family_of(con, example["anchor_cpr"], "family_at_address", THIS_YEAR)
    assert con.execute("select family_type from marts.dim_family where family_key = ?",
                       [key]).fetchone()[0] == "samlevende par med børn"


def test_children_with_parents_apart_are_shared_by_both_families(night):
    _, _, truth, con = night
    shared = {cpr: n for case in planted_structures(truth)
              for cpr, n in case["n_families_shared"].items()}
    assert shared, "the generator planted no child shared by two families"
    rows = con.execute("""
        select identity.cpr, max(bridge.n_families_shared), count(*)
        from marts.bridge_family_person as bridge
        inner join restricted.person_identity as identity using (person_key)
        where bridge.family_dimension = 'family_across_addresses' and bridge.fiscal_year = ?
          and identity.cpr in (select unnest(?))
        group by identity.cpr""", [THIS_YEAR, list(shared)]).fetchall()
    found = {cpr: n for cpr, n, _ in rows}
    memberships = {cpr: count for cpr, _, count in rows}
    assert found == shared
    assert memberships == shared  # really a member of that many families


def test_the_planted_costliest_families_rank_as_intended(night):
    _, _, truth, con = night
    costly = [case for case in planted_structures(truth) if case["rank"]]
    assert len(costly) >= 3, "the generator planted fewer than three costly families"
    orders = set()
    for dimension in DIMENSIONS:
        years = sorted({int(y) for case in costly for y in case["rank"][dimension]})
        assert THIS_YEAR in years and len(years) >= 2
        for year in years:
            top = dict(con.execute("""
                select rank, family_key from marts.costliest_families_top50
                where family_dimension = ? and fiscal_year = ?""", [dimension, year]).fetchall())
            for case in costly:
                rank = case["rank"][dimension][str(year)]
                key = family_of(con, case["anchor_cpr"], dimension, year)
                assert top.get(rank) == key, f"{case['id']} {dimension} {year}: not at rank {rank}"
                total = con.execute(
                    "select total_cost_dkk from marts.costliest_families_top50 where family_key = ?",
                    [key]).fetchone()[0]
                planted = Decimal(str(case["total_cost_dkk"][dimension][str(year)]))
                assert total == planted.quantize(Decimal("0.01")), f"{case['id']} {dimension} {year}"
        orders.add(tuple(sorted(costly, key=lambda c: c["rank"][dimension][str(THIS_YEAR)])[i]["id"]
                         for i in range(len(costly))))
    assert len(orders) > 1, "the planted families rank alike in every dimension: the test tells nothing"


def test_a_costlier_family_living_elsewhere_is_not_ranked(night):
    """families.md: the top 50 rank only families whose reference-date address lies in our
    municipality. The planted P4 costs more than the family ranked first, in every dimension,
    but lives in another municipality on the year's reference date: it is in no top 50."""
    _, _, truth, con = night
    outside = truth.get("costly_families_outside") or []
    assert outside, "the generator planted no costly family outside the municipality"
    for case in outside:
        for year, planted_total in case["total_cost_dkk"].items():
            for dimension in DIMENSIONS:
                key = family_of(con, case["anchor_cpr"], dimension, int(year))
                ranked = con.execute("""
                    select family_key, total_cost_dkk from marts.costliest_families_top50
                    where family_dimension = ? and fiscal_year = ? order by rank""",
                                     [dimension, int(year)]).fetchall()
                label = f"{case['id']} {dimension} {year}"
                assert ranked, label
                assert key not in {family_key for family_key, _ in ranked}, label
                assert Decimal(str(planted_total)).quantize(Decimal("0.01")) > ranked[0][1], label


def test_household_costs_equal_the_postings_on_residents(night):
    """families.md: in the household dimension every posting on a resident counts once. The
    postings are read straight from the delivery's CSV files."""
    settings, folder, _, con = night
    residents = [cpr for (cpr,) in con.execute("""
        select identity.cpr from marts.dim_person as persons
        inner join restricted.person_identity as identity using (person_key)
        where persons.is_resident""").fetchall()]
    files = sorted(str(path) for path in (folder / "economy").glob("postings*.csv"))
    raw = duckdb.connect()
    try:
        raw.execute("create table residents (cpr varchar)")
        raw.executemany("insert into residents values (?)", [[cpr] for cpr in residents])
        posted = raw.execute("""
            select sum(cast(replace(amount, ',', '.') as decimal(18, 2)))
            from read_csv(?, delim = ';', header = true, all_varchar = true) as postings
            inner join residents using (cpr)
            where postings.fiscal_year = ? and postings.dranst = '1'
              and postings.art not in ('7.6', '7.7', '7.8')""", [files, str(THIS_YEAR)]).fetchone()[0]
    finally:
        raw.close()
    households = con.execute("""
        select sum(costs.total_cost_dkk)
        from marts.fct_family_costs as costs
        inner join marts.dim_family as families using (family_key)
        where families.family_dimension = 'household' and families.is_in_our_municipality
          and families.fiscal_year = ?""", [THIS_YEAR]).fetchone()[0]
    assert posted > 0
    assert households == posted


def test_distribution_and_intervention_effect_are_built_from_the_families(night):
    _, _, _, con = night
    # every family with cost in our municipality is counted once in the distribution
    with_cost = con.execute("""
        select count(*) from marts.fct_family_costs as costs
        inner join marts.dim_family as families using (family_key)
        where families.family_dimension = 'family_at_address' and families.is_in_our_municipality
          and families.fiscal_year = ? and costs.total_cost_dkk > 0""", [THIS_YEAR]).fetchone()[0]
    counted = con.execute("""
        select sum(n_families_with_cost) from marts.family_cost_distribution
        where family_dimension = 'family_at_address' and fiscal_year = ?""", [THIS_YEAR]).fetchone()[0]
    assert with_cost > 0 and counted == with_cost
    n_effects = con.execute("select count(*) from marts.intervention_effect").fetchone()[0]
    assert n_effects > 0
