"""dbt's unit tests (the worked examples in the YAML beside each model) and the `ci_only` data
tests (the grain and columns of every intermediate model, dbt_project.yml) run here, not in the
nightly `dbt build` (orchestration/defs/transform/assets.py leaves them out). dbt needs the
models' relations to exist, so they run against the shared night's private build, the warehouse
a real run leaves behind."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.dbt_on_the_night import dbt_test


def _unit_tests_in_project(target: Path) -> set[str]:
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return set(manifest["unit_tests"])


def _ci_only_tests_in_project(target: Path) -> set[str]:
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return {uid for uid, node in manifest["nodes"].items()
            if node["resource_type"] == "test" and "ci_only" in node["tags"]}


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
