"""The bench's second night (``sources.generator.next_night``): a CPR change extract continuing the
previous one and complete economy/case snapshots with one new month of postings, passing the landing
checks. The run of both nights is in tests/e2e/test_next_night.py."""

from __future__ import annotations

import datetime as dt

from sources.delivery import verify_delivery
from sources.folkeregister.layout import FIELDS
from sources.generator import generate_delivery
from sources.generator.next_night import write_next_night

from .rules import read_csv

DATE = dt.date(2026, 11, 22)


def _field(record, kind, name):
    return next(f for f in FIELDS[kind] if f.name == name).cut(record)


def test_next_night_passes_the_landing_checks(tmp_path):
    first = generate_delivery(tmp_path / "landing", citizens=300, seed=5, delivery_date=DATE)
    folder = write_next_night(first.folder, changed_share=0.05)
    assert folder.name == "2026-11-23" and (folder / "READY").exists()
    found, findings = verify_delivery(folder)
    assert found is not None and not findings, findings
    assert found.folkeregister_mode == "change"

    lines = (folder / "folkeregister" / "cpr_extract.txt").read_text(encoding="iso-8859-1").splitlines()
    assert _field(lines[0], "000", "production_date") == "20261123"
    assert _field(lines[0], "000", "previous_production_date") == "20261122"
    assert lines[-1].startswith("999") and int(_field(lines[-1], "999", "declared_count")) == len(lines) - 2
    persons = {line[3:13] for line in lines[1:-1]}
    assert 0.02 * first.persons <= len(persons) <= 0.1 * first.persons
    statuses = [_field(line, "001", "status_code") for line in lines if line.startswith("001")]
    assert len(statuses) == len(persons) and "90" in statuses  # every person's full set; some died
    moved = [line for line in lines if line.startswith("002")]
    assert moved and all(_field(line, "002", "moved_in_at") == "202611220000" for line in moved)

    old = read_csv(first.folder / "economy" / "postings_2026.csv")
    new = read_csv(folder / "economy" / "postings_2026.csv")
    assert new[:len(old)] == old  # a complete snapshot: yesterday's rows, then the new month
    appended = new[len(old):]
    assert appended and {r["service_period_start"] for r in appended} == {"01.12.2026"}
    assert {r["posting_date"] for r in appended} == {"23.11.2026"}
    ids = [r["posting_id"] for path in sorted((folder / "economy").glob("postings_*.csv"))
           for r in read_csv(path)]
    assert len(set(ids)) == len(ids)
    for name in ("cases/grants.csv", "economy/budgets.csv", "economy/postings_2025.csv"):
        assert (folder / name).read_bytes() == (first.folder / name).read_bytes()
