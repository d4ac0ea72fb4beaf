"""Reruns are byte-identical (issue #12, item 6): two builds of one delivery publish the same
analysts' file. Money and ratios are DECIMAL, whose sums are exact whatever order the threads
add them in; a DOUBLE sum could differ in its last digits from one build to the next.

The first build is the package's published night (conftest.py); this module runs the real
nightly pipeline once more on the same delivery into a second, fresh installation that shares
the first one's person-key secret (the person keys are HMACs of the CPR under that secret, so
another secret would give other keys, not a different result). A fresh installation rather
than a second night in the same one: a second night would legitimately add a flag run and move
`last_seen_date`, which is not what this test asks."""

from __future__ import annotations

import shutil

import pytest

from orchestration.runner import run_delivery
from tests.conftest import DELIVERY_DATE, make_installation

# Columns of the published `ops` tables that legitimately differ between two runs of one
# delivery: the run's Dagster id and its wall-clock start and end. Everything else must match.
RUN_SPECIFIC_COLUMNS = {"runs": {"run_id", "started_at", "finished_at"}}
FLOATING_TYPES = ("DOUBLE", "FLOAT", "REAL")


@pytest.fixture(scope="module")
def rerun(published_night, tmp_path_factory):
    """The second build's analysts' file attached as `rerun` to the first build's connection."""
    first = published_night.settings
    with pytest.MonkeyPatch.context() as monkeypatch:
        second = make_installation(tmp_path_factory.mktemp("rerun") / "var", monkeypatch)
        shutil.copyfile(first.person_key_secret_file, second.person_key_secret_file)
        shutil.copytree(published_night.delivery, second.landing_dir / DELIVERY_DATE.isoformat())
        assert run_delivery(second, DELIVERY_DATE.isoformat())
    con = published_night.con
    con.execute(f"attach '{second.published_db}' as rerun (read_only)")
    try:
        yield con
    finally:
        con.execute("detach rerun")


def _relations(con, catalog: str, schema: str) -> dict[str, list[tuple[str, str]]]:
    """Tables and views of a schema with their (column, type) in column order."""
    rows = con.execute(
        "select table_name, column_name, data_type from duckdb_columns() "
        "where database_name = ? and schema_name = ? order by table_name, column_index",
        [catalog, schema]).fetchall()
    relations: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        relations.setdefault(table, []).append((column, data_type))
    return relations


def _differences(con, schema: str) -> dict[str, tuple[int, int]]:
    """Per relation of `schema`: rows only in the first build, rows only in the second
    (EXCEPT ALL both ways, so duplicates count), leaving out run-specific columns."""
    first_catalog = con.execute("select current_database()").fetchone()[0]
    first, second = _relations(con, first_catalog, schema), _relations(con, "rerun", schema)
    assert first.keys() == second.keys(), f"{schema}: the two builds publish different tables"
    differences = {}
    for table, columns in sorted(first.items()):
        assert columns == second[table], f"{schema}.{table}: columns or types differ between builds"
        kept = [c for c, _ in columns if c not in RUN_SPECIFIC_COLUMNS.get(table, set())]
        select = ", ".join(f'"{c}"' for c in kept)
        a = f'select {select} from "{first_catalog}"."{schema}"."{table}"'
        b = f'select {select} from rerun."{schema}"."{table}"'
        only_first = con.execute(f"select count(*) from ({a} except all {b})").fetchone()[0]
        only_second = con.execute(f"select count(*) from ({b} except all {a})").fetchone()[0]
        if only_first or only_second:
            differences[table] = (only_first, only_second)
    return differences


def test_two_builds_of_one_delivery_publish_identical_marts(rerun):
    assert _differences(rerun, "marts") == {}


def test_two_builds_of_one_delivery_publish_identical_ops_and_reference_except_run_ids_and_times(rerun):
    assert _differences(rerun, "ops") == {}
    assert _differences(rerun, "reference") == {}


def test_the_rerun_really_was_another_run(rerun):
    """The comparison above is not vacuous: the second file holds its own run."""
    first = rerun.execute("select run_id from ops.runs").fetchall()
    second = rerun.execute("select run_id from rerun.ops.runs").fetchall()
    assert len(first) == len(second) == 1 and first != second


def test_no_mart_column_is_floating_point(published_night):
    """Money (`*_dkk`, amounts, costs, prices) and ratios (shares, percentages, averages) are
    DECIMAL in the marts: no DOUBLE or FLOAT column is published at all."""
    floating = published_night.con.execute(
        "select table_name, column_name, data_type from duckdb_columns() "
        "where database_name = current_database() and schema_name = 'marts' "
        f"and data_type in {FLOATING_TYPES}").fetchall()
    assert floating == []
