"""The Dagster definitions load, and their shape is what the spec and the dbt sources need.

The snapshot of asset keys and checks catches silent renames: analysts' queries and lineage
hang on these names. Update `definitions_snapshot.txt` deliberately when the graph changes."""

from pathlib import Path

import dagster as dg
import pytest

from sources.raw_tables import RAW_TABLES

SNAPSHOT = Path(__file__).with_name("definitions_snapshot.txt")
MARTS_CONTRACT = {"dim_person", "dim_municipality", "dim_account", "fct_postings", "fct_grants",
                  "dim_family", "bridge_family_person", "costliest_families_top50",
                  "family_cost_distribution", "intervention_effect", "expected_spending_by_grant",
                  "expected_spending", "intermunicipal_invoice_basis", "grant_type_inventory"}


@pytest.fixture(scope="module")
def defs():
    from orchestration.definitions import build_definitions

    return build_definitions()


def _snapshot(defs) -> list[str]:
    graph = defs.resolve_asset_graph()
    lines = [f"asset {k.to_user_string()} group={graph.get(k).group_name}" for k in graph.get_all_asset_keys()]
    for check_key in graph.asset_check_keys:
        spec = graph.get_check_spec(check_key)
        blocking = " blocking" if spec.blocking else ""
        lines.append(f"check {check_key.asset_key.to_user_string()}:{check_key.name}{blocking}")
    return sorted(lines)


def test_definitions_load_with_the_nightly_job(defs):
    job = defs.resolve_job_def("nightly")
    assert job.executor_def.name == "in_process"
    assert defs.resolve_schedule_def("nightly_schedule").execution_timezone == "Europe/Copenhagen"
    assert defs.resolve_schedule_def("nightly_schedule").cron_schedule == "0 2 * * *"
    sensors = {s.name: s for s in defs.sensors}
    assert set(sensors) >= {"ready_delivery_sensor", "quarantine_on_failure", "freshness_checks_sensor",
                            "freshness_alert_sensor"}
    # On by default (docs/decisions.md): a READY delivery runs without anyone switching it on.
    assert sensors["ready_delivery_sensor"].default_status == dg.DefaultSensorStatus.RUNNING


def test_the_dbt_resource_knows_the_dbt_version_without_starting_dbt(defs, monkeypatch):
    """dagster-dbt would start `dbt --version` on every run (2.5 s, and dbt then asks PyPI for
    its latest version); ours reads the installed dbt-core's version."""
    from importlib.metadata import version

    import dagster_dbt.core.resource as dagster_dbt_resource

    monkeypatch.setattr(dagster_dbt_resource, "check_output",
                        lambda *a, **k: pytest.fail("dbt --version was started"))
    assert str(defs.resources["dbt"]._cli_version) == version("dbt-core")


def test_groups_follow_the_dbt_folders_and_readers_join_their_source(defs):
    graph = defs.resolve_asset_graph()
    group = {k.to_user_string(): graph.get(k).group_name for k in graph.get_all_asset_keys()}
    assert group["marts/dim_person"] == "core"
    assert group["marts/income_optimisation_flags"] == "income_optimisation"
    assert group["marts/dim_family"] == "families"
    assert group["staging/stg_economy__postings"] == group["economy/postings"] == "economy"
    assert group["staging/stg_state__decisions"] == group["state/decisions"] == "state"
    assert group["staging/stg_keys__person_keys"] == group["keys/person_keys"] == "keys"
    assert (group["landing/delivery"], group["ops/published_warehouse"]) == ("landing", "publish")
    for table in RAW_TABLES:
        assert group["/".join(table.asset_key)] == table.source
    expected_domains = {"folkeregister", "economy", "cases", "core", "families", "income_optimisation", "spending"}
    assert expected_domains <= set(group.values())


@pytest.mark.parametrize("resource_type, fqn, schema, expected", [
    ("model", ["kommunelager", "staging", "folkeregister", "stg_folkeregister__persons"], "staging", "folkeregister"),
    ("model", ["kommunelager", "intermediate", "income_optimisation", "checks", "pension_6y", "x"], "intermediate",
     "income_optimisation"),
    ("model", ["kommunelager", "marts", "spending", "expected_spending"], "marts", "spending"),
    ("model", ["kommunelager", "ops", "raw_row_counts"], "ops", "ops"),
    ("seed", ["kommunelager", "municipalities"], "reference", "reference"),
])
def test_group_from_fqn(resource_type, fqn, schema, expected):
    from orchestration.translator import group_from_fqn

    assert group_from_fqn(resource_type, fqn, schema) == expected


