"""SCHOOL_CHARGE and SCHOOL_PAID_NOT_RESIDENT cases: pupils across municipal borders.

School charges assume 0851 = 78.000 and 0773 = 72.000 kr/year per pupil (checks.md example 4)."""

from __future__ import annotations

import datetime as dt

from ..dates import add_years, first_working_day, month_end, month_index, month_start
from .planter import Planter


def plant_school_charges(planter: Planter):
    """SCHOOL_CHARGE: pupils from other municipalities in our schools."""
    world, as_of_month, ours, neighbour1, neighbour2 = (
        planter.world,
        planter.as_of_month,
        planter.ours,
        planter.neighbour1,
        planter.neighbour2,
    )
    schools = world.providers.of_kind("school", ours)
    year = planter.as_of.year
    rate = 600_000  # min(78.000, 72.000) / 12
    note = (
        "assumes school_cost_per_pupil 0851 = 78.000 and 0773 = 72.000 kr for every year "
        "(checks.md example 4) → 6.000 kr/month"
    )
    # worked example 4 (translated: starts 2023-08-01)
    start = dt.date(year - 3, 8, 1)
    mother, child = planter.mother_and_child(
        [[planter.home(neighbour1), planter.months_ago(170), None]], 13
    )
    world.cases.add_pupil(child, schools[0], "normal", start, None)
    potential, lost = planter.window_split(
        [(month, rate) for month in range(month_index(start), as_of_month)]
    )
    planter.record(
        "SCHOOL_CHARGE",
        True,
        {"cpr": child.cpr, "counterparty_municipality_code": neighbour1},
        f"Worked example 4: pupil in our school since {start}, CPR-registered in {neighbour1}, "
        f"never charged",
        potential,
        lost,
        note=note,
    )
    planter.add_household(mother, child)
    # charged until June last year, then forgotten
    start = dt.date(year - 2, 8, 1)
    charged_to = month_index(dt.date(year - 1, 6, 1))
    mother, child = planter.mother_and_child(
        [[planter.home(neighbour1), planter.months_ago(150), None]], 11
    )
    world.cases.add_pupil(child, schools[-1], "normal", start, None)
    for month in range(month_index(start), charged_to + 1):
        world.ledger.post(
            month_end(month),
            "3.22.01",
            1,
            "7.7",
            -rate,
            cpr=child.cpr,
            counterparty=neighbour1,
            period_start=month_start(month),
            period_end=month_end(month),
            text="Frit skolevalg, betaling fra bopælskommune",
            cost_center="3100",
        )
    potential, lost = planter.window_split(
        [(month, rate) for month in range(charged_to + 1, as_of_month)]
    )
    planter.record(
        "SCHOOL_CHARGE",
        True,
        {"cpr": child.cpr, "counterparty_municipality_code": neighbour1},
        f"Pupil from {neighbour1} since {start}; charged 6.000 kr/month until {month_end(charged_to)}, "
        f"not since",
        potential,
        lost,
        note=note,
    )
    planter.add_household(mother, child)
    # trap: moved away mid-month, charged from the first whole month
    moved = planter.months_ago(8, 15)
    home = planter.home()
    mother, child = planter.mother_and_child(
        [[home, planter.months_ago(140), moved], [planter.home(neighbour2), moved, None]], 12
    )
    world.cases.add_pupil(child, schools[0], "normal", dt.date(year - 3, 8, 1), None)
    for month in range(month_index(moved) + 1, as_of_month):
        world.ledger.post(
            month_end(month),
            "3.22.01",
            1,
            "7.7",
            -800_000,
            cpr=child.cpr,
            counterparty=neighbour2,
            period_start=month_start(month),
            period_end=month_end(month),
            text="Frit skolevalg, betaling fra bopælskommune",
            cost_center="3100",
        )
    planter.record(
        "SCHOOL_CHARGE",
        False,
        {"cpr": child.cpr, "counterparty_municipality_code": neighbour2},
        f"Trap: moved to {neighbour2} on {moved} (mid-month, not charged for that month), charged "
        f"from the next month",
    )
    planter.add_household(mother, child)


def plant_school_payments(planter: Planter):
    """SCHOOL_PAID_NOT_RESIDENT: we pay another municipality school for a child who no longer lives here."""
    world, as_of_month, ours, neighbour2, neighbour3 = (
        planter.world,
        planter.as_of_month,
        planter.ours,
        planter.neighbour2,
        planter.neighbour3,
    )
    year = planter.as_of.year
    for moved, kom, amount, stop_m, start, desc in (
        (
            planter.months_ago(12),
            neighbour2,
            650_000,
            as_of_month - 1,
            dt.date(year - 3, 8, 1),
            "family moved to the school's municipality; payments continued",
        ),
        (
            dt.date(year - 3, 1, 1),
            neighbour3,
            700_000,
            month_index(dt.date(year - 2, 6, 1)),
            dt.date(year - 6, 8, 1),
            "moved; payments continued for 18 months",
        ),
        (
            planter.months_ago(7, 15),
            neighbour2,
            650_000,
            month_index(planter.months_ago(7, 15)),
            dt.date(year - 3, 8, 1),
            None,
        ),
    ):
        school = world.providers.of_kind("school", kom)[0]
        mother, child = planter.mother_and_child(
            [[planter.home(), add_years(start, -4), moved], [planter.home(kom), moved, None]], 12
        )
        world.cases.add_pupil(child, school, "normal", start, None)
        for month in range(max(month_index(start), world.economy_start_month), stop_m + 1):
            world.ledger.post(
                first_working_day(month),
                "3.22.01",
                1,
                "4.7",
                amount,
                cpr=child.cpr,
                counterparty=kom,
                period_start=month_start(month),
                period_end=month_end(month),
                text="Frit skolevalg, betaling til skolekommune",
                cost_center="3100",
            )
        flagged = [
            (month, amount)
            for month in range(
                max(month_index(start), world.economy_start_month), min(stop_m, as_of_month - 1) + 1
            )
            if month_start(month) >= moved
        ]
        potential, lost = planter.window_split(flagged)
        anchor = {"cpr": child.cpr, "counterparty_municipality_code": kom}
        if desc:
            planter.record(
                "SCHOOL_PAID_NOT_RESIDENT",
                True,
                anchor,
                f"Pupil at a school in {kom}; moved there {moved}; {desc}",
                potential,
                lost,
            )
        else:
            planter.record(
                "SCHOOL_PAID_NOT_RESIDENT",
                False,
                anchor,
                f"Trap: moved to {kom} mid-month ({moved}); paid only up to that month",
            )
        planter.add_household(mother, child)
