"""The runner: chunked streaming, aggregated counts, masked examples."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import duckdb
import pytest

from expectations import data_docs, runner, suites
from expectations.runner import SuiteResult, validate_table
from sources.raw_tables import create_raw_tables, raw_table
from tests.expectations.cases import CLEAN, CPR_A
from tests.expectations.test_suites import load

POSTINGS = ("economy", "postings")

# The production suites leave CPR numbers, code lists and most periods to the readers; the
# runner's mechanics (masking CPR numbers in examples, pairs, several failing columns) are tested
# with such rules added back to the suites of this module's tables.
RUNNER_TEST_RULES = {
    POSTINGS: suites.matches("cpr", r"^\d{10}$"),
    ("folkeregister", "persons"): [*suites.matches("cpr", r"^\d{10}$"),
                                   *suites.matches("current_cpr", r"^\d{10}$")],
    ("cases", "grants"): [
        ("ExpectColumnValuesToBeInSet", {"column": "area", "value_set": ["children"]}),
        ("ExpectColumnValuesToBeInSet", {"column": "price_unit", "value_set": ["day"]}),
        *suites.ends_after_start("end_date", "start_date")],
}


@pytest.fixture(scope="module", autouse=True)
def runner_test_rules():
    real = suites._rules
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(suites, "_rules", lambda source, table: [
            *real(source, table), *RUNNER_TEST_RULES.get((source, table), [])])
        mp.setattr(runner, "_context", None)  # suites and checkpoints built anew, with the rules
        mp.setattr(runner, "_validations", {})
        yield
    runner._context, runner._validations = None, {}  # later modules build the real ones


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    create_raw_tables(con)
    yield con
    con.close()


@pytest.fixture
def calls(monkeypatch):
    """Count the GX validation runs of row-level chunks."""
    seen: list[int] = []
    real = runner._validate

    def spy(definition, df):
        if len(df):
            seen.append(len(df))
        return real(definition, df)

    monkeypatch.setattr(runner, "_validate", spy)
    return seen


def big_postings(con, n: int, bad_at: list[int]) -> None:
    create_raw_tables(con, [raw_table(*POSTINGS)])
    bad = ", ".join(str(i) for i in bad_at)
    con.execute(f"""
        insert into raw_economy.postings
        select 'P' || i, date '2026-01-01' + (i % 365)::int,
               case when i in ({bad}) then 1999 else 2026 end,
               '5.28.20', 1, '001', '5.2', 'CC1', (i % 1000) - 100,
               case when i in ({bad}) then '6101804321' || (i % 10) else '6101804321' end,
               null, null, date '2026-01-01', date '2026-01-31', 'tekst', 'postings.csv', i + 2
        from range({n}) t(i)""")


def test_chunks_are_streamed_and_counts_aggregate(con, calls):
    bad_at = [10, 2100, 4500, 6000]  # one in each 2048-row chunk (and a third of the fourth)
    big_postings(con, 7000, bad_at)
    result = validate_table(con, *POSTINGS, chunk_rows=2048)
    assert calls == [2048, 2048, 2048, 856]
    assert result.evaluated_rows == 7000
    by_column = {f.column: f for f in result.failures}
    assert set(by_column) == {"fiscal_year", "cpr"}
    assert by_column["fiscal_year"].unexpected_count == len(bad_at)
    assert by_column["cpr"].unexpected_count == len(bad_at)
    assert by_column["fiscal_year"].examples == ["1999"]  # distinct examples only
    assert not result.success


def test_chunk_rows_rounds_up_to_whole_vectors(con, calls):
    big_postings(con, 5000, [4999])
    result = validate_table(con, *POSTINGS, chunk_rows=3000)  # 2 vectors = 4096 rows
    assert calls == [4096, 904]
    assert result.evaluated_rows == 5000
    assert {f.unexpected_count for f in result.failures} == {1}
    assert validate_table(con, *POSTINGS).evaluated_rows == 5000  # one chunk by default


def test_examples_are_capped(con):
    big_postings(con, 3000, list(range(0, 3000, 100)))
    result = validate_table(con, *POSTINGS, chunk_rows=1000)
    cpr = next(f for f in result.failures if f.column == "cpr")
    assert cpr.unexpected_count == 30
    assert 1 <= len(cpr.examples) <= runner.MAX_EXAMPLES


def text_of(result: SuiteResult) -> str:
    return repr(result) + repr(dataclasses.asdict(result))


def test_cpr_examples_are_masked(con):
    key = ("folkeregister", "persons")
    rows = [CLEAN[key][0] | {"cpr": CPR_A + "9"},  # 11 digits: fails the regex
            CLEAN[key][1] | {"current_cpr": "610180-4321"}]  # dashed
    load(con, key, rows)
    result = validate_table(con, *key)
    assert {f.column for f in result.failures} == {"cpr", "current_cpr"}
    text = text_of(result)
    assert "610180-XXXX" in text
    assert "1804321" not in text and "4321" not in text


def test_cpr_like_values_in_other_columns_are_masked(con):
    key = ("cases", "grants")
    load(con, key, [CLEAN[key][0] | {"area": f"child {CPR_A}", "price_unit": "610180-4321"}])
    result = validate_table(con, *key)
    assert {f.column for f in result.failures} == {"area", "price_unit"}
    assert "4321" not in text_of(result)
    assert {e for f in result.failures for e in f.examples} == {
        "child 610180-XXXX", "610180-XXXX"}


def test_date_examples_are_readable(con):
    key = ("cases", "grants")
    load(con, key, [CLEAN[key][0] | {"end_date": dt.date(2025, 12, 31)}])
    (failure,) = validate_table(con, *key).failures
    assert failure.examples == ["(2025-12-31, 2026-01-01)"]


def test_far_future_dates_still_compare(con):
    """9999-12-31 (a common 'open end') is beyond pandas' ns range: the runner keeps the column
    as is and GX still compares it."""
    key = ("folkeregister", "persons")
    load(con, key, [CLEAN[key][0] | {"birth_date": dt.date(9999, 12, 31)}])
    (failure,) = validate_table(con, *key).failures
    assert failure.column == "birth_date" and failure.examples == ["9999-12-31"]


def test_data_docs_page_per_validation_masked_and_the_store_stays_empty(con, tmp_path):
    """The checkpoint's Data Docs page shows every expectation of the whole table (the sums of
    the chunks), with masked examples only; no chunk result stays in GX's results store."""
    big_postings(con, 5000, [10, 4500])
    result = validate_table(con, *POSTINGS, chunk_rows=2048, docs_dir=tmp_path / "docs")
    page = result.docs_page
    assert page is not None and page.is_file() and page.is_relative_to(tmp_path / "docs")
    html = page.read_text(encoding="utf-8")
    assert "610180-XXXX" in html and "61018043210" not in html and "6101804321" not in html
    assert "fiscal_year" in html and "posting_id" in html  # a row per expectation, failed or not
    assert (tmp_path / "docs" / "index.html").is_file()
    for written in (page, tmp_path / "docs" / "index.html"):  # opened offline: nothing fetched from outside
        loads = re.findall(r"<(?:script|link|img)\b[^>]*(?:src|href)\s*=\s*[\"']?((?:https?:)?//[^\"' >]+)",
                           written.read_text(encoding="utf-8"), re.IGNORECASE)
        assert loads == [], written
    assert data_docs.OFFLINE_STYLE in html  # the status marks stay readable without Font Awesome
    assert runner.gx_context().validation_results_store.list_keys() == []


