"""Closed fiscal years' family compositions, and the analysts' bridge_family_person made of them,
are kept from night to night (issue #14, macros/family_years_kept.sql): a second night rebuilds
only the years whose inputs changed, and what it keeps is exactly what a full build of the same
delivery gives.

Two nights on one installation (the next day's CPR change delivery and a new month of
postings), then dbt by hand on copies of the second night's build: once with nothing kept (a
full build, the reference) and once with the kept years beside it after a change to the
register that reaches back into a closed year."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from orchestration.dbt_project import code_version
from orchestration.defs.publish.publishing import KEPT_FROM_SERVED
from orchestration.runner import run_delivery
from orchestration.settings import DBT_PROJECT_DIR, Settings, analysts_part_of, family_years_part_of
from sources.generator import generate_delivery
from sources.generator.next_night import write_next_night
from tests.conftest import DELIVERY_DATE, make_installation
from tests.e2e.compare import rows_only_in_each

COMPOSITION_MODELS = ("int_children_at_home_identified", "int_couples_paired", "int_families_at_address_formed",
                      "int_families_at_address_typed", "int_households_formed",
                      "int_families_across_addresses_formed")


@dataclass
class TwoNights:
    settings: Settings
    second_date: str
    code_version: str  # the var the second night's dbt got


@pytest.fixture(scope="module")
def two_nights(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        settings = make_installation(tmp_path_factory.mktemp("kept") / "var", monkeypatch)
        first = generate_delivery(settings.landing_dir, citizens=1500, seed=7, delivery_date=DELIVERY_DATE)
        assert run_delivery(settings, DELIVERY_DATE.isoformat())
        second = write_next_night(first.folder, changed_share=0.05)
        assert run_delivery(settings, second.name)
        dbt_vars = json.loads((settings.run_dir / "dbt_run_results.json").read_text())["args"]["vars"]
        yield TwoNights(settings, second.name, dbt_vars["code_version"])


def _copy_build(nights: TwoNights, folder: Path, *, keep_years: bool) -> Path:
    """A copy of the second night's build (raw tables, models), its analysts' part (the seeds
    the family models read) and, when ``keep_years``, its family years' part; else the bridge and
    its ledger are dropped from the analysts' part too, as on a first night."""
    folder.mkdir()
    build = folder / "building.duckdb"
    shutil.copyfile(nights.settings.build_db, build)
    shutil.copyfile(nights.settings.published_db, analysts_part_of(build))
    if keep_years:
        shutil.copyfile(nights.settings.family_years_build_db, family_years_part_of(build))
    else:
        con = duckdb.connect(str(analysts_part_of(build)))
        for schema, table in KEPT_FROM_SERVED:
            con.execute(f"drop table {schema}.{table}")
        con.close()
    return build


def _build_families(build: Path, nights: TwoNights, **extra_vars) -> None:
    """`dbt run` of the family compositions, the bridge, its ledger and everything upstream on
    ``build``, for the second night's date."""
    dbt_vars = {"build_db": str(build), "as_of": nights.second_date,
                "municipality_code": nights.settings.municipality_code, **extra_vars}
    folder = build.parent
    result = subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), "run", "--select", "+int_family_years_kept", "+family_years_built",
         "--vars", json.dumps(dbt_vars), "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
         "--target-path", str(folder / "target"), "--log-path", str(folder / "logs")],
        capture_output=True, text=True, env={**os.environ, "DO_NOT_TRACK": "1"}, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:]


@dataclass
class KeptFiles:
    """Where a build keeps its family years: the compositions, and the analysts' file with the bridge."""
    family_years: Path
    analysts: Path


def _night_files(nights: TwoNights) -> KeptFiles:
    return KeptFiles(nights.settings.family_years_build_db, nights.settings.published_db)


def _copy_files(build: Path) -> KeptFiles:
    return KeptFiles(family_years_part_of(build), analysts_part_of(build))


def _differences(first: KeptFiles, second: KeptFiles, year_filter: str = "true") -> dict[str, tuple[int, int]]:
    """Per composition model and for the bridge: rows only in the first build, rows only in the second."""
    con = duckdb.connect()
    differences = {}
    kept_tables = [(model, "family_years", "intermediate") for model in COMPOSITION_MODELS]
    for model, part, schema in kept_tables + [("bridge_family_person", "analysts", "marts")]:
        con.execute(f"attach '{getattr(first, part)}' as a (read_only)")
        con.execute(f"attach '{getattr(second, part)}' as b (read_only)")
        columns = ", ".join(f'"{c}"' for (c,) in con.execute(
            "select column_name from duckdb_columns() where database_name = 'a' and table_name = ? "
            "order by column_index", [model]).fetchall())
        a = f"select {columns} from a.{schema}.{model} where {year_filter}"
        b = f"select {columns} from b.{schema}.{model} where {year_filter}"
        only_a, only_b = rows_only_in_each(con, a, b)
        con.execute("detach a")
        con.execute("detach b")
        if only_a or only_b:
            differences[model] = (only_a, only_b)
    con.close()
    return differences


