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
from tests.conftest import DELIVERY_DATE, connect_published

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
    assert served.exists() and installation.build_db.exists()  # the private build stays until the next run
    # the benchmark's records of the run: seconds per step, peak memory of this process and of dbt
    timings = json.loads((installation.run_dir / "last_run_timings.json").read_text())
    assert {"warehouse_models", "ops__published_warehouse"} <= set(timings)
    peaks = json.loads((installation.run_dir / "last_run_memory.json").read_text())
    assert peaks["pipeline_process"] > 50 and peaks["dbt"] > 50  # MiB: both are Python processes
    con = connect_published(installation, build=True)
    try:
        persons = con.execute("select count(*), count(*) filter (where is_resident) from marts.dim_person").fetchone()
        assert persons[1] == CITIZENS  # exactly the residents the generator made
        assert persons[0] == con.execute("select count(*) from build.raw_keys.person_keys").fetchone()[0]
        # every person a case or posting names is in the CPR extract (the subscription covers them)
        missing = con.execute("""
            select count(*) from (select cpr from build.raw_cases.grants union select cpr from build.raw_cases.pupils
                                  union select cpr from build.raw_cases.pensions
                                  union select cpr from build.raw_economy.postings where cpr is not null)
            where cpr not in (select cpr from build.raw_folkeregister.persons)""").fetchone()[0]
        assert missing == 0
        assert con.execute("select count(*) from marts.dim_municipality").fetchone()[0] >= 98
        postings = con.execute("select count(*), sum(amount) from marts.fct_postings").fetchone()
        raw_postings = con.execute("select count(*), sum(amount) from build.raw_economy.postings").fetchone()
        assert postings == raw_postings
        assert con.execute("select count(*) from marts.fct_grants").fetchone()[0] == \
            con.execute("select count(*) from build.raw_cases.grants").fetchone()[0]
        runs = con.execute("select status, delivery_date::varchar from ops.runs").fetchall()
        assert ("published", DELIVERY_DATE.isoformat()) in runs
        # Analysts' marts carry no CPR column and no CPR-shaped value.
        columns = con.execute("select table_name, column_name from information_schema.columns "
                              "where table_schema = 'marts' and data_type = 'VARCHAR'").fetchall()
        assert not [c for c in columns if c[1] == "cpr" or c[1].endswith("_cpr")]
        for table, column in columns:
            if column.endswith(("_key", "_keys", "_id")):  # hex hashes (and lists of them), source ids
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


def _set_field(path, line_index, column, value, encoding="utf-8"):
    """Set one field of one data line of a Danish CSV (no quoted separators in those columns)."""
    lines = path.read_bytes().decode(encoding).splitlines(keepends=True)
    header = lines[0].rstrip("\r\n").split(";")
    fields = lines[line_index].rstrip("\r\n").split(";")
    fields[header.index(column)] = value
    lines[line_index] = ";".join(fields) + "\n"
    path.write_bytes("".join(lines).encode(encoding))


@pytest.mark.parametrize(("file", "column", "value", "reason_part"), [
    ("cases/grants.csv", "start_date", "31.13.2024", "date"),
    ("cases/pupils.csv", "cpr", "3213801234", "CPR"),  # day 32: no birth date
    ("cases/grants.csv", "paying_municipality_code", "0999", "municipality"),
])
def test_bad_row_quarantines_with_file_line_and_field(installation, golden_delivery, file, column, value, reason_part):
    folder = _copy_delivery(golden_delivery, installation)
    _set_field(folder / file, 1, column, value)
    _rewrite_manifest(folder)
    assert not run_delivery(installation, DELIVERY_DATE.isoformat())
    assert not installation.published_db.exists()
    matching = _expect_quarantine(installation, DELIVERY_DATE.isoformat(), file, field=column)
    assert any(e["line"] == 2 and reason_part.lower() in e["reason"].lower() for e in matching), matching


def test_undecodable_encoding_quarantines(installation, golden_delivery):
    folder = _copy_delivery(golden_delivery, installation)
    pupils = folder / "cases" / "pupils.csv"
    pupils.write_bytes(pupils.read_bytes() + "9999999999;x;Skole \x81;0851;normal;01.08.2024;\n".encode("latin-1"))
    _rewrite_manifest(folder)
    assert not run_delivery(installation, DELIVERY_DATE.isoformat())
    matching = _expect_quarantine(installation, DELIVERY_DATE.isoformat(), "cases/pupils.csv", line=False)
    assert any("encoding" in e["reason"] for e in matching), matching


def test_tolerated_row_errors_and_count_warning_still_publish(installation, golden_delivery, monkeypatch):
    """Up to max_rejected_rows bad rows: the run goes on without them and lists them; a 999
    count that differs from the records read is a warning, not a rejection."""
    monkeypatch.setenv("KOMMUNELAGER_MAX_REJECTED_ROWS", "1")
    from orchestration.settings import load_settings

    settings = load_settings()
    folder = _copy_delivery(golden_delivery, settings)
    _set_field(folder / "cases" / "pupils.csv", 1, "start_date", "30.02.2024")
    cpr_file = next((folder / "folkeregister").iterdir())
    data = cpr_file.read_bytes()
    end = data.rstrip(b"\r\n").rfind(b"\n") + 1  # the last record: 999
    assert data[end:end + 3] == b"999"
    cpr_file.write_bytes(data[:end] + b"999" + data[end + 3:end + 13] + b"00000001" + data[end + 21:])
    _rewrite_manifest(folder)
    assert run_delivery(settings, DELIVERY_DATE.isoformat())
    con = connect_published(settings, build=True)
    try:
        rejected = con.execute("select file, line, field from ops.rejected_records").fetchall()
        assert rejected == [("cases/pupils.csv", 2, "start_date")]
        warnings = con.execute("select source_file, reason from ops.delivery_findings "
                               "where severity = 'warning'").fetchall()
        assert any(f.startswith("folkeregister/") and "999" in r for f, r in warnings), warnings
        pupils = con.execute("select count(*) from build.raw_cases.pupils").fetchone()[0]
        assert pupils == golden_delivery.rows["cases/pupils.csv"] - 1
        run = con.execute("select rows_rejected, checks_passed, checks_failed from ops.runs "
                          "where status = 'published'").fetchone()
        assert run[0] == 1 and run[1] > 100 and run[2] == 0
    finally:
        con.close()


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
