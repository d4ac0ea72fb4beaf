"""The bench's second night runs: a full night, then the next day's change delivery
(``sources.generator.next_night``) on the same installation; dbt reuses the first night's
parse and still builds for the new date."""

from __future__ import annotations

import datetime as dt
import re

from orchestration.runner import run_delivery
from sources.generator import generate_delivery
from sources.generator.next_night import write_next_night
from tests.conftest import DELIVERY_DATE, connect_published


def test_second_night_runs_on_the_same_installation(installation):
    first = generate_delivery(installation.landing_dir, citizens=300, seed=5, delivery_date=DELIVERY_DATE)
    assert run_delivery(installation, DELIVERY_DATE.isoformat())
    folder = write_next_night(first.folder, changed_share=0.05)
    assert run_delivery(installation, folder.name)
    con = connect_published(installation, build=True)
    try:
        dead = con.execute("select count(*) from build.raw_folkeregister.persons where status_code = '90' "
                           "and status_start_at >= '2026-11-22'").fetchone()[0]
        december = con.execute("select count(*) from build.raw_economy.postings "
                               "where service_period_start = '2026-12-01'").fetchone()[0]
        as_of = con.execute("select distinct as_of from marts.dim_person "
                            "union select distinct as_of from marts.income_optimisation_summary").fetchall()
    finally:
        con.close()
    assert dead >= 1 and december > 0
    # the night's date reaches every model although dbt did not parse the project again
    assert as_of == [(dt.date.fromisoformat(folder.name),)]
    dbt_log = (installation.run_dir / "dbt.log").read_text(encoding="utf-8")
    assert "Running with dbt" in dbt_log and "Unable to do partial parsing" not in dbt_log
    # and re-parsed nothing: the date is read only when a node executes (macros/as_of_date.sql)
    # dbt's own debug log, rotated in 10 MB files: the messages since the second night's start
    debug_log = "".join(p.read_text(encoding="utf-8") for p in sorted(
        (installation.run_dir / "dbt_target").glob("dbt.log*"), key=lambda p: p.stat().st_mtime))
    second = debug_log[debug_log.rindex('"msg": "running dbt with arguments'):]
    parse_messages = re.findall(r'"msg": "([^"]*[Pp]artial pars[^"]*)"', second)
    assert "Partial parsing enabled: 0 files deleted, 0 files added, 0 files changed." in parse_messages, \
        parse_messages
