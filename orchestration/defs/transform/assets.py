"""All dbt models, seeds and tests as Dagster assets and checks: one `dbt build` per run."""

import contextlib
import json
import os
import shutil
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets

from orchestration.dbt_project import code_version, kommunelager_dbt
from orchestration.resources import DeliveryResource, WarehouseResource
from orchestration.translator import KommunelagerTranslator


# The `ci_only` data tests never run in the night (below), so they are no asset checks either:
# Dagster records a planned evaluation for every check of the job before the run starts, one
# SQLite commit each (625 of them took about 12 s of every night; issue #14).
@dbt_assets(manifest=kommunelager_dbt.manifest_path, project=kommunelager_dbt,
            dagster_dbt_translator=KommunelagerTranslator(), exclude="tag:ci_only")
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, delivery: DeliveryResource,
                     warehouse: WarehouseResource):
    # The build file comes from the warehouse resource (settings), absolute: see profiles.yml.
    duckdb = warehouse.duckdb_config
    # Only what stays the same from night to night is a var: dbt parses the whole project again
    # when a var changes. The night's date goes in the environment (macros/as_of_date.sql).
    dbt_vars = {"build_db": warehouse.build_db, "municipality_code": delivery.municipality_code,
                "duckdb_memory_limit": duckdb["memory_limit"], "duckdb_threads": duckdb["threads"],
                "duckdb_temp_dir": duckdb["temp_directory"],
                # what a fiscal year's kept family composition was built with (dbt_project.py)
                "code_version": code_version()}
    # dagster-dbt echoes every dbt log line to stdout; the events reach Dagster either way, so the
    # echo goes to a file next to the run instead of burying the progress display.
    log_path = Path(warehouse.run_dir) / "dbt.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        # dbt's unit tests check the SQL on fixtures, and the `ci_only` data tests the grain of the
        # intermediate models (dbt_project.yml): both run in the test suite against a real build
        # (tests/e2e/test_dbt_unit_tests.py), not in every nightly build. The data tests that guard
        # publishing (sources, staging, marts, reconciliations) stay.
        # One target folder per installation, kept between nights: dbt's partial parse state
        # (partial_parse.msgpack) there makes the next night's parse about 5 s instead of 13 s.
        # Runs of one installation never overlap (the run lock).
        with _environment(KOMMUNELAGER_DBT_AS_OF=delivery.as_of_date.isoformat()):
            invocation = dbt.cli(["build", "--exclude-resource-type", "unit_test", "--exclude", "tag:ci_only",
                                  "--vars", json.dumps(dbt_vars)], context=context,
                                 target_path=Path(warehouse.run_dir) / "dbt_target")
        yield from invocation.stream()
    # Keep this run's timings and manifest beside the run's other records (the benchmark reads
    # model times from them).
    for name in ("run_results.json", "manifest.json"):
        shutil.copyfile(Path(invocation.target_path) / name, Path(warehouse.run_dir) / f"dbt_{name}")
    context.log.info(f"dbt output: {log_path}")


@contextlib.contextmanager
def _environment(**variables: str):
    """Set environment variables for what starts inside (dagster-dbt hands dbt's process a copy of
    this process's environment when it starts it) and restore them afterwards."""
    before = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
