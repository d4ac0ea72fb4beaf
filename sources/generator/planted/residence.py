"""PAYMUN_MISMATCH and BLOCK_GRANT cases: grants paid for persons who no longer live here."""

from __future__ import annotations

from ..addresses import NO_FIXED_RESIDENCE
from ..dates import month_index
from ..grant_types import GRANT_TYPES
from .planter import Planter


def plant_residence_mismatches(planter: Planter):
    """PAYMUN_MISMATCH and BLOCK_GRANT: grants whose paying municipality does not match where the person lives (or whether they live anywhere)."""
    world, as_of_month, ours, neighbour1, neighbour2, neighbour3 = (
        planter.world,
        planter.as_of_month,
        planter.ours,
        planter.neighbour1,
        planter.neighbour2,
        planter.neighbour3,
    )
    amb = world.providers.of_kind("ambulant", ours)[0]
    # grant records neighbour1 as payer for a resident; neighbour1 pays, we book nothing
    p = planter.person(33, "K", [[planter.home(), planter.months_ago(90), None]])
    case_id, rows = world.cases.add_grant(
        p,
        GRANT_TYPES["stoette85"],
        start=planter.months_ago(20),
        end=None,
        price=45_000,
        hours_per_week=4,
        provider=amb,
        paying=neighbour1,
        acting=ours,
        pay=False,
        split_at_new_year=False,
    )
    planter.record(
        "PAYMUN_MISMATCH",
        True,
        {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr},
        f"Resident of {ours} with an open § 85 grant recording {neighbour1} as paying municipality",
        0,
        0,
    )
    planter.add_household(p)
    # moved to neighbour2 (ordinary home) last month, grant still open, payments stopped
    moved = planter.months_ago(1, 10)
    p = planter.person(
        45,
        "M",
        [[planter.home(), planter.months_ago(80), moved], [planter.home(neighbour2), moved, None]],
    )
    case_id, rows = world.cases.add_grant(
        p,
        GRANT_TYPES["tilskud95"],
        start=planter.months_ago(30),
        end=None,
        price=1_000_000,
        split_at_new_year=False,
        last_paid_month=as_of_month - 1,
    )
    planter.record(
        "PAYMUN_MISMATCH",
        True,
        {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr},
        f"Moved to {neighbour2} on {moved}; grant open with {ours} as payer",
        12 * 1_000_000,
        0,
    )
    planter.record(
        "BLOCK_GRANT",
        True,
        {"cpr": p.cpr, "branch": 1},
        f"Open grant, residence span in {neighbour2} on as_of",
        None,
        0,
        note="potential = the seed's value per inhabitant for year(as_of) (not known here)",
    )
    planter.add_household(p)
    # elderly home help, moved to neighbour3 in September; only BLOCK_GRANT (1)
    moved = planter.months_ago(2, 20)
    p = planter.person(
        81,
        "K",
        [[planter.home(), planter.months_ago(200), moved], [planter.home(neighbour3), moved, None]],
    )
    world.cases.add_grant(
        p,
        GRANT_TYPES["hjemmehjaelp"],
        start=planter.months_ago(40),
        end=None,
        price=38_000,
        hours_per_week=3,
        provider=amb,
        split_at_new_year=False,
        last_paid_month=month_index(moved),
    )
    planter.record(
        "BLOCK_GRANT",
        True,
        {"cpr": p.cpr, "branch": 1},
        f"Moved to {neighbour3} on {moved} with an open home-help grant",
        None,
        0,
        note="potential = the seed's value per inhabitant for year(as_of)",
    )
    planter.add_household(p)
    # status 70 (disappeared) 10 months ago, cash benefit still running
    status_day = planter.months_ago(10, 5)
    p = planter.person(
        29,
        "M",
        [[planter.home(), planter.months_ago(70), status_day]],
        status="70",
        status_date=status_day,
    )
    world.cases.add_grant(
        p,
        GRANT_TYPES["kontant"],
        start=planter.months_ago(40),
        end=None,
        price=1_200_000,
        split_at_new_year=False,
    )
    planter.record(
        "BLOCK_GRANT",
        True,
        {"cpr": p.cpr, "branch": 2},
        f"Status 70 since {status_day}, last residence in {ours}, open cash-benefit grant",
        None,
        0,
        note="potential = the seed's value per inhabitant for year(as_of)",
    )
    planter.add_household(p)
    # status 20 (no residence; administrative code) 9 months ago
    status_day = planter.months_ago(9, 1)
    p = planter.person(
        51,
        "K",
        [
            [planter.home(), planter.months_ago(90), status_day],
            [NO_FIXED_RESIDENCE, status_day, None],
        ],
        status="20",
        status_date=status_day,
    )
    world.cases.add_grant(
        p,
        GRANT_TYPES["ressource"],
        start=planter.months_ago(30),
        end=None,
        price=1_500_000,
        split_at_new_year=False,
    )
    planter.record(
        "BLOCK_GRANT",
        True,
        {"cpr": p.cpr, "branch": 2},
        f"Status 20 since {status_day} (administrative code 0011 in 002), last real residence in "
        f"{ours}, open grant",
        None,
        0,
        note="assumes the administrative-code span is not a residence span, so the last "
        "residence span is ours; potential = seed value per inhabitant",
    )
    planter.add_household(p)
