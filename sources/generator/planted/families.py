"""Planted family cases (``families.md``) with their ground truth: the worked example, the
boundaries of the family rules, and three very costly families whose ranks are known.

Everyone lives in our municipality; where the composition may stay the same it has been so
since well before the economy's first year. The ground truth is what was planted and what the
rules give, never the pipeline's output. It is written under "families" in the ground-truth
file: per case the one unit of each dimension the anchor person belongs to."""

from __future__ import annotations

import datetime as dt

from ..dates import add_years, days
from ..person import Person
from .costly_families import plant_costly_families
from .family_truth import (
    ADULT, COHABITING_WITH, COMMON, CORESIDENT_WITHOUT, ELSEWHERE, LONE_CHILD, MARRIED_WITH,
    MARRIED_WITHOUT, OTHER, SINGLE_WITH, SINGLE_WITHOUT, STEP, link, marry, record, unit,
)
from .planter import Planter


def plant_families(planter: Planter):
    _worked_example(planter)
    _boundaries(planter)
    plant_costly_families(planter)


def _plain(day: dt.date) -> dt.date:
    """Not a 29 February (so "15 years later" is one well-defined day) nor the 1st."""
    if (day.month, day.day) == (2, 29) or day.day == 1:
        return day + days(1)
    return day


def _first(day: dt.date) -> dt.date:
    """The 1st of the month: the lowest CPR number of its month (CPR numbers start DDMMYY), so an
    older person born on a 1st has a lower CPR than a younger one born on any other day."""
    return day.replace(day=1)


def _worked_example(planter: Planter):
    """families.md's worked example: a samlevende couple at A with a common child and one
    særbarn of each living with them; the father's særbørn at B and C, the mother's at D."""
    year = planter.as_of.year
    a, b, c, d = (planter.home() for _ in range(4))
    together = dt.date(year - 9, 5, 1)
    father = planter.person(40, "M", [[a, together, None]])
    mother = planter.person(37, "K", [[a, together, None]])
    ex_b = planter.person(38, "K", [[b, dt.date(year - 16, 3, 1), None]])  # father's ex at B
    ex_c = planter.person(36, "K", [[c, dt.date(year - 14, 3, 1), None]])  # father's ex at C
    ex_d = planter.person(41, "M", [[d, dt.date(year - 17, 3, 1), None]])  # mother's ex at D
    rng = planter.rng
    common = planter.person(8, rng.choice("MK"), [[a, None, None]])
    link(common, mother, father)
    hers_a = planter.person(13, rng.choice("MK"), [[d, None, together], [a, together, None]])
    link(hers_a, mother, ex_d)
    hers_d = planter.person(15, rng.choice("MK"), [[d, None, None]])
    link(hers_d, mother, ex_d)
    his_a = planter.person(12, rng.choice("MK"), [[b, None, together], [a, together, None]])
    link(his_a, ex_b, father)
    his_b = planter.person(10, rng.choice("MK"), [[b, None, None]])
    link(his_b, ex_b, father)
    his_c = planter.person(11, rng.choice("MK"), [[c, None, None]])
    link(his_c, ex_c, father)
    at_a = ((father, ADULT), (mother, ADULT), (common, COMMON), (hers_a, STEP), (his_a, STEP))
    record(
        planter,
        "Worked example of families.md: a samlevende couple at A with a common child, the "
        "mother's and the father's særbarn also at A; the father's særbørn at B and C live with "
        "their mothers, the mother's særbarn at D with its father. Household A 5 persons, "
        "family at address 5, family across addresses 8",
        mother,
        unit(COHABITING_WITH, False, *at_a),
        unit(COHABITING_WITH, False, *at_a),
        unit(COHABITING_WITH, False, *at_a, (hers_d, ELSEWHERE), (his_b, ELSEWHERE),
             (his_c, ELSEWHERE)),
        shared={hers_a: 2, his_a: 2, hers_d: 2, his_b: 2, his_c: 2},
    )
    at_b = ((ex_b, ADULT), (his_b, COMMON))
    record(
        planter,
        "Worked example, address B: the father's ex-partner with their child; their other "
        "child lives with the father at A and belongs to her cross-address family too",
        ex_b,
        unit(SINGLE_WITH, False, *at_b),
        unit(SINGLE_WITH, False, *at_b),
        unit(SINGLE_WITH, False, *at_b, (his_a, ELSEWHERE)),
        shared={his_b: 2, his_a: 2},
    )
    planter.add_household(father, mother, common, hers_a, his_a)
    planter.add_household(ex_b, his_b)
    planter.add_household(ex_c, his_c)
    planter.add_household(ex_d, hers_d)


