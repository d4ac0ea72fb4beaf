"""Move a bad delivery aside with an ``errors.json`` naming file, line or offset, field and reason.

The served warehouse and reviewer decisions are never touched here: a delivery only ever reaches
them through a publish, which a quarantined run never gets to.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb

from sources.masking import mask_cprs_in_text

MAX_LISTED = 5_000


def findings_of_build(build_db: Path) -> list[dict]:
    """What the run's readers and checks wrote to ``ops.delivery_findings`` (empty if none)."""
    if not build_db.exists():
        return []
    try:
        con = duckdb.connect(str(build_db), read_only=True)
    except duckdb.Error:
        return []
    try:
        exists = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'ops' and table_name = 'delivery_findings'"
        ).fetchone()[0]
        if not exists:
            return []
        cur = con.execute(
            "select source_file, line, byte_offset, field, severity, reason from ops.delivery_findings "
            "where severity in ('structural', 'row', 'expectation') "
            f"order by severity, source_file, line, byte_offset limit {MAX_LISTED}"
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]
    finally:
        con.close()


def quarantine_delivery(folder: Path, quarantine_dir: Path, reason: str, findings: list[dict]) -> Path:
    """Move ``folder`` to ``quarantine_dir/<name>[-n]`` and write ``errors.json`` there."""
    quarantine_dir.mkdir(parents=True, exist_ok=True)
    target = quarantine_dir / folder.name
    n = 1
    while target.exists():
        n += 1
        target = quarantine_dir / f"{folder.name}-{n}"
    shutil.move(str(folder), str(target))
    report = {
        "delivery": folder.name,
        "quarantined_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "reason": mask_cprs_in_text(reason),
        "errors": findings,
    }
    (target / "errors.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    return target
