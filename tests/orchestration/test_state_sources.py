"""State copied into the build before dbt: flag history and flag runs (state database, updated
only on publish) and the controllers' decisions (the web page's store, only read)."""

from __future__ import annotations

import datetime as dt
import stat
import sys
import types
from decimal import Decimal

import duckdb
import pytest

from orchestration.defs.state import decisions as decision_store
from orchestration.defs.state.history import copy_state_table, record_published_flags
from serving.state_db import FLAG_COLUMNS, connect_state

D1, D2 = dt.date(2026, 11, 22), dt.date(2026, 11, 23)


def _published(path, as_of, flags):
    """An analysts' file with income_optimisation_flags: flags = [(flag_id, potential)]."""
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    columns = ", ".join(f"{name} {kind}" for name, kind in FLAG_COLUMNS)
    con.execute(f"create table marts.income_optimisation_flags ({columns})")
    for flag_id, potential in flags:
        con.execute("insert into marts.income_optimisation_flags (flag_id, check_code, area, potential_amount_dkk, "
                    "lost_amount_dkk, evidence, first_seen_date, last_seen_date, as_of) "
                    "values (?, 'NOT_STOPPED', 'adults', ?, 0, 'bevis', ?, ?, ?)",
                    [flag_id, potential, as_of, as_of, as_of])
    con.close()
    return path


def _rows(state_db, sql):
    con = duckdb.connect(str(state_db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_published_flags_become_history_and_runs_and_a_rerun_changes_nothing(tmp_path):
    state_db = tmp_path / "state" / "state.duckdb"
    with connect_state(state_db) as state:
        record_published_flags(state, _published(tmp_path / "p.duckdb", D1, [("f1", 100), ("f2", 5)]))
        record_published_flags(state, _published(tmp_path / "p.duckdb", D2, [("f1", 120)]))
        before = state.execute("select * from flag_runs order by all").fetchall()
        record_published_flags(state, _published(tmp_path / "p.duckdb", D2, [("f1", 120)]))  # rerun
        assert state.execute("select * from flag_runs order by all").fetchall() == before
    assert before == [("f1", D1, Decimal("100.00"), Decimal("0.00")), ("f1", D2, Decimal("120.00"), Decimal("0.00")),
                      ("f2", D1, Decimal("5.00"), Decimal("0.00"))]
    history = _rows(state_db, "select flag_id, potential_amount_dkk, evidence, last_raised_as_of "
                              "from flag_history order by 1")
    assert history == [("f1", Decimal("120.00"), "bevis", D2), ("f2", Decimal("5.00"), "bevis", D1)]
    assert stat.S_IMODE(state_db.stat().st_mode) == 0o600
    assert stat.S_IMODE(state_db.parent.stat().st_mode) == 0o700


def test_a_rerun_of_an_older_as_of_never_replaces_a_later_last_raised_row(tmp_path):
    state_db = tmp_path / "state.duckdb"
    with connect_state(state_db) as state:
        record_published_flags(state, _published(tmp_path / "p.duckdb", D2, [("f1", 120)]))
        record_published_flags(state, _published(tmp_path / "p.duckdb", D1, [("f1", 100)]))
    assert _rows(state_db, "select last_raised_as_of, potential_amount_dkk from flag_history") == \
        [(D2, Decimal("120.00"))]


def test_an_old_flag_history_keeps_its_dates(tmp_path):
    state_db = tmp_path / "state.duckdb"
    con = duckdb.connect(str(state_db))
    con.execute("create table flag_history (flag_id varchar primary key, check_code varchar, "
                "first_seen_date date, last_seen_date date)")
    con.execute("insert into flag_history values ('f_old', 'NOT_STOPPED', '2026-01-01', '2026-02-01')")
    con.close()
    build = duckdb.connect(str(tmp_path / "build.duckdb"))
    try:  # a run before the first publish with the new code reads the old table as it is
        assert copy_state_table(build, state_db, "flag_history") == 1
    finally:
        build.close()
    with connect_state(state_db):
        pass
    assert _rows(state_db, "select flag_id, first_seen_date, last_raised_as_of from flag_history") == \
        [("f_old", dt.date(2026, 1, 1), dt.date(2026, 2, 1))]


def test_copies_are_empty_tables_on_a_new_installation(tmp_path):
    build = duckdb.connect(str(tmp_path / "build.duckdb"))
    try:
        for table in ("flag_history", "flag_runs"):
            assert copy_state_table(build, tmp_path / "no_state.duckdb", table) == 0
        assert "last_raised_as_of" in [c for (c,) in build.execute(
            "select column_name from duckdb_columns() where table_name = 'flag_history'").fetchall()]
    finally:
        build.close()


def test_decisions_come_from_the_web_pages_export_module(monkeypatch):
    module = types.ModuleType("web.decision_export")
    module.current_decisions = lambda: [("f1", "opkrævet", Decimal("80.00"), D1)]
    monkeypatch.setitem(sys.modules, "web.decision_export", module)
    assert decision_store.load_current_decisions() == [("f1", "opkrævet", Decimal("80.00"), D1)]


def test_a_missing_export_module_stops_the_run_instead_of_reading_no_decisions(monkeypatch):
    monkeypatch.setitem(sys.modules, "web.decision_export", None)  # import fails
    with pytest.raises(ImportError):
        decision_store.load_current_decisions()


def test_decisions_are_written_and_an_unknown_status_stops_the_run(tmp_path):
    build = duckdb.connect(str(tmp_path / "build.duckdb"))
    try:
        n = decision_store.write_decisions(build, [("f1", "opkrævet", Decimal("80"), D1),
                                                   ("f2", "under behandling", None, D2)])
        assert n == 2
        assert build.execute("select * from raw_state.decisions order by 1").fetchall() == [
            ("f1", "opkrævet", Decimal("80.00"), D1), ("f2", "under behandling", None, D2)]
        with pytest.raises(ValueError, match="Opkrævet"):
            decision_store.write_decisions(build, [("f3", "Opkrævet", None, D1)])
        assert decision_store.write_decisions(build, []) == 0
        assert build.execute("select count(*) from raw_state.decisions").fetchone()[0] == 0
    finally:
        build.close()
