"""``--postings-per-citizen``: more posting rows, the same money. The base's ordinary payments are
booked in instalments, so the rows per citizen come near the requested density while every
person's sums, the planted cases, the other files and the ground truth stay as at the default."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from sources.generator import generate_delivery

from .rules import read_csv

DATE = dt.date(2026, 11, 22)
CITIZENS = 300


def _postings(folder):
    return [row for path in sorted((folder / "economy").glob("postings_*.csv")) for row in read_csv(path)]


def _sums(rows) -> Counter:
    """Net amount per person, case, account and period: what every check and mart sums over."""
    sums: Counter = Counter()
    for r in rows:
        key = (r["cpr"], r["case_ref"], r["fiscal_year"], r["function_code"], r["dranst"], r["art"],
               r["posting_date"], r["service_period_start"], r["service_period_end"],
               r["counterparty_municipality_code"], r["cost_center"])
        sums[key] += Decimal(r["amount"].replace(",", "."))
    return sums


def test_density_adds_rows_not_money(tmp_path):
    default = generate_delivery(tmp_path / "a", citizens=CITIZENS, seed=3, delivery_date=DATE,
                                ground_truth_dir=tmp_path / "a_truth")
    dense = generate_delivery(tmp_path / "b", citizens=CITIZENS, seed=3, delivery_date=DATE,
                              ground_truth_dir=tmp_path / "b_truth", postings_per_citizen=20)
    base_rows, dense_rows = _postings(default.folder), _postings(dense.folder)
    assert len(base_rows) / CITIZENS < 16  # at this size the planted cases are most of them
    assert 18 <= len(dense_rows) / CITIZENS <= 22, len(dense_rows) / CITIZENS
    assert sum(n for path, n in dense.rows.items() if "postings_" in path) == len(dense_rows)

    assert _sums(dense_rows) == _sums(base_rows)
    assert all(Decimal(r["amount"].replace(",", ".")) != 0 for r in dense_rows)
    assert len({r["posting_id"] for r in dense_rows}) == len(dense_rows)
    # the planted cases are written first: their postings are the same rows, ids included
    planted = [r for r in base_rows if int(r["posting_id"]) <= 3000]
    assert planted and all(r in dense_rows for r in planted)

    assert dense.ground_truth_path.read_bytes() == default.ground_truth_path.read_bytes()
    for path in ("folkeregister/cpr_extract.txt", "economy/budgets.csv", "cases/grants.csv",
                 "cases/pupils.csv", "cases/pensions.csv", "cases/providers.csv"):
        assert (dense.folder / path).read_bytes() == (default.folder / path).read_bytes(), path


def test_default_density_is_unchanged_by_the_option(tmp_path):
    """No option and a density at or below today's write the same files (no instalments)."""
    default = generate_delivery(tmp_path / "a", citizens=CITIZENS, seed=3, delivery_date=DATE)
    low = generate_delivery(tmp_path / "b", citizens=CITIZENS, seed=3, delivery_date=DATE,
                            postings_per_citizen=1)
    for path in sorted(p.relative_to(default.folder) for p in default.folder.rglob("*") if p.is_file()):
        assert (low.folder / path).read_bytes() == (default.folder / path).read_bytes(), path
