"""Reruns are identical (issue #12, item 6) and the optimised path matches a reference build
(issue #14): builds of one delivery publish the same analysts' file. Money and ratios are DECIMAL, whose sums are exact whatever order the threads
add them in; a DOUBLE sum could differ in its last digits from one build to the next.

The first build is the package's published night (conftest.py); this module runs the real
nightly pipeline once more on the same delivery into a second, fresh installation that shares
the first one's person-key secret (the person keys are HMACs of the CPR under that secret, so
another secret would give other keys, not a different result). A fresh installation rather
than a second night in the same one: a second night would legitimately add a flag run and move
`last_seen_date`, which is not what this test asks. That second run is squeezed: DuckDB gets a
small memory ceiling, so it has to spill where the production settings would not.

The reference build (issue #14) rebuilds every model of the night's private build with dbt's
var `reference_build`: every model written as a table (no views), one DuckDB thread, insertion
order kept — the plain path, against which the optimised one (views fused into their consumers,
parallel, insertion order free) must give the same marts, ops and reference, row for row."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import duckdb
import pytest
from pathlib import Path

from orchestration.defs.publish.publishing import write_analysts_file
from orchestration.runner import run_delivery
from orchestration.settings import DBT_PROJECT_DIR, DEFAULT_DUCKDB_MEMORY_LIMIT
from tests.conftest import DELIVERY_DATE, make_installation
from tests.e2e.compare import rows_only_in_each

# Columns of the published `ops` tables that legitimately differ between two runs of one
# delivery: the run's Dagster id and its wall-clock start and end. Everything else must match.
RUN_SPECIFIC_COLUMNS = {"runs": {"run_id", "started_at", "finished_at"}}
# The reference build runs dbt by hand, without the var code_version that the family years'
# fingerprint includes (macros/family_years_kept.sql); the years and dates must still match.
REFERENCE_SPECIFIC_COLUMNS = {**RUN_SPECIFIC_COLUMNS, "family_years_built": {"inputs_fingerprint"}}
FLOATING_TYPES = ("DOUBLE", "FLOAT", "REAL")
SQUEEZED_MEMORY_LIMIT = "250MB"


@pytest.fixture(scope="module")
def squeezed_rerun(published_night, tmp_path_factory):
    """A second, fresh installation sharing the first one's person-key secret, whose run gets a
    small DuckDB memory ceiling; its settings once the delivery ran."""
    first = published_night.settings
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("KOMMUNELAGER_DUCKDB_MEMORY_LIMIT", SQUEEZED_MEMORY_LIMIT)
        second = make_installation(tmp_path_factory.mktemp("rerun") / "var", monkeypatch)
        assert second.duckdb_memory_limit == SQUEEZED_MEMORY_LIMIT
        shutil.copyfile(first.person_key_secret_file, second.person_key_secret_file)
        shutil.copytree(published_night.delivery, second.landing_dir / DELIVERY_DATE.isoformat())
        assert run_delivery(second, DELIVERY_DATE.isoformat())
    return second


@pytest.fixture(scope="module")
def rerun(published_night, squeezed_rerun):
    """The second build's analysts' file attached as `rerun` to the first build's connection."""
    con = published_night.con
    con.execute(f"attach '{squeezed_rerun.published_db}' as rerun (read_only)")
    try:
        yield con
    finally:
        con.execute("detach rerun")