def _two_singles(planter: Planter, description: str, first: Person, second: Person):
    """Two persons at one address who are two families of one (the first is the older)."""
    household = unit(SINGLE_WITHOUT, True, (first, ADULT), (second, OTHER))
    for p in (first, second):
        alone = unit(SINGLE_WITHOUT, True, (p, ADULT))
        record(planter, description + f"; anchor: the {'older' if p is first else 'younger'}",
               p, household, alone, alone)


def _boundaries(planter: Planter):
    as_of, rng = planter.as_of, planter.rng
    year = as_of.year
    # (a) / (b) a man and a woman, unmarried, no children, not siblings: 15 years apart is not a
    # couple, 15 years minus one day is a samboende couple
    for short in (0, 1):
        home = planter.home()
        since = dt.date(year - 11, 4, 1)
        older = _plain(add_years(as_of, -50) - days(100))
        man = planter.person(50, "M", [[home, since, None]], birth=older)
        woman = planter.person(35, "K", [[home, since, None]],
                               birth=add_years(older, 15) - days(short))
        if short == 0:
            _two_singles(planter, f"Man born {man.birth} and woman born {woman.birth} (exactly "
                         "15 years apart), unmarried, no common children: not a couple",
                         man, woman)
        else:
            pair = unit(CORESIDENT_WITHOUT, False, (man, ADULT), (woman, ADULT))
            record(planter, f"Man born {man.birth} and woman born {woman.birth} (15 years minus "
                   "one day apart), unmarried, no children, not siblings: samboende", man,
                   pair, pair, pair)
        planter.add_household(man, woman)
    # (c) a single mother with a daughter of 24 (a child at home) / of 25 (a family of her own)
    for age in (24, 25):
        home = planter.home()
        mother = planter.person(age + 25, "K", [[home, dt.date(year - age - 2, 2, 1), None]],
                                birth=_first(add_years(as_of, -age - 25) - days(200)))
        daughter = planter.person(age, "K", [[home, None, None]],
                                  birth=_plain(add_years(as_of, -age) - days(120)))
        link(daughter, mother, None)
        if age == 24:
            pair = unit(SINGLE_WITH, False, (mother, ADULT), (daughter, COMMON))
            record(planter, f"Single mother with her daughter born {daughter.birth}, 24 on "
                   "as_of: a child at home (the father is unknown)", mother, pair, pair, pair)
        else:
            _two_singles(planter, f"Single mother with her daughter born {daughter.birth}, 25 on "
                         "as_of: over the age limit, a family of her own (on 31 December of "
                         "the year before she was 24: then a child at home)", mother, daughter)
        planter.add_household(mother, daughter)
    # (d) a married 20-year-old living with the parents, the spouse elsewhere
    home = planter.home()
    father = planter.person(52, "M", [[home, dt.date(year - 23, 6, 1), None]])
    mother = planter.person(50, "K", [[home, dt.date(year - 23, 6, 1), None]])
    marry(father, mother, dt.date(year - 24, 8, 1))
    son = planter.person(20, "M", [[home, None, None]],
                         birth=_plain(add_years(as_of, -20) - days(150)))
    link(son, mother, father)
    wife = planter.person(21, "K", [[planter.home(), dt.date(year - 2, 8, 1), None]])
    wedding = add_years(son.birth, 19)
    marry(son, wife, wedding)
    household = unit(MARRIED_WITHOUT, True, (father, ADULT), (mother, ADULT), (son, OTHER))
    text = (f"A son of 20, married {wedding} to a wife living at another address, lives with his "
            "married parents (their only child): he is not a child at home but a family of his "
            "own; before the wedding the parents were an ægtepar med børn")
    parents = unit(MARRIED_WITHOUT, True, (father, ADULT), (mother, ADULT))
    record(planter, text + "; anchor: the father", father, household, parents, parents)
    alone = unit(SINGLE_WITHOUT, True, (son, ADULT))
    record(planter, text + "; anchor: the son", son, household, alone, alone)
    planter.add_household(father, mother, son)
    planter.add_household(wife)
    # (e) a 17-year-old living alone since 16, the (married) parents elsewhere
    parents_home = planter.home()
    father = planter.person(46, "M", [[parents_home, dt.date(year - 20, 3, 1), None]])
    mother = planter.person(44, "K", [[parents_home, dt.date(year - 20, 3, 1), None]])
    marry(father, mother, dt.date(year - 19, 6, 1))
    born = _plain(add_years(as_of, -17) - days(150))
    moved = add_years(born, 16) + days(40)
    teen = planter.person(17, rng.choice("MK"),
                          [[parents_home, None, moved], [planter.home(), moved, None]], birth=born)
    link(teen, mother, father)
    alone = unit(LONE_CHILD, False, (teen, OTHER))
    record(planter, f"A 17-year-old living alone since {moved} (16), the married parents at "
           "another address: a child without parents at its address; across addresses it "
           "belongs to the parents' family (and has none of its own)", teen, alone, alone,
           unit(MARRIED_WITH, False, (father, ADULT), (mother, ADULT), (teen, ELSEWHERE)))
    planter.add_household(father, mother)
    planter.add_household(teen)
    # ... and one whose only parent in CPR has died: its own family in every dimension
    born = _plain(add_years(as_of, -17) - days(90))
    death = add_years(born, 16) + days(60)
    moved = death + days(30)
    mothers_home = planter.home()
    mother = planter.person(50, "K", [[mothers_home, dt.date(year - 19, 4, 1), death]],
                            status="90", status_date=death)
    mother.civil_status, mother.civil_status_since = "D", death
    mother.civil_history.append(("U", "", mother.birth, death))
    teen = planter.person(17, rng.choice("MK"),
                          [[mothers_home, None, moved], [planter.home(), moved, None]], birth=born)
    link(teen, mother, None)
    alone = unit(LONE_CHILD, False, (teen, OTHER))
    record(planter, f"A 17-year-old living alone since {moved}; the mother (the only parent in "
           f"CPR) died {death}: a child without parents in every dimension", teen, alone, alone,
           alone)
    planter.add_household(mother)
    planter.add_household(teen)
    # (f) brother and sister (same mother in CPR) living together: not a couple
    mother = planter.person(58, "K", [[planter.home(), dt.date(year - 10, 5, 1), None]])
    home, since = planter.home(), dt.date(year - 7, 8, 1)
    brother = planter.person(30, "M", [[home, since, None]],
                             birth=_first(add_years(as_of, -30) - days(100)))
    sister = planter.person(28, "K", [[home, since, None]],
                            birth=_plain(add_years(as_of, -28) - days(250)))
    link(brother, mother, None)
    link(sister, mother, None)
    _two_singles(planter, "Brother (30) and sister (28) with the same mother in CPR, unmarried, "
                 "living together: siblings are never a samboende couple", brother, sister)
    planter.add_household(mother)
    planter.add_household(brother, sister)
    # (g) a registered partnership of two women
    home = planter.home()
    a = planter.person(58, "K", [[home, dt.date(2006, 3, 1), None]])
    b = planter.person(55, "K", [[home, dt.date(2006, 3, 1), None]])
    marry(a, b, dt.date(2008, 5, 1), "P")
    pair = unit(MARRIED_WITHOUT, False, (a, ADULT), (b, ADULT))
    record(planter, "Two women in a registered partnership (CIVST P) since 2008-05-01: an "
           "ægtepar", a, pair, pair, pair)
    planter.add_household(a, b)