def test_without_docs_dir_no_page_is_built(con):
    big_postings(con, 100, [1])
    assert validate_table(con, *POSTINGS).docs_page is None


def test_pages_of_earlier_runs_stay_until_pruned(con, tmp_path, monkeypatch):
    big_postings(con, 100, [])
    docs = tmp_path / "docs"
    pages = [validate_table(con, *POSTINGS, docs_dir=docs).docs_page for _ in range(3)]
    assert all(p.is_file() for p in pages)  # GX's index cleaning keeps what the site's store has
    monkeypatch.setattr(data_docs, "DOCS_KEPT_PER_TABLE", 2)
    pages.append(validate_table(con, *POSTINGS, docs_dir=docs).docs_page)
    assert [p.is_file() for p in pages] == [False, False, True, True]
    assert "validations/raw_economy/postings" in (docs / "index.html").read_text()


def test_data_docs_templates_are_compiled_once_per_process(con, tmp_path, monkeypatch):
    """GX builds a Jinja environment per page; the site's views share one cache of compiled
    templates, so a second table's page and index compile only what GX builds from strings."""
    import jinja2

    from expectations.data_docs_views import COMPILED_TEMPLATES

    big_postings(con, 100, [])
    monkeypatch.setattr(COMPILED_TEMPLATES, "code", {})  # as in a new process
    compiled: list[str] = []
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    validate_table(con, *POSTINGS, docs_dir=tmp_path / "docs")
    first, compiled[:] = list(compiled), []
    page = validate_table(con, *POSTINGS, docs_dir=tmp_path / "docs").docs_page
    named = [n for n in first if n is not None]  # the template files (GX's strings have no name)
    assert len(set(named)) > 20 and len(COMPILED_TEMPLATES.code) == len(set(named))
    assert [n for n in compiled if n is not None] == [], "no template file compiled again"
    assert "posting_id" in page.read_text(encoding="utf-8")  # and the page is still rendered
