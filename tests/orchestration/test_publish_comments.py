"""The comments dbt writes (persist_docs) reach the analysts' file: dbt writes them in the
analysts' part of the build, which publishing moves into place; the pipeline's own ops tables,
recreated from the build with CREATE TABLE AS (which keeps no comment), get theirs from
``copy_comments`` — the build's, else their Danish texts."""

import duckdb

from orchestration.defs.publish.comments import PIPELINE_COMMENTS, copy_comments
from orchestration.defs.publish.publishing import PUBLISHED_SCHEMAS, write_analysts_file
from orchestration.settings import analysts_part_of
from tests.orchestration.working_copy import fresh_database, relation_comments


def _night(folder):
    """A build with a private table and the pipeline's run log, and the analysts' part dbt wrote
    beside it: marts and reference with their comments."""
    build = folder / "build.duckdb"
    con = fresh_database(build, ("staging", "ops"))
    con.execute("create table staging.s as select 1 as a")
    con.execute("comment on table staging.s is 'privat'")
    con.execute("create table ops.runs as select 'r1' as run_id, 'published' as status, 'ny kolonne' as extra")
    con.close()
    con = fresh_database(analysts_part_of(build), ("marts", "reference"))
    _documented_served_relations(con)
    con.close()
    return build


def _documented_served_relations(con):
    """marts and reference as dbt writes them, with their comments (persist_docs)."""
    con.execute("create table marts.fct as select 1 as amount, 'x' as note")
    con.execute("comment on table marts.fct is 'Én række pr. postering.'")
    con.execute("comment on column marts.fct.amount is 'Beløb i kroner.'")
    con.execute("create view marts.fct_old as select amount from marts.fct")
    con.execute("comment on view marts.fct_old is 'Det gamle navn for fct.'")
    con.execute("comment on column marts.fct_old.amount is 'Beløb i kroner (gammelt navn).'")
    con.execute("create table reference.areas as select 'school' as area")
    con.execute("comment on column reference.areas.area is 'Fagområdets kode; it''s quoted.'")


def _build(path):
    con = fresh_database(path, ("staging", "marts", "reference", "ops"))
    con.execute("create table staging.s as select 1 as a")
    con.execute("comment on table staging.s is 'privat'")
    _documented_served_relations(con)
    con.execute("create table ops.runs as select 'r1' as run_id, 'published' as status, 'ny kolonne' as extra")
    con.close()
    return path


def _comments(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        columns = dict(((s, t, c), x) for s, t, c, x in con.execute(
            "select schema_name, table_name, column_name, comment from duckdb_columns()").fetchall())
    finally:
        con.close()
    return relation_comments(path), columns


def test_published_file_keeps_comments_of_tables_views_and_columns(tmp_path):
    published = write_analysts_file(_night(tmp_path), tmp_path / "kommunelager.duckdb")
    relations, columns = _comments(published)
    assert relations[("marts", "fct")] == "Én række pr. postering."
    assert relations[("marts", "fct_old")] == "Det gamle navn for fct."
    assert columns[("marts", "fct", "amount")] == "Beløb i kroner."
    assert columns[("marts", "fct_old", "amount")] == "Beløb i kroner (gammelt navn)."
    assert columns[("marts", "fct", "note")] is None  # nothing invented where dbt had no description
    assert columns[("reference", "areas", "area")] == "Fagområdets kode; it's quoted."
    assert ("staging", "s") not in relations


def test_pipeline_ops_tables_get_their_danish_texts_where_the_build_has_none(tmp_path):
    published = write_analysts_file(_night(tmp_path), tmp_path / "kommunelager.duckdb")
    relations, columns = _comments(published)
    text, column_texts = PIPELINE_COMMENTS[("ops", "runs")]
    assert relations[("ops", "runs")] == text
    assert columns[("ops", "runs", "status")] == column_texts["status"]
    assert columns[("ops", "runs", "extra")] is None


def test_copy_comments_skips_relations_the_target_lacks(tmp_path):
    build = _build(tmp_path / "build.duckdb")
    con = duckdb.connect(str(tmp_path / "target.duckdb"))
    try:
        con.execute("create schema marts")
        con.execute("create table marts.fct as select 1 as amount")
        written = copy_comments(con, build, PUBLISHED_SCHEMAS)
        assert written == 2  # the table and its one documented column; fct_old, reference, ops are absent
        assert con.execute("select comment from duckdb_tables() where table_name = 'fct'").fetchone()[0] \
            == "Én række pr. postering."
        assert con.execute("select count(*) from duckdb_databases() where database_name = 'comments_source'") \
            .fetchone()[0] == 0
    finally:
        con.close()
