"""The case system: grants (one row per price period of a case) with their monthly payments,
pupils and pensions."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from .amounts import divide_half_up
from .dates import (
    ONE_DAY, days_in_month, first_working_day, month_end, month_index, month_label, month_start,
)
from .ledger import Ledger
from .person import Person
from .providers import Provider
from .writers import CsvWriter, contract_columns, format_date, format_money, quote_csv

# Grants starting before this date are recorded under their old legal basis (Barnets Lov).
NEW_LEGAL_BASES_FROM = dt.date(2024, 1, 1)
BOOKING_ERROR_RATE = 0.003  # payments booked, reversed and booked again


def monthly_amount(unit: str, price: int, hours_per_week: int, days_covered: int, month: int) -> int:
    """What one month of a grant costs when ``days_covered`` of its days are granted."""
    month_days = days_in_month(month)
    if unit == "month":
        return price if days_covered == month_days else divide_half_up(price * days_covered, month_days)
    if unit == "day":
        return price * days_covered
    if unit == "hour":  # hours a week × 365 / 7 weeks a year / 12 months (84 = 7 × 12), pro rata
        return divide_half_up(price * hours_per_week * 365 * days_covered, 84 * month_days)
    raise ValueError(unit)


class CaseSystem:
    def __init__(self, folder: Path, *, rng: random.Random, ledger: Ledger, ours: str,
                 as_of: dt.date, economy_start: dt.date):
        self.rng = rng
        self.ledger = ledger
        self.ours = ours
        self.as_of = as_of
        self.as_of_month = month_index(as_of)
        self.economy_start = economy_start
        self.economy_start_month = month_index(economy_start)
        self.grants = CsvWriter(folder / "cases" / "grants.csv", contract_columns("cases", "grants"))
        self.pupils = CsvWriter(folder / "cases" / "pupils.csv", contract_columns("cases", "pupils"))
        self.pensions = CsvWriter(folder / "cases" / "pensions.csv",
                                  contract_columns("cases", "pensions"))
        self.cases = 0
        self.grant_rows = 0

    def close(self) -> dict[str, tuple[str, int]]:
        """Close the files: delivery path -> (sha256, rows)."""
        return {f"cases/{name}.csv": (writer.close(), writer.rows)
                for name, writer in (("grants", self.grants), ("pupils", self.pupils),
                                     ("pensions", self.pensions))}

    # ---------------------------------------------------------------- grants
    def price_periods(self, start: dt.date, end: dt.date | None, price: int, yearly_increase: float,
                      cap: int | None = None) -> list[tuple[dt.date, dt.date | None, int]]:
        """Split a grant at each new year from the economy's first year (a new takst):
        [(start, end, price)]."""
        periods = []
        period_start = start
        last_year = min(end.year if end else self.as_of.year, self.as_of.year)
        year = max(start.year + 1, self.economy_start.year)
        current = price
        if start.year < self.economy_start.year:  # the price had already risen before then
            current = int(price * (1 + yearly_increase) ** (self.economy_start.year - 1 - start.year)) // 100 * 100
        while year <= last_year:
            periods.append((period_start, dt.date(year - 1, 12, 31), current))
            period_start = dt.date(year, 1, 1)
            current = int(current * (1 + yearly_increase)) // 100 * 100
            if cap is not None:
                current = min(current, cap)
            year += 1
        if cap is not None:
            periods = [(a, b, min(p, cap)) for a, b, p in periods]
            current = min(current, cap)
        periods.append((period_start, end, current))
        return periods

    def add_grant(self, p: Person, gtype: dict, *, start: dt.date, end: dt.date | None,
                  price: int, hours_per_week: int = 0, provider: Provider | None = None,
                  acting: str | None = None, paying: str | None = None, placed_by: str = "",
                  closed: dt.date | None = None, pay: bool = True,
                  pay_until_month: int | None = None, last_paid_month: int | None = None,
                  yearly_increase: float = 0.03, cap: int | None = None,
                  case_ref: bool | None = None, art: str = "", counterparty: str = "",
                  legal: str | None = None, split_at_new_year: bool = True):
        """Write the grant rows of one case and (``pay``) its monthly payments; returns
        (case id, [(grant id, start, end, price)]).

        ``pay_until_month`` keeps paying full months at the last price after the grant ended
        (a payment process that was not stopped); ``last_paid_month`` stops paying earlier."""
        self.cases += 1
        case_id = f"S{self.cases:08d}"
        acting = acting or self.ours
        paying = paying or self.ours
        unit = gtype["unit"]
        if unit != "once" and split_at_new_year:
            periods = self.price_periods(start, end, price, yearly_increase, cap)
        else:
            periods = [(start, end if unit != "once" else start, price)]
        if legal is None:
            legal = gtype["legal_old"] if start < NEW_LEGAL_BASES_FROM else gtype["legal"]
        status = "closed" if closed else "open"
        caseworker = f"CW{self.rng.randint(1, 400):04d}"
        rows = []
        with_case_ref = gtype["case_ref"] if case_ref is None else case_ref
        art = art or gtype["art"]
        for period_start, period_end, period_price in periods:
            self.grant_rows += 1
            grant_id = f"B{self.grant_rows:09d}"
            rows.append((grant_id, period_start, period_end, period_price))
            self.grants.row([
                grant_id, case_id, p.cpr, gtype["area"], quote_csv(legal), gtype["code"],
                quote_csv(gtype["name"]), provider.id if provider else "", gtype["function"],
                format_date(period_start), format_date(period_end), format_money(period_price),
                unit, str(hours_per_week) + ",00" if unit == "hour" else "", acting, paying,
                placed_by, status, format_date(closed), caseworker, quote_csv(gtype["dept"]),
            ])
        if pay:
            self._pay_grant(p, gtype, rows, unit, hours_per_week, with_case_ref, art, counterparty,
                            pay_until_month, last_paid_month)
        return case_id, rows

    def _pay_grant(self, p: Person, gtype: dict, rows, unit: str, hours_per_week: int,
                   with_case_ref: bool, art: str, counterparty: str,
                   pay_until_month: int | None, last_paid_month: int | None):
        """Monthly payments in advance (the part of the month the grant covers), state refunds
        at month end, and the occasional booking error."""
        post = self.ledger.post
        function, cost_center, name = gtype["function"], gtype["cc"], gtype["name"]
        as_of = self.as_of
        if unit == "once":
            grant_id, day, _, price = rows[0]
            if self.economy_start <= day <= as_of:
                post(day, function, 1, art, price, cpr=p.cpr,
                     case_ref=grant_id if with_case_ref else "", period_start=day, period_end=day,
                     text=name, cost_center=cost_center, counterparty=counterparty)
            return
        last_month = self.as_of_month if last_paid_month is None else last_paid_month
        for grant_id, start, end, price in rows:
            first = max(month_index(start), self.economy_start_month)
            last = min(month_index(end) if end else self.as_of_month, last_month)
            ref = grant_id if with_case_ref else ""
            for month in range(first, last + 1):
                first_day, last_day = month_start(month), month_end(month)
                covered_from = start if start > first_day else first_day
                covered_to = end if (end is not None and end < last_day) else last_day
                payday = first_working_day(month)
                if covered_from > payday:
                    payday = covered_from
                if payday > as_of:
                    break
                amount = monthly_amount(unit, price, hours_per_week,
                                        (covered_to - covered_from).days + 1, month)
                text = f"{name} {month_label(month)}"
                if self.rng.random() < BOOKING_ERROR_RATE:
                    post(payday, function, 1, art, amount, cpr=p.cpr, case_ref=ref,
                         period_start=covered_from, period_end=covered_to, text=text,
                         cost_center=cost_center, counterparty=counterparty)
                    post(payday + ONE_DAY, function, 1, art, -amount, cpr=p.cpr, case_ref=ref,
                         period_start=covered_from, period_end=covered_to, text="Storno: " + text,
                         cost_center=cost_center, counterparty=counterparty)
                post(payday, function, 1, art, amount, cpr=p.cpr, case_ref=ref,
                     period_start=covered_from, period_end=covered_to, text=text,
                     cost_center=cost_center, counterparty=counterparty)
                if gtype.get("refund") and last_day <= as_of:
                    post(last_day, function, 2, "7.6", -divide_half_up(amount * gtype["refund"], 100),
                         cpr=p.cpr, period_start=covered_from, period_end=covered_to,
                         text="Statsrefusion " + name, cost_center=cost_center)
        if pay_until_month is not None:
            grant_id, start, end, price = rows[-1]
            first = max(month_index(end) + 1 if end else self.as_of_month + 1,
                        self.economy_start_month)
            for month in range(first, pay_until_month + 1):
                payday = first_working_day(month)
                if payday > as_of:
                    break
                amount = monthly_amount(unit, price, hours_per_week, days_in_month(month), month)
                post(payday, function, 1, art, amount, cpr=p.cpr,
                     case_ref=grant_id if with_case_ref else "", period_start=month_start(month),
                     period_end=month_end(month), text=f"{name} {month_label(month)}",
                     cost_center=cost_center, counterparty=counterparty)

    # ---------------------------------------------------------------- pupils and pensions
    def add_pupil(self, p: Person, school: Provider, kind: str, start: dt.date,
                  end: dt.date | None):
        self.pupils.row([p.cpr, school.id, quote_csv(school.name), school.municipality, kind,
                         format_date(start), format_date(end)])

    def add_pension(self, p: Person, pension_type: str, awarded: dt.date, awarding: str,
                    paying: str, municipal_share: int, status: str = "active",
                    end: dt.date | None = None):
        self.pensions.row([p.cpr, pension_type, format_date(awarded), awarding, paying,
                           format_money(municipal_share), status, format_date(end)])
