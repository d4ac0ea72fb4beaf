"""`dbt test` against a copy of the shared night's build (tests/e2e/conftest.py `published_night`),
for the tests that run dbt's own tests on a real warehouse."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from orchestration.settings import analysts_part_of, family_years_part_of
from tests.conftest import DELIVERY_DATE

DBT_PROJECT = Path(__file__).resolve().parents[2] / "dbt_project"


def dbt_test(published_night, tmp_path, selector: str, *, tamper=None,
             expect_pass: bool = True) -> tuple[dict[str, str], Path]:
    """`dbt test --select <selector>` against a copy of the night's build (the build stays as the
    run left it), after `tamper(analysts_part)` when given; the status of each test that ran, and
    dbt's target folder."""
    settings = published_night.settings
    build = tmp_path / "building.duckdb"
    shutil.copyfile(settings.build_db, build)
    # the served schemas the night built in the analysts' part, which publishing moved into place
    shutil.copyfile(settings.published_db, analysts_part_of(build))
    # the family compositions of each fiscal year, kept beside the build
    shutil.copyfile(settings.family_years_build_db, family_years_part_of(build))
    if tamper:
        tamper(analysts_part_of(build))
    target = tmp_path / "target"
    dbt_vars = {"build_db": str(build), "as_of": DELIVERY_DATE.isoformat(),
                "municipality_code": settings.municipality_code}
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [str(dbt), "test", "--select", selector, "--vars", json.dumps(dbt_vars),
         "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT),
         "--target-path", str(target), "--log-path", str(tmp_path / "logs")],
        capture_output=True, text=True, env={**os.environ, "DO_NOT_TRACK": "1"}, timeout=900)
    assert (result.returncode == 0) == expect_pass, result.stdout[-4000:]
    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    return {r["unique_id"]: r["status"] for r in results}, target
