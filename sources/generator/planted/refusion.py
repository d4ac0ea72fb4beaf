"""CENTRAL_REFUSION cases: § 176 refunds of very expensive single cases."""

from __future__ import annotations

import datetime as dt

from ..amounts import central_refund
from ..dates import first_working_day, month_end, month_index, month_start
from ..grant_types import grant_type
from .planter import Planter


def plant_central_refusion(planter: Planter):
    """CENTRAL_REFUSION: § 176 refunds of very expensive cases not (fully) claimed."""
    world, ours = planter.world, planter.ours
    this_year = planter.as_of.year

    def window_open(year):
        return planter.as_of <= dt.date(year + 3, 12, 31)

    # worked example 5: two placed children of one mother, year as_of − 2
    year = this_year - 2
    provider = world.providers.of_kind("opholdssted", ours)[0]
    home = planter.home()
    stay_start, stay_end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    mother = planter.person(41, "K", [[home, dt.date(year - 12, 1, 1), None]])
    kids = []
    for age, total in ((this_year - year + 12, 130_000_000), (this_year - year + 9, 110_000_000)):
        child = planter.person(
            age,
            "M",
            [
                [home, None, stay_start],
                [provider.residence(), stay_start, stay_end],
                [home, stay_end, None],
            ],
        )
        child.spans[0].moved_in = child.birth
        child.last_name, child.mother = mother.last_name, mother
        mother.children.append(child.cpr)
        monthly = total // 12  # øre; December takes the remainder
        case_id, rows = world.cases.add_grant(
            child,
            grant_type("placement", unit="month"),
            start=stay_start,
            end=dt.date(year, 12, 31),
            price=monthly,
            provider=provider,
            closed=dt.date(year, 12, 31),
            split_at_new_year=False,
            pay=False,
        )
        for month in range(month_index(stay_start), month_index(stay_start) + 12):
            amount = monthly if month < month_index(stay_start) + 11 else total - 11 * monthly
            world.ledger.post(
                first_working_day(month),
                "5.28.20",
                1,
                "4.0",
                amount,
                cpr=child.cpr,
                case_ref=rows[0][0],
                period_start=month_start(month),
                period_end=month_end(month),
                text=f"Anbringelse {month % 12 + 1:02d}/{year}",
                cost_center="4110",
            )
        kids.append(child)
    world.ledger.post(
        dt.date(year, 12, 31),
        "5.28.20",
        2,
        "7.6",
        -40_000_000,
        cpr=kids[0].cpr,
        period_start=stay_start,
        period_end=dt.date(year, 12, 31),
        text="Refusion særligt dyre enkeltsager § 176",
        cost_center="4110",
        fiscal_year=year,
    )
    diff = central_refund(240_000_000) - 40_000_000
    planter.record(
        "CENTRAL_REFUSION",
        True,
        {
            "cpr": mother.cpr,
            "unit": "mother",
            "fiscal_year": year,
            "children": [month.cpr for month in kids],
        },
        f"Worked example 5: two children of one mother placed in {year}: 1.300.000 + "
        f"1.100.000 kr on 5.28, 400.000 kr refund booked",
        diff if window_open(year) else 0,
        0 if window_open(year) else diff,
    )
    planter.add_household(mother, *kids)

    # adults in § 108 botilbud: no refund (year − 4, window closed) / too little (year − 1)
    for year, unit, price, refund in (
        (this_year - 4, "day", 300_000, 0),
        (this_year - 1, "month", 15_000_000, 10_000_000),
        (this_year - 1, "month", 8_333_300, None),
    ):
        provider = world.providers.of_kind("botilbud", ours)[0]
        stay_start, stay_end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        home = planter.home()
        p = planter.person(
            this_year - year + 35,
            "M",
            [
                [planter.home(), dt.date(year - 6, 1, 1), stay_start],
                [provider.residence(), stay_start, stay_end],
                [home, stay_end, None],
            ],
        )
        case_id, rows = world.cases.add_grant(
            p,
            grant_type("botilbud108", unit=unit),
            start=stay_start,
            end=dt.date(year, 12, 31),
            price=price,
            provider=provider,
            closed=dt.date(year, 12, 31),
            split_at_new_year=False,
        )
        days = (stay_end - stay_start).days
        total = price * days if unit == "day" else price * 12
        due = central_refund(total)
        if refund is None:  # trap: exactly the right refund booked
            refund = due
        if refund:
            world.ledger.post(
                dt.date(year, 12, 31),
                "5.38.50",
                2,
                "7.6",
                -refund,
                cpr=p.cpr,
                period_start=stay_start,
                period_end=dt.date(year, 12, 31),
                text="Refusion særligt dyre enkeltsager § 176",
                cost_center="4210",
                fiscal_year=year,
            )
        diff = due - refund
        anchor = {"cpr": p.cpr, "unit": "adult", "fiscal_year": year}
        if diff > 0:
            planter.record(
                "CENTRAL_REFUSION",
                True,
                anchor,
                f"Adult in § 108 botilbud {year}: expense {total / 100:.2f} kr, refund "
                f"booked {refund / 100:.2f} kr, due {due / 100:.2f} kr",
                diff if window_open(year) else 0,
                0 if window_open(year) else diff,
            )
        else:
            planter.record(
                "CENTRAL_REFUSION",
                False,
                anchor,
                f"Trap: expense {total / 100:.2f} kr in {year}, the due refund "
                f"{due / 100:.2f} kr is booked",
            )
        planter.add_household(p)
