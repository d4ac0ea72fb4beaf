"""Traps spanning several checks: correct cases that only look like findings."""

from __future__ import annotations

from ..grant_types import GRANT_TYPES
from .planter import Planter


def plant_traps(planter: Planter):
    """Cases that look like findings of several checks but are correct."""
    world, as_of_month, ours, neighbour2 = (
        planter.world,
        planter.as_of_month,
        planter.ours,
        planter.neighbour2,
    )
    # an outbound placement still in the offer: paying is correct
    placed = planter.months_ago(20)
    provider = world.providers.of_kind("botilbud", neighbour2)[0]
    p = planter.person(
        31,
        "K",
        [[planter.home(), planter.months_ago(90), placed], [provider.residence(), placed, None]],
    )
    case_id, rows = world.cases.add_grant(
        p,
        GRANT_TYPES["botilbud108"],
        start=placed,
        end=None,
        price=180_000,
        provider=provider,
        placed_by=ours,
    )
    for check, extra in (
        ("PAYMUN_MISMATCH", {"grant_id": rows[0][0]}),
        ("BLOCK_GRANT", {"branch": 1}),
        ("NOT_STOPPED", {"grant_id": rows[0][0]}),
    ):
        planter.record(
            check,
            False,
            dict({"cpr": p.cpr}, **extra),
            f"Trap: we placed the person in a § 108 botilbud in {neighbour2} on {placed}; still there",
        )
    planter.add_household(p)
    # price change at new year: a new row of the same case, payments continue
    p = planter.person(47, "M", [[planter.home(), planter.months_ago(120), None]])
    case_id, rows = world.cases.add_grant(
        p,
        GRANT_TYPES["stoette85"],
        start=planter.months_ago(30),
        end=None,
        price=42_000,
        hours_per_week=6,
        provider=world.providers.of_kind("ambulant", ours)[0],
    )
    for grant_id, *_ in rows:
        planter.record(
            "NOT_STOPPED",
            False,
            {"grant_id": grant_id, "case_id": case_id, "cpr": p.cpr},
            "Trap: takst change at new year (new grant row, same case); the old row's "
            "end is not a stop",
        )
    planter.add_household(p)
