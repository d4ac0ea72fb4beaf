"""worklist.md §1: the analysts' file holds no CPR number anywhere — not as a column, not inside a
text. Every text column of every table is scanned for a valid CPR number (10 digits, with or
without `-`, a real birth date, day + 60 replacement numbers included, not inside a longer
alphanumeric token such as a hex person key) and for every actual CPR number of the identity file
as a substring. On the shared e2e night (1.500 citizens) and on the demo's size and seed."""

from __future__ import annotations

import re
import shutil
import stat

import duckdb
import pytest

from orchestration.runner import run_delivery
from sources.cpr_numbers import is_valid
from sources.generator import generate_delivery
from tests.conftest import DELIVERY_DATE, make_installation

DEMO_CITIZENS, DEMO_SEED = 5000, 1  # `kommunelager demo`'s defaults
CPR_LIKE = re.compile(r"(?<![0-9A-Za-z])(\d{6})-?(\d{4})(?![0-9A-Za-z])")
DIGIT_RUNS = re.compile(r"\d{6}-\d{4}|\d{10,}")
PREFILTER = r"[0-9]{6}-?[0-9]{4}"  # RE2 (no look-around): candidates only, judged in Python


def valid_cprs_in(text: str) -> list[str]:
    return [a + b for a, b in CPR_LIKE.findall(text) if is_valid(a + b)]


def known_cprs_in(text: str, cprs: set[str]) -> list[str]:
    found = []
    for run in DIGIT_RUNS.findall(text):
        digits = run.replace("-", "")
        found += [digits[i:i + 10] for i in range(len(digits) - 9) if digits[i:i + 10] in cprs]
    return found


def scan(published_db, cprs: set[str]) -> dict[str, list[str]]:
    """Column → the CPR numbers found in it (masked in the report). Every VARCHAR column, and
    every column whose type holds text (lists of keys, JSON), cast to text. Only the file's own
    catalog: in one process connections share a file's attachments (the shared night attaches the
    identity file)."""
    con = duckdb.connect(str(published_db), read_only=True)
    try:
        columns = con.execute(
            "select schema_name, table_name, column_name from duckdb_columns() "
            "where database_name = current_database() and (data_type like '%VARCHAR%' or data_type = 'JSON') "
            "order by all").fetchall()
        leaks = {}
        for schema, table, column in columns:
            value = f'cast("{column}" as varchar)'
            texts = [t for (t,) in con.execute(
                f'select distinct {value} from "{schema}"."{table}" where regexp_matches({value}, ?)',
                [PREFILTER]).fetchall()]
            found = [c for t in texts for c in valid_cprs_in(t) + known_cprs_in(t, cprs)]
            if found:
                leaks[f"{schema}.{table}.{column}"] = sorted({c[:6] + "-XXXX" for c in found})[:5]
        return leaks
    finally:
        con.close()


def identity_cprs(settings) -> set[str]:
    con = duckdb.connect(str(settings.identity_db), read_only=True)
    try:
        return {cpr for (cpr,) in con.execute("select cpr from person_identity").fetchall()}
    finally:
        con.close()


def assert_split_and_private(settings) -> None:
    con = duckdb.connect(str(settings.published_db), read_only=True)
    try:
        schemas = {s for (s,) in con.execute(
            "select schema_name from duckdb_tables() where database_name = current_database() union "
            "select schema_name from duckdb_views() where database_name = current_database() and not internal"
        ).fetchall()}
    finally:
        con.close()
    assert schemas == {"marts", "reference", "ops"}
    assert stat.S_IMODE(settings.identity_db.stat().st_mode) == 0o600
    for folder in (settings.identity_db.parent, settings.identity_history_dir, settings.build_dir,
                   settings.state_db.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(settings.state_db.stat().st_mode) == 0o600


def test_the_scanner_finds_what_it_must_and_nothing_else():
    assert valid_cprs_in("Borger 010180-1234 flyttet") == ["0101801234"]
    assert valid_cprs_in("cpr=6101801234;") == ["6101801234"]  # replacement number, day + 60
    assert valid_cprs_in("3201801234 og 0113801234") == []  # day 32, month 13: no birth date
    assert valid_cprs_in("a3f0101801234bc9") == []  # inside a hex person key
    assert valid_cprs_in("010180-XXXX") == []  # masked
    # an actual CPR number is a leak wherever it sits, even inside a longer token
    assert known_cprs_in("ab0101801234cd", {"0101801234"}) == ["0101801234"]
    assert known_cprs_in("010180-1234", {"0101801234"}) == ["0101801234"]
    assert known_cprs_in("0101801235", {"0101801234"}) == []
    assert known_cprs_in("x990101801234", {"0101801234"}) == ["0101801234"]


def test_no_cpr_in_the_analysts_file_of_the_shared_night(published_night):
    settings = published_night.settings
    cprs = identity_cprs(settings)
    assert len(cprs) > 1500
    assert scan(settings.published_db, cprs) == {}
    assert_split_and_private(settings)


@pytest.fixture(scope="module")
def demo_night(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        settings = make_installation(tmp_path_factory.mktemp("demo") / "var", monkeypatch)
        golden = generate_delivery(tmp_path_factory.mktemp("demo_landing") / "landing", citizens=DEMO_CITIZENS,
                                   seed=DEMO_SEED, delivery_date=DELIVERY_DATE)
        shutil.copytree(golden.folder, settings.landing_dir / DELIVERY_DATE.isoformat())
        assert run_delivery(settings, DELIVERY_DATE.isoformat())
        yield settings


def test_no_cpr_in_the_analysts_file_of_the_demo(demo_night):
    cprs = identity_cprs(demo_night)
    assert len(cprs) > DEMO_CITIZENS
    assert scan(demo_night.published_db, cprs) == {}
    assert_split_and_private(demo_night)
