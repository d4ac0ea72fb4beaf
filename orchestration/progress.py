"""A Dagster logger that prints one line per finished step: the CLI's progress display.
The daemon and the UI keep Dagster's own console logger (run config selects the logger)."""

import logging

import dagster as dg


@dg.logger(description="One line per finished step: the CLI's progress display.")
def progress_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    log = logging.getLogger("kommunelager.progress")
    log.setLevel(logging.DEBUG)  # Dagster logs step successes at DEBUG
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("  %(message)s"))
        log.addHandler(handler)
        log.propagate = False

    class StepFilter(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            try:
                return self._describe(record)
            except Exception:  # a display must never fail a run
                return False

        def _describe(self, record: logging.LogRecord) -> bool:
            event = getattr(record, "dagster_meta", {}).get("dagster_event")
            if event is None:
                return False
            kind = event.event_type_value
            if kind in ("STEP_SUCCESS", "STEP_FAILURE"):
                record.msg = f"{'ok  ' if kind == 'STEP_SUCCESS' else 'FAIL'} {event.step_key}"
                record.args = ()
                return True
            if kind == "ASSET_CHECK_EVALUATION" and not event.event_specific_data.passed:
                evaluation = event.event_specific_data
                record.msg = f"FAIL check {evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
                record.args = ()
                return True
            return False

    for f in list(log.filters):
        log.removeFilter(f)
    log.addFilter(StepFilter())
    return log
