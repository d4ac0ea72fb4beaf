"""The Dagster home's ``dagster.yaml``: telemetry off, the pooled SQLite event log.

Written for a new home (the command line, the test fixtures and ``make ui`` all call
``prepare_dagster_home``); a home whose file is the one earlier versions wrote (telemetry only)
gets the new one. A file an operator wrote (PostgreSQL storage, say) is never touched.
"""

from __future__ import annotations

import sys
from pathlib import Path

DAGSTER_YAML = """\
telemetry:
  enabled: false
# one SQLite engine per file instead of one per event (orchestration/event_log_storage.py)
event_log_storage:
  module: orchestration.event_log_storage
  class: PooledSqliteEventLogStorage
"""
_EARLIER_DEFAULTS = ("telemetry:\n  enabled: false\n",)


def prepare_dagster_home(home: Path) -> Path:
    """Create ``home`` and its ``dagster.yaml`` unless an operator's own file is there."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() or config.read_text(encoding="utf-8") in _EARLIER_DEFAULTS:
        config.write_text(DAGSTER_YAML, encoding="utf-8")
    return config


if __name__ == "__main__":  # make ui: python -m orchestration.dagster_home "$DAGSTER_HOME"
    prepare_dagster_home(Path(sys.argv[1]))
