"""NOT_STOPPED cases: payments that kept running after the grant, the stay or the life ended."""

from __future__ import annotations

from ..amounts import divide_half_up
from ..dates import ONE_DAY, add_years, month_index, month_start
from ..grant_types import GRANT_TYPES, grant_type
from .planter import Planter


def plant_not_stopped(planter: Planter):
    """NOT_STOPPED: payments that went on after the grant, the stay or the life ended."""
    world, as_of_month, ours, neighbour1 = (
        planter.world,
        planter.as_of_month,
        planter.ours,
        planter.neighbour1,
    )
    # worked example 1: outbound § 108 placement, then an ordinary flat in neighbour1
    placed, moved = planter.months_ago(33), planter.months_ago(14)
    provider = world.providers.of_kind("botilbud", neighbour1)[0]
    p = planter.person(
        23,
        "M",
        [
            [planter.home(), add_years(placed, -4), placed],
            [provider.residence(), placed, moved],
            [planter.home(neighbour1), moved, None],
        ],
    )
    case_id, rows = world.cases.add_grant(
        p,
        grant_type("botilbud108", unit="month"),
        start=placed,
        end=None,
        price=6_000_000,
        provider=provider,
        placed_by=ours,
        split_at_new_year=False,
        last_paid_month=as_of_month - 1,
        legal="SEL §108",
    )
    grant_id = rows[0][0]
    after = [(month, 6_000_000) for month in range(month_index(moved), as_of_month)]
    potential, lost = planter.window_split(after)
    planter.record(
        "NOT_STOPPED",
        True,
        {"grant_id": grant_id, "case_id": case_id, "cpr": p.cpr},
        f"Worked example 1: § 108 botilbud in {neighbour1} from {placed}, moved to an ordinary flat in "
        f"{neighbour1} on {moved}; 60.000 kr/month kept being paid",
        potential + 12 * 6_000_000,
        lost,
    )
    planter.record(
        "PAYMUN_MISMATCH",
        False,
        {"grant_id": grant_id, "cpr": p.cpr},
        "Worked example 1: placement explains it before the move; NOT_STOPPED takes "
        "precedence after it",
    )
    planter.record(
        "BLOCK_GRANT",
        False,
        {"cpr": p.cpr, "branch": 1},
        "Worked example 1: placement, then precedence of NOT_STOPPED",
    )
    planter.add_household(p)

    # grant ended mid-month and its case closed; payments kept running
    start, end = planter.months_ago(20), planter.months_ago(5, 15)
    p = planter.person(41, "K", [[planter.home(), planter.months_ago(120), None]])
    case_id, rows = world.cases.add_grant(
        p,
        GRANT_TYPES["tilskud95"],
        start=start,
        end=end,
        price=1_200_000,
        closed=end,
        split_at_new_year=False,
        pay_until_month=as_of_month - 1,
    )
    stop = end + ONE_DAY
    after = [
        (month, 1_200_000)
        for month in range(month_index(end), as_of_month)
        if month_start(month) >= stop
    ]
    potential, lost = planter.window_split(after)
    planter.record(
        "NOT_STOPPED",
        True,
        {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr},
        f"§ 95 grant ended {end} (case closed the same day); 12.000 kr/month still paid "
        f"for the following months",
        potential + 12 * 1_200_000,
        lost,
    )
    planter.add_household(p)

    # death: home help kept being paid after the person died
    start, death = planter.months_ago(30), planter.months_ago(3, 10)
    p = planter.person(
        86, "K", [[planter.home(), planter.months_ago(200), death]], status="90", status_date=death
    )
    p.civil_status, p.civil_status_since = "E", planter.months_ago(100)
    case_id, rows = world.cases.add_grant(
        p,
        GRANT_TYPES["hjemmehjaelp"],
        start=start,
        end=None,
        price=40_000,
        hours_per_week=5,
        provider=world.providers.of_kind("ambulant", ours)[0],
        split_at_new_year=False,
        last_paid_month=as_of_month - 1,
    )
    monthly = divide_half_up(40_000 * 5 * 365, 84)
    after = [
        (month, monthly)
        for month in range(month_index(death), as_of_month)
        if month_start(month) > death
    ]
    potential, lost = planter.window_split(after)
    planter.record(
        "NOT_STOPPED",
        True,
        {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr},
        f"Home help (400 kr/h, 5 h/week) paid after the death on {death}",
        potential + 12 * monthly,
        lost,
        note="run-rate = the monthly posting (8.690,48 kr: 400 × 5 × 365 / 84 rounded "
        "per posting) in each of the last 3 complete months",
    )
    planter.add_household(p)
