"""The nightly job, its 02:00 schedule, the READY sensor, freshness, and what happens when a run
fails."""

import datetime as dt
import warnings
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


IN_PROGRESS = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
               dg.DagsterRunStatus.STARTED]


def _next_delivery(instance: dg.DagsterInstance) -> dg.RunRequest | dg.SkipReason:
    """The oldest pending delivery, unless a nightly run is still going: one DuckDB writer, and the
    schedule and the sensor must not start the same delivery twice (a run_key is per instigator)."""
    if instance.get_runs_count(dg.RunsFilter(job_name=nightly_job.name, statuses=IN_PROGRESS)):
        return dg.SkipReason("a nightly run is in progress")
    pending = pending_deliveries(load_settings())
    if not pending:
        return dg.SkipReason("no complete delivery waiting")
    return _request(pending[0])  # date order: one at a time, the next one after this one


@dg.schedule(job=nightly_job, cron_schedule="0 2 * * *", execution_timezone="Europe/Copenhagen",
             default_status=dg.DefaultScheduleStatus.RUNNING)
def nightly_schedule(context: dg.ScheduleEvaluationContext):
    return _next_delivery(context.instance)


@dg.sensor(job=nightly_job, minimum_interval_seconds=300, default_status=dg.DefaultSensorStatus.RUNNING)
def ready_delivery_sensor(context: dg.SensorEvaluationContext):
    """Starts a run as soon as a delivery's READY file appears (on by default, docs/decisions.md);
    run_key keeps each delivery to one run from this sensor."""
    return _next_delivery(context.instance)


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


# Freshness (operations.md: no new delivery for more than 36 hours is a breach) with Dagster's own
# machinery: last-update freshness checks on the delivery and the published warehouse, run by
# Dagster's freshness sensor, visible in the UI as asset checks; the nightly job runs them too
# (AssetSelection.all() includes them), so a new delivery turns them green again. Both factories
# are marked "superseded" by FreshnessPolicy in 1.13, which the delivery asset also carries (the
# UI's freshness badge); a policy alone has no open-source alert hook, a failed check does.
FRESHNESS_TAG = "kommunelager/freshness"
with warnings.catch_warnings():  # the SupersessionWarning above, decided in docs/decisions.md
    warnings.simplefilter("ignore", dg.SupersessionWarning)
    freshness_checks = dg.build_last_update_freshness_checks(
        assets=[dg.AssetKey(["landing", "delivery"]), dg.AssetKey(["ops", "published_warehouse"])],
        lower_bound_delta=DELIVERY_FRESHNESS,
    )
    freshness_checks_sensor = dg.build_sensor_for_freshness_checks(
        freshness_checks=freshness_checks, minimum_interval_seconds=3600,
        default_status=dg.DefaultSensorStatus.RUNNING, tags={FRESHNESS_TAG: "1"})
FRESHNESS_CHECK_KEYS = {spec.key for c in freshness_checks for spec in c.check_specs}


def failed_freshness_checks(instance: dg.DagsterInstance, run_id: str) -> list[dg.AssetCheckEvaluation]:
    """The freshness checks that failed in one run (the freshness sensor's, or a nightly run)."""
    records = instance.get_records_for_run(
        run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION, limit=10_000).records
    evaluations = [r.event_log_entry.dagster_event.event_specific_data for r in records]
    return [e for e in evaluations if not e.passed and
            dg.AssetCheckKey(e.asset_key, e.check_name) in FRESHNESS_CHECK_KEYS]


def freshness_alert_text(evaluation: dg.AssetCheckEvaluation) -> tuple[str, str]:
    metadata = {k: getattr(v, "value", v) for k, v in evaluation.metadata.items()}
    last = metadata.get("dagster/last_updated_timestamp")
    when = (dt.datetime.fromtimestamp(last, dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            if isinstance(last, (int, float)) else "never")
    asset = evaluation.asset_key.to_user_string()
    return (f"kommunelager: {asset} is stale (no new delivery)",
            f"{asset} was last updated {when}, more than "
            f"{DELIVERY_FRESHNESS.total_seconds() / 3600:.0f} hours ago (freshness check "
            f"{evaluation.check_name}).")


@dg.run_status_sensor(run_status=dg.DagsterRunStatus.SUCCESS, minimum_interval_seconds=60,
                      default_status=dg.DefaultSensorStatus.RUNNING,
                      description="Alerts when a freshness check fails (no new delivery for 36 hours).")
def freshness_alert_sensor(context: dg.RunStatusSensorContext):
    """A failed check does not fail its run, so this watches finished runs of this code location
    (the freshness sensor's check runs among them) for failed freshness checks. The freshness
    sensor re-runs a failed check only after the asset was updated again: one alert per breach."""
    failed = failed_freshness_checks(context.instance, context.dagster_run.run_id)
    settings = load_settings() if failed else None
    for evaluation in failed:
        send_alert(settings, *freshness_alert_text(evaluation))
    if not failed:
        return dg.SkipReason("no failed freshness check in this run")
