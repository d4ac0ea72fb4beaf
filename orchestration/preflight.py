"""Every setting a run depends on, checked before anything is read (issue #12, item 5).

A missing person-key secret used to stop a run only after half a minute of ingest; a wrong
municipality code or a full disk later still. ``check_run`` lists every problem at once, so one
look at the message is enough to fix the installation. It is called first by the CLI
(``runner.run_delivery``) and by every Dagster run (``WarehouseResource.yield_for_execution``).
"""

from __future__ import annotations

import csv
import functools
import shutil
import tempfile
from pathlib import Path

from orchestration.settings import DBT_PROJECT_DIR, Settings

MUNICIPALITIES_SEED = DBT_PROJECT_DIR / "seeds" / "municipalities.csv"
MIN_SECRET_BYTES = 32
# A floor, not an estimate: the working copy (raw tables, staging, intermediate, marts) is never
# smaller than twice the delivery, so less free space than that cannot work and is refused before
# anything is read. Small builds need far more (400 citizens: a 1.2 MB delivery, a 40 MB build,
# DuckDB's fixed block overhead); a build that still runs out of space ends in the runner's
# failure handling, with the served files untouched.
BUILD_SPACE_FACTOR = 2


class PreflightError(Exception):
    """The installation is not ready to run; the message lists every problem."""


def secret_problem(path: Path) -> str | None:
    """The one rule for the person-key secret (also used by the resource that reads it)."""
    if not path.is_file():
        return (f"the person-key secret file {path} is missing: create it once per installation "
                "(KOMMUNELAGER_PERSON_KEY_SECRET_FILE, at least 32 random bytes, readable only by the "
                "service) and never rotate it — flag ids and decisions hang on person keys")
    try:
        secret = path.read_bytes().strip()
    except OSError as error:
        return f"the person-key secret file {path} cannot be read ({error.strerror}): check its owner and mode"
    if len(secret) < MIN_SECRET_BYTES:
        return (f"the person-key secret in {path} is shorter than {MIN_SECRET_BYTES} bytes: "
                "replace it by a longer random value before the first run")
    return None


@functools.cache
def known_municipality_codes() -> frozenset[str]:
    with MUNICIPALITIES_SEED.open(encoding="utf-8", newline="") as f:
        return frozenset(row["municipality_code"] for row in csv.DictReader(f))


def municipality_problem(code: str) -> str | None:
    if len(code) != 4 or not code.isdigit():
        return (f"the municipality code {code!r} (KOMMUNELAGER_MUNICIPALITY_CODE) is not a 4-digit "
                "code such as 0851")
    if code not in known_municipality_codes():
        return (f"the municipality code {code} (KOMMUNELAGER_MUNICIPALITY_CODE) is not a Danish "
                f"municipality (see {MUNICIPALITIES_SEED.relative_to(DBT_PROJECT_DIR.parent)})")
    return None


def _existing_ancestor(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def folder_problem(folder: Path) -> str | None:
    """Whether a run could write into ``folder`` (created later if missing). Tried with a real
    temporary file, not ``os.access``: access() says yes to root on a read-only mount."""
    existing = _existing_ancestor(folder)
    if not existing.is_dir():
        return f"{folder} cannot be a folder: {existing} exists and is not a folder; move it away"
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as error:
        return f"the folder {existing} is not writable ({error.strerror}): fix its owner, mode or mount"
    return None


def delivery_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def space_problem(build_dir: Path, needed: int) -> str | None:
    existing = _existing_ancestor(build_dir)
    if not existing.is_dir():
        return None  # reported by folder_problem
    free = shutil.disk_usage(existing).free
    if free < needed:
        return (f"only {free / 2**20:,.1f} MiB free for the build in {existing}, the delivery needs about "
                f"{needed / 2**20:,.1f} MiB ({BUILD_SPACE_FACTOR} x its size): free some space or move "
                "KOMMUNELAGER_VAR_DIR")
    return None


def run_problems(settings: Settings, delivery_date: str) -> list[str]:
    """Every problem that would stop a run of ``delivery_date``, in plain words (empty: go)."""
    problems = [secret_problem(settings.person_key_secret_file),
                municipality_problem(settings.municipality_code)]
    if settings.max_rejected_rows < 0:
        problems.append(f"KOMMUNELAGER_MAX_REJECTED_ROWS is {settings.max_rejected_rows}: use 0 or more")
    if settings.keep_published < 1:
        problems.append(f"KOMMUNELAGER_KEEP_PUBLISHED is {settings.keep_published}: keep at least 1 copy")
    problems += [folder_problem(d) for d in settings.writable_dirs]
    folder = settings.landing_dir / delivery_date
    if not folder.is_dir():
        problems.append(f"the delivery folder {folder} does not exist: check the date or the landing "
                        "folder (KOMMUNELAGER_LANDING_DIR)")
    else:
        problems.append(space_problem(settings.build_dir, BUILD_SPACE_FACTOR * delivery_bytes(folder)))
    return [p for p in problems if p]


def check_run(settings: Settings, delivery_date: str) -> None:
    """Raise ``PreflightError`` listing every problem, before anything is read."""
    problems = run_problems(settings, delivery_date)
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems)
        raise PreflightError(f"the installation is not ready to run delivery {delivery_date} "
                             f"({len(problems)} problem{'s' if len(problems) > 1 else ''}); nothing was read:\n{listed}")
