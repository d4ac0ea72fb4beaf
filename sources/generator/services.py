"""The clean base's services: grants, placements, school enrolment and pensions, all within the
rules so that none of the checks in ``checks.md`` is raised."""

from __future__ import annotations

import datetime as dt

from .amounts import price_cap
from .dates import ONE_DAY, add_years, days, month_end, month_index, month_start
from .grant_types import GRANT_TYPES
from .person import Person, Span
from .providers import Provider
from .world import World

# Price range per grant type in kr (per the type's unit)
PRICE_RANGES = {"placement": (1500, 2100), "preventive": (450, 650), "contact": (4000, 9000),
                "botilbud108": (1400, 2100), "stoette85": (380, 520), "bpa96": (280, 340),
                "tilskud95": (8000, 25000), "kontant": (11000, 16000),
                "ressource": (13000, 17000), "ptillaeg": (2000, 15000),
                "hjemmehjaelp": (350, 420), "specund": (15000, 30000)}
# Range of hours per week of the hourly grant types
WEEKLY_HOURS = {"preventive": (2, 8), "stoette85": (2, 10), "bpa96": (15, 40),
                "hjemmehjaelp": (1, 12)}
# The six-year rule for pensions (Lov om social pension § 47): from 2004; awards before
# 2015-02-02 count the six years from the award, later ones from the move.
SIX_YEAR_RULE_FROM = dt.date(2004, 1, 1)
SIX_YEARS_FROM_MOVE_SINCE = dt.date(2015, 2, 2)


