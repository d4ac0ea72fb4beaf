"""Seeded synthetic municipality: writes one delivery folder exactly as ``sources.md`` describes,
plus a ground-truth file (outside the delivery) listing the planted income-optimisation cases.

    from sources.generator import generate_delivery
    generate_delivery(Path("var/landing"), citizens=10_000, seed=1)

CLI: ``python -m sources.generator LANDING --citizens N [--seed S] [--date YYYY-MM-DD]``.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .base import Base
from .core import Engine, columns
from .model import first_weekday, mend, mi, mstart
from .planted import Planted
from .writers import F000, F999, CsvOut, HashingWriter, money

__all__ = ["GeneratedDelivery", "generate_delivery"]


@dataclass
class GeneratedDelivery:
    folder: Path
    ground_truth_path: Path
    rows: dict[str, int]
    persons: int


SELF_SERVICED = {"moved_away", "emigrated", "status70", "status20", "inbound", "external_pupil"}


def generate_delivery(landing: Path, *, citizens: int, seed: int = 1,
                      delivery_date: dt.date = dt.date(2026, 11, 22),
                      municipality_code: str = "0851", ground_truth_dir: Path | None = None,
                      progress: Callable[[str, int], None] | None = None) -> GeneratedDelivery:
    landing = Path(landing)
    folder = landing / delivery_date.isoformat()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    note = progress or (lambda stage, n: None)

    eng = Engine(folder, seed=seed, as_of=delivery_date, ours=municipality_code,
                 citizens=citizens, progress=progress)
    eng.build_world()
    eng.open_files()
    prod = delivery_date.strftime("%Y%m%d")
    prev = (delivery_date - dt.timedelta(days=1)).strftime("%Y%m%d")
    eng.cpr_out.write(F000(prod, prev) + "\n")

    planted = Planted(eng)
    planted.build()
    base = Base(eng)
    target = max(0, citizens - planted.residents)
    groups = list(planted.groups)
    gap = max(1, (citizens // 2) // (len(groups) + 1))
    clusters = 0
    planted_emitted = 0
    while True:
        if groups and clusters % gap == gap - 1:
            before = eng.n_residents
            for p in groups.pop(0):
                eng.emit(p)
            planted_emitted += eng.n_residents - before
        remaining = target - (eng.n_residents - planted_emitted)
        if remaining <= 0:
            break
        kind = base.pick_kind() if remaining > 12 else "single"
        ps = base.cluster(kind)
        if kind not in SELF_SERVICED:
            base.services(ps)
        for p in ps:
            eng.emit(p)
        clusters += 1
        if clusters % 5000 == 0:
            note("persons", eng.n_persons)
    for g in groups:
        for p in g:
            eng.emit(p)
    note("persons", eng.n_persons)

    # --- CPR file: the 003 block at the end, then the 999 end record
    eng.addr_tmp.write("".join(eng.addr_buf).encode("iso-8859-1"))
    eng.addr_tmp.seek(0)
    eng.cpr_out.flush()
    while True:
        chunk = eng.addr_tmp.read(1 << 22)
        if not chunk:
            break
        eng.cpr_out.write_bytes(chunk)
    eng.addr_tmp.close()
    eng.cpr_out.write(F999(f"{eng.n_records:08d}") + "\n")
    files: dict[str, tuple[str, int | None]] = {}
    files["folkeregister/cpr_extract.txt"] = (eng.cpr_out.close(), None)
    cpr_records = eng.n_records + 2

    # --- non-person postings, budgets, providers
    _non_person_postings(eng)
    note("postings", eng.posting_seq)
    for y in sorted(eng.postings):
        w = eng.postings[y]
        files[f"economy/postings_{y}.csv"] = (w.close(), w.rows)
    bud = CsvOut(folder / "economy" / "budgets.csv", columns("economy", "budgets"))
    brng = __import__("random").Random(seed * 7919 + 1)
    for (y, fn), total in sorted(eng.expense.items()):
        if y < eng.e0.year or total <= 0:
            continue
        if y == delivery_date.year:
            total = total * 12 // max(1, delivery_date.month)
        factor = brng.choice([0.9, 0.93, 0.97, 1.0, 1.02, 1.05, 1.08])  # < 1: overspending
        bud.row([str(y), fn, money(int(total * factor) // 100000 * 100000)])
    files["economy/budgets.csv"] = (bud.close(), bud.rows)
    prov = CsvOut(folder / "cases" / "providers.csv", columns("cases", "providers"),
                  encoding="cp1252")
    for p in eng.providers:
        prov.row(eng.provider_row(p))
    files["cases/providers.csv"] = (prov.close(), prov.rows)
    for name, w in (("cases/grants.csv", eng.grants), ("cases/pupils.csv", eng.pupils),
                    ("cases/pensions.csv", eng.pensions)):
        files[name] = (w.close(), w.rows)

    # --- manifest, then READY
    manifest = {"delivery_date": delivery_date.isoformat(), "municipality_code": municipality_code,
                "folkeregister_mode": "status",
                "files": {k: ({"sha256": h} if r is None else {"sha256": h, "rows": r})
                          for k, (h, r) in sorted(files.items())}}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (folder / "READY").write_bytes(b"")

    gt_dir = Path(ground_truth_dir) if ground_truth_dir else landing.parent / "ground_truth"
    gt_dir.mkdir(parents=True, exist_ok=True)
    gt_path = gt_dir / f"{delivery_date.isoformat()}.json"
    truth = {
        "delivery_date": delivery_date.isoformat(), "municipality_code": municipality_code,
        "seed": seed, "citizens": citizens, "as_of": delivery_date.isoformat(),
        "claim_window_months": 36,
        "assumptions": {
            "school_cost_per_pupil": "SCHOOL_CHARGE amounts assume 0851 = 78.000 and 0773 = "
                                     "72.000 kr/year (checks.md example 4) for every year",
            "block_grant_value": "BLOCK_GRANT potential is the seed's value per inhabitant; "
                                 "left null here",
            "central_refusion": "2020 tiers (830.000 / 1.630.000 / 2.050.000; 25/50/75 %) for "
                                "every year",
            "base": "the clean base raises none of the checks: only cases listed with "
                    "expected=true may be flagged",
        },
        "cases": planted.cases,
    }
    gt_path.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    rows = {k: (r if r is not None else cpr_records) for k, (_, r) in files.items()}
    note("done", eng.n_persons)
    return GeneratedDelivery(folder=folder, ground_truth_path=gt_path, rows=rows,
                             persons=eng.n_persons)


def _non_person_postings(eng: Engine):
    """Operating costs not on persons (salaries, rent, IT), a few per function and month."""
    rng = eng.rng
    fns = [("5.28.21", "Familiebehandling, fællesudgifter"), ("5.38.38", "Støttecentre, drift"),
           ("5.30.26", "Hjemmepleje, løn og kørsel"), ("3.22.01", "Folkeskoler, drift"),
           ("5.68.90", "Jobcenter, driftsudgifter"), ("5.38.50", "Botilbud, vedligehold")]
    texts = ["Løn {}", "Husleje {}", "IT-licenser {}", "Kørsel {}", "Vikarbureau; faktura {}"]
    for m in range(eng.e0_m, eng.asof_m + 1):
        pd = first_weekday(m)
        if pd > eng.as_of:
            break
        for fn, name in fns:
            for _ in range(2):
                t = rng.choice(texts).format(f"{m % 12 + 1:02d}/{m // 12}")
                eng.post(pd, fn, 1, rng.choice(["4.0", "2.9", "4.9"]),
                         rng.randint(20_000, 900_000) * 100, s=mstart(m), e=mend(m),
                         text=f"{name}: {t}", cost_center="9000")
        if m % 12 == 5:  # a manual correction with a line break in its text
            eng.post(mend(m), "5.68.90", 1, "4.0", -rng.randint(100, 5000) * 100,
                     text="Efterregulering\nJf. aftale med leverandør", cost_center="9000")
