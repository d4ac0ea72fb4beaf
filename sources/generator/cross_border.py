"""Households across our border: moved away or emigrated (services here end before),
left the register, placed here by another municipality, or living in a neighbouring municipality
with a child in our school."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .addresses import NO_FIXED_RESIDENCE
from .dates import ONE_DAY, add_years, days, month_end, month_index, month_start
from .grant_types import GRANT_TYPES
from .person import Person, Span

if TYPE_CHECKING:
    from .households import Households


def build_moved_away(households: Households, kind: str) -> list[Person]:
    world, rng, as_of = households.world, households.rng, households.as_of
    household = households.build(rng.choice(["single", "couple_old", "married_kids", "samboende"]))
    here = [p for p in household if p.is_resident_of(households.ours)]
    earliest = max([p.spans[-1].moved_in for p in here] + [world.economy_start]) + days(120)
    if not here or earliest >= as_of - days(20):
        households.services.assign(household)
        return household
    moved = world.random_date(earliest, as_of - days(20))
    municipality = rng.choice(world.others)
    # services while they lived here end before the move
    households.services.assign(household, until=moved, moved_to=municipality)
    address = households.home(municipality)
    for p in here:
        p.spans[-1].moved_out = moved
        p.spans.append(Span(address, moved, None))
    return household


def build_emigrated(households: Households, kind: str) -> list[Person]:
    world, as_of = households.world, households.as_of
    household = households.build(households.rng.choice(["single", "samboende"]))
    alive = [p for p in household if p.status == "01"]
    earliest = max([p.spans[-1].moved_in for p in alive] + [world.economy_start]) + ONE_DAY
    if earliest >= as_of - days(5):
        households.services.assign(household)
        return household
    emigrated = world.random_date(earliest, as_of - days(5))
    for p in alive:
        p.spans[-1].moved_out = emigrated
        p.status, p.status_date = "80", emigrated
    return household


def build_left_register(households: Households, kind: str) -> list[Person]:
    """status 70 (disappeared) or 20 (no fixed residence)."""
    p = households.adult(20, 60)
    households.settle([p], households.home(), households.move_in_date(p), [p])
    day = households.world.random_date(p.spans[-1].moved_in + ONE_DAY, households.as_of - days(3))
    p.spans[-1].moved_out = day
    if kind == "status70":
        p.status, p.status_date = "70", day
    else:
        p.status, p.status_date = "20", day
        p.spans.append(Span(NO_FIXED_RESIDENCE, day, None))
    return [p]


def build_inbound(households: Households, kind: str) -> list[Person]:
    """Placed in one of our botilbud by another municipality, which pays."""
    world, rng, as_of = households.world, households.rng, households.as_of
    placing = rng.choice(world.others[:6])
    provider = rng.choice(world.providers.of_kind("botilbud", households.ours))
    p = households.adult(20, 60)
    placed = world.random_date(max(add_years(p.birth, 19), as_of - days(3000)),
                               as_of - days(30))
    p.spans.append(Span(households.home(placing), placed - days(rng.randint(400, 3000)), placed))
    if p.spans[0].moved_in <= p.birth:
        p.spans[0].moved_in = add_years(p.birth, 18)
    world.population.prepend_history(p, p.spans[0].moved_in)
    p.spans.append(Span(provider.residence(), placed, None))
    world.cases.add_grant(p, GRANT_TYPES["botilbud108"], start=placed, end=None,
                          price=rng.randint(1400, 2100) * 100, provider=provider,
                          acting=placing, paying=placing, placed_by=placing, pay=False)
    return [p]


def build_external_pupil(households: Households, kind: str) -> list[Person]:
    """A family in a neighbouring municipality; the child attends our school (charged)."""
    world, rng, as_of = households.world, households.rng, households.as_of
    municipality = rng.choice(world.others[:6])
    parent = households.adult(28, 50, "K")
    born = households.children(parent, None, 1, youngest=7, oldest=15, last_name=parent.last_name)
    if not born:
        return households.build("single")
    child = born[0]
    start = dt.date(max(world.economy_start.year, child.birth.year + 6), 8, 1)
    if start > as_of - days(30):
        parent.children.clear()
        return households.build("single")
    moved_in = min(households.move_in_date(parent), start - days(200))
    households.settle([parent, child], households.home(municipality),
                max(moved_in, add_years(parent.birth, 19)), [parent])
    school = rng.choice(households.services.schools)
    world.cases.add_pupil(child, school, "normal", start, None)
    for month in range(max(month_index(start), world.economy_start_month), world.as_of_month):
        world.ledger.post(month_end(month), "3.22.01", 1, "7.7", -800000, cpr=child.cpr,
                          counterparty=municipality, period_start=month_start(month),
                          period_end=month_end(month),
                          text="Frit skolevalg, betaling fra bopælskommune", cost_center="3100")
    return [parent, child]
