"""CLI: python -m sources.generator LANDING --citizens N [--seed S] [--date YYYY-MM-DD]."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from . import generate_delivery


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m sources.generator", description=__doc__)
    ap.add_argument("landing", type=Path)
    ap.add_argument("--citizens", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--date", type=dt.date.fromisoformat, default=dt.date(2026, 11, 22))
    ap.add_argument("--municipality", default="0851")
    ap.add_argument("--ground-truth-dir", type=Path, default=None)
    a = ap.parse_args(argv)
    t0 = time.time()

    def progress(stage: str, n: int) -> None:
        print(f"\r{time.time() - t0:7.1f}s  {stage:<10} {n:>10,}", end="", file=sys.stderr)

    res = generate_delivery(a.landing, citizens=a.citizens, seed=a.seed, delivery_date=a.date,
                            municipality_code=a.municipality, ground_truth_dir=a.ground_truth_dir,
                            progress=progress)
    print(file=sys.stderr)
    print(f"{res.folder}: {res.persons:,} persons in {time.time() - t0:.1f}s; "
          f"ground truth {res.ground_truth_path}")
    for k, v in sorted(res.rows.items()):
        print(f"  {k:<36} {v:>12,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
