"""The clean base's households: who lives together, since when, married or not
(``cross_border`` adds the households that moved away, emigrated or live across the border)."""

from __future__ import annotations

import datetime as dt

from .addresses import Address
from .cross_border import (
    build_emigrated, build_external_pupil, build_inbound, build_left_register, build_moved_away,
)
from .dates import ONE_DAY, add_years, days
from .family_structures import (
    build_adult_child_home, build_married_child_home, build_stepfamily, build_teen_alone,
)
from .person import Person, Span
from .services import Services
from .world import World

# Household kinds and their relative weights
KIND_WEIGHTS = [("single", 36.0), ("couple_old", 17.0), ("samboende", 7.0), ("married_kids", 17.0),
                ("samlevende_kids", 9.0), ("single_parent", 7.0), ("partnership", 0.8),
                ("multi", 1.0), ("stepfamily", 2.5), ("adult_child_home", 1.5),
                ("married_child_home", 0.2), ("teen_alone", 0.15), ("moved_away", 2.5),
                ("emigrated", 0.4), ("status70", 0.05), ("status20", 0.05), ("inbound", 0.15),
                ("external_pupil", 0.4)]
# Kinds that arrange their own services (or get none here); the others get Services.assign
SELF_SERVICED = {"moved_away", "emigrated", "status70", "status20", "inbound", "external_pupil"}
REGISTERED_PARTNERSHIPS = (dt.date(1989, 10, 1), dt.date(2012, 6, 15))  # from, until


