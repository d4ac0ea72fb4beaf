"""Expected-spending cases (spending.md, "At the cut-off"): five grants whose forecast for the
fiscal year is known to the øre, each with the figures the rule gives.

- ``arrears``: a provider invoices each month in arrears; the invoice for as_of's month arrives
  after as_of, so those days are still to come (counted once, never forgotten);
- ``prepaid_ended``: a grant ended mid-month after the whole month was paid in advance: booked
  exceeds the cost and nothing remains (never negative);
- ``dead``: an open grant of a person who died; payments ran on (NOT_STOPPED flags it), the
  forecast counts the days until death only and adds nothing;
- ``other_payer``: a stay another municipality placed here and pays: not our forecast;
- ``january_posting``: last year's December invoice posted in January with last year's
  fiscal_year: it counts in last year's booked (a completed year: nothing remaining).

The figures are computed here from the rule (cost over the active days, booked by as_of,
remaining = max(0, cost − booked for the year's service days)), never by running the models.
Ground truth: ``planter.forecasts``, one record per grant and fiscal year (amounts in kroner)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from ..dates import ONE_DAY, days_in_month, first_working_day, month_end, month_index, month_start
from ..grant_types import GRANT_TYPES, grant_type
from .planter import Planter


def _half_up(amount: Fraction) -> int:
    """Øre, rounded half-up (amounts are positive here)."""
    return int(amount + Fraction(1, 2))


def month_cost(price: int, start: dt.date, end: dt.date | None, year: int) -> int:
    """spending.md's month formula over [start, end] ∩ year Y, in øre, rounded once."""
    first = max(start, dt.date(year, 1, 1))
    last = min(end or dt.date(year, 12, 31), dt.date(year, 12, 31))
    total = Fraction(0)
    for month in range(month_index(first), month_index(last) + 1):
        covered_from = max(first, month_start(month))
        covered_to = min(last, month_end(month))
        total += Fraction(price * ((covered_to - covered_from).days + 1), days_in_month(month))
    return _half_up(total)


class _Payments:
    """Postings of one grant (service period = one calendar month each), with the expense of each
    fiscal year they add to booked by as_of."""

    def __init__(self, planter: Planter, person, gtype: dict, grant_id: str):
        self.planter, self.person, self.gtype, self.grant_id = planter, person, gtype, grant_id
        self.booked: dict[int, int] = {}  # fiscal year -> øre

    def month(self, month: int, amount: int, posting_date: dt.date):
        if posting_date > self.planter.as_of:
            return
        fiscal_year = month_start(month).year  # the service month's year
        self.planter.world.ledger.post(
            posting_date, self.gtype["function"], 1, self.gtype["art"], amount,
            cpr=self.person.cpr, case_ref=self.grant_id, period_start=month_start(month),
            period_end=month_end(month), text=f"{self.gtype['name']} {month_start(month):%m.%Y}",
            cost_center=self.gtype["cc"], fiscal_year=fiscal_year)
        self.booked[fiscal_year] = self.booked.get(fiscal_year, 0) + amount


def _record(planter: Planter, variant: str, anchor: dict, fiscal_year: int, cost: int, booked: int,
            description: str):
    """One forecast truth: remaining = max(0, cost − booked) in as_of's year (every posting here
    lies wholly in its fiscal year), 0 for a completed year."""
    remaining = max(0, cost - booked) if fiscal_year >= planter.as_of.year else 0
    planter.forecasts.append({
        "id": f"FORECAST-{len(planter.forecasts) + 1:02d}",
        "variant": variant,
        "anchor": anchor,
        "fiscal_year": fiscal_year,
        "description": description,
        "cost_year_dkk": round(cost / 100, 2),
        "booked_dkk": round(booked / 100, 2),
        "remaining_dkk": round(remaining / 100, 2),
        "expected_dkk": round((booked + remaining) / 100, 2),
    })