@pytest.fixture(scope="module")
def reference(published_night, tmp_path_factory):
    """A reference build of the night's delivery (the module docstring), published as the
    pipeline publishes (the analysts' part dbt built plus the pipeline's ops tables), attached as
    `reference`; the night's published file as `night`; both private builds as `night_build` and
    `reference_build` (their intermediate layer)."""
    settings = published_night.settings
    folder = tmp_path_factory.mktemp("reference")
    build = folder / "plain_build.duckdb"  # not "reference…": DuckDB names a file's catalog by it, as the schema
    shutil.copyfile(settings.build_db, build)  # raw tables and the state the night loaded
    dbt_vars = {"build_db": str(build), "as_of": DELIVERY_DATE.isoformat(),
                "municipality_code": settings.municipality_code, "reference_build": True}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), "build", "--resource-type", "model", "--resource-type", "seed",
         "--vars", json.dumps(dbt_vars), "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
         "--target-path", str(folder / "target"), "--log-path", str(folder / "logs")],
        capture_output=True, text=True, env={**os.environ, "DO_NOT_TRACK": "1"}, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:]
    reference_served = write_analysts_file(build, folder / "reference_served.duckdb")
    # copies: attaching never touches the kept build or the served file (which the night's fixture has open)
    night_build, night_served = folder / "night.duckdb", folder / "night_served.duckdb"
    shutil.copyfile(settings.build_db, night_build)
    shutil.copyfile(settings.published_db, night_served)
    con = duckdb.connect()
    con.execute(f"attach '{night_served}' as night (read_only)")
    con.execute(f"attach '{reference_served}' as reference (read_only)")
    con.execute(f"attach '{night_build}' as night_build (read_only)")
    con.execute(f"attach '{build}' as reference_build (read_only)")
    try:
        yield con
    finally:
        con.close()


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


def _differences(con, schema: str, first_catalog: str | None = None, second_catalog: str = "rerun",
                 ignored: dict[str, set[str]] = RUN_SPECIFIC_COLUMNS) -> dict[str, tuple[int, int]]:
    """Per relation of `schema`: rows only in the first build, rows only in the second
    (EXCEPT ALL both ways, so duplicates count), leaving out run-specific columns."""
    first_catalog = first_catalog or con.execute("select current_database()").fetchone()[0]
    first, second = _relations(con, first_catalog, schema), _relations(con, second_catalog, schema)
    assert first.keys() == second.keys(), f"{schema}: the two builds publish different tables"
    differences = {}
    for table, columns in sorted(first.items()):
        assert columns == second[table], f"{schema}.{table}: columns or types differ between builds"
        kept = [c for c, _ in columns if c not in ignored.get(table, set())]
        select = ", ".join(f'"{c}"' for c in kept)
        a = f'select {select} from "{first_catalog}"."{schema}"."{table}"'
        b = f'select {select} from "{second_catalog}"."{schema}"."{table}"'
        only_first, only_second = rows_only_in_each(con, a, b)
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


@pytest.mark.parametrize("schema", ["marts", "ops", "reference"])
def test_the_optimised_build_matches_a_reference_build(reference, schema):
    assert _relations(reference, "night", schema), f"the night built nothing in {schema}"
    assert _differences(reference, schema, "night", "reference", REFERENCE_SPECIFIC_COLUMNS) == {}


def test_the_reference_build_really_took_the_plain_path(reference):
    """Not vacuous: the night fused some intermediate models into their consumers (views), the
    reference wrote every one of them as a table."""
    def views(catalog):
        return {name for (name,) in reference.execute(
            "select view_name from duckdb_views() where database_name = ? and schema_name = 'intermediate'",
            [catalog]).fetchall()}
    assert len(views("night_build")) >= 10
    assert views("reference_build") == set()


def test_the_squeezed_rerun_gave_dbt_its_memory_ceiling(squeezed_rerun, published_night):
    """The settings reached the rerun's dbt build (its own run results keep the vars it got),
    while the first night ran with the default ceiling."""
    def dbt_vars(settings):
        return json.loads((settings.run_dir / "dbt_run_results.json").read_text())["args"]["vars"]
    assert dbt_vars(squeezed_rerun)["duckdb_memory_limit"] == SQUEEZED_MEMORY_LIMIT
    assert dbt_vars(published_night.settings)["duckdb_memory_limit"] == DEFAULT_DUCKDB_MEMORY_LIMIT


def test_no_mart_column_is_floating_point(published_night):
    """Money (`*_dkk`, amounts, costs, prices) and ratios (shares, percentages, averages) are
    DECIMAL in the marts: no DOUBLE or FLOAT column is published at all."""
    floating = published_night.con.execute(
        "select table_name, column_name, data_type from duckdb_columns() "
        "where database_name = current_database() and schema_name = 'marts' "
        f"and data_type in {FLOATING_TYPES}").fetchall()
    assert floating == []
