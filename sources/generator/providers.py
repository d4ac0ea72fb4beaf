"""Providers (leverandører): residential offers, support centres and schools, ours and the
neighbours'."""

from __future__ import annotations

import random
from typing import NamedTuple

from .addresses import Address, Streets
from .names import LAST_NAMES, ROAD_STEMS
from .writers import CsvWriter, quote_csv

NAME_PATTERNS = {"botilbud": "Bofællesskabet {}", "opholdssted": "Opholdsstedet {}",
                 "doegninstitution": "Døgninstitutionen {}", "plejefamilie": "Plejefamilie {}",
                 "ambulant": "Støttecentret {}", "school": "{} Skole", "other": "Rådgivning {}"}
NAME_ENDINGS = ["gården", "huset", "lyst", "bo", "høj"]
# What every neighbour offers: kind, residential
NEIGHBOUR_KINDS = (("botilbud", True), ("opholdssted", True), ("plejefamilie", True),
                   ("doegninstitution", True), ("ambulant", False), ("school", False))


class Provider(NamedTuple):
    id: str
    name: str
    kind: str
    municipality: str
    address: Address | None  # residential offers only
    residential: bool
    special: bool

    def residence(self) -> Address:
        """The CPR address of living in this residential offer (no floor/door)."""
        a = self.address
        return Address(a.municipality, a.road_code, a.house_number, "", "", a.text, a.postal_code,
                       a.postal_district)

    def csv_row(self) -> list[str]:
        road = self.address.road_code if self.address else ""
        house = self.address.house_number.strip().lstrip("0") if self.address else ""
        return [self.id, quote_csv(self.name), self.kind, self.municipality, road, house,
                "true" if self.residential else "false"]


class Providers:
    def __init__(self, rng: random.Random, streets: dict[str, Streets]):
        self.rng = rng
        self.streets = streets
        self.all: list[Provider] = []
        self._by_kind: dict[tuple[str, str], list[Provider]] = {}

    def build(self, citizens: int, ours: str, others: list[str]) -> None:
        """Our providers scale with the population; every neighbour has one of each kind."""
        ours_spec = [("botilbud", max(3, citizens // 20000), True),
                     ("opholdssted", max(2, citizens // 40000), True),
                     ("doegninstitution", 2, True), ("plejefamilie", 3, True),
                     ("ambulant", max(4, citizens // 25000), False),
                     ("school", max(3, citizens // 4000), False), ("other", 2, False)]
        for kind, count, residential in ours_spec:
            for _ in range(count):
                self.add(kind, ours, residential)
        self.add("school", ours, False, special=True)
        for code in others:
            for kind, residential in NEIGHBOUR_KINDS:
                self.add(kind, code, residential)

    def add(self, kind: str, municipality: str, residential: bool, special: bool = False,
            listed: bool = True) -> Provider:
        """A new provider; ``listed`` False keeps it out of ``of_kind`` (the base never uses it:
        a planted case's own offer)."""
        rng = self.rng
        provider_id = f"LEV{len(self.all) + 1:05d}"
        stem = rng.choice(ROAD_STEMS)
        if kind == "plejefamilie":
            name = NAME_PATTERNS[kind].format(rng.choice(LAST_NAMES))
        elif special:
            name = f"Specialskolen {stem}gården"
        else:
            name = NAME_PATTERNS[kind].format(stem + rng.choice(NAME_ENDINGS))
        address = self.streets[municipality].allocate() if residential else None
        provider = Provider(provider_id, name, kind, municipality, address, residential, special)
        self.all.append(provider)
        if listed:
            self._by_kind.setdefault((kind + ("_special" if special else ""), municipality),
                                     []).append(provider)
        return provider

    def of_kind(self, kind: str, municipality: str) -> list[Provider]:
        """The providers of ``kind`` in ``municipality`` (``school_special``: special schools)."""
        return self._by_kind[(kind, municipality)]

    def write_csv(self, writer: CsvWriter) -> None:
        for provider in self.all:
            writer.row(provider.csv_row())
