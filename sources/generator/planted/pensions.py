"""PENSION_6Y cases: who pays a pension in the six years after a move."""

from __future__ import annotations

import datetime as dt

from ..dates import ONE_DAY, add_years, month_end, month_index, month_start
from .planter import Planter


def plant_pension_six_years(planter: Planter):
    """PENSION_6Y: the six-year rule, (a) awarded by us and moved away, (b) awarded elsewhere and moved here."""
    world, as_of_month, ours, neighbour1, neighbour2, neighbour3, neighbour4, neighbour5 = (
        planter.world,
        planter.as_of_month,
        planter.ours,
        planter.neighbour1,
        planter.neighbour2,
        planter.neighbour3,
        planter.neighbour4,
        planter.neighbour5,
    )

    def six_end(awarded, left):
        start = awarded if awarded < dt.date(2015, 2, 2) else left
        return add_years(start, 6) - ONE_DAY

    # (a) worked example 3
    for awarded, moved, kom, share, desc in (
        (
            planter.months_ago(126),
            planter.months_ago(104, 10),
            neighbour1,
            1_200_000,
            "Worked example 3 (a)",
        ),
        (
            dt.date(2010, 6, 1),
            dt.date(planter.as_of.year - 6, 1, 1),
            neighbour5,
            950_000,
            "Awarded before 2015-02-02: six years from the award",
        ),
    ):
        p = planter.person(
            58,
            "K",
            [[planter.home(), add_years(awarded, -5), moved], [planter.home(kom), moved, None]],
        )
        world.cases.add_pension(p, "foertidspension", awarded, ours, ours, share)
        six_years_end = six_end(awarded, moved)
        months = [
            (month, share)
            for month in range(month_index(moved), as_of_month)
            if month_start(month) > six_years_end and month_start(month) >= moved
        ]
        potential, lost = planter.window_split(months)
        # spending.md: each overpaid month is a line of basis pension_6y on the invoice basis,
        # owed by the municipality the pensioner lives in
        invoice_lines = [
            {
                "basis": "pension_6y",
                "month": month_start(month).isoformat(),
                "counterparty_municipality_code": kom,
                "amount_dkk": round(amount / 100, 2),
                "is_time_barred": planter.is_lost(month),
            }
            for month, amount in months
        ]
        planter.record(
            "PENSION_6Y",
            True,
            {"cpr": p.cpr, "variant": "a", "awarding_municipality_code": ours},
            f"{desc}: awarded by us {awarded}, moved to {kom} {moved}, six years ended {six_years_end}; "
            f"pensions.csv still says paying {ours}",
            potential + 12 * share,
            lost,
            variant="a",
            invoice_lines=invoice_lines,
        )
        planter.add_household(p)

    # (b) worked example 3 and a partly charged seniorpension
    awarded, moved = planter.months_ago(104), planter.months_ago(87, 15)
    p = planter.person(
        52,
        "M",
        [[planter.home(neighbour1), add_years(awarded, -6), moved], [planter.home(), moved, None]],
    )
    world.cases.add_pension(p, "foertidspension", awarded, neighbour1, ours, 1_200_000)
    world.ledger.post_monthly(
        p,
        "5.48.68",
        "5.2",
        1_200_000,
        month_index(moved) + 1,
        as_of_month - 1,
        text="Førtidspension",
        cost_center="5300",
        earliest_month=0,
    )
    six_years_end = six_end(awarded, moved)
    potential, lost = planter.window_split(
        [
            (month, 1_200_000)
            for month in range(month_index(moved) + 1, as_of_month)
            if month_end(month) <= six_years_end
        ]
    )
    planter.record(
        "PENSION_6Y",
        True,
        {"cpr": p.cpr, "variant": "b", "awarding_municipality_code": neighbour1},
        f"Worked example 3 (b): awarded by {neighbour1} {awarded}, moved here {moved}, six years to "
        f"{six_years_end}; 12.000 kr/month never refunded",
        potential,
        lost,
        variant="b",
    )
    planter.add_household(p)

    awarded, moved = dt.date(planter.as_of.year - 5, 4, 1), dt.date(planter.as_of.year - 4, 6, 1)
    p = planter.person(
        63,
        "K",
        [[planter.home(neighbour4), add_years(awarded, -8), moved], [planter.home(), moved, None]],
    )
    world.cases.add_pension(p, "seniorpension", awarded, neighbour4, neighbour4, 1_000_000)
    charged_to = month_index(dt.date(planter.as_of.year - 3, 12, 1))
    world.ledger.post_monthly(
        p,
        "5.48.65",
        "5.2",
        1_000_000,
        month_index(moved),
        as_of_month - 1,
        text="Seniorpension",
        cost_center="5300",
        charge_to=neighbour4,
        charged_months=set(range(month_index(moved), charged_to + 1)),
    )
    six_years_end = six_end(awarded, moved)
    potential, lost = planter.window_split(
        [
            (month, 1_000_000)
            for month in range(charged_to + 1, as_of_month)
            if month_end(month) <= six_years_end
        ]
    )
    planter.record(
        "PENSION_6Y",
        True,
        {"cpr": p.cpr, "variant": "b", "awarding_municipality_code": neighbour4},
        f"Seniorpension awarded by {neighbour4} {awarded}, moved here {moved}; {neighbour4} paid until "
        f"{month_end(charged_to)}, nothing since",
        potential,
        lost,
        variant="b",
    )
    planter.add_household(p)

    # traps
    awarded, moved = dt.date(planter.as_of.year - 6, 3, 1), dt.date(planter.as_of.year - 3, 5, 1)
    p = planter.person(
        60,
        "M",
        [[planter.home(), add_years(awarded, -5), moved], [planter.home(neighbour2), moved, None]],
    )
    world.cases.add_pension(p, "foertidspension", awarded, ours, ours, 1_100_000)
    planter.record(
        "PENSION_6Y",
        False,
        {"cpr": p.cpr, "variant": "a", "awarding_municipality_code": ours},
        f"Trap: awarded by us {awarded}, moved to {neighbour2} {moved}; still inside the six years "
        f"(to {six_end(awarded, moved)})",
        variant="a",
    )
    planter.add_household(p)
    awarded, moved = dt.date(2001, 9, 1), dt.date(2010, 4, 1)
    p = planter.person(
        64,
        "K",
        [[planter.home(), add_years(awarded, -5), moved], [planter.home(neighbour3), moved, None]],
    )
    world.cases.add_pension(p, "foertidspension", awarded, ours, ours, 800_000)
    planter.record(
        "PENSION_6Y",
        False,
        {"cpr": p.cpr, "variant": "a", "awarding_municipality_code": ours},
        "Trap: awarded 2001, before the six-year rule (2004)",
        variant="a",
    )
    planter.add_household(p)
