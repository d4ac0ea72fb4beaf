"""What each nightly run copies from the decision store into the build (worklist.md): the newest
decision per flag. Read in a child process configured for this installation; a run never writes
to the store."""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path


def current_decisions() -> list[tuple[str, str, Decimal | None, dt.date]]:
    """(flag_id, status, recovered_amount_dkk, decided_date) of each flag's newest decision; [] when
    the decision store has not been created yet (no user or page has used it)."""
    from web.subprocess_call import call

    rows = call("web.decision_export", {})["decisions"]
    return [(flag_id, status, None if amount is None else Decimal(amount), dt.date.fromisoformat(day))
            for flag_id, status, amount, day in rows]


def _main() -> None:
    from web.bootstrap import setup_django

    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    rows = []
    database = settings.DATABASES["default"]
    # Never create the store by reading it: a missing SQLite file means no decisions yet.
    exists = not database["ENGINE"].endswith("sqlite3") or Path(database["NAME"]).exists()
    if exists and "worklist_decision" in connection.introspection.table_names():
        from web.worklist.decision_store import current_decision_rows

        rows = [(flag_id, status, None if amount is None else str(amount),
                 timezone.localtime(decided_at).date().isoformat())
                for flag_id, status, amount, decided_at in current_decision_rows()]
    json.dump({"decisions": rows}, sys.stdout)


if __name__ == "__main__":
    _main()
