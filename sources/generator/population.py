"""New persons: CPR numbers, names and the address history before they enter the story."""

from __future__ import annotations

import datetime as dt
import random

from .addresses import Address, Streets
from .dates import add_years
from .names import LAST_NAMES, first_names_for
from .person import Person, Span
from .places import municipalities, pre2007_codes

MUNICIPALITY_REFORM = dt.date(2007, 1, 1)


class Population:
    def __init__(self, rng: random.Random, streets: dict[str, Streets], ours: str,
                 others: list[str]):
        self.rng = rng
        self.streets = streets
        self.ours = ours
        self.others = others
        self.all_codes = sorted(municipalities())
        self._serials: dict[int, int] = {}  # birth date ordinal -> persons born that day so far

    def new_cpr(self, birth: dt.date) -> str:
        """A replacement CPR number (day + 60): never a real person's number. Digit 7 encodes
        the century as in real numbers, so each birth date holds 4000 (1900s) or 6000 numbers."""
        key = birth.toordinal()
        serial = self._serials.get(key, 0)
        self._serials[key] = serial + 1
        if birth.year < 2000:
            digit7 = serial // 1000  # 0-3: 1900s
            if digit7 > 3:
                raise RuntimeError("too many persons born on one day")
        else:
            digit7 = 4 + serial // 1000  # 4-9: 2000s for yy <= 36
            if digit7 > 9 or birth.year > 2036:
                raise RuntimeError("too many persons born on one day")
        return f"{birth.day + 60:02d}{birth.month:02d}{birth.year % 100:02d}{digit7}{serial % 1000:03d}"

    def new_person(self, birth: dt.date, sex: str, last_name: str | None = None) -> Person:
        rng = self.rng
        first = rng.choice(first_names_for(sex))
        if rng.random() < 0.3:
            first += " " + rng.choice(first_names_for(sex))
        return Person(self.new_cpr(birth), sex, birth, first, last_name or rng.choice(LAST_NAMES))

    def former_address(self, municipality: str, until: dt.date) -> Address:
        """A former address in ``municipality``; before 2007 possibly under a pre-reform code."""
        streets = self.streets.get(municipality)
        if streets is not None:
            address = streets.random_former()
        else:
            address = Address(municipality, f"{self.rng.randint(1, 999) * 4 + 1:04d}",
                              f"{self.rng.randint(1, 120):03d} ", "", "", "", "", "")
        if until <= MUNICIPALITY_REFORM:
            old_codes = pre2007_codes().get(municipality)
            if old_codes and self.rng.random() < 0.7:
                address = address._replace(municipality=self.rng.choice(old_codes))
        return address

    def random_municipality(self) -> str:
        """Somewhere other than ours: a neighbour half the time, else any municipality."""
        if self.rng.random() < 0.5:
            return self.rng.choice(self.others)
        code = self.rng.choice(self.all_codes)
        return code if code != self.ours else self.others[0]

    def prepend_history(self, p: Person, until: dt.date, max_moves: int = 3):
        """Former spans from birth up to ``until`` (where p.spans starts): up to ``max_moves``
        adult moves, mostly within our municipality, before that the childhood home."""
        rng = self.rng
        spans = []
        moved_out = until
        adult = add_years(p.birth, 19)
        for _ in range(rng.randint(0, max_moves)):
            moved_in = moved_out - dt.timedelta(days=rng.randint(200, 3000))
            if moved_in <= adult:
                break
            code = self.ours if rng.random() < 0.65 else self.random_municipality()
            spans.append(Span(self.former_address(code, moved_out), moved_in, moved_out))
            moved_out = moved_in
        if moved_out > p.birth:
            code = self.ours if rng.random() < 0.5 else self.random_municipality()
            spans.append(Span(self.former_address(code, moved_out), p.birth, moved_out))
        spans.reverse()
        p.spans[0:0] = spans
