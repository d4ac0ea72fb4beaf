"""CLI: python -m sources.generator LANDING --citizens N [--seed S] [--date YYYY-MM-DD]
[--postings-per-citizen X]."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from . import generate_delivery


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sources.generator", description=__doc__)
    parser.add_argument("landing", type=Path)
    parser.add_argument("--citizens", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date(2026, 11, 22))
    parser.add_argument("--municipality", default="0851")
    parser.add_argument("--ground-truth-dir", type=Path, default=None)
    parser.add_argument("--postings-per-citizen", type=float, default=None,
                        help="postings density (default: about 3.1); more books ordinary payments "
                             "in instalments, same sums and ground truth")
    args = parser.parse_args(argv)
    started = time.time()

    def progress(stage: str, n: int) -> None:
        print(f"\r{time.time() - started:7.1f}s  {stage:<10} {n:>10,}", end="", file=sys.stderr)

    result = generate_delivery(args.landing, citizens=args.citizens, seed=args.seed,
                               delivery_date=args.date, municipality_code=args.municipality,
                               ground_truth_dir=args.ground_truth_dir, progress=progress,
                               postings_per_citizen=args.postings_per_citizen)
    print(file=sys.stderr)
    print(f"{result.folder}: {result.persons:,} persons in {time.time() - started:.1f}s; "
          f"ground truth {result.ground_truth_path}")
    for path, rows in sorted(result.rows.items()):
        print(f"  {path:<36} {rows:>12,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
