"""CPR change extracts (sources.md, operations.md): each person in a change extract replaces
everything known about that person; the rest of the register survives from the last publish;
an extract that does not continue the last applied one is held, loudly, and nothing is published."""

from __future__ import annotations

import hashlib
import json
import shutil

import duckdb

from orchestration.runner import run_delivery
from sources.folkeregister.layout import format_record
from sources.generator import generate_delivery
from tests.conftest import DELIVERY_DATE, connect_published

NEXT_DAY = "2026-11-23"
DAY_AFTER = "2026-11-24"


def _write_change_delivery(golden_folder, landing, date, previous_production, cpr, death_date,
                           truncated=False):
    folder = landing / date
    shutil.copytree(golden_folder, folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["delivery_date"], manifest["folkeregister_mode"] = date, "change"
    records = [
        format_record("000", {"production_date": date.replace("-", ""),
                              "previous_production_date": previous_production}),
        format_record("001", {"cpr": cpr, "status_code": "90", "status_start_at": death_date.replace("-", "") + "0000",
                              "sex": "K", "birth_date": "1960-01-01"}),
        format_record("008", {"cpr": cpr, "first_names": "Ærtebjørg", "last_name": "Østergård"}),
        format_record("999", {"declared_count": "00000002"}),
    ][:-1 if truncated else None]
    cpr_file = next((folder / "folkeregister").iterdir())
    cpr_file.write_bytes(("\n".join(records) + "\n").encode("iso-8859-1"))
    name = str(cpr_file.relative_to(folder))
    manifest["files"][name]["sha256"] = hashlib.sha256(cpr_file.read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def _last_run_message(settings, date):
    """What the operator is told: the run log keeps each failed run's message."""
    con = duckdb.connect(str(settings.state_db), read_only=True)
    try:
        return con.execute("select message from runs where delivery_date::varchar = ? "
                           "order by finished_at desc limit 1", [date]).fetchone()[0]
    finally:
        con.close()


def _query(settings, sql, params=()):
    """Raw tables are in the private build (kept after the run), marts in the analysts' file."""
    con = connect_published(settings, build=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_change_extract_replaces_only_the_persons_it_holds(installation, tmp_path):
    golden = generate_delivery(tmp_path / "golden", citizens=200, seed=11, delivery_date=DELIVERY_DATE)
    shutil.copytree(golden.folder, installation.landing_dir / DELIVERY_DATE.isoformat())
    assert run_delivery(installation, DELIVERY_DATE.isoformat())
    before = dict(_query(installation, "select cpr, status_code from build.raw_folkeregister.persons"))
    resident = _query(installation, "select a.cpr from build.raw_folkeregister.current_addresses a "
                                    "join build.raw_folkeregister.persons p using (cpr) where p.status_code = '01' "
                                    "order by a.cpr limit 1")[0][0]

    # Out of order: it continues an extract of 2026-11-20, but 2026-11-22 was applied last.
    _write_change_delivery(golden.folder, installation.landing_dir, NEXT_DAY, "20261120", resident, "2026-11-22")
    served = installation.published_db.read_bytes()
    assert not run_delivery(installation, NEXT_DAY)
    assert installation.published_db.read_bytes() == served
    assert (installation.landing_dir / NEXT_DAY).is_dir(), "a held change delivery stays in the landing folder"
    message = _last_run_message(installation, NEXT_DAY)
    assert f"Change delivery {NEXT_DAY} is held" in message
    assert "produced 2026-11-20, which is older than the register" in message
    assert "(delivery 2026-11-22)" in message and "status extract" in message

    # A change delivery that is quarantined (truncated CPR file) holds the next one, whose
    # message names the quarantined delivery and where its corrected copy goes.
    shutil.rmtree(installation.landing_dir / NEXT_DAY)
    _write_change_delivery(golden.folder, installation.landing_dir, NEXT_DAY, "20261122", resident,
                           "2026-11-22", truncated=True)
    assert not run_delivery(installation, NEXT_DAY)
    quarantined = installation.quarantine_dir / NEXT_DAY
    errors = json.loads((quarantined / "errors.json").read_text())
    assert any("truncated file" in e["reason"] and e["line"] for e in errors["errors"]), errors
    assert not errors["reason"].startswith("dagster") and "Failure:" not in errors["reason"]
    step = errors["next_step"]
    assert f"{installation.landing_dir / NEXT_DAY}/" in step and "READY" in step
    assert f"kommunelager run --delivery {NEXT_DAY}" in step and "later change deliveries are held" in step
    _write_change_delivery(golden.folder, installation.landing_dir, DAY_AFTER, "20261123", resident, "2026-11-22")
    assert not run_delivery(installation, DAY_AFTER)
    message = _last_run_message(installation, DAY_AFTER)
    assert f"Change delivery {DAY_AFTER} is held" in message
    assert f"Delivery {NEXT_DAY} (change) is in quarantine ({quarantined}/errors.json" in message
    assert f"corrected copy in {installation.landing_dir / NEXT_DAY}/" in message
    assert (installation.landing_dir / DAY_AFTER).is_dir()
    shutil.rmtree(installation.landing_dir / DAY_AFTER)

    _write_change_delivery(golden.folder, installation.landing_dir, NEXT_DAY, "20261122", resident, "2026-11-22")
    assert run_delivery(installation, NEXT_DAY)
    after = dict(_query(installation, "select cpr, status_code from build.raw_folkeregister.persons"))
    assert after.keys() == before.keys()
    assert after[resident] == "90"
    assert {c: s for c, s in after.items() if c != resident} == {c: s for c, s in before.items() if c != resident}
    # everything known about the person was replaced: no current address survives from the register
    assert _query(installation, "select count(*) from build.raw_folkeregister.current_addresses where cpr = ?",
                  [resident])[0][0] == 0
    assert _query(installation, "select first_names from build.raw_folkeregister.names where cpr = ?",
                  [resident])[0][0] == "Ærtebjørg"
    assert _query(installation, "select count(*) from marts.dim_person where cpr_status = '90' "
                                "and person_key = (select person_key from build.raw_keys.person_keys where cpr = ?)",
                  [resident])[0][0] == 1
