"""Run the nightly job for one delivery in this process (the CLI's `run`), with a short progress
display, the failure handling the daemon's failure sensor also uses, and a closing summary.

Every way a run can fail ends in ``_report_failure``: one "RUN FAILED" line with a plain message,
a run record in the state database and an alert (``handle_failed_run``) — also when the failure
is not in an asset (the preflight, the Dagster instance or its storage, a full disk).
"""


import errno
import logging
import time
import traceback
import uuid

import dagster as dg

from orchestration.settings import Settings
from sources.masking import mask_cprs_in_text

DAGSTER_WRAPPERS = ("Error occurred while", "Error executing resource_fn")  # say where, not why
DISK_FULL = "no space left on device"  # how the OS says it, through DuckDB, SQLite and Python alike
DISK_FULL_HINT = "The disk is full: free some space (or move KOMMUNELAGER_VAR_DIR) and run the delivery again."
OUT_OF_MEMORY = "out of memory error"  # DuckDB's, when a step cannot spill below its ceiling


def out_of_memory_hint(settings: Settings) -> str:
    return (f"DuckDB needed more memory than its ceiling (KOMMUNELAGER_DUCKDB_MEMORY_LIMIT = "
            f"{settings.duckdb_config['memory_limit']}) in a step that could not spill to disk: raise "
            "the ceiling in the installation's settings and run the delivery again (docs/benchmarks.md "
            "has what nights of 1 and 3 million citizens needed).")


class RunStartError(Exception):
    """The run could not start (its message says why and what to do)."""


def run_delivery(settings: Settings, delivery_date: str, as_of: str = "", wait: bool = False) -> bool:
    from orchestration.run_guard import guarded_run
    from orchestration.run_lock import RunLockHeld

    _log_alerts_to_file(settings)
    print(f"running delivery {delivery_date} (as_of {as_of or delivery_date})")
    started = time.perf_counter()
    run = {"id": None, "started": False}  # filled in by _execute as the run gets that far
    try:
        with guarded_run(settings, delivery_date, wait=wait):
            message = _execute(settings, delivery_date, as_of, run)
            if message is None:
                _after_publish(settings, delivery_date, time.perf_counter() - started)
                return True
    except RunLockHeld as refused:
        # Not a failure of this delivery: nothing was read, recorded or alerted.
        print(f"\nRUN REFUSED: {refused}")
        return False
    except Exception as error:  # the preflight's, the instance's, the storage's, a full disk
        message = describe_exception(error)
        _save_traceback(settings, error)
    except KeyboardInterrupt:
        message = "the run was interrupted (Ctrl-C) before it published"
    _report_failure(settings, delivery_date, run["id"] or f"cli-{uuid.uuid4()}", message,
                    time.perf_counter() - started, inspect_build=run["started"])
    return False


def _execute(settings: Settings, delivery_date: str, as_of: str, run: dict) -> str | None:
    """The job, in this process; None when it published, else why it failed."""
    from orchestration.defs.landing.deliveries import run_config_for
    from orchestration.defs.nightly.jobs import DELIVERY_TAG
    from orchestration.definitions import build_definitions

    # Built now, not at import: the resources take their paths from the settings of this call.
    job = build_definitions().resolve_job_def("nightly")
    run_config = run_config_for(settings, delivery_date, as_of)
    run_config["loggers"] = {"progress": {}}
    try:
        instance = dg.DagsterInstance.get()
    except Exception as error:
        raise RunStartError(f"the Dagster instance in {settings.dagster_home} could not be opened; check its "
                            f"dagster.yaml and storage, then run again:\n{describe_exception(error)}") from error
    with instance:
        run["started"] = True
        result = job.execute_in_process(
            run_config=run_config, instance=instance, tags={DELIVERY_TAG: delivery_date},
            raise_on_error=False)
        run["id"] = result.run_id
        try:
            write_step_timings(settings, instance, result.run_id)
            write_peak_memory(settings)
        except Exception as error:  # a benchmark aid: never the reason a run fails
            print(f"(the step timings could not be written: {describe_exception(error)})")
    if result.success:
        return None
    messages = [_error_text(e.step_failure_data.error) for e in result.all_events
                if e.is_step_failure and e.step_failure_data and e.step_failure_data.error]
    # A failure outside the steps (a resource that could not start: the run lock, the preflight
    # of a run started by Dagster) is only in the run's failure event.
    for kind in ("RESOURCE_INIT_FAILURE", "PIPELINE_FAILURE"):
        if not messages:
            messages = [_error_text(e.event_specific_data.error) for e in result.all_events
                        if e.event_type_value == kind and getattr(e.event_specific_data, "error", None)]
    failed_checks = [e.event_specific_data for e in result.all_events
                     if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.event_specific_data.passed]
    messages += [f"failed check {c.asset_key.to_user_string()}:{c.check_name}" for c in failed_checks]
    text = "\n".join(dict.fromkeys(m for m in messages if m)) or "the run failed"
    if DISK_FULL in text.lower():  # first, so a record cut to its first lines still says it
        text = f"{DISK_FULL_HINT} (No space left on device.)\n{text}"
    if OUT_OF_MEMORY in text.lower():
        text = f"{out_of_memory_hint(settings)}\n{text}"
    return mask_cprs_in_text(text)


