"""Move a bad delivery aside with an ``errors.json`` naming file, line or offset, field and reason,
and the next step.

The served warehouse and reviewer decisions are never touched here: a delivery only ever reaches
them through a publish, which a quarantined run never gets to.

There is no release command (``orchestration/cli.py``): a quarantined copy is kept for reference
and never read again; the way out is a corrected copy delivered to the landing folder anew.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import duckdb

from sources.masking import mask_cprs_in_text

MAX_LISTED = 5_000

# The run's message comes from formatted exceptions ("dagster._core.definitions.events.Failure:
# ...", "ValueError: ..."); an operator needs the sentence, not the Python class.
_CLASS_PREFIX = re.compile(
    r"^(\s*(?:caused by: )?)(?:[A-Za-z_]\w*\.)*(?:[A-Z]\w*)?(?:Error|Exception|Failure): ",
    re.MULTILINE)
# Dagster's wrapper around the real error says nothing the cause does not say better.
_STEP_WRAPPER = re.compile(r'^\s*Error occurred while executing op "[^"]*":?\s*\n\s*caused by: ',
                           re.MULTILINE)


def plain_reason(message: str) -> str:
    """The run's failure message without Python class names or Dagster's wrapper, CPR masked."""
    text = _CLASS_PREFIX.sub(r"\1", message)
    text = _STEP_WRAPPER.sub("", text)
    return mask_cprs_in_text(text).strip()


def next_step(landing: Path, delivery_date: str, folkeregister_mode: str | None = None) -> str:
    """What the operator does about a quarantined delivery: a corrected copy, delivered anew."""
    step = (f"Fix what the errors list says (ask the sender for corrected files), then re-deliver: "
            f"put the corrected delivery in {landing / delivery_date}/ (its files, manifest.json "
            f"with their new sha256 and rows, and last an empty READY file). The next nightly "
            f"run picks it up, or run it now: kommunelager run --delivery {delivery_date}. "
            f"There is no release command: the quarantined copy is kept for reference only.")
    if folkeregister_mode == "change":
        step += (" Until it is re-delivered, later change deliveries are held; a status delivery "
                 "(folkeregister_mode \"status\") replaces the register instead.")
    return step


def _mode_of(folder: Path) -> str | None:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get(
            "folkeregister_mode")
    except (OSError, ValueError, AttributeError):
        return None


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
    mode = _mode_of(folder)
    shutil.move(str(folder), str(target))
    report = {
        "delivery": folder.name,
        "quarantined_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "reason": plain_reason(reason),
        "next_step": next_step(folder.parent, folder.name, mode),
        "errors": findings,
    }
    (target / "errors.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    return target
