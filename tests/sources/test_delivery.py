"""The landing folder and manifest verification (sources.md, "The landing folder")."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from sources.delivery import (
    find_ready_deliveries, read_manifest, verify_delivery,
)
from sources.findings import Severity

CSV = {
    "economy/postings_2025.csv": "posting_id;text\r\nP1;\"to\r\nlinjer\"\r\nP2;Ærø\r\n",
    "economy/postings_2026.csv": "posting_id;text\r\nP3;x\r\n",
    "economy/budgets.csv": "fiscal_year;function_code;corrected_budget\r\n2025;5.28.20;1,00\r\n",
    "cases/grants.csv": "grant_id\r\n",
    "cases/providers.csv": "provider_id\r\nT1\r\n",
    "cases/pupils.csv": "cpr\r\n",
    "cases/pensions.csv": "cpr\r\n",
}
ROWS = {"economy/postings_2025.csv": 2, "economy/postings_2026.csv": 1,
        "economy/budgets.csv": 1, "cases/grants.csv": 0, "cases/providers.csv": 1,
        "cases/pupils.csv": 0, "cases/pensions.csv": 0}


def make_delivery(landing, date="2026-11-22", ready=True, mode="status"):
    folder = landing / date
    files = {f"folkeregister/cpr_{date}.txt": b"000" + b" " * 32 + b"\n"}
    files.update({k: v.encode("utf-8") for k, v in CSV.items()})
    listed = {}
    for rel, data in files.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        entry = {"sha256": hashlib.sha256(data).hexdigest()}
        if rel in ROWS:
            entry["rows"] = ROWS[rel]
        listed[rel] = entry
    write_manifest(folder, {"delivery_date": date, "municipality_code": "0851",
                            "folkeregister_mode": mode, "files": listed})
    if ready:
        (folder / "READY").write_bytes(b"")
    return folder


def write_manifest(folder, manifest):
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def manifest_of(folder):
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def structural(findings):
    assert findings, "expected findings"
    assert all(f.severity is Severity.STRUCTURAL for f in findings)
    return {f.file: f.reason for f in findings}


def test_good_delivery_verifies(tmp_path):
    folder = make_delivery(tmp_path)
    delivery, findings = verify_delivery(folder)
    assert findings == []
    assert delivery.delivery_date == dt.date(2026, 11, 22)
    assert delivery.municipality_code == "0851" and delivery.folkeregister_mode == "status"
    assert delivery.postings_files == ["economy/postings_2025.csv", "economy/postings_2026.csv"]
    assert delivery.folkeregister_files == ["folkeregister/cpr_2026-11-22.txt"]
    assert delivery.files["economy/postings_2025.csv"].rows == 2
    assert delivery.files["folkeregister/cpr_2026-11-22.txt"].rows is None
    assert delivery.path("cases/grants.csv").is_file()


def test_checksum_mismatch(tmp_path):
    folder = make_delivery(tmp_path)
    (folder / "cases/providers.csv").write_bytes(b"provider_id\r\nT2\r\n")  # same row count
    delivery, findings = verify_delivery(folder)
    assert delivery is None
    assert "sha256 mismatch" in structural(findings)["cases/providers.csv"]


def test_rows_mismatch_counts_records_not_lines(tmp_path):
    folder = make_delivery(tmp_path)
    m = manifest_of(folder)
    m["files"]["economy/postings_2025.csv"]["rows"] = 3  # 3 lines, but 2 records
    write_manifest(folder, m)
    delivery, findings = verify_delivery(folder)
    assert delivery is None
    reason = structural(findings)["economy/postings_2025.csv"]
    assert "row count mismatch" in reason and "manifest 3" in reason and "file 2" in reason


def test_missing_listed_file(tmp_path):
    folder = make_delivery(tmp_path)
    (folder / "economy/postings_2026.csv").unlink()
    delivery, findings = verify_delivery(folder)
    assert delivery is None
    (reason,) = structural(findings).values()
    assert list(structural(findings)) == ["economy/postings_2026.csv"]
    assert reason.startswith("file is listed in manifest.json but missing")
    assert "re-deliver" in reason  # the next step


def test_checksum_and_row_count_findings_name_field_and_next_step(tmp_path):
    folder = make_delivery(tmp_path)
    m = manifest_of(folder)
    m["files"]["cases/providers.csv"]["sha256"] = "0" * 64
    m["files"]["economy/postings_2025.csv"]["rows"] += 1
    write_manifest(folder, m)
    _, findings = verify_delivery(folder)
    by_file = {f.file: f for f in findings}
    sha = by_file["cases/providers.csv"]
    rows = by_file["economy/postings_2025.csv"]
    assert sha.field == "sha256" and "truncated or corrupted" in sha.reason
    assert rows.field == "rows" and "row count mismatch" in rows.reason
    for f in (sha, rows):
        assert "re-deliver" in f.reason and not f.reason.split(":")[0].endswith("Error")
        assert str(f).startswith(f"{f.file}, field {f.field}: ")


def test_missing_required_file(tmp_path):
    folder = make_delivery(tmp_path)
    (folder / "cases/pupils.csv").unlink()
    m = manifest_of(folder)
    del m["files"]["cases/pupils.csv"]
    write_manifest(folder, m)
    delivery, findings = verify_delivery(folder)
    assert delivery is None
    assert "required file cases/pupils.csv is missing" in structural(findings)["cases/pupils.csv"]


def test_no_folkeregister_file(tmp_path):
    folder = make_delivery(tmp_path)
    m = manifest_of(folder)
    for rel in list(m["files"]):
        if rel.startswith("folkeregister/"):
            (folder / rel).unlink()
            del m["files"][rel]
    write_manifest(folder, m)
    _, findings = verify_delivery(folder)
    assert "folkeregister/<any name>" in structural(findings)


def test_extra_unlisted_file(tmp_path):
    folder = make_delivery(tmp_path)
    (folder / "economy/postings_extra.csv").write_text("posting_id\r\n", encoding="utf-8")
    delivery, findings = verify_delivery(folder)
    assert delivery is None
    assert list(structural(findings)) == ["economy/postings_extra.csv"]
    reason = structural(findings)["economy/postings_extra.csv"]
    assert reason.startswith("file is present but not listed in manifest.json")
    assert "re-deliver" in reason


def test_missing_manifest(tmp_path):
    folder = make_delivery(tmp_path)
    (folder / "manifest.json").unlink()
    delivery, findings = verify_delivery(folder)
    assert delivery is None
    assert "manifest.json is missing" in structural(findings)["manifest.json"]


@pytest.mark.parametrize("content, reason", [
    ("{not json", "does not parse"),
    ('{"delivery_date": "2026-11-22", "files": {}}', "lacks municipality_code, "
                                                       "folkeregister_mode"),
    ('{"delivery_date": "2026-11-22", "municipality_code": "0851", "folkeregister_mode": '
     '"full", "files": {}}', "folkeregister_mode 'full'"),
    ('{"delivery_date": "2026-11-21", "municipality_code": "0851", "folkeregister_mode": '
     '"change", "files": {}}', "differs from the folder name"),
])
def test_bad_manifest(tmp_path, content, reason):
    folder = make_delivery(tmp_path)
    (folder / "manifest.json").write_text(content, encoding="utf-8")
    delivery, findings = verify_delivery(folder)
    assert delivery is None
    assert reason in structural(findings)["manifest.json"]


def test_csv_without_rows_and_path_escape(tmp_path):
    folder = make_delivery(tmp_path)
    m = manifest_of(folder)
    del m["files"]["cases/grants.csv"]["rows"]
    m["files"]["../outside.csv"] = {"sha256": "0" * 64, "rows": 0}
    write_manifest(folder, m)
    _, findings = verify_delivery(folder)
    got = structural(findings)
    assert "no valid rows" in got["cases/grants.csv"]
    assert "invalid path" in got["../outside.csv"]


def test_undecodable_csv_in_delivery(tmp_path):
    folder = make_delivery(tmp_path)
    data = b"provider_id\r\nT\x81\r\n"
    (folder / "cases/providers.csv").write_bytes(data)
    m = manifest_of(folder)
    m["files"]["cases/providers.csv"]["sha256"] = hashlib.sha256(data).hexdigest()
    write_manifest(folder, m)
    _, findings = verify_delivery(folder)
    [f] = findings
    assert f.file == "cases/providers.csv" and "undecodable encoding" in f.reason
    assert f.offset == 14


def test_read_manifest_of_a_broken_delivery(tmp_path):
    folder = make_delivery(tmp_path, mode="change")
    (folder / "cases/grants.csv").unlink()
    delivery, findings = read_manifest(folder)
    assert findings == [] and delivery.folkeregister_mode == "change"
    assert verify_delivery(folder)[0] is None


def test_find_ready_deliveries(tmp_path):
    make_delivery(tmp_path, "2026-11-23")
    make_delivery(tmp_path, "2026-11-21")
    make_delivery(tmp_path, "2026-11-22", ready=False)  # still being written
    (tmp_path / "quarantine" / "2026-11-20").mkdir(parents=True)
    (tmp_path / "quarantine" / "READY").write_bytes(b"")
    (tmp_path / "quarantine" / "2026-11-20" / "READY").write_bytes(b"")
    (tmp_path / "2026-13-01").mkdir()
    (tmp_path / "2026-13-01" / "READY").write_bytes(b"")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "READY").write_bytes(b"")
    assert [p.name for p in find_ready_deliveries(tmp_path)] == ["2026-11-21", "2026-11-23"]
    assert find_ready_deliveries(tmp_path / "absent") == []