def test_a_launchpad_run_needs_only_the_delivery_date(defs):
    from orchestration.settings import load_settings

    job = defs.resolve_job_def("nightly")
    with pytest.raises(dg.DagsterInvalidConfigError, match="delivery_date"):
        dg.validate_run_config(job, {})
    config = dg.validate_run_config(job, {"resources": {"delivery": {"config": {"delivery_date": "2026-11-22"}}}})
    delivery = config["resources"]["delivery"]["config"]
    settings = load_settings()
    assert delivery["landing_dir"] == str(settings.landing_dir)
    assert delivery["municipality_code"] == settings.municipality_code
    assert delivery["as_of"] == ""  # optional: empty = the delivery date
    # what the CLI, schedule and sensor pass (every field) still validates
    from orchestration.defs.landing.deliveries import run_config_for

    dg.validate_run_config(job, run_config_for(settings, "2026-11-22", "2026-11-30"))


def test_every_raw_table_is_an_asset_keyed_like_its_dbt_source_with_a_blocking_suite(defs):
    graph = defs.resolve_asset_graph()
    keys = graph.get_all_asset_keys()
    for table in RAW_TABLES:
        key = dg.AssetKey(list(table.asset_key))
        assert key in keys and graph.get(key).is_materializable, key
        check = dg.AssetCheckKey(key, "great_expectations_suite")
        assert check in graph.asset_check_keys
        assert graph.get_check_spec(check).blocking
    staged = graph.get(dg.AssetKey(["staging", "stg_economy__postings"]))
    assert dg.AssetKey(["economy", "postings"]) in staged.parent_keys  # dbt source = ingest asset


def test_marts_of_the_contract_exist_and_dbt_tests_are_checks(defs):
    graph = defs.resolve_asset_graph()
    marts = {k.path[1] for k in graph.get_all_asset_keys() if k.path[0] == "marts"}
    assert MARTS_CONTRACT <= marts
    dbt_checks = [c for c in graph.asset_check_keys if c.asset_key.path[0] in ("marts", "staging", "intermediate")]
    assert len(dbt_checks) > 20
    # the `ci_only` data tests run in the test suite only, so the night plans no check for them
    import json

    from orchestration.dbt_project import kommunelager_dbt

    nodes = json.loads(kommunelager_dbt.manifest_path.read_text(encoding="utf-8"))["nodes"].values()
    ci_only = {n["name"] for n in nodes if n["resource_type"] == "test" and "ci_only" in n["tags"]}
    assert len(ci_only) > 100
    assert not ci_only & {c.name for c in graph.asset_check_keys}
    publish = graph.get(dg.AssetKey(["ops", "published_warehouse"]))
    assert dg.AssetKey(["marts", "fct_postings"]) in publish.parent_keys


def test_asset_graph_matches_the_snapshot(defs):
    current = _snapshot(defs)
    if not SNAPSHOT.exists():
        pytest.fail(f"{SNAPSHOT.name} is missing; write it with: python -m tests.orchestration.test_definitions")
    expected = SNAPSHOT.read_text().splitlines()
    assert current == expected, "asset graph changed: review and update definitions_snapshot.txt"


if __name__ == "__main__":
    from orchestration.definitions import build_definitions

    SNAPSHOT.write_text("\n".join(_snapshot(build_definitions())) + "\n")
    print(f"wrote {SNAPSHOT}")


def test_progress_prints_one_line_per_dbt_model_and_only_failed_checks(capsys):
    """What the CLI shows while `dbt build` streams: a line per model, tests counted."""
    from orchestration.progress import progress_logger

    @dg.asset(key=["marts", "dim_person"], check_specs=[dg.AssetCheckSpec(f"t{i}", asset=["marts", "dim_person"])
                                                       for i in range(3)])
    def dim_person():
        yield dg.MaterializeResult(metadata={"unique_id": "model.kommunelager.dim_person", "Execution Duration": 1.23})
        for i in range(3):
            yield dg.AssetCheckResult(check_name=f"t{i}", passed=i != 2)

    job = dg.Definitions(assets=[dim_person], loggers={"progress": progress_logger}).resolve_implicit_global_asset_job_def()
    job.execute_in_process(run_config={"loggers": {"progress": {}}}, raise_on_error=False)
    lines = [line.strip() for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert lines == ["ok   model marts.dim_person 1.2 s", "FAIL check marts/dim_person:t2",
                     "ok   step marts__dim_person (2 checks passed, 1 failed)"]