class Services:
    def __init__(self, world: World):
        self.world = world
        self.rng = world.rng
        self.as_of = world.as_of
        self.ours = world.ours
        self.schools = world.providers.of_kind("school", self.ours)
        self.special_school = world.providers.of_kind("school_special", self.ours)[0]

    def assign(self, household: list[Person], until: dt.date | None = None,
               moved_to: str | None = None):
        """Services for the residents of a household; ``until``: they move to ``moved_to`` on
        that day, and every service here ends before it. At most one child grant a household."""
        world, rng, ours, as_of = self.world, self.rng, self.ours, self.as_of
        child_grant = False
        for p in household:
            if p.status != "01":
                continue
            here = p.stay_start(ours)
            if here is None:
                continue
            age = p.age_on(as_of)
            support_centres = world.providers.of_kind("ambulant", ours)
            if age < 18:
                if not child_grant and age >= 2 and rng.random() < 0.045:
                    child_grant = True
                    if until is None and rng.random() < 0.3 and here + days(60) < as_of - days(60):
                        self.place_child(p, here)
                        continue
                    timing = self.timing(max(here, p.birth + days(365)), until)
                    if timing:
                        key = "preventive" if rng.random() < 0.6 else "contact"
                        self.grant(p, key, *timing, provider=rng.choice(support_centres))
                if 6 <= age <= 16 or (until and 6 <= p.age_on(until) <= 16):
                    self.enrol(p, here, until)
                continue
            if age <= 66:
                if age <= 60 and rng.random() < 0.025:
                    timing = self.timing(max(here, add_years(p.birth, 19)), until)
                    if timing:
                        self.grant(p, "kontant", *timing)
                elif 25 <= age <= 60 and rng.random() < 0.006:
                    timing = self.timing(max(here, add_years(p.birth, 25)), until)
                    if timing:
                        self.grant(p, "ressource", *timing)
                r = rng.random()
                if r < 0.012:
                    timing = self.timing(max(here, add_years(p.birth, 19)), until)
                    if timing:
                        key = "stoette85" if r < 0.008 else ("bpa96" if r < 0.0095 else "tilskud95")
                        self.grant(p, key, *timing,
                                   provider=rng.choice(support_centres) if key == "stoette85" else None)
                elif r < 0.015 and until is None and len(household) == 1:
                    self.place_adult(p, here)
                if age >= 40 and rng.random() < 0.05:
                    self.pension(p, here, "foertidspension", 30, until, moved_to)
                elif age >= 60 and rng.random() < 0.02:
                    self.pension(p, here, "seniorpension", 58, until, moved_to)
            else:
                if rng.random() < 0.15:
                    timing = self.timing(max(here, add_years(p.birth, 67)), until)
                    if timing:
                        self.grant(p, "hjemmehjaelp", *timing, provider=rng.choice(support_centres))

    def timing(self, earliest: dt.date, until: dt.date | None = None):
        """(start, end, closed) of a grant starting on or after ``earliest`` (within the last
        8 years), or None when there is no room. Open grants are common; ended ones often end at
        a month end, and their case may be closed a little later."""
        world, rng, as_of = self.world, self.rng, self.as_of
        earliest = max(earliest, as_of - days(8 * 365))
        hard_end = until - ONE_DAY if until else None
        last_start = (until - days(40)) if until else as_of - days(20)
        if last_start <= earliest:
            return None
        start = world.random_date(earliest, last_start)
        r = rng.random()
        if until is None and r < 0.55:
            return start, None, None
        if until is None and r < 0.7:
            return start, as_of + days(rng.randint(30, 400)), None
        upper = hard_end or as_of - ONE_DAY
        if start + days(30) > upper:
            return (start, None, None) if until is None else None
        end = world.random_date(start + days(30), upper)
        if rng.random() < 0.5:
            end_of_month = month_end(month_index(end))
            if end_of_month < (hard_end or as_of):
                end = end_of_month
        closed = end
        if rng.random() < 0.3:
            closed = min(end + days(rng.randint(1, 25)), (hard_end or as_of - ONE_DAY))
        return start, end, closed

    def grant(self, p: Person, key: str, start, end, closed, provider: Provider | None = None,
              hours_per_week: int = 0, price=None, placed_by: str = ""):
        """A grant at a random price (capped: the base must stay under the § 176 threshold)."""
        gtype = GRANT_TYPES[key]
        rng = self.rng
        unit = gtype["unit"]
        if price is None:
            low, high = PRICE_RANGES[key]
            price = rng.randint(low, high) * 100
        if unit == "hour" and not hours_per_week:
            # one draw for every hourly type, whichever is needed: the random stream (and so the
            # whole delivery) depends on it
            drawn = {kind: rng.randint(low, high) for kind, (low, high) in WEEKLY_HOURS.items()}
            hours_per_week = drawn[key]
        cap = price_cap(unit, hours_per_week)
        price = min(price, cap)
        return self.world.cases.add_grant(p, gtype, start=start, end=end, price=price,
                                          hours_per_week=hours_per_week, provider=provider,
                                          closed=closed, cap=cap, placed_by=placed_by)

    def place_child(self, p: Person, here: dt.date):
        """Placement in a residential offer: ours, or outbound (another municipality's offer,
        we stay acting and paying municipality)."""
        world, rng, as_of = self.world, self.rng, self.as_of
        current = p.spans[-1]
        placed = world.random_date(max(current.moved_in, p.birth + days(365), here) + days(30),
                                   as_of - days(30))
        if rng.random() < 0.6:
            provider = rng.choice(world.providers.of_kind(
                rng.choice(["opholdssted", "doegninstitution"]), self.ours))
        else:
            municipality = rng.choice(world.others[:6])
            provider = rng.choice(world.providers.of_kind(
                rng.choice(["opholdssted", "plejefamilie", "doegninstitution"]), municipality))
        price = rng.randint(700, 1100) * 100 if provider.kind == "plejefamilie" else None
        home = current.address
        current.moved_out = placed
        if rng.random() < 0.75:
            end = None
            p.spans.append(Span(provider.residence(), placed, None))
            closed = None
        else:  # back home again
            end = world.random_date(placed + days(60), as_of - days(2))
            closed = end
            p.spans.append(Span(provider.residence(), placed, end + ONE_DAY))
            p.spans.append(Span(home, end + ONE_DAY, None))
        self.grant(p, "placement", placed, end, closed, provider=provider, price=price,
                   placed_by=self.ours if rng.random() < 0.7 else "")
        if 6 <= p.age_on(as_of) <= 16 and p.spans[-1].municipality == self.ours:
            self.enrol(p, p.stay_start(self.ours), None)

    def place_adult(self, p: Person, here: dt.date):
        """A § 108 botilbud, mostly ours."""
        world, rng, as_of = self.world, self.rng, self.as_of
        current = p.spans[-1]
        placed = world.random_date(max(current.moved_in, here) + days(30), as_of - days(30))
        municipality = self.ours if rng.random() < 0.7 else rng.choice(world.others[:6])
        provider = rng.choice(world.providers.of_kind("botilbud", municipality))
        current.moved_out = placed
        p.spans.append(Span(provider.residence(), placed, None))
        self.grant(p, "botilbud108", placed, None, None, provider=provider,
                   placed_by=self.ours if rng.random() < 0.7 else "")

    def enrol(self, p: Person, here: dt.date, until: dt.date | None):
        """School from the August the child turns 6: mostly our own, some special school, some a
        school in a neighbouring municipality that we pay for."""
        world, rng, as_of = self.world, self.rng, self.as_of
        start = max(dt.date(p.birth.year + 6, 8, 1), here)
        if start > as_of:
            return
        end = until - ONE_DAY if until else None
        if end is not None and end < start:
            return
        r = rng.random()
        if r < 0.03:
            world.cases.add_pupil(p, self.special_school, "special", start, end)
            if until is None and rng.random() < 0.3:
                self.grant(p, "specund", start, None, None, provider=self.special_school)
            return
        if r < 0.05 and until is None:
            # a school in a neighbouring municipality: we pay it (art 4.7) while living here
            municipality = rng.choice(world.others[:6])
            school = world.providers.of_kind("school", municipality)[0]
            world.cases.add_pupil(p, school, "normal", start, end)
            first = month_index(start) if start.day == 1 else month_index(start) + 1
            amount = rng.randint(62, 70) * 10000
            for month in range(max(first, world.economy_start_month), world.as_of_month + 1):
                payday = month_start(month) if month != world.as_of_month \
                    else min(as_of, month_start(month))
                world.ledger.post(payday, "3.22.01", 1, "4.7", amount, cpr=p.cpr,
                                  counterparty=municipality, period_start=month_start(month),
                                  period_end=month_end(month),
                                  text="Frit skolevalg, betaling til skolekommune",
                                  cost_center="3100")
            return
        school = self.schools[int(p.cpr[7:10]) % len(self.schools)]
        world.cases.add_pupil(p, school, "normal", start, end)
        if p.age_on(as_of) <= 9 and rng.random() < 0.6:
            world.cases.add_pupil(p, school, "sfo", start, end)

    def pension(self, p: Person, here: dt.date, pension_type: str, min_age: int,
                until: dt.date | None, moved_to: str | None):
        """A pension awarded by us, or (when the person moved here after the award) by the
        municipality they came from, which the six-year rule charges for it."""
        world, rng, as_of, ours = self.world, self.rng, self.as_of, self.ours
        earliest = add_years(p.birth, min_age)
        latest = (until or as_of) - days(60)
        if latest <= earliest:
            return
        awarded = world.random_date(earliest, latest)
        share = rng.randint(50, 160) * 10000
        function = "5.48.68" if pension_type == "foertidspension" else "5.48.65"
        text = "Førtidspension" if pension_type == "foertidspension" else "Seniorpension"
        came_from = p.span_ending_on(here)
        if awarded >= here or came_from is None or came_from.municipality not in world.streets \
                or came_from.moved_in > awarded:
            if awarded < here:
                awarded = here + days(rng.randint(1, 60))
                if awarded > latest:
                    return
            first = month_index(awarded) + 1
            if until:  # moved away since: the six years decide who pays now
                six_from = awarded if awarded < SIX_YEARS_FROM_MOVE_SINCE else until
                six_end = add_years(six_from, 6) - ONE_DAY
                paying = moved_to if six_end < as_of else ours
                world.cases.add_pension(p, pension_type, awarded, ours, paying, share)
                last = month_index(until) - 1
            else:
                world.cases.add_pension(p, pension_type, awarded, ours, ours, share)
                last = world.as_of_month
            world.ledger.post_monthly(p, function, "5.2", share, first, last, text=text,
                                      cost_center="5300")
            if until is None and pension_type == "foertidspension" and rng.random() < 0.3:
                day = world.random_date(max(awarded, world.economy_start), as_of - days(5))
                self.grant(p, "ptillaeg", day, day, day)
            return
        # awarded by the municipality the pensioner came from; six-year rule charges it
        if until:
            return
        awarding = came_from.municipality
        first = month_index(here) + (0 if here.day == 1 else 1)
        six_from = awarded if awarded < SIX_YEARS_FROM_MOVE_SINCE else here
        six_end = add_years(six_from, 6) - ONE_DAY
        in_scope = awarded >= SIX_YEAR_RULE_FROM
        charged = {month for month in range(first, world.as_of_month + 1)
                   if in_scope and month_start(month) <= six_end}
        paying = awarding if (in_scope and six_end >= as_of) else ours
        world.cases.add_pension(p, pension_type, awarded, awarding, paying, share)
        world.ledger.post_monthly(p, function, "5.2", share, first, world.as_of_month, text=text,
                                  cost_center="5300", charge_to=awarding if charged else "",
                                  charged_months=charged)