def _after_publish(settings: Settings, delivery_date: str, elapsed: float) -> None:
    """The summary of a published run. It is published whatever happens here, so a failure to
    show the summary is reported (and alerted), but never turns the run into a failed one."""
    try:
        print_summary(settings, elapsed)
    except Exception as error:
        from orchestration.alerts import send_alert

        message = (f"delivery {delivery_date} was published, but its summary could not be shown: "
                   f"{describe_exception(error)}")
        print(f"\n{message}")
        send_alert(settings, f"kommunelager: delivery {delivery_date} published with a warning", message)


def _report_failure(settings: Settings, delivery_date: str, run_id: str, message: str, elapsed: float,
                    inspect_build: bool) -> None:
    from orchestration.defs.nightly.jobs import handle_failed_run

    message = mask_cprs_in_text(message)
    target, note = None, ""
    try:
        target = handle_failed_run(delivery_date, run_id, message, inspect_build=inspect_build)
    except Exception as error:  # e.g. the alert channel is down: still say what happened
        note = f"\n(the failure could not be recorded or alerted: {describe_exception(error)})"
    print(f"\nRUN FAILED after {elapsed:.1f} s; the served warehouse is unchanged.\n{message}{note}")
    if target:
        print(f"delivery quarantined: {target} (see errors.json)")


def describe_exception(error: BaseException) -> str:
    """What happened, where, and what to do next — without the Python class name."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        where = f" writing {error.filename}" if error.filename else ""
        return f"the disk is full{where}. {DISK_FULL_HINT}"
    if isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename else ""
        return f"{error.strerror.lower()}{where}"
    text = str(error).strip() or "the run failed"
    return f"{text}\n{DISK_FULL_HINT}" if DISK_FULL in text.lower() else text


def _save_traceback(settings: Settings, error: BaseException) -> None:
    """The full traceback for whoever debugs it (CPR-masked, private run folder); the screen
    gets the plain message only. Best effort: the disk may be the problem."""
    try:
        settings.run_dir.mkdir(parents=True, exist_ok=True)
        path = settings.run_dir / "last_failure.txt"
        path.write_text(mask_cprs_in_text("".join(traceback.format_exception(error))), encoding="utf-8")
        path.chmod(0o600)
    except OSError:
        pass


def _log_alerts_to_file(settings: Settings) -> None:
    """The CLI's log channel for alerts: ``var/run/alerts.log``. With a handler of its own the
    alert no longer falls through to Python's last-resort stderr handler, which printed every
    failure a second time above the RUN FAILED line."""
    alerts = logging.getLogger("kommunelager.alerts")
    path = str(settings.run_dir / "alerts.log")
    if any(getattr(h, "baseFilename", None) == path for h in alerts.handlers):
        return
    for old in [h for h in alerts.handlers if isinstance(h, logging.FileHandler)]:
        alerts.removeHandler(old)
        old.close()
    try:
        settings.run_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        return  # the preflight reports an unwritable run folder
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    alerts.addHandler(handler)


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


def write_peak_memory(settings: Settings) -> dict[str, float]:
    """Peak RSS of this process (readers, GX, publishing) and of the largest process it waited
    for (dbt), in MiB, for the benchmark (``var/run/last_run_memory.json``): the 4 GiB goal is
    per process. Linux counts a child's peak from its fork, so dbt's figure is at least this
    process's size when it started dbt; when it is larger, it is dbt's own."""
    import json
    import resource

    peaks = {"pipeline_process": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
             "dbt": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}  # KiB on Linux
    (settings.run_dir / "last_run_memory.json").write_text(json.dumps(peaks, indent=1))
    return peaks


def _error_text(error) -> str:
    """One plain message from Dagster's error chain: without the class names Dagster puts in front
    ("dagster._core.definitions.events.Failure: ..."), without Dagster's own wrappers ("Error
    occurred while executing op ..."), each reason once."""
    parts: list[str] = []
    while error is not None and len(parts) < 5:
        text = error.message.strip()
        name = error.cls_name or ""
        head, sep, rest = text.partition(": ")
        if sep and name and (head == name or head.endswith("." + name)):
            text = rest.strip()
        if text and not text.startswith(DAGSTER_WRAPPERS) and text not in parts:
            parts.append(text)
        error = error.cause or error.context
    return "\n  caused by: ".join(parts)