def _ledgers(files: KeptFiles) -> tuple[dict[int, str], dict[int, str]]:
    """The night each fiscal year was last built, by the compositions' ledger and by the bridge's."""
    ledgers = []
    for path, table in ((files.family_years, "intermediate.int_family_years_kept"),
                        (files.analysts, "ops.family_years_built")):
        con = duckdb.connect(str(path), read_only=True)
        try:
            ledgers.append({year: built.isoformat() for year, built in con.execute(
                f"select fiscal_year, built_as_of from {table}").fetchall()})
        finally:
            con.close()
    return ledgers[0], ledgers[1]


def test_the_second_night_kept_the_closed_years_and_rebuilt_the_current_one(two_nights):
    current = int(two_nights.second_date[:4])
    for ledger in _ledgers(_night_files(two_nights)):
        assert len(ledger) == 5, ledger
        assert ledger.pop(current) == two_nights.second_date
        assert set(ledger.values()) == {DELIVERY_DATE.isoformat()}, "a closed year was built again"
    assert two_nights.code_version == code_version()


def test_what_the_second_night_kept_is_what_a_full_build_gives(two_nights, tmp_path):
    full = _copy_build(two_nights, tmp_path / "full", keep_years=False)
    _build_families(full, two_nights)  # no code_version: nothing kept, every year built
    for ledger in _ledgers(_copy_files(full)):
        assert set(ledger.values()) == {two_nights.second_date}
    assert _differences(_night_files(two_nights), _copy_files(full)) == {}


def test_a_change_reaching_back_into_a_closed_year_rebuilds_that_year_only_from_then_on(two_nights, tmp_path):
    """A child born in a closed year loses its parent links in the register (both records 014
    and 015): from its birth on it is no child at home any more. Kept years before its birth stay
    as they were; the years from its birth on are rebuilt, equal to a full build."""
    con = duckdb.connect(str(two_nights.settings.build_db), read_only=True)
    con.execute(f"attach '{two_nights.settings.family_years_build_db}' as family_years (read_only)")
    first_year = con.execute("select min(fiscal_year) from family_years.intermediate.int_family_years_kept").fetchone()[0]
    child, born = con.execute(
        "select children.cpr, year(persons.birth_date) "
        "from family_years.intermediate.int_children_at_home_identified as children "
        "inner join intermediate.int_persons_on_reference_dates as persons "
        "    on persons.cpr = children.cpr and persons.fiscal_year = children.fiscal_year "
        "where children.is_child_at_home and year(persons.birth_date) between ? and ? "
        "order by persons.birth_date desc, children.cpr limit 1",
        [first_year + 1, int(two_nights.second_date[:4]) - 1]).fetchone()
    con.close()

    def unlink(build: Path) -> None:
        con = duckdb.connect(str(build))
        con.execute("delete from raw_folkeregister.parents where cpr = ?", [child])
        con.execute("delete from raw_folkeregister.children where child_cpr = ?", [child])
        con.close()

    kept = _copy_build(two_nights, tmp_path / "kept", keep_years=True)
    unlink(kept)
    _build_families(kept, two_nights, code_version=two_nights.code_version)
    full = _copy_build(two_nights, tmp_path / "full", keep_years=False)
    unlink(full)
    _build_families(full, two_nights)

    for ledger in _ledgers(_copy_files(kept)):
        assert {year for year, built in ledger.items() if built == DELIVERY_DATE.isoformat()} == \
            set(range(first_year, born)), ledger
    assert _differences(_copy_files(kept), _copy_files(full)) == {}
    # not vacuous: the change altered the rebuilt years (the bridge too), and the kept ones are
    # the second night's
    changed = _differences(_night_files(two_nights), _copy_files(full), f"fiscal_year >= {born}")
    assert "bridge_family_person" in changed, changed
    assert _differences(_night_files(two_nights), _copy_files(kept), f"fiscal_year < {born}") == {}
