"""Planted cases for the income-optimisation checks (``checks.md``), the family marts
(``families.md``) and expected spending (``spending.md``), with their ground truth.

Every case is dated relative to ``as_of`` (the delivery date); with the default 2026-11-22 the
worked examples of checks.md §6 come out with exactly the dates and amounts written there
(example 4 is translated from as_of 2025-10-01: the pupil starts 2023-08-01). The ground truth
records what was planted and the amounts that follow from the rules; it is never produced by
running the checks.

One module per check family; ``plant_all`` runs them in a fixed order (the order of random
draws is part of the output)."""

from __future__ import annotations

from ..world import World
from .case_status import plant_case_status
from .families import plant_families
from .forecast import plant_forecasts
from .missing_charge import plant_missing_charges
from .not_stopped import plant_not_stopped
from .pensions import plant_pension_six_years
from .planter import Planter
from .refusion import plant_central_refusion
from .residence import plant_residence_mismatches
from .schools import plant_school_charges, plant_school_payments
from .traps import plant_traps

__all__ = ["Planter", "plant_all"]

FAMILIES = (
    plant_not_stopped,
    plant_missing_charges,
    plant_pension_six_years,
    plant_school_charges,
    plant_school_payments,
    plant_residence_mismatches,
    plant_case_status,
    plant_central_refusion,
    plant_traps,
    plant_families,
    plant_forecasts,  # last: the earlier cases keep their random draws
)


def plant_all(world: World) -> Planter:
    """Every planted case; the persons are in ``households`` (not yet in the extract), the
    ground truth in ``cases`` (checks), ``families`` and ``forecasts`` (expected spending)."""
    planter = Planter(world)
    for plant in FAMILIES:
        plant(planter)
    return planter
