"""What every family of planted cases needs: dated persons and homes, the claim-window split of
amounts, and the ground-truth record of each case."""

from __future__ import annotations

import datetime as dt

from ..addresses import Address
from ..dates import ONE_DAY, add_years, month_end, month_start
from ..person import Person, Span
from ..world import World

CLAIM_WINDOW_MONTHS = 36


class Planter:
    def __init__(self, world: World):
        self.world = world
        self.rng = world.rng
        self.as_of = world.as_of
        self.as_of_month = world.as_of_month
        self.ours = world.ours
        # the other municipalities of the cases ("X" in checks.md's examples)
        others = world.others
        self.neighbour1, self.neighbour2, self.neighbour3, self.neighbour4 = others[:4]
        self.neighbour5 = others[6] if len(others) > 6 else others[4]
        self.cases: list[dict] = []  # the ground truth
        self.households: list[list[Person]] = []  # written into the extract between base households
        self.families: list[dict] = []  # the ground truth of the planted family cases
        # costly families living outside our municipality: never in the costliest top 50
        self.families_outside: list[dict] = []
        self.forecasts: list[dict] = []  # the ground truth of the planted expected-spending cases
        self.residents = 0

    def months_ago(self, months: int, day: int = 1) -> dt.date:
        """Day ``day`` (0 = the last day) of the month ``months`` before as_of's month."""
        month = self.as_of_month - months
        return month_end(month) if day == 0 else month_start(month).replace(day=day)

    def is_lost(self, month: int) -> bool:
        """The month lies before the claim window (forældet)."""
        return month < self.as_of_month - CLAIM_WINDOW_MONTHS

    def window_split(self, monthly: list[tuple[int, int]]) -> tuple[int, int]:
        """(potential, lost): the sum of [(month, amount)] inside the claim window (the 36
        complete months before as_of's month) and before it."""
        first = self.as_of_month - CLAIM_WINDOW_MONTHS
        potential = sum(
            amount for month, amount in monthly if first <= month <= self.as_of_month - 1
        )
        lost = sum(amount for month, amount in monthly if month < first)
        return potential, lost

    def record(
        self,
        check: str,
        expected: bool,
        anchor: dict,
        description: str,
        potential: int | None = None,
        lost: int | None = None,
        variant: str | None = None,
        note: str | None = None,
        invoice_lines: list[dict] | None = None,
    ):
        """One ground-truth case; ``expected`` False marks a trap the check must not flag.
        ``invoice_lines``: the lines the case puts on the invoice basis (spending.md), one dict
        per month with what the generator planted (month, counterparty, amount, stay grant…)."""
        number = sum(1 for case in self.cases if case["check_code"] == check) + 1
        case = {
            "id": f"{check}-{number:02d}",
            "check_code": check,
            "variant": variant,
            "expected": expected,
            "anchor": anchor,
            "description": description,
            "potential_amount_dkk": None if potential is None else round(potential / 100, 2),
            "lost_amount_dkk": None if lost is None else round(lost / 100, 2),
        }
        if note:
            case["amounts_note"] = note
        if invoice_lines is not None:
            case["invoice_lines"] = invoice_lines
        self.cases.append(case)

    def person(
        self,
        age: int,
        sex: str,
        spans: list[list],
        status: str = "01",
        status_date: dt.date | None = None,
        birth: dt.date | None = None,
    ) -> Person:
        """A person aged ``age`` on as_of (or born on ``birth``) living in ``spans`` [[address,
        moved in, moved out or None]] (spans ending before the birth are dropped; a first start
        of None or before the birth means from birth); any earlier history is prepended before
        the first span."""
        world = self.world
        if birth is None:
            birth = world.random_date(
                add_years(self.as_of, -age - 1) + dt.timedelta(days=2),
                add_years(self.as_of, -age) - ONE_DAY,
            )
        p = world.population.new_person(birth, sex)
        lived = [Span(*span) for span in spans]
        lived = [span for span in lived if span.moved_out is None or span.moved_out > birth]
        if lived[0].moved_in is None or lived[0].moved_in <= birth:
            lived[0].moved_in = birth
        p.spans = lived
        if lived[0].moved_in > birth:
            world.population.prepend_history(p, lived[0].moved_in, max_moves=1)
        if status != "01":
            p.status, p.status_date = status, status_date
        return p

    def home(self, municipality: str | None = None) -> Address:
        return self.world.streets[municipality or self.ours].allocate()

    def add_household(self, *persons: Person):
        self.households.append(list(persons))
        self.residents += sum(1 for p in persons if p.is_resident_of(self.ours))

    def mother_and_child(
        self, mother_spans: list[list], child_age: int, child_spans: list[list] | None = None
    ) -> tuple[Person, Person]:
        """A mother of 35-45 and her child, who lived with her (from birth) unless told otherwise."""
        mother = self.person(self.rng.randint(35, 45), "K", mother_spans)
        child = self.person(
            child_age,
            self.rng.choice("MK"),
            child_spans
            or [
                [span[0], None if i == 0 else span[1], span[2]]
                for i, span in enumerate(mother_spans)
            ],
        )
        child.last_name = mother.last_name
        child.mother = mother
        mother.children.append(child.cpr)
        return mother, child
