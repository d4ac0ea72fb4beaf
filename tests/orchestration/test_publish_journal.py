"""Publish and state as one recoverable step (issue #12, item 3): a publish killed with SIGKILL at
any point between the state update and the renames leaves, after the next start's recovery,
served files and state that agree — both the new night, or both the previous one."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import duckdb
import pytest

from orchestration.defs.publish.journal import CRASH_HOOK, Targets, publish_and_record, recover_publish
from orchestration.defs.publish.run_log import last_published_delivery
from orchestration.defs.publish.publishing import PUBLISHED_SCHEMAS
from orchestration.settings import analysts_part_of
from tests.orchestration.working_copy import fresh_database
from serving.state_db import FLAG_COLUMNS
from sources.raw_tables import tables_of

NIGHT_1, NIGHT_2 = "2026-11-21", "2026-11-22"


def make_build(path, night: str) -> None:
    """A working copy with what a publish reads: the register's raw tables, the extract record,
    the identities, and in its analysts' part the flags mart. Every value carries the night, so a
    test can tell them apart."""
    con = fresh_database(path, ("raw_folkeregister", "restricted"))
    for t in tables_of("folkeregister"):
        con.execute(f"create table {t.qualified_name} ({', '.join(f'{c} {k}' for c, k in t.all_columns)})")
    con.execute("insert into raw_folkeregister.persons (cpr, status_code) values ('0101801234', ?)", [night])
    con.execute("insert into raw_folkeregister.extracts (production_date, source_file) values (?, 'cpr.txt')", [night])
    con.execute("create table restricted.person_identity as select 'pk' as person_key, '0101801234' as cpr, "
                "? as name, 'vej' as address, '2630' as postal_code, 'by' as postal_district", [night])
    con.close()
    con = fresh_database(analysts_part_of(path), PUBLISHED_SCHEMAS)
    flag_columns = ", ".join(f"{c} {k}" for c, k in FLAG_COLUMNS)
    con.execute(f"create table marts.income_optimisation_flags ({flag_columns})")
    con.execute("insert into marts.income_optimisation_flags (flag_id, check_code, as_of, first_seen_date, "
                "last_seen_date) values (?, 'NOT_STOPPED', ?, ?, ?)", [f"flag-{night}", night, night, night])
    con.execute("create table ops.night as select ? as night", [night])
    con.close()


def targets_of(root) -> Targets:
    return Targets(published_db=root / "warehouse" / "kommunelager.duckdb", history_dir=root / "warehouse" / "history",
                   identity_db=root / "restricted" / "identity.duckdb",
                   identity_history_dir=root / "restricted" / "history")


def publish(root, night: str) -> None:
    build = root / "build" / "building.duckdb"
    build.parent.mkdir(exist_ok=True, mode=0o700)
    make_build(build, night)
    publish_and_record(build, targets_of(root), root / "state" / "state.duckdb", label=night, run=dict(
        run_id=f"run-{night}", delivery_date=night, as_of=night, started_at=None))


def served_night(root) -> tuple[str, str]:
    """(analysts' file, identity file): which night each served file is of."""
    t = targets_of(root)
    with duckdb.connect(str(t.published_db), read_only=True) as con:
        analysts = con.execute("select night from ops.night").fetchone()[0]
    with duckdb.connect(str(t.identity_db), read_only=True) as con:
        identity = con.execute("select name from person_identity").fetchone()[0]
    return analysts, identity


def state_night(root) -> tuple:
    """(last published delivery, register's person, flags known, applied extracts, journal open)."""
    with duckdb.connect(str(root / "state" / "state.duckdb"), read_only=True) as con:
        return (last_published_delivery(con),
                con.execute("select status_code from register.persons").fetchone()[0],
                sorted(f for (f,) in con.execute("select flag_id from flag_history").fetchall()),
                con.execute("select count(*) from register.applied_extracts").fetchone()[0],
                con.execute("select count(*) from publish_journal where status not in ('done', 'rolled_back')")
                .fetchone()[0])


def open_journal_rows(root) -> int:
    """Publishes begun and neither done nor rolled back. (Mid-publish the register's tables are
    set aside under another name; recovery puts them back before anything reads the register.)"""
    with duckdb.connect(str(root / "state" / "state.duckdb"), read_only=True) as con:
        return con.execute("select count(*) from publish_journal where status not in ('done', "
                           "'rolled_back')").fetchone()[0]


def publish_killed_at(root, point: str) -> int:
    """Publish night 2 in a child process that SIGKILLs itself at ``point``."""
    code = textwrap.dedent(f"""
        from pathlib import Path
        from tests.orchestration.test_publish_journal import publish
        publish(Path({str(root)!r}), {NIGHT_2!r})
    """)
    child = subprocess.run([sys.executable, "-c", code], env={**__import__("os").environ, CRASH_HOOK: point},
                           capture_output=True, text=True)
    return child.returncode


NIGHT_1_STATE = (NIGHT_1, NIGHT_1, [f"flag-{NIGHT_1}"], 1, 0)
NIGHT_2_STATE = (NIGHT_2, NIGHT_2, [f"flag-{NIGHT_1}", f"flag-{NIGHT_2}"], 2, 0)


def test_a_publish_without_a_crash_serves_and_records_the_same_night(tmp_path):
    publish(tmp_path, NIGHT_1)
    publish(tmp_path, NIGHT_2)
    assert served_night(tmp_path) == (NIGHT_2, NIGHT_2)
    assert state_night(tmp_path) == NIGHT_2_STATE
    assert recover_publish(tmp_path / "state" / "state.duckdb") is None


@pytest.mark.parametrize("point, night", [
    ("after-journal", NIGHT_1),   # state update begun, nothing served: rolled back
    ("after-state", NIGHT_2),     # state written, nothing served yet: completed
    ("after-identity", NIGHT_2),  # identity served, analysts' file not yet: completed
])
def test_a_publish_killed_midway_is_completed_or_rolled_back_at_the_next_start(tmp_path, point, night):
    publish(tmp_path, NIGHT_1)
    assert publish_killed_at(tmp_path, point) == -9  # really killed there, not finished
    assert open_journal_rows(tmp_path) == 1, "the journal shows the interrupted publish"

    done = recover_publish(tmp_path / "state" / "state.duckdb")

    assert ("rolled back" if night == NIGHT_1 else "completed") in done
    assert served_night(tmp_path) == (night, night)
    assert state_night(tmp_path) == (NIGHT_1_STATE if night == NIGHT_1 else NIGHT_2_STATE)
    assert not list((tmp_path / "warehouse").glob(".*.new")), "no half-published file is left behind"
    if night == NIGHT_1:  # rolled back: the rerun the message asks for goes through normally
        publish(tmp_path, NIGHT_2)
        assert served_night(tmp_path) == (NIGHT_2, NIGHT_2) and state_night(tmp_path) == NIGHT_2_STATE
