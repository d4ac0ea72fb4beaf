"""The last step of a run: audit what was built, then publish the identity file and the analysts'
file (each by an atomic rename), then update the state."""


import datetime as dt
import json
from pathlib import Path

import dagster as dg

from orchestration.defs.publish.journal import Targets, publish_and_record
from orchestration.defs.transform.assets import warehouse_models
from orchestration.resources import DeliveryResource, WarehouseResource
from sources.raw_tables import RAW_TABLES


def _check_counts(context: dg.AssetExecutionContext) -> tuple[int, int]:
    """Asset checks of this run (GX suites and dbt tests) that passed and failed."""
    records = context.instance.get_records_for_run(
        context.run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION, limit=100_000).records
    results = [r.event_log_entry.dagster_event.event_specific_data.passed for r in records]
    return sum(results), len(results) - sum(results)


def _rows_per_source(con) -> dict[str, int]:
    return {f"{t.source}.{t.table}": con.execute(f"select count(*) from {t.qualified_name}").fetchone()[0]
            for t in RAW_TABLES}


@dg.asset(key=["ops", "published_warehouse"], group_name="publish", deps=[warehouse_models],
          description="The two published files, each replaced by an atomic rename only after every "
                      "blocking check (GX suites, dbt tests) passed: the identity file (person_key → CPR, "
                      "private) first, then the analysts' file (marts, reference, ops only). Earlier files "
                      "are kept for rollback.")
def published_warehouse(context: dg.AssetExecutionContext, delivery: DeliveryResource,
                        warehouse: WarehouseResource) -> dg.MaterializeResult:
    build, published, identity = Path(warehouse.build_db), Path(warehouse.published_db), Path(warehouse.identity_db)
    start_time = context.instance.get_run_stats(context.run.run_id).start_time
    started = dt.datetime.fromtimestamp(start_time, dt.timezone.utc).replace(tzinfo=None) if start_time else None
    passed, failed = _check_counts(context)
    with warehouse.connect() as con:
        rows = _rows_per_source(con)
        rejected = con.execute("select count(*) from ops.rejected_records").fetchone()[0]
        mode = con.execute("select folkeregister_mode from ops.delivery").fetchone()[0]
    label = f"{delivery.delivery_date}-{context.run.run_id[:8]}"
    with warehouse.connect_state() as state:
        # ops.runs in the analysts' file: the run log including this publish.
        state.execute(f"attach '{build}' as build")
        try:
            state.execute("create schema if not exists build.ops")
            state.execute("create or replace table build.ops.runs as select * from runs")
            state.execute("insert into build.ops.runs (run_id, delivery_date, as_of, started_at, finished_at, "
                          "status, rows_per_source, rows_rejected, checks_passed, checks_failed) "
                          "values (?, ?, ?, ?, now(), 'published', ?, ?, ?, ?)",
                          [context.run.run_id, delivery.delivery_date, delivery.as_of_date.isoformat(), started,
                           json.dumps(rows), rejected, passed, failed])
        finally:
            state.execute("detach build")
    # Files and state in one recoverable step (journal.py): a crash anywhere in it is completed
    # or rolled back at the next start. The register comes from the private build (it stays
    # until the next run), never from a published file.
    targets = Targets(published_db=published, history_dir=Path(warehouse.history_dir), identity_db=identity,
                      identity_history_dir=Path(warehouse.identity_history_dir), keep=warehouse.keep_published,
                      duckdb_config=warehouse.duckdb_config)
    kept, flags = publish_and_record(build, targets, Path(warehouse.state_db), label=label, run=dict(
        run_id=context.run.run_id, delivery_date=delivery.delivery_date, as_of=delivery.as_of_date.isoformat(),
        started_at=started, rows_per_source=rows, rows_rejected=rejected, checks_passed=passed,
        checks_failed=failed))
    context.log.info(f"published {identity} and {published} (previous kept as {kept}); "
                     f"{flags} flags recorded in the flag history")
    return dg.MaterializeResult(metadata={"published": str(published), "identity": str(identity),
                                          "previous": str(kept) if kept else "",
                                          **{k: v for k, v in rows.items()}, "mode": mode})
