"""Publishing (operations.md, worklist.md §1): the private build becomes two files in one step —
the identity file first, then the analysts' file with only marts, reference and ops — each
swapped in atomically with its previous copy kept; rollback restores both."""

import os
import stat
import time

import duckdb
import pytest

from orchestration.defs.publish import publishing
from orchestration.settings import analysts_part_of
from tests.orchestration.working_copy import fresh_database
from orchestration.defs.publish.publishing import PUBLISHED_SCHEMAS, prepare_publish, publish_files, replace_keeping_history, rollback


def _build(path, marker):
    """A working copy shaped like the real one: raw, staging, restricted and the pipeline's own
    ops tables in the build; marts, reference and dbt's ops model in its analysts' part, as dbt
    builds them (profiles.yml)."""
    con = fresh_database(path, ("raw_cases", "staging", "intermediate", "restricted", "ops"))
    con.execute("create table raw_cases.grants as select '0101801234' as cpr")
    con.execute("create table ops.delivery_findings as select 'row' as severity, 'bad date' as reason")
    con.execute("create view ops.rejected_records as select reason from ops.delivery_findings where severity = 'row'")
    con.execute("create table restricted.person_identity as select 'pk1' as person_key, '0101801234' as cpr, "
                "? as name, 'Testvej 1' as address, '2630' as postal_code, 'Taastrup' as postal_district", [marker])
    con.close()
    con = fresh_database(analysts_part_of(path), PUBLISHED_SCHEMAS)
    con.execute("create table marts.t as select ? as marker, 'pk1' as person_key", [marker])
    con.execute("comment on table marts.t is 'the marker table'")
    con.execute("comment on column marts.t.marker is 'which night'")
    con.execute("create table reference.areas as select 'school' as area, 'Skole' as name_da")
    con.execute("create table ops.raw_row_counts as select 'raw_cases.grants' as source_table, 1 as n_rows")
    con.close()
    return path


def _publish(tmp_path, marker, keep=7):
    build = _build(tmp_path / "build" / "building.duckdb", marker)
    return publish_files(build, published_db=tmp_path / "warehouse" / "kommunelager.duckdb",
                         history_dir=tmp_path / "warehouse" / "history",
                         identity_db=tmp_path / "restricted" / "identity.duckdb",
                         identity_history_dir=tmp_path / "restricted" / "history", label=marker, keep=keep)


def _one(path, sql):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def tmp(tmp_path):
    (tmp_path / "build").mkdir(mode=0o700)
    return tmp_path


def test_the_analysts_file_holds_only_marts_reference_and_ops(tmp):
    _publish(tmp, "night-1")
    served = tmp / "warehouse" / "kommunelager.duckdb"
    con = duckdb.connect(str(served), read_only=True)
    try:
        schemas = {s for (s,) in con.execute("select distinct schema_name from duckdb_tables() "
                                             "union select distinct schema_name from duckdb_views() where not internal")
                   .fetchall()}
        assert schemas == {"marts", "reference", "ops"}
        assert con.execute("select marker from marts.t").fetchone()[0] == "night-1"
        assert con.execute("select reason from ops.rejected_records").fetchall() == [("bad date",)]
        assert con.execute("select n_rows from ops.raw_row_counts").fetchall() == [(1,)]
        assert con.execute("select comment from duckdb_tables() where table_name = 't'").fetchone()[0] == "the marker table"
        assert con.execute("select comment from duckdb_columns() where table_name = 't' "
                           "and column_name = 'marker'").fetchone()[0] == "which night"
    finally:
        con.close()
    assert (tmp / "build" / "building.duckdb").exists(), "the private build stays for diagnosis"
    assert not analysts_part_of(tmp / "build" / "building.duckdb").exists(), "moved, not copied"


def test_the_identity_file_is_private_and_holds_person_identity_in_its_default_schema(tmp):
    _publish(tmp, "night-1")
    identity = tmp / "restricted" / "identity.duckdb"
    assert stat.S_IMODE(identity.stat().st_mode) == 0o600
    assert stat.S_IMODE(identity.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp / "restricted" / "history").stat().st_mode) == 0o700
    assert _one(identity, "select cpr from person_identity where person_key = 'pk1'") == "0101801234"
    con = duckdb.connect(str(tmp / "warehouse" / "kommunelager.duckdb"), read_only=True)
    try:  # how consumers read it: attached as `restricted`
        con.execute(f"attach '{identity}' as restricted (read_only)")
        assert con.execute("select name from marts.t join restricted.person_identity using (person_key)"
                           ).fetchone()[0] == "night-1"
    finally:
        con.close()


def test_publish_keeps_the_previous_files_in_their_history_folders(tmp):
    assert _publish(tmp, "night-1") == (None, None)
    kept, kept_identity = _publish(tmp, "night-2")
    assert _one(tmp / "warehouse" / "kommunelager.duckdb", "select marker from marts.t") == "night-2"
    assert _one(kept, "select marker from marts.t") == "night-1"
    assert kept.parent == tmp / "warehouse" / "history"
    assert _one(kept_identity, "select name from person_identity") == "night-1"
    assert kept_identity.parent == tmp / "restricted" / "history"
    assert stat.S_IMODE(kept_identity.stat().st_mode) == 0o600


