"""What the operator is told about a held change delivery and a quarantined one (issue #12,
item 7): which delivery is missing (not just production dates), where a corrected copy goes,
with READY, and which command runs it. Plain files and DuckDB, no Dagster run."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.defs.ingest.register import merge_change_extract
from orchestration.defs.landing.held import held_change_message
from orchestration.defs.landing.quarantine import plain_reason, quarantine_delivery
from serving.state_db import APPLIED_EXTRACTS_DDL

HELD = "2026-11-25"  # the change delivery that arrives after a gap


def _state(tmp_path: Path, applied: list[tuple[str, str]]) -> Path:
    """A state database whose register applied ``(production date, delivery date)``."""
    state_db = tmp_path / "state.duckdb"
    con = duckdb.connect(str(state_db))
    con.execute(APPLIED_EXTRACTS_DDL)
    for production, delivery in applied:
        con.execute("insert into register.applied_extracts values (?, ?, 'folkeregister/cpr.txt')",
                    [production, delivery])
    con.close()
    return state_db


def _delivery(folder: Path, mode: str = "change", ready: bool = True) -> Path:
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps(
        {"delivery_date": folder.name[:10], "folkeregister_mode": mode}))
    if ready:
        (folder / "READY").touch()
    return folder


@pytest.fixture
def landing(tmp_path) -> Path:
    landing = tmp_path / "landing"
    _delivery(landing / HELD)
    return landing


def test_held_change_names_the_quarantined_delivery_and_where_to_redeliver(tmp_path, landing):
    state_db = _state(tmp_path, [("2026-11-22", "2026-11-22")])
    _delivery(landing / "quarantine" / "2026-11-23", ready=False)
    msg = held_change_message(landing / HELD, state_db, "2026-11-25", "2026-11-23")
    assert msg.startswith(f"Change delivery {HELD} is held")
    assert f"stays in {landing / HELD}/" in msg
    assert "Delivery 2026-11-23 (change) is in quarantine" in msg
    assert f"{landing / 'quarantine' / '2026-11-23'}/errors.json" in msg
    assert f"corrected copy in {landing / '2026-11-23'}/" in msg and "READY" in msg
    assert "kommunelager run --delivery 2026-11-23" in msg
    assert "status extract" in msg  # the other way out
    assert f"kommunelager run --delivery {HELD}" in msg


def test_held_change_names_a_waiting_delivery(tmp_path, landing):
    state_db = _state(tmp_path, [("2026-11-22", "2026-11-22")])
    _delivery(landing / "2026-11-24")
    msg = held_change_message(landing / HELD, state_db, "2026-11-25", "2026-11-24")
    assert "Delivery 2026-11-24 is waiting in the landing folder" in msg
    assert "date order" in msg


def test_held_change_says_when_no_delivery_carried_the_missing_extract(tmp_path, landing):
    state_db = _state(tmp_path, [("2026-11-22", "2026-11-22")])
    msg = held_change_message(landing / HELD, state_db, "2026-11-25", "2026-11-24")
    assert "produced 2026-11-24" in msg and "last extract applied" in msg
    assert "No delivery dated after 2026-11-22 is in the landing folder or in quarantine" in msg
    assert "READY" in msg and "status extract" in msg


def test_an_extract_applied_already_is_not_to_be_rerun(tmp_path, landing):
    state_db = _state(tmp_path, [("2026-11-22", "2026-11-22"), ("2026-11-23", "2026-11-23")])
    msg = held_change_message(landing / HELD, state_db, "2026-11-23", "2026-11-22")
    assert "applied already with delivery 2026-11-23" in msg
    assert "Do not run it again" in msg and f"remove {landing / HELD}/" in msg


def test_no_register_yet_asks_for_a_status_extract(tmp_path, landing):
    msg = held_change_message(landing / HELD, tmp_path / "missing.duckdb", "2026-11-25",
                              "2026-11-24")
    assert "no CPR register exists yet" in msg and "status extract first" in msg


def test_merge_change_extract_fails_with_the_held_message(tmp_path, landing):
    state_db = _state(tmp_path, [("2026-11-22", "2026-11-22")])
    _delivery(landing / "quarantine" / "2026-11-23", ready=False)
    con = duckdb.connect()
    con.execute("create schema raw_folkeregister")
    con.execute("create table raw_folkeregister.extracts as select date '2026-11-25' as "
                "production_date, date '2026-11-23' as previous_production_date")
    with pytest.raises(dg.Failure) as failure:
        merge_change_extract(con, state_db, landing / HELD)
    assert "Delivery 2026-11-23 (change) is in quarantine" in failure.value.description


def test_errors_json_says_how_to_redeliver_and_has_no_class_names(tmp_path):
    landing = tmp_path / "landing"
    folder = _delivery(landing / "2026-11-23")
    reason = ("dagster._core.definitions.events.Failure: folkeregister: 1 structural errors, "
              "the delivery is quarantined:\n  folkeregister/cpr.txt, byte offset 141: unknown "
              "record type 'XYZ' (record 3) 0101801234")
    target = quarantine_delivery(folder, landing / "quarantine", reason, [])
    errors = json.loads((target / "errors.json").read_text())
    assert errors["reason"].startswith("folkeregister: 1 structural errors")
    assert "Failure" not in errors["reason"] and "010180-XXXX" in errors["reason"]
    step = errors["next_step"]
    assert f"{landing / '2026-11-23'}/" in step and "READY" in step
    assert "kommunelager run --delivery 2026-11-23" in step
    assert "no release command" in step
    assert "later change deliveries are held" in step  # a change delivery


def test_plain_reason_drops_dagster_wrapper_and_exception_classes():
    text = ('dagster._core.errors.DagsterExecutionStepExecutionError: Error occurred while '
            'executing op "ingest_cases":\n  caused by: ValueError: cases/grants.csv: bad')
    assert plain_reason(text) == "cases/grants.csv: bad"


def test_a_gap_between_two_cpr_files_of_one_delivery_blames_that_delivery(tmp_path, landing):
    state_db = _state(tmp_path, [("2026-11-22", "2026-11-22")])
    _delivery(landing / "quarantine" / "2026-11-23", ready=False)  # not to blame here
    con = duckdb.connect()
    con.execute("create schema raw_folkeregister")
    con.execute("create table raw_folkeregister.extracts as select * from (values "
                "(date '2026-11-23', date '2026-11-22'), (date '2026-11-25', date '2026-11-24')) "
                "t(production_date, previous_production_date)")
    with pytest.raises(dg.Failure) as failure:
        merge_change_extract(con, state_db, landing / HELD)
    msg = failure.value.description
    assert "do not follow each other" in msg and "previous CPR file was produced 2026-11-23" in msg
    assert f"re-deliver {HELD}" in msg and "quarantine" not in msg
