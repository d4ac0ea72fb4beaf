"""CASE_STATUS cases: closed cases with open grants, and open grants without expense."""

from __future__ import annotations

import datetime as dt

from ..dates import month_end, month_index
from ..grant_types import GRANT_TYPES
from .planter import Planter


def plant_case_status(planter: Planter):
    """CASE_STATUS: (1) closed cases with open grants, (2) open grants without expense."""
    world, as_of_month, ours = planter.world, planter.as_of_month, planter.ours
    # (1) case closed, grant open-ended; payments stopped at closing
    closed = planter.months_ago(8, 0)
    p = planter.person(39, "M", [[planter.home(), planter.months_ago(100), None]])
    case_id, rows = world.cases.add_grant(
        p,
        GRANT_TYPES["tilskud95"],
        start=planter.months_ago(30),
        end=None,
        price=1_500_000,
        closed=closed,
        split_at_new_year=False,
        last_paid_month=month_index(closed),
    )
    anchor = {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr}
    planter.record(
        "CASE_STATUS",
        True,
        dict(anchor, sub_rule=1),
        f"Case closed {closed}, grant has no end date",
        12 * 1_500_000,
        0,
        variant="1",
    )
    planter.record(
        "CASE_STATUS",
        True,
        dict(anchor, sub_rule=2),
        "Same grant: open, paid by us, no expense in the last 3 complete months",
        0,
        0,
        variant="2",
    )
    planter.add_household(p)
    # (1) case closed before the grant's end date
    closed, end = planter.months_ago(6, 0), dt.date(planter.as_of.year, 12, 31)
    p = planter.person(44, "K", [[planter.home(), planter.months_ago(100), None]])
    case_id, rows = world.cases.add_grant(
        p,
        GRANT_TYPES["tilskud95"],
        start=planter.months_ago(20),
        end=end,
        price=2_000_000,
        closed=closed,
        split_at_new_year=False,
        last_paid_month=month_index(closed),
    )
    n = sum(1 for month in range(as_of_month + 1, as_of_month + 13) if month_end(month) <= end)
    anchor = {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr}
    planter.record(
        "CASE_STATUS",
        True,
        dict(anchor, sub_rule=1),
        f"Case closed {closed}, grant ends {end}",
        n * 2_000_000,
        0,
        variant="1",
        note=f"monthly cost × min(12, n) with n = {n}",
    )
    if end >= planter.as_of:
        planter.record(
            "CASE_STATUS",
            True,
            dict(anchor, sub_rule=2),
            "Same grant: open, paid by us, no expense in the last 3 complete months",
            0,
            0,
            variant="2",
        )
    planter.add_household(p)
    # (2) stale grant: open, but the provider stopped invoicing in July
    p = planter.person(79, "M", [[planter.home(), planter.months_ago(150), None]])
    case_id, rows = world.cases.add_grant(
        p,
        GRANT_TYPES["hjemmehjaelp"],
        start=planter.months_ago(24),
        end=None,
        price=36_000,
        hours_per_week=4,
        split_at_new_year=False,
        last_paid_month=as_of_month - 4,
        provider=world.providers.of_kind("ambulant", ours)[-1],
    )
    planter.record(
        "CASE_STATUS",
        True,
        {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr, "sub_rule": 2},
        f"Open home-help grant without expense since {month_end(as_of_month - 4)}",
        0,
        0,
        variant="2",
    )
    planter.add_household(p)
