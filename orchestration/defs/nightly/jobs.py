"""The nightly job, its 02:00 schedule, the READY sensor, and what happens when a run fails."""


from pathlib import Path

import dagster as dg

from orchestration.alerts import send_alert
from orchestration.defs.landing.assets import DELIVERY_FRESHNESS
from orchestration.defs.landing.deliveries import pending_deliveries, run_config_for
from orchestration.defs.landing.quarantine import findings_of_build, quarantine_delivery
from orchestration.defs.publish.run_log import record_run
from orchestration.settings import load_settings

DELIVERY_TAG = "kommunelager/delivery"

nightly_job = dg.define_asset_job(
    "nightly",
    selection=dg.AssetSelection.all(),
    description="ingest → validate (GX) → dbt build (models and tests) → publish, for one delivery.",
    executor_def=dg.in_process_executor,  # one DuckDB writer at a time, and ~40 % faster than multiprocess
)


def _request(delivery_date: str) -> dg.RunRequest:
    return dg.RunRequest(run_key=delivery_date, run_config=run_config_for(load_settings(), delivery_date),
                         tags={DELIVERY_TAG: delivery_date})


@dg.schedule(job=nightly_job, cron_schedule="0 2 * * *", execution_timezone="Europe/Copenhagen",
             default_status=dg.DefaultScheduleStatus.RUNNING)
def nightly_schedule(context: dg.ScheduleEvaluationContext):
    pending = pending_deliveries(load_settings())
    if not pending:
        return dg.SkipReason("no complete delivery waiting")
    return _request(pending[0])  # date order: one per tick, the next one the night after or by the sensor


@dg.sensor(job=nightly_job, minimum_interval_seconds=300, default_status=dg.DefaultSensorStatus.STOPPED)
def ready_delivery_sensor(context: dg.SensorEvaluationContext):
    """Starts a run as soon as a delivery's READY file appears; run_key keeps it to once."""
    pending = pending_deliveries(load_settings())
    if not pending:
        return dg.SkipReason("no complete delivery waiting")
    return _request(pending[0])


def handle_failed_run(delivery_date: str, run_id: str, message: str, inspect_build: bool = True) -> Path | None:
    """Quarantine the delivery if its input was bad, log the run, alert. Shared by the failure
    sensor (daemon runs) and the CLI (in-process runs). ``inspect_build`` is False when the run
    failed before it built anything: the working copy is then an earlier run's."""
    from orchestration.run_lock import RunLockHeld, run_lock

    settings = load_settings()
    target = None
    try:
        # The working copy is this run's only while no other run holds the lock (another run may
        # be writing it already; even a read-only look would break that run's DuckDB writer).
        with run_lock(settings.run_lock_file, delivery_date):
            findings = findings_of_build(settings.build_db) if inspect_build else []
            folder = settings.landing_dir / delivery_date
            if findings and folder.exists():
                target = quarantine_delivery(folder, settings.quarantine_dir, message, findings)
    except RunLockHeld:
        pass
    from serving.state_db import connect_state

    unrecorded = ""
    try:
        with connect_state(settings.state_db) as con:
            record_run(con, run_id=run_id, delivery_date=delivery_date, as_of=None, started_at=None,
                       status="quarantined" if target else "failed", message=message)
    except Exception as error:  # the alert must go out even when the state cannot be written
        unrecorded = f"\n\nThe failure could not be written to the run log {settings.state_db}: {error}"
    what = f"quarantined to {target}" if target else "left in place (no input error found)"
    send_alert(settings, f"kommunelager: run for delivery {delivery_date} failed",
               f"Run {run_id} failed; the served warehouse is unchanged. Delivery {what}.\n\n{message}{unrecorded}")
    return target


@dg.run_failure_sensor(monitored_jobs=[nightly_job], default_status=dg.DefaultSensorStatus.RUNNING)
def quarantine_on_failure(context: dg.RunFailureSensorContext):
    delivery_date = context.dagster_run.tags.get(DELIVERY_TAG)
    if delivery_date:
        handle_failed_run(delivery_date, context.dagster_run.run_id, context.failure_event.message or "run failed")


@dg.sensor(minimum_interval_seconds=3600, default_status=dg.DefaultSensorStatus.RUNNING)
def stale_delivery_sensor(context: dg.SensorEvaluationContext):
    """Alerts (once per day of staleness) when no delivery was published for more than 36 hours."""
    import datetime as dt

    import duckdb

    settings = load_settings()
    if not settings.state_db.exists():
        return dg.SkipReason("nothing published yet")
    con = duckdb.connect(str(settings.state_db), read_only=True)
    try:
        last = con.execute("select max(finished_at) from runs where status = 'published'").fetchone()[0]
    finally:
        con.close()
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    if last is None or now - last <= DELIVERY_FRESHNESS:
        return dg.SkipReason("fresh")
    today = now.date().isoformat()
    if context.cursor == today:
        return dg.SkipReason("already alerted today")
    send_alert(settings, "kommunelager: no new delivery",
               f"The last delivery was published {last:%Y-%m-%d %H:%M} UTC, more than "
               f"{DELIVERY_FRESHNESS.total_seconds() / 3600:.0f} hours ago.")
    context.update_cursor(today)
    return dg.SkipReason("alert sent")
