"""Which delivery runs next: the oldest complete (READY) one after the last published, in date order."""

from __future__ import annotations

import duckdb

from orchestration.defs.publish.run_log import last_published_delivery
from orchestration.settings import Settings
from sources.delivery import find_ready_deliveries


def pending_deliveries(settings: Settings) -> list[str]:
    last = None
    if settings.state_db.exists():
        con = duckdb.connect(str(settings.state_db), read_only=True)
        try:
            last = last_published_delivery(con)
        finally:
            con.close()
    return [p.name for p in find_ready_deliveries(settings.landing_dir) if last is None or p.name > last]


def run_config_for(settings: Settings, delivery_date: str, as_of: str = "") -> dict:
    return {"resources": {"delivery": {"config": {
        "landing_dir": str(settings.landing_dir), "delivery_date": delivery_date,
        "municipality_code": settings.municipality_code, "max_rejected_rows": settings.max_rejected_rows,
        "as_of": as_of}}}}
