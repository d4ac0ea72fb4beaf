"""Run the nightly job for one delivery in this process (the CLI's `run`), with a short progress
display, the failure handling the daemon's failure sensor also uses, and a closing summary."""


import time

import dagster as dg

from orchestration.settings import Settings
from sources.masking import mask_cprs_in_text


def run_delivery(settings: Settings, delivery_date: str, as_of: str = "") -> bool:
    from orchestration.defs.landing.deliveries import run_config_for
    from orchestration.defs.nightly.jobs import DELIVERY_TAG, handle_failed_run
    from orchestration.definitions import build_definitions

    # Built now, not at import: the resources take their paths from the settings of this call.
    job = build_definitions().resolve_job_def("nightly")
    print(f"running delivery {delivery_date} (as_of {as_of or delivery_date})")
    started = time.perf_counter()
    run_config = run_config_for(settings, delivery_date, as_of)
    run_config["loggers"] = {"progress": {}}
    with dg.DagsterInstance.get() as instance:
        result = job.execute_in_process(
            run_config=run_config, instance=instance, tags={DELIVERY_TAG: delivery_date},
            raise_on_error=False)
        elapsed = time.perf_counter() - started
        write_step_timings(settings, instance, result.run_id)
    if result.success:
        print_summary(settings, elapsed)
        return True
    messages = [_error_chain(e.step_failure_data.error) for e in result.all_events
                if e.is_step_failure and e.step_failure_data and e.step_failure_data.error]
    failed_checks = [e.event_specific_data for e in result.all_events
                     if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.event_specific_data.passed]
    messages += [f"failed check {c.asset_key.to_user_string()}:{c.check_name}" for c in failed_checks]
    message = mask_cprs_in_text("\n".join(messages) or "the run failed")
    target = handle_failed_run(delivery_date, result.run_id, message)
    print(f"\nRUN FAILED after {elapsed:.1f} s; the served warehouse is unchanged.\n{message}")
    if target:
        print(f"delivery quarantined: {target} (see errors.json)")
    return False


def print_summary(settings: Settings, elapsed: float) -> None:
    """Rows per source (from the private build, counts only), the analysts' file's tables, and
    where the identity file is — never its contents."""
    import duckdb

    con = duckdb.connect(str(settings.published_db), read_only=True)
    try:
        tables = con.execute(
            "select schema_name, table_name, estimated_size from duckdb_tables() "
            "where schema_name in ('marts', 'ops') order by 1, 2").fetchall()
    finally:
        con.close()
    con = duckdb.connect(str(settings.build_db), read_only=True)
    try:
        sources = con.execute(
            "select schema_name, table_name, estimated_size from duckdb_tables() "
            "where schema_name like 'raw_%' order by 1, 2").fetchall()
    finally:
        con.close()
    print(f"\npublished in {elapsed:.1f} s: {settings.published_db}")
    print("rows per source table:")
    for schema, table, n in sources:
        print(f"  {schema.removeprefix('raw_') + '.' + table:<40} {n:>12,}")
    print("tables built (the analysts' file: marts, ops, and the reference seeds):")
    for schema, table, n in tables:
        print(f"  {schema + '.' + table:<40} {n:>12,}")
    print(f"identities (person_key → CPR, restricted, mode 0600): {settings.identity_db}")
    print(f"the private build (kept until the next run): {settings.build_db}")
    print("query it, e.g.:\n"
          f"  .venv/bin/python -c \"import duckdb; print(duckdb.connect('{settings.published_db}', read_only=True)"
          ".sql('select cpr_status, count(*) from marts.dim_person group by 1'))\"")


def write_step_timings(settings: Settings, instance: dg.DagsterInstance, run_id: str) -> dict[str, float]:
    """Seconds per step of the run, for the benchmark (``var/run/last_run_timings.json``)."""
    import json

    starts, timings = {}, {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None:
            continue
        if event.event_type_value == "STEP_START":
            starts[event.step_key] = entry.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in starts:
            timings[event.step_key] = round(entry.timestamp - starts[event.step_key], 2)
    settings.run_dir.mkdir(parents=True, exist_ok=True)
    (settings.run_dir / "last_run_timings.json").write_text(json.dumps(timings, indent=1))
    return timings


def _error_chain(error) -> str:
    """The failure's message and those of its causes: Dagster wraps the real reason."""
    parts = []
    while error is not None and len(parts) < 5:
        parts.append(error.message.strip())
        error = error.cause
    return "\n  caused by: ".join(parts)
