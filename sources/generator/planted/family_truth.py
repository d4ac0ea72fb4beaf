"""What the planted family cases share: CPR links between persons and the ground-truth record
of a case (the format the end-to-end tests rely on; see ``plant_families``)."""

from __future__ import annotations

import datetime as dt

from ..person import Person
from .planter import Planter

# The family types of families.md (the seed's Danish labels)
MARRIED_WITH, MARRIED_WITHOUT = "ægtepar med børn", "ægtepar uden børn"
COHABITING_WITH, COHABITING_WITHOUT = "samlevende par med børn", "samlevende par uden børn"
CORESIDENT_WITH, CORESIDENT_WITHOUT = "samboende par med børn", "samboende par uden børn"
SINGLE_WITH, SINGLE_WITHOUT = "enlig med børn", "enlig uden børn"
LONE_CHILD = "barn uden forældre"
# Member roles
ADULT, COMMON, STEP, ELSEWHERE, OTHER = (
    "adult", "common_child", "stepchild_here", "child_elsewhere", "other")
DIMENSIONS = ("household", "family_at_address", "family_across_addresses")

INTERPRETATIONS = (
    "Composition on as_of (for the costly cases: on 31 December of every fiscal year too). "
    "Age difference of a couple: under 15 years when the younger was born less than 15 years "
    "after the older (birth dates, not integer ages). A household with equally large families "
    "is typed by its largest family; in the planted ties the family of the oldest member is "
    "also the one with the lowest anchor CPR, so either tie-break gives the same. A person "
    "under 18 who is not a child at home and has no child at home is a 'barn uden forældre' "
    "family (role other); it has a family across addresses of its own only when it belongs to "
    "no parent's. A family across addresses is 'med børn' when any child, here or elsewhere, "
    "belongs to it."
)


def link(child: Person, mother: Person | None, father: Person | None) -> None:
    """CPR record 015 on the child, 014 on the parents; the child takes the father's name."""
    child.mother, child.father = mother, father
    for parent in (mother, father):
        if parent is not None:
            parent.children.append(child.cpr)
    child.last_name = (father or mother).last_name


def marry(a: Person, b: Person, when: dt.date, status: str = "G") -> None:
    for x, y in ((a, b), (b, a)):
        x.civil_status, x.spouse_cpr, x.civil_status_since = status, y.cpr, when
        x.civil_history.append(("U", "", x.birth, when))


def unit(family_type: str, multi_family: bool, *members: tuple[Person, str]) -> dict:
    return {"family_type": family_type, "multi_family": multi_family,
            "members": {p.cpr: role for p, role in members}}


def record(planter: Planter, description: str, anchor: Person, household: dict,
           at_address: dict, across: dict, shared: dict[Person, int] | None = None,
           rank: dict | None = None, total_cost: dict | None = None) -> None:
    """One planted family case; ``rank`` and ``total_cost`` (øre) per dimension and fiscal
    year for the costly ones."""
    planter.families.append({
        "id": f"FAMILY-{len(planter.families) + 1:02d}",
        "description": description,
        "anchor_cpr": anchor.cpr,
        "units": {"household": household, "family_at_address": at_address,
                  "family_across_addresses": across},
        "n_families_shared": {p.cpr: n for p, n in (shared or {}).items()},
        "rank": rank,
        "total_cost_dkk": None if total_cost is None else {
            dimension: {str(year): round(amount / 100, 2) for year, amount in years.items()}
            for dimension, years in total_cost.items()},
    })
