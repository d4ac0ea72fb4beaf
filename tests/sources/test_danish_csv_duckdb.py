"""The DuckDB fast path of a declared CSV file loads exactly what the Python reader loads, and
gives way to it (nothing loaded, nothing reported) wherever it might not be exact."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from sources.danish_csv import read_csv
from sources.danish_csv.duckdb_load import load_with_duckdb
from sources.economy.reader import POSTINGS
from sources.findings import ReadReport
from sources.raw_tables import create_raw_tables, raw_table

TABLE = raw_table("economy", "postings")
HEADER = [n for n, _ in TABLE.columns]
GOOD = {
    "posting_id": "P1", "posting_date": "15.03.2025", "fiscal_year": "2025",
    "function_code": "5.28.20", "dranst": "1", "grouping": "001", "art": "5.2",
    "cost_center": "CC1", "amount": "-1234,56", "cpr": "610190-1234", "case_ref": "G1",
    "counterparty_municipality_code": "", "service_period_start": "01.03.2025",
    "service_period_end": "31.03.2025", "text": "Hjælp til ophold, Ærø",
}


def line(**changes) -> str:
    return ";".join({**GOOD, **changes}[c] for c in HEADER)


def write(tmp_path, lines, encoding="utf-8", sep="\r\n"):
    p = tmp_path / "postings_2025.csv"
    p.write_bytes((sep.join([";".join(HEADER), *lines]) + sep).encode(encoding))
    return p


@pytest.fixture
def con():
    con = duckdb.connect()
    create_raw_tables(con, [TABLE])
    con.execute("begin transaction")  # as the ingest asset loads: in one transaction
    yield con
    con.execute("rollback")
    con.close()


def python_rows(path) -> pd.DataFrame:
    report = ReadReport("economy/postings_2025.csv")
    frames = list(read_csv(path, report, POSTINGS, relative_name="economy/postings_2025.csv"))
    assert not report.findings
    con = duckdb.connect()
    create_raw_tables(con, [TABLE])
    df = pd.concat(frames, ignore_index=True)
    con.register("b", df)
    con.execute(f"insert into {TABLE.qualified_name} select * from b")
    return con.execute(f"select * from {TABLE.qualified_name} order by source_line").fetch_df()


def duckdb_rows(con, path, report=None):
    report = report or ReadReport("economy/postings_2025.csv")
    n = load_with_duckdb(con, path, report, POSTINGS, TABLE.qualified_name,
                         "economy/postings_2025.csv")
    return n, report


@pytest.mark.parametrize("sep", ["\r\n", "\n"])
def test_loads_what_the_python_reader_loads(tmp_path, con, sep):
    lines = [line(), line(posting_id="P2", text='"Vikar; faktura 01/2025"'),
             line(posting_id="P3", text=f'"two{sep}lines"', amount="7"),  # one record, two lines
             line(posting_id="P4", counterparty_municipality_code="0101", cpr="",
                  service_period_start="", text=" spaces kept "),
             line(posting_id="P5", service_period_end="01.03.2025")]
    path = write(tmp_path, lines, sep=sep)
    n, report = duckdb_rows(con, path)
    assert n == 5 and report.rows_read == 5 and not report.findings
    got = con.execute(f"select * from {TABLE.qualified_name} order by source_line").fetch_df()
    want = python_rows(path)
    pd.testing.assert_frame_equal(got, want)
    assert list(got["source_line"]) == [2, 3, 4, 6, 7]


@pytest.mark.parametrize("lines", [
    [line(), line(posting_date="30.02.2025")],  # a bad value: the Python reader reports it
    [line(), line(amount="")],  # a required value missing
    [line(), line(service_period_end="28.02.2025")],  # a row rule
    [line(), line() + ";extra"],  # a field too many
    [line(), "", line()],  # a blank line
    [line(), line(text='say ""hi""')],  # a doubled quote
    [line(), line(text='a"b')],  # a stray quote
    [line(), line(text='"a"b')],  # text after a closing quote
    [line(), line(text="a\x00b")],  # a NUL byte: the csv module refuses it
    [line(), line(text="a\rb")],  # a lone CR among CRLF line ends
    [line(), line(text="x" * 200_000)],  # longer than the csv module's field limit
])
def test_gives_way_where_it_might_not_be_exact(tmp_path, con, lines):
    n, report = duckdb_rows(con, write(tmp_path, lines))
    assert n is None and not report.findings and report.rows_read == 0
    assert con.execute(f"select count(*) from {TABLE.qualified_name}").fetchone()[0] == 0
    con.execute("select 1")  # the caller's transaction is still usable


def test_windows_1252_goes_the_python_way(tmp_path, con):
    n, _ = duckdb_rows(con, write(tmp_path, [line()], encoding="cp1252"))
    assert n is None


def test_missing_file_goes_the_python_way(tmp_path, con):
    n, report = duckdb_rows(con, tmp_path / "nope.csv")
    assert n is None and not report.findings


def test_a_row_rule_is_judged_on_the_combinations_of_its_columns(tmp_path, con):
    """Row rules run on the distinct combinations of the columns they read: a counterparty on
    one row and a CPR number on another is no bad row; both on one row is."""
    from dataclasses import replace

    from sources.danish_csv.declarations import RowRule

    def bad(cols):
        return (cols["counterparty_municipality_code"] != None) & (cols["cpr"] != None)  # noqa: E711

    rule = RowRule("cpr", "a counterparty and a CPR number", bad,
                   reads=("counterparty_municipality_code", "cpr"))
    spec = replace(POSTINGS, rules=(rule,))
    apart = [line(cpr=""), line(posting_id="P2", counterparty_municipality_code="0101", cpr="")]
    n = load_with_duckdb(con, write(tmp_path, apart), ReadReport("x"), spec, TABLE.qualified_name, "x")
    assert n == 2
    together = [line(cpr=""), line(posting_id="P2", counterparty_municipality_code="0101")]
    n = load_with_duckdb(con, write(tmp_path, together), ReadReport("x"), spec, TABLE.qualified_name, "x")
    assert n is None


@pytest.mark.parametrize("most_spanning", [4096, 2, 0])  # the nested CASE, and the window beyond
def test_records_spanning_lines_keep_their_line_numbers(tmp_path, con, monkeypatch, most_spanning):
    monkeypatch.setattr("sources.danish_csv.duckdb_load.MAX_SPANNING_RECORDS", most_spanning)
    texts = ['"first\nrecord"', "plain", '"a\nb\nc"', '"next\nto it"', "plain", "plain",
             '"last\nbut\none"', '"the\nlast"']
    lines = [line(posting_id=f"P{i}", text=t) for i, t in enumerate(texts)]
    path = write(tmp_path, lines, sep="\n")
    n, report = duckdb_rows(con, path)
    assert n == len(texts) and not report.findings
    want = python_rows(path)
    # in file order as loaded (rowid), each on the line the csv module gives it
    got = con.execute(f"select * from {TABLE.qualified_name} order by rowid").fetch_df()
    pd.testing.assert_frame_equal(got, want)
    assert list(got["source_line"]) == [2, 4, 5, 8, 10, 11, 12, 15]
