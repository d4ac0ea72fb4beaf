"""The pooled SQLite event log: Dagster's own storage, one engine per file, configured by default."""

from __future__ import annotations

import threading

import dagster as dg
import pytest

from orchestration import event_log_storage
from orchestration.dagster_home import DAGSTER_YAML, prepare_dagster_home
from orchestration.event_log_storage import PooledSqliteEventLogStorage


@dg.asset
def counted() -> int:
    return 1


@dg.asset_check(asset=counted)
def counted_is_positive() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / "dagster_home"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    prepare_dagster_home(home)
    return home


def test_a_new_home_uses_the_pooled_event_log_under_dagsters_own_folder(home):
    with dg.DagsterInstance.get() as instance:
        storage = instance.event_log_storage
        assert isinstance(storage, PooledSqliteEventLogStorage)
        assert storage._base_dir == str(home / "history" / "runs")


def test_an_earlier_default_file_is_upgraded_and_an_operators_file_is_kept(tmp_path):
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    assert prepare_dagster_home(earlier).read_text() == DAGSTER_YAML
    own = tmp_path / "own"
    own.mkdir()
    text = "telemetry:\n  enabled: false\nstorage:\n  postgres:\n    postgres_url: postgresql://x/y\n"
    (own / "dagster.yaml").write_text(text)
    assert prepare_dagster_home(own).read_text() == text


def test_runs_materializations_and_checks_are_stored_and_read_back(home, monkeypatch):
    engines = []
    real_create_engine = event_log_storage.create_engine
    monkeypatch.setattr(event_log_storage, "create_engine",
                        lambda *a, **k: engines.append(a[0]) or real_create_engine(*a, **k))
    with dg.DagsterInstance.get() as instance:
        runs = [dg.materialize([counted, counted_is_positive], instance=instance) for _ in range(2)]
        assert all(r.success for r in runs)
        latest = instance.get_latest_materialization_event(dg.AssetKey("counted"))
        assert latest.run_id == runs[-1].run_id
        for run in runs:
            types = {e.dagster_event_type for e in instance.all_logs(run.run_id) if e.is_dagster_event}
            assert {dg.DagsterEventType.RUN_SUCCESS, dg.DagsterEventType.ASSET_MATERIALIZATION,
                    dg.DagsterEventType.ASSET_CHECK_EVALUATION} <= types
        check = instance.event_log_storage.get_latest_asset_check_execution_by_key(
            [dg.AssetCheckKey(dg.AssetKey("counted"), "counted_is_positive")])
        assert [c.run_id for c in check.values()] == [runs[-1].run_id]
    # each run wrote dozens of events: one engine per file (two runs and the index), not per event
    assert len(engines) == len(set(engines)) == 3


def test_a_reader_of_many_runs_keeps_only_the_recent_engines(tmp_path):
    storage = PooledSqliteEventLogStorage(str(tmp_path / "runs"))
    for n in range(event_log_storage.ENGINES_KEPT + 5):
        with storage.run_connection(f"run{n}") as conn:
            conn.exec_driver_sql("select 1")
    last = f"run{event_log_storage.ENGINES_KEPT + 4}"
    assert len(storage._engines) == event_log_storage.ENGINES_KEPT and last in storage._engines
    storage.dispose()
    assert not storage._engines


def test_threads_share_the_engines_safely(home):
    with dg.DagsterInstance.get() as instance:
        run = dg.materialize([counted], instance=instance)
        storage = instance.event_log_storage
        before = len(instance.all_logs(run.run_id))
        entry = instance.all_logs(run.run_id)[-1]
        errors = []

        def write(n):
            try:
                for _ in range(n):
                    storage.store_event(entry)
            except Exception as error:  # pragma: no cover - the assertion below shows it
                errors.append(error)

        threads = [threading.Thread(target=write, args=(25,)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert len(instance.all_logs(run.run_id)) == before + 100
