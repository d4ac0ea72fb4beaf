"""All dbt models, seeds and tests as Dagster assets and checks: one `dbt build` per run."""

import contextlib
import json
import shutil
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets

from orchestration.dbt_project import kommunelager_dbt
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
    dbt_vars = {"build_db": warehouse.build_db, "as_of": delivery.as_of_date.isoformat(),
                "municipality_code": delivery.municipality_code,
                "duckdb_memory_limit": duckdb["memory_limit"], "duckdb_threads": duckdb["threads"],
                "duckdb_temp_dir": duckdb["temp_directory"]}
    # dagster-dbt echoes every dbt log line to stdout; the events reach Dagster either way, so the
    # echo goes to a file next to the run instead of burying the progress display.
    log_path = Path(warehouse.run_dir) / "dbt.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        # dbt's unit tests check the SQL on fixtures, and the `ci_only` data tests the grain of the
        # intermediate models (dbt_project.yml): both run in the test suite against a real build
        # (tests/e2e/test_dbt_unit_tests.py), not in every nightly build. The data tests that guard
        # publishing (sources, staging, marts, reconciliations) stay.
        invocation = dbt.cli(["build", "--exclude-resource-type", "unit_test", "--exclude", "tag:ci_only",
                              "--vars", json.dumps(dbt_vars)], context=context)
        yield from invocation.stream()
    # Each invocation has its own target folder; keep this run's timings and manifest beside the
    # run's other records (the benchmark reads model times from them).
    for name in ("run_results.json", "manifest.json"):
        shutil.copyfile(Path(invocation.target_path) / name, Path(warehouse.run_dir) / f"dbt_{name}")
    shutil.rmtree(invocation.target_path, ignore_errors=True)  # one folder per run would pile up
    context.log.info(f"dbt output: {log_path}")
