"""A Dagster logger for the CLI's progress display: one line per finished step, and inside the dbt
step one line per finished model or seed (dagster-dbt streams dbt's events as they happen:
``dbt.cli(...).stream()``), e.g. ``ok   model marts.dim_person 1.2 s``. Tests stay quiet: only a
failed one gets a line, the others are counted and the dbt step's line says how many passed.
The daemon and the UI keep Dagster's own console logger (run config selects the logger)."""

from __future__ import annotations

import logging
import sys
from collections import Counter
from typing import Any

import dagster as dg


def _value(metadata: dict, key: str) -> Any:
    value = metadata.get(key)
    return getattr(value, "value", value)


class ProgressLines:
    """Turns Dagster events into progress lines (``None`` = nothing to print). One per run."""

    def __init__(self) -> None:
        self.checks: dict[str, Counter] = {}  # step key -> passed/failed

    def line(self, event: Any) -> str | None:
        kind = event.event_type_value
        if kind == "ASSET_MATERIALIZATION":
            materialization = event.event_specific_data.materialization
            unique_id = _value(materialization.metadata, "unique_id")
            if not unique_id:  # a Python asset: its step's line says it
                return None
            duration = _value(materialization.metadata, "Execution Duration")
            took = f" {duration:.1f} s" if isinstance(duration, (int, float)) else ""
            name = ".".join(materialization.asset_key.path)
            return f"ok   {unique_id.split('.', 1)[0]:<5} {name}{took}"
        if kind == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            tally = self.checks.setdefault(event.step_key or "", Counter())
            tally["passed" if evaluation.passed else "failed"] += 1
            if evaluation.passed:
                return None
            return f"FAIL check {evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
        if kind in ("STEP_SUCCESS", "STEP_FAILURE"):
            tally = self.checks.pop(event.step_key or "", None)
            tests = ""
            if tally and sum(tally.values()) > 1:
                tests = f" ({tally['passed']} checks passed" + (
                    f", {tally['failed']} failed)" if tally["failed"] else ")")
            return f"{'ok  ' if kind == 'STEP_SUCCESS' else 'FAIL'} step {event.step_key}{tests}"
        return None


@dg.logger(description="One line per finished step and dbt model: the CLI's progress display.")
def progress_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    log = logging.getLogger("kommunelager.progress")
    log.setLevel(logging.DEBUG)  # Dagster logs step successes at DEBUG
    # A new handler per run: a StreamHandler keeps the sys.stderr of its creation, which may since
    # have been replaced (and closed) by whoever captures this run's output.
    for old_handler in list(log.handlers):
        log.removeHandler(old_handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("  %(message)s"))
    log.addHandler(handler)
    log.propagate = False
    lines = ProgressLines()

    class StepFilter(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            try:
                event = getattr(record, "dagster_meta", {}).get("dagster_event")
                text = lines.line(event) if event is not None else None
            except Exception:  # a display must never fail a run
                return False
            if text is None:
                return False
            record.msg, record.args = text, ()
            return True

    for f in list(log.filters):
        log.removeFilter(f)
    log.addFilter(StepFilter())
    return log
