"""Three very costly families whose ranks among the costliest families are known in every fiscal
year of the delivery, and differ by dimension:

- P1, a multi-family household: a married couple with three children and the wife's widowed
  mother, who has her own high cost (home care around the clock and BPA);
- P2, a married couple with three children, whose costliest member is the father's særbarn,
  placed in a residential institution of ours since before the economy's first year: counts in
  the couple's family across addresses only (and in its own household and family at the
  institution, and in its mother's family across addresses);
- P3, a single mother with five children.

Costs in the economy's first year (prices rise 3 % a year; as_of's year runs to as_of): P1
12.2 M kr (the household with the grandmother 17.0 M), P2 13.9 M (across addresses, with the
særbarn, 18.6 M), P3 15.2 M, so the order is P1 > P3 > P2 by household, P3 > P2 > P1 by family
at address and P2 > P3 > P1 across addresses. The grandmother's and the særbarn's own units
(and the særbarn's mother's family) cost about 4.8 M, the base's costliest families and
households (the residential offers' addresses) up to about 5 M at 1.500-30.000 citizens: less
than half the cheapest planted one (the base caps a person's yearly cost per function group at
800.000 kr). The ranks in the ground truth count the units planted here only, so they hold while
nothing else comes near: at 100.000 citizens the households at the base's busiest residential
offers (20 M) outrank the planted households, the family dimensions still hold.

The costs are grants paid through the case system; the § 176 refund of every unit (an adult, or
the children under 18 of one mother) above 830.000 kr on 5.28/5.38 is booked for every completed
year, at least what the tiers give, so CENTRAL_REFUSION is not raised."""

from __future__ import annotations

import datetime as dt

from ..amounts import CENTRAL_REFUND_TIERS
from ..grant_types import GRANT_TYPES
from ..person import Person
from .family_truth import ADULT, COMMON, DIMENSIONS, ELSEWHERE, MARRIED_WITH, OTHER, SINGLE_WITH
from .family_truth import link, marry, record, unit
from .planter import Planter

REFUND_FUNCTIONS = ("5.28", "5.38")


