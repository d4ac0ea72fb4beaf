"""MISSING_CHARGE cases: our expenses for persons another municipality must pay for."""

from __future__ import annotations

import datetime as dt

from ..dates import month_end, month_index, month_start
from ..grant_types import GRANT_TYPES, grant_type
from .planter import Planter


def plant_missing_charges(planter: Planter):
    """MISSING_CHARGE: expenses another municipality should pay and was never charged."""
    world, as_of_month, ours, neighbour1, neighbour2, neighbour4 = (
        planter.world,
        planter.as_of_month,
        planter.ours,
        planter.neighbour1,
        planter.neighbour2,
        planter.neighbour4,
    )
    # worked example 2: placed here by neighbour1, we pay the pension's municipal share
    placed = planter.months_ago(45)
    provider = world.providers.of_kind("botilbud", ours)[0]
    p = planter.person(
        48,
        "M",
        [
            [planter.home(neighbour1), planter.months_ago(150), placed],
            [provider.residence(), placed, None],
        ],
    )
    case_id, rows = world.cases.add_grant(
        p,
        GRANT_TYPES["botilbud108"],
        start=placed,
        end=None,
        price=190_000,
        provider=provider,
        acting=neighbour1,
        paying=neighbour1,
        placed_by=neighbour1,
        pay=False,
    )
    world.cases.add_pension(
        p, "foertidspension", dt.date(2012, 3, 1), neighbour1, neighbour1, 1_400_000
    )
    world.ledger.post_monthly(
        p,
        "5.48.68",
        "5.2",
        1_400_000,
        month_index(placed),
        as_of_month - 1,
        text="Førtidspension inkl. personligt tillæg",
        cost_center="5300",
    )
    potential, lost = planter.window_split(
        [(month, 1_400_000) for month in range(month_index(placed), as_of_month)]
    )
    planter.record(
        "MISSING_CHARGE",
        True,
        {"cpr": p.cpr, "counterparty_municipality_code": neighbour1},
        f"Worked example 2: placed by {neighbour1} in our botilbud since {placed}; 14.000 kr/month on "
        f"5.48 never charged",
        potential,
        lost,
        invoice_lines=placement_lines(planter, rows, month_index(placed), as_of_month, 1_400_000),
    )
    planter.record(
        "PAYMUN_MISMATCH",
        False,
        {"grant_id": rows[0][0], "cpr": p.cpr},
        "Worked example 2: the stay's grant (acting and paying X) is explained by the "
        "placement rule",
    )
    planter.add_household(p)

    # (b) we book expense on a grant whose recorded payer is neighbour4 and never charge it
    start = planter.months_ago(38)
    p = planter.person(37, "M", [[planter.home(), planter.months_ago(100), None]])
    case_id, rows = world.cases.add_grant(
        p,
        grant_type("stoette85", unit="month"),
        start=start,
        end=None,
        price=2_000_000,
        paying=neighbour4,
        split_at_new_year=False,
        last_paid_month=as_of_month - 1,
        provider=world.providers.of_kind("ambulant", ours)[0],
    )
    potential, lost = planter.window_split(
        [(month, 2_000_000) for month in range(month_index(start), as_of_month)]
    )
    planter.record(
        "MISSING_CHARGE",
        True,
        {"cpr": p.cpr, "counterparty_municipality_code": neighbour4, "grant_id": rows[0][0]},
        f"Grant records {neighbour4} as paying municipality; we pay 20.000 kr/month since {start} "
        f"and never charged {neighbour4}",
        potential,
        lost,
        variant="b",
    )
    planter.record(
        "PAYMUN_MISMATCH",
        False,
        {"grant_id": rows[0][0], "cpr": p.cpr},
        "Precedence: MISSING_CHARGE charges on this grant",
    )
    planter.add_household(p)

    # trap: placed here by neighbour2, our pension expense charged to neighbour2 every month
    placed = planter.months_ago(26)
    provider = world.providers.of_kind("botilbud", ours)[-1]
    p = planter.person(
        55,
        "K",
        [
            [planter.home(neighbour2), planter.months_ago(150), placed],
            [provider.residence(), placed, None],
        ],
    )
    _, stay_rows = world.cases.add_grant(
        p,
        GRANT_TYPES["botilbud108"],
        start=placed,
        end=None,
        price=170_000,
        provider=provider,
        acting=neighbour2,
        paying=neighbour2,
        placed_by=neighbour2,
        pay=False,
    )
    world.cases.add_pension(
        p, "foertidspension", dt.date(2011, 9, 1), neighbour2, neighbour2, 900_000
    )
    m0 = month_index(placed)
    world.ledger.post_monthly(
        p,
        "5.48.68",
        "5.2",
        900_000,
        m0,
        as_of_month - 1,
        text="Førtidspension",
        cost_center="5300",
        charge_to=neighbour2,
    )
    planter.record(
        "MISSING_CHARGE",
        False,
        {"cpr": p.cpr, "counterparty_municipality_code": neighbour2},
        f"Trap: placed here by {neighbour2}; every month of our 5.48 expense is already charged "
        f"(art 7.7)",
        invoice_lines=placement_lines(planter, stay_rows, m0, as_of_month, 900_000),
    )
    planter.add_household(p)


def placement_lines(planter: Planter, stay_rows, first: int, until: int, amount: int) -> list[dict]:
    """The invoice basis lines of a person placed here by another municipality (MISSING_CHARGE
    (a), spending.md), months ``first`` … ``until`` − 1: our own expense (``amount`` øre a
    month), no grant of ours, and the placing municipality's stay grant as placement_grant_id
    — the row of the stay's grant (a new row every new year) in force all that month."""
    lines = []
    for month in range(first, until):
        stay = [grant_id for grant_id, start, end, _ in stay_rows
                if start <= month_start(month) and (end is None or end >= month_end(month))]
        lines.append({
            "basis": "missing_charge",
            "charge_basis": "a",
            "month": month_start(month).isoformat(),
            "grant_id": None,
            "placement_grant_id": stay[0] if len(stay) == 1 else None,
            "amount_dkk": round(amount / 100, 2),
            "is_time_barred": planter.is_lost(month),
        })
    return lines
