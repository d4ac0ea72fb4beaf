"""The single entry point Dagster loads: assets by domain, resources from one settings module."""

from __future__ import annotations

import sys
from pathlib import Path

import dagster as dg

from orchestration.dbt_project import kommunelager_dbt
from orchestration.defs.state.assets import decisions, flag_history, flag_runs
from orchestration.defs.ingest.assets import ingest_assets, person_keys
from orchestration.defs.ingest.checks import suite_checks
from orchestration.defs.landing.assets import verified_delivery
from orchestration.defs.nightly.jobs import (
    freshness_alert_sensor, freshness_checks, freshness_checks_sensor, nightly_job, nightly_schedule,
    quarantine_on_failure, ready_delivery_sensor,
)
from orchestration.defs.publish.assets import published_warehouse
from orchestration.defs.transform.assets import warehouse_models
from orchestration.progress import progress_logger
from orchestration.resources import DbtCli, DeliveryResource, PersonKeyResource, WarehouseResource
from orchestration.settings import load_settings
from orchestration.translator import source_group


def grouped_by_source(assets: dg.AssetsDefinition) -> dg.AssetsDefinition:
    """A reader of a dbt source goes in that source's group, the first part of its key
    (``state/decisions`` → ``state``, beside the ``staging/state`` models)."""
    return assets.map_asset_specs(lambda spec: spec.replace_attributes(group_name=source_group(spec.key.path[0])))


def build_definitions() -> dg.Definitions:
    settings = load_settings()
    return dg.Definitions(
        assets=[verified_delivery, *ingest_assets, person_keys,
                *[grouped_by_source(a) for a in (flag_history, flag_runs, decisions)],
                warehouse_models, published_warehouse],
        asset_checks=[*suite_checks, *freshness_checks],
        jobs=[nightly_job],
        schedules=[nightly_schedule],
        sensors=[ready_delivery_sensor, quarantine_on_failure, freshness_checks_sensor, freshness_alert_sensor],
        loggers={"console": dg.colored_console_logger, "progress": progress_logger},
        resources={
            "warehouse": WarehouseResource(
                build_db=str(settings.build_db), published_db=str(settings.published_db),
                history_dir=str(settings.history_dir), identity_db=str(settings.identity_db),
                identity_history_dir=str(settings.identity_history_dir), state_db=str(settings.state_db),
                run_dir=str(settings.run_dir), keep_published=settings.keep_published,
                duckdb_memory_limit=settings.duckdb_memory_limit, duckdb_threads=settings.duckdb_threads,
                duckdb_temp_dir=str(settings.duckdb_temp_dir)),
            # A launchpad run needs only `delivery_date` (and optionally `as_of`): the rest
            # defaults to this installation's settings and may still be overridden.
            "delivery": DeliveryResource.configure_at_launch(
                landing_dir=str(settings.landing_dir), municipality_code=settings.municipality_code,
                max_rejected_rows=settings.max_rejected_rows),
            "person_key": PersonKeyResource(secret_file=str(settings.person_key_secret_file)),
            "dbt": DbtCli(project_dir=kommunelager_dbt, profiles_dir=str(kommunelager_dbt.profiles_dir),
                          dbt_executable=str(Path(sys.executable).with_name("dbt"))),
        },
    )


defs = build_definitions()
