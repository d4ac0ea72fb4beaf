"""A person of the synthetic population, as the CPR extract will describe them."""

from __future__ import annotations

import datetime as dt

from .addresses import Address


class Span:
    """Living at ``address`` from ``moved_in`` until ``moved_out`` (None: still there)."""
    __slots__ = ("address", "moved_in", "moved_out")

    def __init__(self, address: Address, moved_in: dt.date | None, moved_out: dt.date | None):
        self.address = address
        self.moved_in = moved_in
        self.moved_out = moved_out

    @property
    def municipality(self) -> str:
        return self.address.municipality

    def copy(self) -> Span:
        return Span(self.address, self.moved_in, self.moved_out)


class Person:
    __slots__ = ("cpr", "sex", "birth", "first_names", "last_name", "status", "status_date",
                 "spans", "civil_status", "spouse_cpr", "civil_status_since", "civil_history",
                 "children", "mother", "father")

    def __init__(self, cpr: str, sex: str, birth: dt.date, first_names: str, last_name: str):
        self.cpr = cpr
        self.sex = sex
        self.birth = birth
        self.first_names = first_names
        self.last_name = last_name
        self.status = "01"  # CPR status: 01 resident, 20/70/80/90 no residence/gone/emigrated/dead
        self.status_date = birth
        self.spans: list[Span] = []  # the address history, oldest first, without gaps
        self.civil_status = "U"
        self.spouse_cpr = ""
        self.civil_status_since = birth
        # former civil statuses (029): (status, spouse cpr, from, to)
        self.civil_history: list[tuple[str, str, dt.date, dt.date]] = []
        self.children: list[str] = []  # cpr numbers
        self.mother: Person | None = None
        self.father: Person | None = None

    def age_on(self, day: dt.date) -> int:
        return day.year - self.birth.year - ((day.month, day.day) < (self.birth.month, self.birth.day))

    def is_resident_of(self, municipality: str) -> bool:
        """Counted as a citizen of ``municipality`` in the extract."""
        return (self.status == "01" and bool(self.spans) and self.spans[-1].moved_out is None
                and self.spans[-1].municipality == municipality)

    def stay_start(self, municipality: str) -> dt.date | None:
        """Start of the last unbroken run of spans in ``municipality`` that lasts until today
        (moving within the municipality does not break it)."""
        if not self.spans or self.spans[-1].moved_out is not None \
                or self.spans[-1].municipality != municipality:
            return None
        start = self.spans[-1].moved_in
        for span in reversed(self.spans[:-1]):
            if span.municipality == municipality and span.moved_out == start:
                start = span.moved_in
            else:
                break
        return start

    def span_ending_on(self, day: dt.date) -> Span | None:
        for span in self.spans:
            if span.moved_out == day:
                return span
        return None
