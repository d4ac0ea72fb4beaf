"""dbt's unit tests (the worked examples in the YAML beside each model) and the `ci_only` data
tests (the grain and columns of every intermediate model, dbt_project.yml) run here, not in the
nightly `dbt build` (orchestration/defs/transform/assets.py leaves them out). dbt needs the
models' relations to exist, so they run against the shared night's private build, the warehouse
a real run leaves behind."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from orchestration.settings import analysts_part_of
from tests.conftest import DELIVERY_DATE

DBT_PROJECT = Path(__file__).resolve().parents[2] / "dbt_project"


def _unit_tests_in_project(target: Path) -> set[str]:
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return set(manifest["unit_tests"])


def _ci_only_tests_in_project(target: Path) -> set[str]:
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return {uid for uid, node in manifest["nodes"].items()
            if node["resource_type"] == "test" and "ci_only" in node["tags"]}


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


def test_every_dbt_unit_test_passes_against_a_real_build(published_night, tmp_path):
    ran, target = dbt_test(published_night, tmp_path, "test_type:unit")
    assert set(ran) == _unit_tests_in_project(target)  # every one of them, nothing else
    assert len(ran) >= 100 and set(ran.values()) == {"pass"}


def test_every_intermediate_models_data_test_passes_on_a_real_build(published_night, tmp_path):
    ran, target = dbt_test(published_night, tmp_path, "tag:ci_only")
    assert set(ran) == _ci_only_tests_in_project(target)
    assert len(ran) >= 500 and set(ran.values()) == {"pass"}


def test_the_nightly_build_ran_no_unit_test_and_no_ci_only_test(published_night):
    """The night's own dbt results (kept beside the run) hold models, seeds and the data tests
    that guard publishing: none of the unit tests, none of the intermediate models' tests."""
    settings = published_night.settings
    results = json.loads((settings.run_dir / "dbt_run_results.json").read_text())["results"]
    nodes = json.loads((settings.run_dir / "dbt_manifest.json").read_text())["nodes"]
    kinds = {r["unique_id"].split(".")[0] for r in results}
    assert kinds == {"model", "seed", "test"}
    ran_tests = {r["unique_id"] for r in results if r["unique_id"].startswith("test.")}
    assert not {uid for uid in ran_tests if "ci_only" in nodes[uid]["tags"]}
    guarding = {uid for uid, node in nodes.items()
                if node["resource_type"] == "test" and "ci_only" not in node["tags"]}
    assert ran_tests == guarding and len(guarding) >= 200
