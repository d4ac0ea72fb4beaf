"""End to end: generate a small municipality, run the real Dagster job, query the served file;
then feed it broken deliveries and check that nothing is published and the errors are precise."""

from __future__ import annotations

import hashlib
import json
import re
import shutil

import duckdb
import pytest

from orchestration.runner import run_delivery
from sources.generator import generate_delivery
from tests.conftest import DELIVERY_DATE

CITIZENS = 400
CPR_SHAPED = re.compile(r"(?<!\d)\d{10}(?!\d)")


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rewrite_manifest(folder):
    """Re-sign a tampered delivery so only the tampering itself is wrong."""
    manifest = json.loads((folder / "manifest.json").read_text())
    for name in manifest["files"]:
        manifest["files"][name]["sha256"] = _sha(folder / name)
    (folder / "manifest.json").write_text(json.dumps(manifest))


@pytest.fixture(scope="module")
def golden_delivery(tmp_path_factory):
    landing = tmp_path_factory.mktemp("golden") / "landing"
    return generate_delivery(landing, citizens=CITIZENS, seed=7, delivery_date=DELIVERY_DATE)


def _copy_delivery(golden, settings, date=DELIVERY_DATE.isoformat()):
    target = settings.landing_dir / date
    shutil.copytree(golden.folder, target)
    return target


def test_good_delivery_is_published_and_queryable(installation, golden_delivery):
    _copy_delivery(golden_delivery, installation)
    assert run_delivery(installation, DELIVERY_DATE.isoformat())
    served = installation.published_db
    assert served.exists() and not installation.build_db.exists()
    con = duckdb.connect(str(served), read_only=True)
    try:
        persons = con.execute("select count(*), count(*) filter (where is_resident) from marts.dim_person").fetchone()
        assert persons[1] == CITIZENS  # exactly the residents the generator made
        assert persons[0] == con.execute("select count(*) from raw_keys.person_keys").fetchone()[0]
        # every person a case or posting names is in the CPR extract (the subscription covers them)
        missing = con.execute("""
            select count(*) from (select cpr from raw_cases.grants union select cpr from raw_cases.pupils
                                  union select cpr from raw_cases.pensions
                                  union select cpr from raw_economy.postings where cpr is not null)
            where cpr not in (select cpr from raw_folkeregister.persons)""").fetchone()[0]
        assert missing == 0
        assert con.execute("select count(*) from marts.dim_municipality").fetchone()[0] >= 98
        postings = con.execute("select count(*), sum(amount) from marts.fct_postings").fetchone()
        raw_postings = con.execute("select count(*), sum(amount) from raw_economy.postings").fetchone()
        assert postings == raw_postings
        assert con.execute("select count(*) from marts.fct_grants").fetchone()[0] == \
            con.execute("select count(*) from raw_cases.grants").fetchone()[0]
        runs = con.execute("select status, delivery_date::varchar from ops.runs").fetchall()
        assert ("published", DELIVERY_DATE.isoformat()) in runs
        # Analysts' marts carry no CPR column and no CPR-shaped value.
        columns = con.execute("select table_name, column_name from information_schema.columns "
                              "where table_schema = 'marts' and data_type = 'VARCHAR'").fetchall()
        assert not [c for c in columns if c[1] == "cpr" or c[1].endswith("_cpr")]
        for table, column in columns:
            if column.endswith(("_key", "_id")):  # hex hashes and source ids may hold digit runs
                continue
            hit = con.execute(f'select count(*) from marts."{table}" '
                              f"where regexp_matches(\"{column}\", '(^|[^0-9])[0-9]{{10}}([^0-9]|$)')").fetchone()[0]
            assert hit == 0, f"CPR-shaped value in marts.{table}.{column}"
    finally:
        con.close()


def _served_fingerprint(settings):
    return _sha(settings.published_db) if settings.published_db.exists() else None


def _expect_quarantine(settings, date, file_part, field=None, line=True):
    quarantined = settings.quarantine_dir / date
    assert quarantined.is_dir(), "the delivery must be moved to quarantine"
    assert not (settings.landing_dir / date).exists()
    errors = json.loads((quarantined / "errors.json").read_text())
    matching = [e for e in errors["errors"] if file_part in (e["source_file"] or "")]
    assert matching, errors
    if field:
        assert any(e["field"] == field for e in matching), matching
    if line:
        assert any(e["line"] or e["byte_offset"] is not None for e in matching), matching
    assert not CPR_SHAPED.search(json.dumps(errors)), "errors.json must mask CPR numbers"
    return matching


def test_checksum_mismatch_quarantines_and_publishes_nothing(installation, golden_delivery):
    folder = _copy_delivery(golden_delivery, installation)
    with open(folder / "cases" / "grants.csv", "ab") as f:
        f.write(b"\n")
    assert not run_delivery(installation, DELIVERY_DATE.isoformat())
    assert not installation.published_db.exists()
    _expect_quarantine(installation, DELIVERY_DATE.isoformat(), "cases/grants.csv", line=False)


def test_truncated_cpr_file_is_quarantined(installation, golden_delivery):
    folder = _copy_delivery(golden_delivery, installation)
    cpr_file = next((folder / "folkeregister").iterdir())
    lines = cpr_file.read_bytes().splitlines(keepends=True)
    cpr_file.write_bytes(b"".join(lines[: len(lines) // 2]))  # no 999 end record
    _rewrite_manifest(folder)
    assert not run_delivery(installation, DELIVERY_DATE.isoformat())
    _expect_quarantine(installation, DELIVERY_DATE.isoformat(), "folkeregister/", line=False)


def test_bad_row_quarantines_with_file_line_and_field(installation, golden_delivery):
    folder = _copy_delivery(golden_delivery, installation)
    grants = folder / "cases" / "grants.csv"
    raw = grants.read_bytes()
    encoding = "utf-8"
    text = raw.decode(encoding)
    lines = text.splitlines(keepends=True)
    header = lines[0].rstrip("\r\n").split(";")
    start = header.index("start_date")
    fields = lines[1].rstrip("\r\n").split(";")
    fields[start] = "31.13.2024"
    lines[1] = ";".join(fields) + "\n"
    grants.write_bytes("".join(lines).encode(encoding))
    _rewrite_manifest(folder)
    assert not run_delivery(installation, DELIVERY_DATE.isoformat())
    matching = _expect_quarantine(installation, DELIVERY_DATE.isoformat(), "cases/grants.csv", field="start_date")
    assert any(e["line"] == 2 for e in matching)


def test_failed_run_leaves_served_warehouse_untouched(installation, golden_delivery):
    _copy_delivery(golden_delivery, installation)
    assert run_delivery(installation, DELIVERY_DATE.isoformat())
    before = _served_fingerprint(installation)
    next_day = "2026-11-23"
    folder = _copy_delivery(golden_delivery, installation, next_day)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["delivery_date"] = next_day
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (folder / "economy" / "budgets.csv").unlink()  # a listed file is missing
    assert not run_delivery(installation, next_day)
    assert _served_fingerprint(installation) == before
    _expect_quarantine(installation, next_day, "economy/budgets.csv", line=False)
