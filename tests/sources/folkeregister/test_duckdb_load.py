"""The DuckDB fast path of a CPR extract loads exactly what the Python reader loads (rows, lines,
findings), and gives way to it (nothing loaded, nothing reported) wherever the reader would
report something or where DuckDB might read the bytes differently."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from orchestration.defs.ingest.loading import append_batch
from sources.findings import ReadReport
from sources.folkeregister.duckdb_load import load_cpr_with_duckdb
from sources.folkeregister.layout import format_record
from sources.folkeregister.reader import read_cpr_extract
from sources.generator import generate_delivery
from sources.generator.next_night import write_next_night
from sources.raw_tables import create_raw_tables, tables_of
from sources.reference import valid_current_municipality_codes
from tests.sources.folkeregister import cpr_files as c
from tests.sources.folkeregister.test_reader import FULL, VALID_CODES

TABLES = tables_of("folkeregister")
NAME = "folkeregister/cpr.txt"


def _contents(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    return {t.table: con.execute(f"select * from {t.qualified_name} order by source_line")
            .fetch_df() for t in TABLES}


def python_load(path: Path, codes=VALID_CODES) -> tuple[dict[str, pd.DataFrame], ReadReport]:
    report = ReadReport(file=NAME)
    con = duckdb.connect()
    create_raw_tables(con, TABLES)
    for table, batch in read_cpr_extract(path, report, relative_name=NAME,
                                         valid_municipality_codes=codes):
        append_batch(con, next(t for t in TABLES if t.table == table), batch)
    return _contents(con), report


def fast_load(path: Path, codes=VALID_CODES, *, preserve_insertion_order: bool = True):
    """(rows per table or None, the tables' contents, the report), loaded as the ingest asset
    does: inside the loading transaction."""
    report = ReadReport(file=NAME)
    con = duckdb.connect()
    create_raw_tables(con, TABLES)
    con.execute(f"set preserve_insertion_order = {preserve_insertion_order}")
    con.execute("begin transaction")
    rows = load_cpr_with_duckdb(con, path, report, NAME, codes)
    con.execute("commit")
    assert con.execute("select current_setting('preserve_insertion_order')").fetchone()[0] \
        is preserve_insertion_order, "the connection's setting is given back"
    leftovers = con.execute("select table_name from duckdb_tables() where temporary "
                            "or table_name like 'cpr%'").fetchall()
    assert leftovers == [], "the fast path leaves no table of its own behind"
    return rows, _contents(con), report


def assert_same_as_reader(path: Path, codes=VALID_CODES, **kw) -> dict[str, int]:
    rows, got, report = fast_load(path, codes, **kw)
    assert rows is not None, "the fast path was not taken"
    want, want_report = python_load(path, codes)
    for table in want:
        pd.testing.assert_frame_equal(got[table], want[table], obj=table)
        assert rows[table] == len(want[table]), table
    assert [str(f) for f in report.findings] == [str(f) for f in want_report.findings]
    assert (report.rows_read, report.rows_rejected, report.encoding) == (
        want_report.rows_read, want_report.rows_rejected, want_report.encoding)
    return rows


# --------------------------------------------------------------------------------------------
# taken: the same tables, lines and findings as the reader

RICH = [
    *FULL,
    format_record("004", {}),  # a known type the warehouse does not use: counted, not loaded
    c.person("6101800005", current_cpr="6101800005"),  # no modulus 11: information
    c.address("6101800005", is_002b=True, door="", floor="", house_number="   "),  # 002B
    c.history("6101800005", correction_code="A"),  # annulled: dropped
    c.history("6101800005", correction_code=" ", moved_out_at="000000000000"),
    c.civil_history("6101800005", correction_code="A", valid_to_at="209901010000"),
    c.civil_history("6101800005", spouse_cpr="0000000000", valid_to_at=""),
    format_record("008", {"cpr": "6101800005", "first_names": "Jens\xa0Peter",  # NBSP inside
                          "last_name": "Ølgaard"}),
]


@pytest.mark.parametrize("mode,trim", [("lf", False), ("crlf", False), ("lf", True),
                                       ("crlf", True)])
def test_loads_what_the_reader_loads(tmp_path, mode, trim):
    path = c.write(tmp_path / "cpr.txt", c.extract(RICH), mode, trim=trim)
    rows = assert_same_as_reader(path)
    assert rows["address_history"] == 2 and rows["civil_status_history"] == 2  # A dropped
    _, got, report = fast_load(path)
    # right-trimmed, a 002B line can look like a 002 line (framing.py): the reader says 002 too
    assert got["extracts"].loc[0, "record_002_variant"] == ("002" if trim else "002B")
    assert got["names"]["first_names"].tolist() == ["Søren Åge", "Jens\xa0Peter"]
    assert [f.severity.value for f in report.findings] == ["info"]  # modulus 11


def test_loads_a_generated_status_and_change_extract(tmp_path):
    generate_delivery(tmp_path / "landing", citizens=1500, seed=3,
                      delivery_date=dt.date(2026, 11, 22))
    first = tmp_path / "landing" / "2026-11-22"
    second = write_next_night(first)
    codes = valid_current_municipality_codes()
    status = assert_same_as_reader(first / "folkeregister" / "cpr_extract.txt", codes)
    # the line numbers are row ids: the file's order even where the connection does not keep it
    change = assert_same_as_reader(second / "folkeregister" / "cpr_extract.txt", codes,
                                   preserve_insertion_order=False)
    assert status["persons"] > 1000 and status["address_history"] > 1000
    assert 0 < change["persons"] < status["persons"]


# --------------------------------------------------------------------------------------------
# gives way: nothing loaded, nothing reported, and the reader reads the file

def _lines(records: list[str]) -> list[str]:
    return c.extract(records)


GIVES_WAY = {
    # the reader reports these
    "bad date": _lines([c.person(birth_date="1980-02-30")]),
    "invalid CPR number": _lines([c.person("6113801234")]),
    "invalid spouse": _lines([format_record("012", {"cpr": c.PERSON, "civil_status_code": "G",
                                                    "spouse_cpr": "9999999999"})]),
    "unknown code": _lines([c.person(sex="X")]),
    "blank status": _lines([c.person(status_code="  ")]),
    "unknown current municipality": _lines([c.address(municipality_code="0999")]),
    "end before start": _lines([c.history(moved_in_at="201001010000",
                                          moved_out_at="200001010000")]),
    "line longer than its record": _lines([c.person() + "EXTRA"]),
    "002 longer than 002B": _lines([c.address(is_002b=True) + "X"]),
    "unknown record type": _lines([c.person(), "777" + " " * 30]),
    "999 count differs": c.extract([c.person()], count=5),
    "999 count not a number": [*c.extract([c.person()])[:-1], "999" + " " * 10 + "abcdefgh"],
    "no 999": c.extract([c.person()], with_end=False),
    "no 000": c.extract([c.person()], with_start=False),
    "records after the 999": [*c.extract([c.person()]), c.person()],
    "a second 000": [*c.extract([c.person()])[:1], c.start(), *c.extract([c.person()])[1:]],
    "bad production date": [c.start(prod="20261340"), c.person(), c.end(1)],
    # the reader reads these without a finding, but DuckDB might read them differently
    "blank line": [*c.extract([c.person()])[:1], "", *c.extract([c.person()])[1:]],
    "line of spaces": [*c.extract([c.person()])[:1], "   ", *c.extract([c.person()])[1:]],
    "tab at a field's edge": _lines([format_record("008", {"cpr": c.PERSON,
                                                           "first_names": "Jens\t"})]),
    "NBSP at a field's edge": _lines([format_record("008", {"cpr": c.PERSON,
                                                            "first_names": "\xa0Jens"})]),
    "lone CR in a field": _lines([format_record("008", {"cpr": c.PERSON,
                                                        "first_names": "Jens\rPeter"})]),
    "C1 byte": _lines([format_record("008", {"cpr": c.PERSON, "first_names": "Jens\x85"})]),
    "SOH byte": _lines([format_record("008", {"cpr": c.PERSON, "first_names": "Je\x01ns"})]),
}


@pytest.mark.parametrize("case", list(GIVES_WAY))
def test_gives_way_to_the_reader(tmp_path, case):
    path = c.write(tmp_path / "cpr.txt", GIVES_WAY[case])
    rows, got, report = fast_load(path)
    assert rows is None
    assert all(df.empty for df in got.values())
    assert report.findings == [] and report.rows_read == 0
    want, _ = python_load(path)  # what the ingest then loads instead
    assert not want["extracts"].empty


def test_stream_mode_and_mixed_line_ends_give_way(tmp_path):
    records = c.extract(FULL)
    stream = c.write(tmp_path / "stream.txt", records, "stream")
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(("\r\n".join(records[:3]) + "\n" + "\n".join(records[3:]) + "\n")
                      .encode("iso-8859-1"))
    for path in (stream, mixed):
        rows, got, report = fast_load(path)
        assert rows is None and all(df.empty for df in got.values()) and report.findings == []
        want, _ = python_load(path)
        assert len(want["persons"]) == 1


def test_an_unreadable_or_empty_file_gives_way(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    for path in (empty, missing):
        rows, got, report = fast_load(path)
        assert rows is None and report.findings == []
