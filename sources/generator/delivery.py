"""One delivery end to end: the world, the planted cases mixed into the base population, the
files, the manifest and READY, and the ground truth beside the landing area."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .households import SELF_SERVICED, Households
from .planted import plant_all
from .planted.family_truth import INTERPRETATIONS
from .services import Services
from .world import World
from .writers import CsvWriter, contract_columns

ASSUMPTIONS = {
    "school_cost_per_pupil": "SCHOOL_CHARGE amounts assume 0851 = 78.000 and 0773 = "
                             "72.000 kr/year (checks.md example 4) for every year",
    "block_grant_value": "BLOCK_GRANT potential is the seed's value per inhabitant; "
                         "left null here",
    "central_refusion": "2020 tiers (830.000 / 1.630.000 / 2.050.000; 25/50/75 %) for "
                        "every year",
    "base": "the clean base raises none of the checks: only cases listed with "
            "expected=true may be flagged",
    "families": INTERPRETATIONS,
}


# Measured on the base (seed 1, 20,000 citizens, 2026-11-22): postings per base resident that
# ``Ledger.split_from_now`` may split (ordinary expenses) and that it leaves alone (refunds,
# charges, reversals). About 3.1 postings per citizen in all at the default density.
BASE_SPLITTABLE_PER_RESIDENT = 2.42
BASE_OTHER_PER_RESIDENT = 0.46
OPERATING_POSTINGS_PER_MONTH = 12  # Ledger.post_operating_costs: 6 functions × 2


@dataclass
class GeneratedDelivery:
    folder: Path
    ground_truth_path: Path
    rows: dict[str, int]
    persons: int


def generate_delivery(landing: Path, *, citizens: int, seed: int = 1,
                      delivery_date: dt.date = dt.date(2026, 11, 22),
                      municipality_code: str = "0851", ground_truth_dir: Path | None = None,
                      progress: Callable[[str, int], None] | None = None,
                      postings_per_citizen: float | None = None) -> GeneratedDelivery:
    """``postings_per_citizen`` (default: none, about 3.1) books the base's ordinary payments in
    instalments until the postings files hold about that many rows per citizen; the planted cases,
    every sum and the ground truth stay exactly as at the default (``Ledger.split_from_now``)."""
    landing = Path(landing)
    folder = landing / delivery_date.isoformat()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    report = progress or (lambda stage, n: None)

    world = World(folder, seed=seed, as_of=delivery_date, ours=municipality_code,
                  citizens=citizens)
    extract = world.cpr_extract
    extract.write_start(delivery_date)
    planted = plant_all(world)
    if postings_per_citizen:
        world.ledger.split_from_now(_split_factor(world, planted.residents, postings_per_citizen))
    _write_population(world, planted, citizens, report)

    # --- files: CPR extract, postings, budgets, providers, cases; path -> (sha256, rows or None)
    files: dict[str, tuple[str, int | None]] = {}
    files["folkeregister/cpr_extract.txt"] = (extract.close(), None)
    world.ledger.post_operating_costs(world.rng)
    report("postings", world.ledger.postings)
    files.update(world.ledger.close())
    files["economy/budgets.csv"] = world.ledger.write_budgets(random.Random(seed * 7919 + 1))
    providers = CsvWriter(folder / "cases" / "providers.csv", contract_columns("cases", "providers"),
                          encoding="cp1252")
    world.providers.write_csv(providers)
    files["cases/providers.csv"] = (providers.close(), providers.rows)
    files.update(world.cases.close())

    # --- manifest, then READY (a landing watcher must never see a half-written delivery)
    manifest = {"delivery_date": delivery_date.isoformat(), "municipality_code": municipality_code,
                "folkeregister_mode": "status",
                "files": {path: ({"sha256": sha} if rows is None else {"sha256": sha, "rows": rows})
                          for path, (sha, rows) in sorted(files.items())}}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (folder / "READY").write_bytes(b"")

    ground_truth_path = _write_ground_truth(
        Path(ground_truth_dir) if ground_truth_dir else landing.parent / "ground_truth",
        delivery_date, municipality_code, seed, citizens, planted.cases, planted.families,
        planted.families_outside, planted.forecasts)
    rows = {path: (n if n is not None else extract.total_records) for path, (_, n) in files.items()}
    report("done", extract.persons)
    return GeneratedDelivery(folder=folder, ground_truth_path=ground_truth_path, rows=rows,
                             persons=extract.persons)


def _split_factor(world: World, planted_residents: int, postings_per_citizen: float) -> float:
    """How many instalments per ordinary payment give ``postings_per_citizen`` in all: the planted
    postings (already written) and the base's unsplittable ones stay as they are."""
    base_residents = max(1, world.citizens - planted_residents)
    operating = OPERATING_POSTINGS_PER_MONTH * (world.as_of_month - world.economy_start_month + 1)
    fixed = world.ledger.postings + BASE_OTHER_PER_RESIDENT * base_residents
    splittable = BASE_SPLITTABLE_PER_RESIDENT * base_residents + operating
    return (postings_per_citizen * world.citizens - fixed) / splittable


def _write_population(world: World, planted, citizens: int, report) -> None:
    """Base households until ``citizens`` residents, with the planted households spread
    evenly among them (so they are not all at the start or end of the extract)."""
    extract = world.cpr_extract
    households = Households(world, Services(world))
    target = max(0, citizens - planted.residents)
    waiting = list(planted.households)
    spacing = max(1, (citizens // 2) // (len(waiting) + 1))
    written = 0
    planted_residents = 0
    while True:
        if waiting and written % spacing == spacing - 1:
            before = extract.residents
            for p in waiting.pop(0):
                extract.write_person(p)
            planted_residents += extract.residents - before
        remaining = target - (extract.residents - planted_residents)
        if remaining <= 0:
            break
        # near the target only singles, so the resident count lands exactly on it
        kind = households.pick_kind() if remaining > 12 else "single"
        household = households.build(kind)
        if kind not in SELF_SERVICED:
            households.services.assign(household)
        for p in household:
            extract.write_person(p)
        written += 1
        if written % 5000 == 0:
            report("persons", extract.persons)
    for household in waiting:
        for p in household:
            extract.write_person(p)
    report("persons", extract.persons)


def _write_ground_truth(directory: Path, delivery_date: dt.date, municipality_code: str,
                        seed: int, citizens: int, cases: list[dict],
                        families: list[dict], families_outside: list[dict], forecasts: list[dict]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{delivery_date.isoformat()}.json"
    truth = {
        "delivery_date": delivery_date.isoformat(), "municipality_code": municipality_code,
        "seed": seed, "citizens": citizens, "as_of": delivery_date.isoformat(),
        "claim_window_months": 36, "assumptions": ASSUMPTIONS, "cases": cases,
        "families": families, "costly_families_outside": families_outside, "forecasts": forecasts,
    }
    path.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