def refund_due(total: int) -> int:
    """The § 176 refund (øre, rounded up) of a unit's yearly expense on 5.28/5.38."""
    hundredths = 0
    for lower, upper, percent in CENTRAL_REFUND_TIERS:
        if total > lower:
            hundredths += ((min(total, upper) if upper else total) - lower) * percent
    return -(-hundredths // 100)


def plant_costly_families(planter: Planter):
    world, ours, year = planter.world, planter.ours, planter.as_of.year
    first = world.economy_start.year
    ambulant = world.providers.of_kind("ambulant", ours)[-1]
    since = dt.date(first - 2, 3, 1)  # every grant started before the economy's first year

    def pay(p: Person, key: str, price_kr: int, hours: int = 0, provider=None):
        world.cases.add_grant(p, GRANT_TYPES[key], start=since, end=None, price=price_kr * 100,
                              hours_per_week=hours, provider=provider)

    def child(mother: Person, father: Person | None, age: int, home, hours: int) -> Person:
        c = planter.person(age, planter.rng.choice("MK"), [[home, None, None]])
        link(c, mother, father)
        world.ledger.watch(c)
        pay(c, "preventive", 650, hours, ambulant)
        pay(c, "contact", 9000)
        return c

    def adult(age: int, sex: str, home, moved_in: dt.date) -> Person:
        p = planter.person(age, sex, [[home, moved_in, None]])
        world.ledger.watch(p)
        return p

    # P1: couple, three children, the wife's widowed mother in the same home
    home = planter.home()
    f1 = adult(46, "M", home, dt.date(year - 17, 4, 1))
    m1 = adult(44, "K", home, dt.date(year - 17, 4, 1))
    marry(f1, m1, dt.date(year - 18, 6, 1))
    g1 = adult(73, "K", home, dt.date(year - 7, 5, 1))
    widowed = dt.date(year - 8, 2, 1)
    wedding = dt.date(g1.birth.year + 24, 6, 1)
    g1.civil_history += [("U", "", g1.birth, wedding),
                         ("G", world.population.new_cpr(dt.date(g1.birth.year - 2, 3, 9)),
                          wedding, widowed)]
    g1.civil_status, g1.civil_status_since = "E", widowed
    link(m1, g1, None)
    m1.last_name = f1.last_name
    pay(f1, "kontant", 15000)
    pay(f1, "stoette85", 520, 30, ambulant)
    pay(m1, "ressource", 16000)
    pay(m1, "bpa96", 340, 50)
    kids1 = [child(m1, f1, age, home, hours) for age, hours in ((15, 96), (12, 90), (9, 84))]
    pay(g1, "hjemmehjaelp", 420, 168, ambulant)
    pay(g1, "bpa96", 340, 45)
    planter.add_household(f1, m1, *kids1, g1)

    # P2: couple, three children at home, the father's særbarn (from before the marriage) in a
    # residential institution
    home = planter.home()
    f2 = adult(43, "M", home, dt.date(year - 14, 2, 1))
    m2 = adult(41, "K", home, dt.date(year - 14, 2, 1))
    marry(f2, m2, dt.date(year - 11, 8, 1))
    x2_home = planter.home()
    x2 = adult(40, "K", x2_home, dt.date(year - 18, 9, 1))  # the særbarn's mother, alone
    institution = world.providers.add("doegninstitution", ours, True, listed=False)
    placed = dt.date(first - 2, 9, 1)
    s2 = planter.person(15, "M", [[x2_home, None, placed], [institution.residence(), placed, None]])
    link(s2, x2, f2)
    world.ledger.watch(s2)
    world.cases.add_grant(s2, GRANT_TYPES["placement"], start=placed, end=None, price=1_230_000,
                          provider=institution, placed_by=ours)
    pay(f2, "kontant", 15000)
    pay(f2, "stoette85", 520, 20, ambulant)
    pay(m2, "tilskud95", 25000)
    pay(m2, "stoette85", 520, 20, ambulant)
    kids2 = [child(m2, f2, age, home, hours) for age, hours in ((13, 116), (10, 110), (7, 104))]
    planter.add_household(f2, m2, *kids2)
    planter.add_household(x2)
    planter.add_household(s2)

    # P3: a single mother (the father unknown) with five children
    home = planter.home()
    m3 = adult(41, "K", home, dt.date(year - 18, 5, 1))
    pay(m3, "kontant", 15000)
    pay(m3, "stoette85", 520, 35, ambulant)
    kids3 = [child(m3, None, age, home, hours)
             for age, hours in ((16, 81), (14, 78), (12, 75), (10, 72), (8, 69))]
    planter.add_household(m3, *kids3)

    years = range(first, year + 1)
    _book_refunds(planter, [f1, m1, g1, f2, m2, x2, m3], [kids1, kids2, [s2], kids3], years)

    # the units, their costs per fiscal year, and the ranks among every unit planted here
    def cost(members, y):
        return sum(world.ledger.cost(p.cpr, y) for p in members)

    p1 = [f1, m1, *kids1]
    p2 = [f2, m2, *kids2]
    p3 = [m3, *kids3]
    planted = {  # dimension -> [(members, case index or None)]
        "household": [(p1 + [g1], 0), (p2, 1), (p3, 2), ([s2], None), ([x2], None)],
        "family_at_address": [(p1, 0), (p2, 1), (p3, 2), ([g1], None), ([s2], None),
                              ([x2], None)],
        "family_across_addresses": [(p1, 0), (p2 + [s2], 1), (p3, 2), ([g1], None),
                                    ([x2, s2], None)],
    }
    ranks = [{d: {} for d in DIMENSIONS} for _ in range(3)]
    totals = [{d: {} for d in DIMENSIONS} for _ in range(3)]
    for dimension, units in planted.items():
        for y in years:
            costs = [cost(members, y) for members, _ in units]
            for (members, case), c in zip(units, costs):
                if case is not None:
                    totals[case][dimension][y] = c
                    ranks[case][dimension][str(y)] = 1 + sum(1 for other in costs if other > c)

    kids = [(k, COMMON) for k in kids1]
    at_address = unit(MARRIED_WITH, True, (f1, ADULT), (m1, ADULT), *kids)
    record(planter, "Costly family P1: a married couple with three children and the wife's "
           "widowed mother (her own family, also costly) in one household", f1,
           unit(MARRIED_WITH, True, (f1, ADULT), (m1, ADULT), *kids, (g1, OTHER)),
           at_address, at_address, rank=ranks[0], total_cost=totals[0])
    members = ((f2, ADULT), (m2, ADULT), *[(k, COMMON) for k in kids2])
    at_address = unit(MARRIED_WITH, False, *members)
    record(planter, "Costly family P2: a married couple with three children; the father's "
           "særbarn (the costliest member) is placed in a residential institution and counts in the "
           "family across addresses only; at the institution it is a family of its own (barn "
           "uden forældre), across addresses it is also in its mother's family", f2, at_address,
           at_address, unit(MARRIED_WITH, False, *members, (s2, ELSEWHERE)), shared={s2: 2},
           rank=ranks[1], total_cost=totals[1])
    at_address = unit(SINGLE_WITH, False, (m3, ADULT), *[(k, COMMON) for k in kids3])
    record(planter, "Costly family P3: a single mother with five children (the father unknown)",
           m3, at_address, at_address, at_address, rank=ranks[2], total_cost=totals[2])

    # P4: costlier than any of them, but living in another municipality on the reference date
    _plant_moved_away(planter, max(c for case in totals for years in case.values()
                                   for c in years.values()))


def _plant_moved_away(planter: Planter, costliest: int) -> None:
    """P4, families.md (the top 50 rank only families whose reference-date address lies in our
    municipality): a single adult on our grants from 1 January of the year two months before
    as_of, at a day price that makes the year cost at least twice the costliest planted family's
    costliest year, who moved to an ordinary home in another municipality two months before
    as_of, when the grant ended. On that year's reference date he lives elsewhere, so he is
    ranked in no dimension. The random state is restored afterwards: the base population and
    everything drawn after it keep their draws."""
    world, rng = planter.world, planter.rng
    state = rng.getstate()
    moved = planter.months_ago(2)
    start = dt.date(moved.year, 1, 1)
    days = (moved - start).days
    price = -(-2 * costliest // (days * 100_000)) * 100_000  # øre per day, whole thousands of kr
    p = planter.person(52, "M", [[planter.home(), dt.date(moved.year - 12, 4, 1), moved],
                                 [planter.home(planter.neighbour1), moved, None]])
    world.ledger.watch(p)
    world.cases.add_grant(p, GRANT_TYPES["botilbud108"], start=start, end=moved - dt.timedelta(days=1),
                          price=price, split_at_new_year=False)
    _book_refunds(planter, [p], [], [moved.year])
    planter.add_household(p)
    planter.families_outside.append({
        "id": f"FAMILY-OUTSIDE-{len(planter.families_outside) + 1:02d}",
        "description": f"Costly single adult (a § 108 grant at {price // 100} kr/day from {start}) who "
                       f"moved to {planter.neighbour1} on {moved}, when the grant ended: costlier than "
                       f"every planted family in {moved.year}, but not living here on the reference "
                       f"date, so never in the top 50",
        "anchor_cpr": p.cpr,
        "municipality_code": planter.neighbour1,
        "total_cost_dkk": {str(moved.year): round(world.ledger.cost(p.cpr, moved.year) / 100, 2)},
    })
    rng.setstate(state)


def _book_refunds(planter: Planter, adults: list[Person], children: list[list[Person]], years):
    """§ 176 refunds (dranst 2) for each completed year: per unit the tiers' refund, each member
    at least its own share, the rest on the unit's costliest member."""
    world = planter.world
    for y in years:
        if y >= planter.as_of.year:
            continue
        for members in [[p] for p in adults] + children:
            expense = {p: world.ledger.cost(p.cpr, y, REFUND_FUNCTIONS) for p in members}
            due = refund_due(sum(expense.values()))
            if not due:
                continue
            own = {p: refund_due(amount) for p, amount in expense.items()}
            costliest = max(members, key=lambda p: expense[p])
            own[costliest] += max(0, due - sum(own.values()))
            for p, refund in own.items():
                if refund:
                    function = max(
                        (f for (c, yy, f) in world.ledger.watched_costs
                         if c == p.cpr and yy == y and f.startswith(REFUND_FUNCTIONS)),
                        key=lambda f: world.ledger.watched_costs[(p.cpr, y, f)])
                    world.ledger.post(
                        dt.date(y, 12, 31), function, 2, "7.6", -refund, cpr=p.cpr,
                        period_start=dt.date(y, 1, 1), period_end=dt.date(y, 12, 31),
                        text="Refusion særligt dyre enkeltsager § 176",
                        cost_center="4110" if function.startswith("5.28") else "4210",
                        fiscal_year=y)
