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
    lines = [f"asset {k.to_user_string()}" for k in graph.get_all_asset_keys()]
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
    assert {s.name for s in defs.sensors} >= {"ready_delivery_sensor", "quarantine_on_failure", "stale_delivery_sensor"}


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
