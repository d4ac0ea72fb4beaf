"""Everything the base and the planted cases build on: the shared random stream, the dates,
our municipality and its neighbours, streets, providers, the population and the output files.

All randomness comes from one ``random.Random`` in a fixed order: that is what makes a
(seed, citizens, date) delivery byte-for-byte reproducible."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from .addresses import Streets, roads_for
from .cases import CaseSystem
from .cpr_extract import CprExtract
from .dates import month_index
from .ledger import Ledger
from .places import NEIGHBOURS
from .population import Population
from .providers import Providers

ECONOMY_YEARS = 5  # the delivery's postings cover as_of's year and the four before


class World:
    def __init__(self, folder: Path, *, seed: int, as_of: dt.date, ours: str, citizens: int):
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.as_of_month = month_index(as_of)
        self.ours = ours
        self.citizens = citizens
        self.economy_start = dt.date(as_of.year - ECONOMY_YEARS + 1, 1, 1)
        self.economy_start_month = month_index(self.economy_start)
        self.others = [code for code in NEIGHBOURS if code != ours]
        # about 250 households' worth of addresses per road
        n_roads, road_length = roads_for(max(40, citizens // 250 + 20))
        self.streets = {ours: Streets(self.rng, ours, n_roads, road_length=road_length)}
        for code in self.others:
            self.streets[code] = Streets(self.rng, code, 40)
        self.providers = Providers(self.rng, self.streets)
        self.providers.build(citizens, ours, self.others)
        self.population = Population(self.rng, self.streets, ours, self.others)
        self.cpr_extract = CprExtract(folder / "folkeregister" / "cpr_extract.txt", ours)
        self.ledger = Ledger(folder, first_year=self.economy_start.year, as_of=as_of)
        self.cases = CaseSystem(folder, rng=self.rng, ledger=self.ledger, ours=ours, as_of=as_of,
                                economy_start=self.economy_start)

    def random_date(self, first: dt.date, last: dt.date) -> dt.date:
        """Uniform in first..last (both included); ``first`` when the range is empty."""
        if last <= first:
            return first
        return first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))
