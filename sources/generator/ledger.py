"""The finance system: postings (one file per fiscal year), the operating costs not on persons,
and budgets derived from what was spent."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from .dates import first_working_day, month_end, month_index, month_label, month_start
from .person import Person
from .writers import CsvWriter, contract_columns, format_date, format_money, quote_csv

# Operating costs not on persons (salaries, rent, IT): function, name
OPERATING_FUNCTIONS = [
    ("5.28.21", "Familiebehandling, fællesudgifter"), ("5.38.38", "Støttecentre, drift"),
    ("5.30.26", "Hjemmepleje, løn og kørsel"), ("3.22.01", "Folkeskoler, drift"),
    ("5.68.90", "Jobcenter, driftsudgifter"), ("5.38.50", "Botilbud, vedligehold")]
OPERATING_TEXTS = ["Løn {}", "Husleje {}", "IT-licenser {}", "Kørsel {}", "Vikarbureau; faktura {}"]
# budget = spending × one of these; below 1 the function overspends its budget
BUDGET_FACTORS = [0.9, 0.93, 0.97, 1.0, 1.02, 1.05, 1.08]
# income from the state, municipalities and regions: not part of a person's cost (families.md)
NOT_COST_ARTS = ("7.6", "7.7", "7.8")


def _within_one_month(start: dt.date | None, end: dt.date | None) -> bool:
    return start is None or end is None or (start.year, start.month) == (end.year, end.month)


class Ledger:
    def __init__(self, folder: Path, *, first_year: int, as_of: dt.date):
        self.folder = folder
        self.as_of = as_of
        self.first_year = first_year
        self.first_month = month_index(dt.date(first_year, 1, 1))
        self.as_of_month = month_index(as_of)
        self.columns = contract_columns("economy", "postings")
        self.files: dict[int, CsvWriter] = {}
        for year in range(first_year, as_of.year + 1):
            self._file(year)
        self.postings = 0
        # (fiscal year, function) -> expense in øre, the basis of the budgets
        self.expense: dict[tuple[int, str], int] = {}
        # the cost (dranst 1, art not 7.6/7.7/7.8) of the persons watched, for ground truths:
        # (cpr, fiscal year, function) -> øre
        self.watched: set[str] = set()
        self.watched_costs: dict[tuple[str, int, str], int] = {}
        # postings density (``split_from_now``): 1.0 = one posting per payment, as always
        self.split_factor = 1.0
        self._split_credit = 0.0
        self.splittable = 0  # ordinary expense postings seen since split_from_now (before splitting)

    def _file(self, year: int) -> CsvWriter:
        writer = self.files.get(year)
        if writer is None:
            writer = CsvWriter(self.folder / "economy" / f"postings_{year}.csv", self.columns)
            self.files[year] = writer
        return writer

    def post(self, posting_date: dt.date, function: str, dranst: int, art: str, amount: int, *,
             cpr: str = "", case_ref: str = "", counterparty: str = "",
             period_start: dt.date | None = None, period_end: dt.date | None = None,
             text: str = "", cost_center: str = "1000", fiscal_year: int | None = None,
             grouping: str = "001"):
        """One posting of ``amount`` øre (dranst 1 = operations, 2 = refunds/financing)."""
        if self.split_factor > 1.0 and dranst == 1 and amount > 0 and art[0] != "7" \
                and _within_one_month(period_start, period_end):
            parts = self._parts(amount)
            if parts > 1:  # the same payment in instalments: same total, same fields
                share = amount // parts
                for i in range(parts):
                    self._post(posting_date, function, dranst, art,
                               amount - share * (parts - 1) if i == 0 else share, cpr=cpr,
                               case_ref=case_ref, counterparty=counterparty,
                               period_start=period_start, period_end=period_end, text=text,
                               cost_center=cost_center, fiscal_year=fiscal_year, grouping=grouping)
                return
        self._post(posting_date, function, dranst, art, amount, cpr=cpr, case_ref=case_ref,
                   counterparty=counterparty, period_start=period_start, period_end=period_end,
                   text=text, cost_center=cost_center, fiscal_year=fiscal_year, grouping=grouping)

    def split_from_now(self, factor: float) -> None:
        """From now on, book each ordinary expense (dranst 1, positive, not income, a service
        period within one month or none) as about ``factor`` postings on average: the same
        payment in instalments with the same date, period, person, case and text, whose amounts
        add up to the payment. Every monthly and yearly sum, so every check and ground truth,
        stays as it was; only the number of rows grows. Deterministic (no draw from the world's
        random stream), so everything but the posting files stays byte-identical."""
        self.split_factor = max(1.0, factor)
        self._split_credit = 0.0
        self.splittable = 0

    def _parts(self, amount: int) -> int:
        self.splittable += 1
        self._split_credit += self.split_factor
        parts = int(self._split_credit)
        self._split_credit -= parts
        return min(parts, amount)  # never a zero instalment

    def _post(self, posting_date: dt.date, function: str, dranst: int, art: str, amount: int, *,
              cpr: str, case_ref: str, counterparty: str, period_start: dt.date | None,
              period_end: dt.date | None, text: str, cost_center: str, fiscal_year: int | None,
              grouping: str):
        self.postings += 1
        year = fiscal_year or posting_date.year
        writer = self._file(year)
        writer.rows += 1
        # formatted in one f-string rather than CsvWriter.row: postings are the bulk of the output
        writer.write(f"{self.postings:010d};{format_date(posting_date)};{year};{function};{dranst};"
                     f"{grouping};{art};{cost_center};{format_money(amount)};{cpr};{case_ref};"
                     f"{counterparty};{format_date(period_start)};{format_date(period_end)};"
                     f"{quote_csv(text)}\n")
        if dranst == 1 and art[0] != "7":  # art 7.x is income, not spending
            key = (year, function)
            self.expense[key] = self.expense.get(key, 0) + amount
        if cpr in self.watched and dranst == 1 and art not in NOT_COST_ARTS:
            key = (cpr, year, function)
            self.watched_costs[key] = self.watched_costs.get(key, 0) + amount

    def watch(self, *persons: Person):
        """Tally the cost of these persons' postings from now on (see ``cost``)."""
        self.watched.update(p.cpr for p in persons)

    def cost(self, cpr: str, year: int, functions: tuple[str, ...] = ("",)) -> int:
        """A watched person's cost (øre) in fiscal ``year`` on functions starting with one of
        ``functions`` (default: all)."""
        return sum(amount for (c, y, function), amount in self.watched_costs.items()
                   if c == cpr and y == year and function.startswith(functions))

    def post_monthly(self, p: Person, function: str, art: str, amount: int, first_month: int,
                     last_month: int, *, text: str, counterparty: str = "",
                     cost_center: str = "1000", charge_to: str = "",
                     charged_months: set[int] | None = None, dranst: int = 1,
                     earliest_month: int | None = None):
        """A monthly person payment (no grant) for first_month..last_month, paid in advance;
        optionally the same amount charged to municipality ``charge_to`` (art 7.7, invoiced at
        month end) in ``charged_months`` (None: all of them). Months before ``earliest_month``
        (default: the economy's first month) are not in the delivery."""
        start = self.first_month if earliest_month is None else earliest_month
        for month in range(max(first_month, start), last_month + 1):
            payday = first_working_day(month)
            if payday > self.as_of:
                break
            period_start, period_end = month_start(month), month_end(month)
            self.post(payday, function, dranst, art, amount, cpr=p.cpr, counterparty=counterparty,
                      period_start=period_start, period_end=period_end,
                      text=f"{text} {month_label(month)}", cost_center=cost_center)
            if charge_to and (charged_months is None or month in charged_months) \
                    and period_end <= self.as_of:
                self.post(period_end, function, 1, "7.7", -amount, cpr=p.cpr,
                          counterparty=charge_to, period_start=period_start,
                          period_end=period_end, text=f"Mellemkommunal refusion {text}",
                          cost_center=cost_center)

    def post_operating_costs(self, rng: random.Random):
        """Costs not on persons (salaries, rent, IT), a few per function and month."""
        for month in range(self.first_month, self.as_of_month + 1):
            payday = first_working_day(month)
            if payday > self.as_of:
                break
            for function, name in OPERATING_FUNCTIONS:
                for _ in range(2):
                    text = rng.choice(OPERATING_TEXTS).format(month_label(month))
                    self.post(payday, function, 1, rng.choice(["4.0", "2.9", "4.9"]),
                              rng.randint(20_000, 900_000) * 100, period_start=month_start(month),
                              period_end=month_end(month), text=f"{name}: {text}",
                              cost_center="9000")
            if month % 12 == 5:  # a manual correction with a line break in its text
                self.post(month_end(month), "5.68.90", 1, "4.0", -rng.randint(100, 5000) * 100,
                          text="Efterregulering\nJf. aftale med leverandør", cost_center="9000")

    def close(self) -> dict[str, tuple[str, int]]:
        """Close the posting files: delivery path -> (sha256, rows)."""
        return {f"economy/postings_{year}.csv": (self.files[year].close(), self.files[year].rows)
                for year in sorted(self.files)}

    def write_budgets(self, rng: random.Random) -> tuple[str, int]:
        """budgets.csv from the spending per year and function (the current year extrapolated
        to twelve months); returns (sha256, rows)."""
        budgets = CsvWriter(self.folder / "economy" / "budgets.csv",
                            contract_columns("economy", "budgets"))
        for (year, function), total in sorted(self.expense.items()):
            if year < self.first_year or total <= 0:
                continue
            if year == self.as_of.year:
                total = total * 12 // max(1, self.as_of.month)
            factor = rng.choice(BUDGET_FACTORS)
            budgets.row([str(year), function, format_money(int(total * factor) // 100000 * 100000)])
        return budgets.close(), budgets.rows