def plant_forecasts(planter: Planter):
    """The five expected-spending cases of issue #13 (see the module's docstring)."""
    world, as_of, as_of_month, ours = planter.world, planter.as_of, planter.as_of_month, planter.ours
    year = as_of.year

    # arrears: 30.000 kr/month from 8 months back, invoiced on the 10th of the next month
    gtype = grant_type("stoette85", unit="month")
    start, price = planter.months_ago(8), 3_000_000
    p = planter.person(52, "M", [[planter.home(), planter.months_ago(150), None]])
    case_id, rows = world.cases.add_grant(
        p, gtype, start=start, end=None, price=price,
        provider=world.providers.of_kind("ambulant", ours)[0], split_at_new_year=False, pay=False)
    pay = _Payments(planter, p, gtype, rows[0][0])
    for month in range(month_index(start), as_of_month + 1):
        pay.month(month, price, month_start(month + 1).replace(day=10))
    _record(planter, "arrears", {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr}, year,
            month_cost(price, start, None, year), pay.booked.get(year, 0),
            f"Invoiced in arrears from {start}: the invoice for {month_start(as_of_month):%m.%Y} "
            f"arrives after as_of, its days are still to come (counted once)")
    planter.add_household(p)

    # prepaid_ended: 30.000 kr/month, ended on the 15th of as_of's month (before as_of), the
    # whole month paid in advance on its first working day
    gtype = GRANT_TYPES["tilskud95"]
    start, end, price = planter.months_ago(9), planter.months_ago(0, 15), 3_000_000
    p = planter.person(37, "K", [[planter.home(), planter.months_ago(150), None]])
    case_id, rows = world.cases.add_grant(
        p, gtype, start=start, end=end, price=price, split_at_new_year=False, pay=False)
    pay = _Payments(planter, p, gtype, rows[0][0])
    for month in range(month_index(start), month_index(end) + 1):
        pay.month(month, price, max(first_working_day(month), start))
    _record(planter, "prepaid_ended", {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr},
            year, month_cost(price, start, end, year), pay.booked.get(year, 0),
            f"Ended {end}, the whole month paid in advance: booked exceeds the cost, nothing "
            f"remains (never negative)")
    planter.add_household(p)

    # dead: 20.000 kr/month since 1 January last year, open; died on the 15th five months ago,
    # payments ran on (NOT_STOPPED)
    gtype = GRANT_TYPES["tilskud95"]
    start, death, price = dt.date(year - 1, 1, 1), planter.months_ago(5, 15), 2_000_000
    p = planter.person(81, "M", [[planter.home(), planter.months_ago(300), death]],
                       status="90", status_date=death)
    case_id, rows = world.cases.add_grant(
        p, gtype, start=start, end=None, price=price, split_at_new_year=False, pay=False)
    grant_id = rows[0][0]
    pay = _Payments(planter, p, gtype, grant_id)
    for month in range(max(month_index(start), world.economy_start_month), as_of_month + 1):
        pay.month(month, price, first_working_day(month))
    active_end = death - ONE_DAY  # status 90 from its date: the day of death is not active
    _record(planter, "dead", {"grant_id": grant_id, "case_id": case_id, "cpr": p.cpr}, year,
            month_cost(price, start, active_end, year), pay.booked.get(year, 0),
            f"Open grant, the person died {death}; paid on every month: the forecast counts the "
            f"days until the death and adds nothing")
    after = [(month, price) for month in range(month_index(death), as_of_month)
             if month_start(month) > death]
    potential, lost = planter.window_split(after)
    planter.record(
        "NOT_STOPPED", True, {"grant_id": grant_id, "case_id": case_id, "cpr": p.cpr},
        f"Forecast case: § 95 grant (20.000 kr/month) paid after the death on {death}",
        potential + 12 * price, lost)
    planter.add_household(p)

    # other_payer: neighbour3 placed the person in our botilbud and pays the stay itself
    other = planter.neighbour3
    placed = planter.months_ago(14)
    provider = world.providers.of_kind("botilbud", ours)[-1]
    p = planter.person(44, "K", [[planter.home(other), planter.months_ago(120), placed],
                                 [provider.residence(), placed, None]])
    case_id, rows = world.cases.add_grant(
        p, GRANT_TYPES["botilbud108"], start=placed, end=None, price=180_000, provider=provider,
        acting=other, paying=other, placed_by=other, split_at_new_year=False, pay=False)
    _record(planter, "other_payer", {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr}, year,
            0, 0, f"Placed here by {other} on {placed}, {other} pays: not our forecast")
    planter.record(
        "PAYMUN_MISMATCH", False, {"grant_id": rows[0][0], "cpr": p.cpr},
        f"Forecast case: the stay's grant (acting and paying {other}) is explained by the placement rule")
    planter.add_household(p)

    # january_posting: July-December last year at 25.000 kr/month, invoiced in arrears on the
    # 12th of the next month with the service month's fiscal_year
    gtype = grant_type("stoette85", unit="month")
    start, end, price = dt.date(year - 1, 7, 1), dt.date(year - 1, 12, 31), 2_500_000
    p = planter.person(29, "K", [[planter.home(), planter.months_ago(150), None]])
    case_id, rows = world.cases.add_grant(
        p, gtype, start=start, end=end, price=price,
        provider=world.providers.of_kind("ambulant", ours)[0], split_at_new_year=False, pay=False)
    pay = _Payments(planter, p, gtype, rows[0][0])
    for month in range(month_index(start), month_index(end) + 1):
        pay.month(month, price, month_start(month + 1).replace(day=12))
    _record(planter, "january_posting", {"grant_id": rows[0][0], "case_id": case_id, "cpr": p.cpr},
            year - 1, month_cost(price, start, end, year - 1), pay.booked.get(year - 1, 0),
            f"December {year - 1}'s invoice posted 12 January {year} with fiscal_year {year - 1}: "
            f"it counts in {year - 1}'s booked")
    planter.add_household(p)