class Households:
    """Builds one household of a kind at a time.

    Note the order of random draws is part of the output: e.g. a move-in date drawn before or
    after the address gives another delivery, so keep the order when editing."""

    def __init__(self, world: World, services: Services):
        self.world = world
        self.services = services
        self.rng = world.rng
        self.as_of = world.as_of
        self.ours = world.ours
        self.new_person = world.population.new_person
        total = sum(w for _, w in KIND_WEIGHTS)
        cumulative = 0.0
        self._cumulative: list[tuple[float, str]] = []
        for kind, weight in KIND_WEIGHTS:
            cumulative += weight / total
            self._cumulative.append((cumulative, kind))
        self._build = {
            "single": self._single, "couple_old": self._couple, "samboende": self._couple,
            "partnership": self._couple, "married_kids": self._family,
            "samlevende_kids": self._family, "multi": self._family,
            "single_parent": self._single_parent,
            "stepfamily": lambda kind: build_stepfamily(self, kind),
            "adult_child_home": lambda kind: build_adult_child_home(self, kind),
            "married_child_home": lambda kind: build_married_child_home(self, kind),
            "teen_alone": lambda kind: build_teen_alone(self, kind),
            "moved_away": lambda kind: build_moved_away(self, kind),
            "emigrated": lambda kind: build_emigrated(self, kind),
            "status70": lambda kind: build_left_register(self, kind),
            "status20": lambda kind: build_left_register(self, kind),
            "inbound": lambda kind: build_inbound(self, kind),
            "external_pupil": lambda kind: build_external_pupil(self, kind),
        }

    # ------------------------------------------------------------------ helpers
    def pick_kind(self) -> str:
        r = self.rng.random()
        for cumulative, kind in self._cumulative:
            if r < cumulative:
                return kind
        return self._cumulative[-1][1]

    def birth_for_age(self, youngest: int, oldest: int) -> dt.date:
        return self.world.random_date(add_years(self.as_of, -oldest - 1) + ONE_DAY,
                                      add_years(self.as_of, -youngest))

    def adult(self, youngest: int, oldest: int, sex: str | None = None) -> Person:
        sex = sex or self.rng.choice("MK")
        return self.new_person(self.birth_for_age(youngest, oldest), sex)

    def move_in_date(self, youngest_adult: Person, not_before: dt.date | None = None) -> dt.date:
        """When a household moved into its current home: mostly recent (exponential, mean
        8 years), never before the youngest adult was 19 and at least a month ago."""
        earliest = add_years(youngest_adult.birth, 19)
        if not_before and not_before > earliest:
            earliest = not_before
        years = min(self.rng.expovariate(1 / 8.0), 40)
        day = self.as_of - days(int(years * 365) + 10)
        latest = self.as_of - days(30)
        return max(day, earliest) if earliest < latest else latest

    def settle(self, persons: list[Person], address: Address, day: dt.date, adults: list[Person]):
        """Everyone moves to ``address`` on ``day`` (children born later: from birth). Adults
        get their own history; children lived with the first adult before."""
        for p in persons:
            if p.birth >= day:
                p.spans.append(Span(address, p.birth, None))
                continue
            p.spans.append(Span(address, day, None))
            if p in adults:
                self.world.population.prepend_history(p, day)
            else:
                previous = adults[0].spans[-2].address if len(adults[0].spans) > 1 else \
                    self.world.population.former_address(self.ours, day)
                p.spans.insert(0, Span(previous, p.birth, day))

    def marry(self, a: Person, b: Person, when: dt.date, status: str = "G"):
        for x, y in ((a, b), (b, a)):
            x.civil_status, x.spouse_cpr, x.civil_status_since = status, y.cpr, when
            x.civil_history.append(("U", "", x.birth, when))

    def children(self, mother: Person | None, father: Person | None, n: int, youngest: int = 0,
                 oldest: int = 17, last_name: str | None = None) -> list[Person]:
        """Up to ``n`` children aged youngest..oldest, born when the parent was 20-43."""
        parent = mother or father
        born = []
        for _ in range(n):
            first = max(add_years(parent.birth, 20), add_years(self.as_of, -oldest - 1) + ONE_DAY)
            last = min(add_years(parent.birth, 43), add_years(self.as_of, -youngest))
            if father and mother is None:
                first = max(first, add_years(father.birth, 20))
            if last <= first:
                continue
            child = self.new_person(self.world.random_date(first, last), self.rng.choice("MK"),
                                    last_name or parent.last_name)
            child.mother, child.father = mother, father
            if mother:
                mother.children.append(child.cpr)
            if father:
                father.children.append(child.cpr)
            born.append(child)
        return born

    def home(self, municipality: str | None = None) -> Address:
        return self.world.streets[municipality or self.ours].allocate()

    # ------------------------------------------------------------------ households
    def build(self, kind: str) -> list[Person]:
        return self._build[kind](kind)

    def _single(self, kind: str) -> list[Person]:
        world, rng, as_of = self.world, self.rng, self.as_of
        p = self.adult(18, 95)
        household = [p]
        age = p.age_on(as_of)
        moved_in = self.move_in_date(p)
        self.settle(household, self.home(), moved_in, household)
        r = rng.random()
        if age > 30 and r < 0.3:  # divorced; the ex-spouse is not in the extract
            married = world.random_date(add_years(p.birth, 22), as_of - days(800))
            divorced = world.random_date(married + days(300), as_of - days(100))
            ex = world.population.new_cpr(self.birth_for_age(max(18, age - 5), age + 5))
            p.civil_history += [("U", "", p.birth, married), ("G", ex, married, divorced)]
            p.civil_status, p.civil_status_since = "F", divorced
        elif age > 65 and r < 0.65:  # widowed; the dead spouse is in the extract
            spouse = self.new_person(add_years(p.birth, -rng.randint(-3, 5)),
                                     "K" if p.sex == "M" else "M", p.last_name)
            earliest = max(p.spans[-1].moved_in + days(60), world.economy_start)
            if earliest >= as_of - days(10):
                return household
            death = world.random_date(earliest, as_of - days(10))
            married = add_years(p.birth, rng.randint(21, 30))
            p.civil_history += [("U", "", p.birth, married), ("G", spouse.cpr, married, death)]
            p.civil_status, p.civil_status_since = "E", death
            spouse.civil_history += [("U", "", spouse.birth, married)]
            spouse.civil_status, spouse.spouse_cpr, spouse.civil_status_since = "D", p.cpr, death
            spouse.spans = [span.copy() for span in p.spans]
            spouse.spans[-1].moved_out = death
            spouse.spans[0].moved_in = spouse.birth
            spouse.status, spouse.status_date = "90", death
            if rng.random() < 0.4 and spouse.spans[-1].municipality == self.ours:
                # home help until the death
                earliest = max(spouse.spans[-1].moved_in, death - days(5 * 365))
                if earliest < death - days(40):
                    start = world.random_date(earliest, death - days(40))
                    self.services.grant(spouse, "hjemmehjaelp", start, death, death)
            household.append(spouse)
        return household

    def _couple(self, kind: str) -> list[Person]:
        world, as_of = self.world, self.as_of
        if kind == "couple_old":
            a = self.adult(45, 92, "M")
            b = self.new_person(self.birth_for_age(max(40, a.age_on(as_of) - 8),
                                                   a.age_on(as_of) + 3), "K")
        elif kind == "samboende":
            a = self.adult(20, 45, "M")
            b = self.new_person(self.birth_for_age(max(18, a.age_on(as_of) - 8),
                                                   a.age_on(as_of) + 5), "K")
        else:  # partnership: same sex
            sex = self.rng.choice("MK")
            a = self.adult(28, 80, sex)
            b = self.adult(28, 80, sex)
        household = [a, b]
        younger = max(household, key=lambda x: x.birth)
        moved_in = self.move_in_date(younger)
        self.settle(household, self.home(), moved_in, household)
        if kind != "samboende":
            earliest = add_years(younger.birth, 20)
            when = world.random_date(earliest, as_of - days(30))
            status = "G"
            if kind == "partnership":
                when = world.random_date(max(earliest, REGISTERED_PARTNERSHIPS[0]), as_of - days(30))
                status = "P" if when < REGISTERED_PARTNERSHIPS[1] else "G"
            self.marry(a, b, when, status)
        return household

    def _family(self, kind: str) -> list[Person]:
        world, rng, as_of = self.world, self.rng, self.as_of
        father = self.adult(24, 55, "M")
        mother = self.new_person(self.birth_for_age(max(22, father.age_on(as_of) - 7),
                                                    min(50, father.age_on(as_of) + 4)), "K")
        n = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
        born = self.children(mother, father, n, oldest=24, last_name=father.last_name)
        # adult children have mostly moved out (and are then not in the extract)
        home = [c for c in born if c.age_on(as_of) < 18 or rng.random() < 0.6]
        for c in born:
            if c not in home:
                father.children.remove(c.cpr)
                mother.children.remove(c.cpr)
        household = [father, mother] + home
        moved_in = self.move_in_date(max(father, mother, key=lambda x: x.birth))
        if home and moved_in > min(c.birth for c in home) and rng.random() < 0.5:
            moved_in = self.move_in_date(max(father, mother, key=lambda x: x.birth))
        adults = [father, mother]
        if kind == "multi":  # a widowed grandmother lives with the family
            grandmother = self.new_person(add_years(mother.birth, -rng.randint(22, 35)), "K")
            grandmother.children.append(mother.cpr)
            mother.mother = grandmother
            grandmother.civil_status = "E"
            grandmother.civil_status_since = world.random_date(
                min(add_years(grandmother.birth, 55), as_of - days(400)), as_of - days(30))
            wedding = add_years(grandmother.birth, 23)
            grandmother.civil_history += [
                ("U", "", grandmother.birth, wedding),
                ("G", world.population.new_cpr(add_years(grandmother.birth, -2)), wedding,
                 grandmother.civil_status_since)]
            household.append(grandmother)
            adults.append(grandmother)
        self.settle(household, self.home(), moved_in, adults)
        if kind != "samlevende_kids":
            earliest = add_years(max(father.birth, mother.birth), 20)
            latest = min([c.birth for c in home] + [as_of - days(30)])
            self.marry(father, mother,
                       world.random_date(earliest, latest) if latest > earliest else earliest)
        return household

    def _single_parent(self, kind: str) -> list[Person]:
        world, rng, as_of = self.world, self.rng, self.as_of
        is_mother = rng.random() < 0.8
        parent = self.adult(22, 52, "K" if is_mother else "M")
        other = self.new_person(self.birth_for_age(max(20, parent.age_on(as_of) - 6),
                                                   parent.age_on(as_of) + 6),
                                "M" if is_mother else "K")
        born = self.children(parent if is_mother else other, other if is_mother else parent,
                             rng.choice([1, 1, 2, 3]), last_name=parent.last_name)
        if not born:
            return self.build("single")
        household = [parent] + born
        self.settle(household, self.home(), self.move_in_date(parent), [parent])
        # the other parent lives elsewhere, maybe with a new partner and a common child
        municipality = self.ours if rng.random() < 0.7 else rng.choice(world.others)
        other_household = [other]
        if rng.random() < 0.4:
            partner = self.new_person(self.birth_for_age(max(20, other.age_on(as_of) - 6),
                                                         other.age_on(as_of) + 4),
                                      "K" if is_mother else "M")
            other_household.append(partner)
            dad, mum = (other, partner) if is_mother else (partner, other)
            other_household += self.children(mum, dad, 1, last_name=dad.last_name)
        self.settle(other_household, self.home(municipality),
                    self.move_in_date(max(other_household[:2], key=lambda x: x.birth)),
                    other_household[:2])
        return household + other_household
