import os
import time

import duckdb
import pytest

from orchestration.defs.publish.publishing import publish_file, rollback


def _db(path, marker):
    con = duckdb.connect(str(path))
    con.execute("create table t as select ? as marker", [marker])
    con.close()


def _marker(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select marker from t").fetchone()[0]
    finally:
        con.close()


def test_publish_replaces_served_file_and_keeps_previous(tmp_path):
    served, history = tmp_path / "kommunelager.duckdb", tmp_path / "history"
    _db(tmp_path / "b1.duckdb", "night-1")
    assert publish_file(tmp_path / "b1.duckdb", served, history, "n1", keep=7) is None
    _db(tmp_path / "b2.duckdb", "night-2")
    kept = publish_file(tmp_path / "b2.duckdb", served, history, "n2", keep=7)
    assert _marker(served) == "night-2"
    assert _marker(kept) == "night-1"
    assert not (tmp_path / "b2.duckdb").exists()


def test_publish_keeps_only_the_newest_copies(tmp_path):
    served, history = tmp_path / "kommunelager.duckdb", tmp_path / "history"
    for night in range(5):
        _db(tmp_path / f"b{night}.duckdb", f"night-{night}")
        publish_file(tmp_path / f"b{night}.duckdb", served, history, f"n{night}", keep=2)
        time.sleep(0.01)
    kept = sorted(_marker(p) for p in history.glob("*.duckdb"))
    assert kept == ["night-2", "night-3"]


def test_reader_of_the_served_file_keeps_a_consistent_view(tmp_path):
    served, history = tmp_path / "kommunelager.duckdb", tmp_path / "history"
    _db(tmp_path / "b1.duckdb", "night-1")
    publish_file(tmp_path / "b1.duckdb", served, history, "n1", keep=7)
    reader = duckdb.connect(str(served), read_only=True)
    _db(tmp_path / "b2.duckdb", "night-2")
    publish_file(tmp_path / "b2.duckdb", served, history, "n2", keep=7)
    assert reader.execute("select marker from t").fetchone()[0] == "night-1"
    reader.close()
    assert _marker(served) == "night-2"


def test_rollback_serves_the_previous_file(tmp_path):
    served, history = tmp_path / "kommunelager.duckdb", tmp_path / "history"
    for night in (1, 2):
        _db(tmp_path / f"b{night}.duckdb", f"night-{night}")
        publish_file(tmp_path / f"b{night}.duckdb", served, history, f"n{night}", keep=7)
    rollback(served, history)
    assert _marker(served) == "night-1"


def test_rollback_without_copies_fails_loudly(tmp_path):
    with pytest.raises(FileNotFoundError):
        rollback(tmp_path / "kommunelager.duckdb", tmp_path / "history")
