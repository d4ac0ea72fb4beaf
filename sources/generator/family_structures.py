"""Base households with the family structures of ``families.md`` beyond the nuclear family:
stepfamilies (sammenbragte familier), adult children still living at home (one of them married
with the spouse elsewhere) and 16-17-year-olds living alone.

Every child has its CPR mother and father, and every parent is in the extract (the whole
returned list is written and gets ``Services.assign`` once, so a household and the other
parents' homes share the base's one child grant)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .dates import ONE_DAY, add_years, days
from .person import Person, Span

if TYPE_CHECKING:
    from .households import Households


def _somewhere(h: Households, share_ours: float = 0.7) -> str:
    """Our municipality most of the time, else a neighbour."""
    return h.ours if h.rng.random() < share_ours else h.rng.choice(h.world.others)


def _alone(h: Households, p: Person, municipality: str) -> None:
    h.settle([p], h.home(municipality), h.move_in_date(p), [p])


def build_stepfamily(h: Households, kind: str) -> list[Person]:
    """A couple (married or samlevende) at A with a common child, a særbarn of each partner
    living with them, and a second child of the father living with its mother at B; the
    mother's særbarn's father lives alone at C."""
    world, rng, as_of = h.world, h.rng, h.as_of
    father = h.adult(30, 50, "M")
    age = father.age_on(as_of)
    mother = h.new_person(h.birth_for_age(max(28, age - 8), min(46, age + 3)), "K")
    ex_wife = h.new_person(h.birth_for_age(max(26, age - 8), age + 2), "K")  # the father's ex
    ex_husband = h.new_person(h.birth_for_age(max(28, mother.age_on(as_of) - 3),
                                              mother.age_on(as_of) + 8), "M")
    his = h.children(ex_wife, father, 2, youngest=3, oldest=17, last_name=father.last_name)
    hers = h.children(mother, ex_husband, 1, youngest=2, oldest=17, last_name=ex_husband.last_name)
    earliest = max([c.birth for c in his + hers] + [add_years(mother.birth, 22)]) + days(300)
    latest = min(add_years(mother.birth, 44), as_of - days(60))
    if len(his) < 2 or not hers or earliest >= latest:
        return h.build("married_kids")
    born = world.random_date(earliest, latest)
    common = h.new_person(born, rng.choice("MK"), father.last_name)
    common.mother, common.father = mother, father
    mother.children.append(common.cpr)
    father.children.append(common.cpr)
    moved_in = max(born - days(rng.randint(200, 1500)), add_years(father.birth, 20),
                   add_years(mother.birth, 20), max(c.birth for c in his + hers) + days(30))
    at_a = [father, mother, common, his[0], hers[0]]
    h.settle(at_a, h.home(), moved_in, [father, mother])
    # each særbarn lived with its own parent before the move
    for child, parent in ((hers[0], mother), (his[0], father)):
        if len(child.spans) > 1 and len(parent.spans) > 1:
            child.spans[0].address = parent.spans[-2].address
    if rng.random() < 0.5:
        wedding = world.random_date(moved_in, as_of - days(30))
        h.marry(father, mother, wedding)
    # the father's other child lives with its mother; the mother's ex lives alone
    h.settle([ex_wife, his[1]], h.home(_somewhere(h)), h.move_in_date(ex_wife), [ex_wife])
    _alone(h, ex_husband, _somewhere(h))
    return at_a + [ex_wife, his[1], ex_husband]


def build_adult_child_home(h: Households, kind: str) -> list[Person]:
    """Parents (married, samlevende or a single mother) with a child of 25-30 still living at
    home (then its own family), sometimes with a younger sibling of 18-24."""
    rng = h.rng
    mother = h.adult(47, 70, "K")
    father = None
    if rng.random() < 0.75:
        father = h.new_person(h.birth_for_age(max(45, mother.age_on(h.as_of) - 3),
                                              mother.age_on(h.as_of) + 6), "M", mother.last_name)
    name = (father or mother).last_name
    born = h.children(mother, father, 1, youngest=25, oldest=30, last_name=name)
    if not born:
        return h.build("married_kids")
    if rng.random() < 0.3:
        born += h.children(mother, father, 1, youngest=18, oldest=24, last_name=name)
    adults = [mother] if father is None else [father, mother]
    household = adults + born
    h.settle(household, h.home(), h.move_in_date(max(adults, key=lambda x: x.birth)), adults)
    if father is not None and rng.random() < 0.6:
        earliest = add_years(max(father.birth, mother.birth), 20)
        latest = min(c.birth for c in born)
        h.marry(father, mother,
                h.world.random_date(earliest, latest) if latest > earliest else earliest)
    return household


def build_married_child_home(h: Households, kind: str) -> list[Person]:
    """A married 20-23-year-old living at the (married) parents' address while the spouse lives
    elsewhere: the young person is then not a child at home but a family of its own."""
    world, rng, as_of = h.world, h.rng, h.as_of
    father = h.adult(44, 62, "M")
    mother = h.new_person(h.birth_for_age(max(42, father.age_on(as_of) - 5),
                                          father.age_on(as_of) + 2), "K")
    born = h.children(mother, father, 1, youngest=20, oldest=23, last_name=father.last_name)
    if not born:
        return h.build("married_kids")
    child = born[0]
    if rng.random() < 0.5:  # a younger sibling still at home
        born += h.children(mother, father, 1, youngest=8, oldest=17, last_name=father.last_name)
    spouse = h.new_person(h.birth_for_age(max(20, child.age_on(as_of) - 1),
                                          child.age_on(as_of) + 3),
                          "K" if child.sex == "M" else "M")
    household = [father, mother] + born
    h.settle(household, h.home(), h.move_in_date(father), [father, mother])
    h.marry(father, mother, world.random_date(add_years(mother.birth, 21), child.birth))
    wedding = world.random_date(max(add_years(child.birth, 18), add_years(spouse.birth, 18)),
                                as_of - days(30))
    h.marry(child, spouse, wedding)
    _alone(h, spouse, _somewhere(h))
    return household + [spouse]


def build_teen_alone(h: Households, kind: str) -> list[Person]:
    """A 16-17-year-old who moved from the parents into a home of its own here."""
    world, rng, as_of = h.world, h.rng, h.as_of
    mother = h.adult(36, 55, "K")
    father = h.new_person(h.birth_for_age(max(36, mother.age_on(as_of) - 3),
                                          mother.age_on(as_of) + 6), "M", mother.last_name)
    born = h.children(mother, father, 1, youngest=16, oldest=17, last_name=father.last_name)
    if not born:
        return h.build("single")
    teen = born[0]
    household = [father, mother, teen]
    h.settle(household, h.home(_somewhere(h, 0.75)), h.move_in_date(father), [father, mother])
    if rng.random() < 0.5:
        h.marry(father, mother, world.random_date(add_years(mother.birth, 21), teen.birth))
    home = teen.spans[-1]
    first = max(add_years(teen.birth, 16), home.moved_in + days(30))
    moved = min(world.random_date(first, as_of - days(20)), as_of - ONE_DAY)
    if moved <= home.moved_in:
        moved = home.moved_in + ONE_DAY
    home.moved_out = moved
    teen.spans.append(Span(h.home(), moved, None))
    return household
