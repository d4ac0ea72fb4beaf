"""Every raw table's suite: clean rows pass, each dirty variant fails on exactly its expectation."""

from __future__ import annotations

import socket

import duckdb
import pandas as pd
import pytest

from expectations import runner
from expectations.runner import validate_table
from expectations.suites import NEVER_EMPTY, _rules, suite_for
from sources.raw_tables import BY_KEY, RAW_TABLES, create_raw_tables, raw_table
from tests.expectations.cases import CLEAN, DIRTY

ALL_TABLES = sorted(BY_KEY)


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    create_raw_tables(con)
    yield con
    con.close()


def load(con, key: tuple[str, str], rows: list[dict]) -> None:
    t = raw_table(*key)
    con.execute(f"delete from {t.qualified_name}")
    if not rows:
        return
    df = pd.DataFrame([{c: None for c in t.column_names} | row for row in rows],
                      columns=t.column_names, dtype=object)
    df["source_file"] = "test.csv"
    df["source_line"] = range(2, len(df) + 2)
    present = [r[0] for r in con.execute(f"describe {t.qualified_name}").fetchall()]
    con.register("rows_df", df[present])
    try:
        con.execute(f"insert into {t.qualified_name} by name select * from rows_df")
    finally:
        con.unregister("rows_df")


def failed(result) -> set[tuple[str, str | None]]:
    return {(f.expectation, f.column) for f in result.failures}


def test_one_suite_per_raw_table():
    assert set(CLEAN) == set(BY_KEY) and len(ALL_TABLES) == len(RAW_TABLES) == 16
    for key in ALL_TABLES:
        suite = suite_for(*key)
        assert suite.name == f"raw_{key[0]}.{key[1]}"
        columns = set(raw_table(*key).column_names)
        for e in suite.expectations:
            kw = e.configuration.kwargs
            for k in ("column", "column_A", "column_B"):
                assert kw.get(k) is None or kw[k] in columns, (key, e.expectation_type, kw[k])
        assert len(suite.expectations) >= 1  # the column list (row rules: only where needed)
    with pytest.raises(KeyError):
        suite_for("economy", "nonexistent")


@pytest.mark.parametrize("key", ALL_TABLES, ids=lambda k: f"{k[0]}.{k[1]}")
def test_clean_rows_pass(con, key):
    load(con, key, CLEAN[key])
    result = validate_table(con, *key)
    assert result.failures == [] and result.success
    assert (result.source, result.table) == key
    assert result.evaluated_rows == len(CLEAN[key])


@pytest.mark.parametrize(
    "key,change,expected", DIRTY,
    ids=[f"{k[1]}-{next(iter(ch))}-{e[0].split('_')[-1]}" for k, ch, e in DIRTY],
)
def test_dirty_rows_fail_on_their_expectation(con, key, change, expected):
    rows = [CLEAN[key][0] | change, *CLEAN[key][1:]]
    load(con, key, rows)
    result = validate_table(con, *key)
    assert not result.success
    assert failed(result) == {expected}
    assert result.failures[0].unexpected_count == 1
    assert len(result.failures[0].examples) == 1


def test_every_table_with_row_rules_has_a_dirty_case():
    with_rules = {key for key in BY_KEY if _rules(*key)}
    assert {key for key, _, _ in DIRTY} == with_rules
    # every row rule of a suite has a dirty case
    assert {(key, e[1].get("column") or f"{e[1]['column_A']},{e[1]['column_B']}")
            for key in with_rules for e in _rules(*key)} == {
        (key, expected[1]) for key, _, expected in DIRTY}


@pytest.mark.parametrize("key", ALL_TABLES, ids=lambda k: f"{k[0]}.{k[1]}")
def test_empty_table(con, key):
    load(con, key, [])
    result = validate_table(con, *key)
    assert result.evaluated_rows == 0
    if key in NEVER_EMPTY:
        assert not result.success
        assert failed(result) == {("expect_table_row_count_to_be_between", None)}
        assert "row count 0" in result.failures[0].examples[0]
    else:
        assert result.success and result.failures == []


def test_never_empty_tables():
    assert {("folkeregister", "persons"), ("economy", "postings"), ("economy", "budgets"),
            ("cases", "grants"), ("cases", "providers")} <= NEVER_EMPTY


def test_missing_column_fails_the_column_list(con):
    con.execute("alter table raw_cases.pupils drop column school_name")
    try:
        load(con, ("cases", "pupils"), CLEAN[("cases", "pupils")])
        result = validate_table(con, "cases", "pupils")
        assert failed(result) == {("expect_table_columns_to_match_ordered_list", None)}
    finally:
        create_raw_tables(con, [raw_table("cases", "pupils")])


def test_missing_rule_column_is_reported_not_raised(con):
    con.execute("alter table raw_economy.postings drop column grouping")
    try:
        load(con, ("economy", "postings"), CLEAN[("economy", "postings")])
        result = validate_table(con, "economy", "postings")
        assert ("expect_column_values_to_match_regex", "grouping") in failed(result)
        assert not result.success
    finally:
        create_raw_tables(con, [raw_table("economy", "postings")])


def test_gx_context_is_quiet_and_offline(con, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("GX tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    # build a fresh context and validation under the guard (restored after the test)
    monkeypatch.setattr(runner, "_context", None)
    monkeypatch.setattr(runner, "_validations", {})
    load(con, ("cases", "pupils"), CLEAN[("cases", "pupils")])
    assert validate_table(con, "cases", "pupils").success
    context = runner.gx_context()
    assert context is runner.gx_context()  # cached
    assert context.config.analytics_enabled is False
    assert context.variables.progress_bars.globally is False
    assert context.variables.progress_bars.metric_calculations is False