def test_publish_keeps_only_the_newest_copies(tmp):
    for night in range(5):
        _publish(tmp, f"night-{night}", keep=2)
        time.sleep(0.01)
    kept = sorted(_one(p, "select marker from marts.t") for p in (tmp / "warehouse" / "history").glob("*.duckdb"))
    assert kept == ["night-2", "night-3"]
    assert len(list((tmp / "restricted" / "history").glob("*.duckdb"))) == 2


def test_reader_of_the_served_file_keeps_a_consistent_view(tmp):
    _publish(tmp, "night-1")
    reader = duckdb.connect(str(tmp / "warehouse" / "kommunelager.duckdb"), read_only=True)
    _publish(tmp, "night-2")
    assert reader.execute("select marker from marts.t").fetchone()[0] == "night-1"
    reader.close()
    assert _one(tmp / "warehouse" / "kommunelager.duckdb", "select marker from marts.t") == "night-2"


def test_rollback_serves_the_previous_files(tmp):
    for night in (1, 2):
        _publish(tmp, f"night-{night}")
    rollback(tmp / "warehouse" / "kommunelager.duckdb", tmp / "warehouse" / "history",
             tmp / "restricted" / "identity.duckdb", tmp / "restricted" / "history")
    assert _one(tmp / "warehouse" / "kommunelager.duckdb", "select marker from marts.t") == "night-1"
    assert _one(tmp / "restricted" / "identity.duckdb", "select name from person_identity") == "night-1"


def test_rollback_without_copies_fails_loudly(tmp_path):
    with pytest.raises(FileNotFoundError):
        rollback(tmp_path / "kommunelager.duckdb", tmp_path / "history")


def test_replace_keeps_the_old_file_under_a_new_name_when_labels_repeat(tmp_path):
    target, history = tmp_path / "f.duckdb", tmp_path / "h"
    history.mkdir()
    for n in range(3):
        new = tmp_path / "new.duckdb"
        new.write_text(str(n))
        replace_keeping_history(new, target, history, "f", "same", keep=7)
    assert sorted(p.read_text() for p in history.iterdir()) == ["0", "1"]
    assert target.read_text() == "2" and not os.path.exists(tmp_path / "new.duckdb")


def test_publishing_opens_every_file_under_the_runs_duckdb_settings(tmp, monkeypatch):
    # The copy into the two new files reads the whole published part of the build: without the
    # run's ceiling DuckDB would take 80 % of the machine's memory for it (issue #14).
    build = _build(tmp / "build" / "building.duckdb", "night-1")
    opened = []
    real_connect = duckdb.connect

    def recording_connect(database, *args, **kwargs):
        opened.append((os.path.basename(str(database)), dict(kwargs.get("config") or {})))
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(publishing.duckdb, "connect", recording_connect)
    settings = {"memory_limit": "200MB", "threads": "1", "temp_directory": str(tmp / "build" / "spill")}
    identity_new, analysts_new = prepare_publish(
        build, tmp / "warehouse" / "kommunelager.duckdb", tmp / "warehouse" / "history",
        tmp / "restricted" / "identity.duckdb", tmp / "restricted" / "history", settings)
    monkeypatch.undo()
    assert [name for name, _ in opened] == ["building.duckdb", identity_new.name, "building.analysts.duckdb"]
    assert all(config == settings for _, config in opened)
    assert _one(analysts_new, "select marker from marts.t") == "night-1"


def test_a_relation_outside_the_served_schemas_in_the_analysts_part_stops_the_publish(tmp):
    build = _build(tmp / "build" / "building.duckdb", "night-1")
    con = duckdb.connect(str(analysts_part_of(build)))
    con.execute("create schema intermediate")
    con.execute("create table intermediate.int_x as select '0101801234' as cpr")
    con.close()
    with pytest.raises(RuntimeError, match="intermediate.int_x"):
        prepare_publish(build, tmp / "warehouse" / "kommunelager.duckdb", tmp / "warehouse" / "history",
                        tmp / "restricted" / "identity.duckdb", tmp / "restricted" / "history")
    assert not (tmp / "warehouse" / "kommunelager.duckdb").exists()


def test_publishing_a_build_whose_analysts_part_is_gone_fails_instead_of_serving_no_marts(tmp):
    _publish(tmp, "night-1")  # moved the part into place
    build = tmp / "build" / "building.duckdb"
    with pytest.raises(FileNotFoundError, match="analysts' part of the build is missing"):
        prepare_publish(build, tmp / "warehouse" / "kommunelager.duckdb", tmp / "warehouse" / "history",
                        tmp / "restricted" / "identity.duckdb", tmp / "restricted" / "history")
    assert _one(tmp / "warehouse" / "kommunelager.duckdb", "select marker from marts.t") == "night-1"
