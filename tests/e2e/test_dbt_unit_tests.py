"""dbt's unit tests (the worked examples in the YAML beside each model) run here, not in the
nightly `dbt build` (orchestration/defs/transform/assets.py leaves them out). dbt needs the
models' input relations to exist, so they run against the shared night's private build, the
warehouse a real run leaves behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import DELIVERY_DATE

DBT_PROJECT = Path(__file__).resolve().parents[2] / "dbt_project"


def _unit_tests_in_project(target: Path) -> set[str]:
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return set(manifest["unit_tests"])


def test_every_dbt_unit_test_passes_against_a_real_build(published_night, tmp_path):
    settings = published_night.settings
    build = tmp_path / "building.duckdb"  # a copy: the night's build stays as the run left it
    shutil.copyfile(settings.build_db, build)
    target = tmp_path / "target"
    dbt_vars = {"build_db": str(build), "as_of": DELIVERY_DATE.isoformat(),
                "municipality_code": settings.municipality_code}
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [str(dbt), "test", "--select", "test_type:unit", "--vars", json.dumps(dbt_vars),
         "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT),
         "--target-path", str(target), "--log-path", str(tmp_path / "logs")],
        capture_output=True, text=True, env={**os.environ, "DO_NOT_TRACK": "1"}, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:]

    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))["results"]
    ran = {r["unique_id"]: r["status"] for r in results}
    assert set(ran) == _unit_tests_in_project(target)  # every one of them, nothing else
    assert len(ran) >= 100 and set(ran.values()) == {"pass"}


def test_the_nightly_build_ran_no_unit_test(published_night):
    """The night's own dbt results (kept beside the run) hold models, seeds and data tests only."""
    results = json.loads((published_night.settings.run_dir / "dbt_run_results.json").read_text())["results"]
    kinds = {r["unique_id"].split(".")[0] for r in results}
    assert kinds == {"model", "seed", "test"}
