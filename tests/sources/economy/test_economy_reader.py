"""Economy readers: postings and budgets (sources.md, "Economy")."""

from __future__ import annotations

import pandas as pd
import pytest

from sources.economy.reader import READERS, read_budgets, read_postings
from sources.findings import ReadReport, Severity
from sources.raw_tables import raw_table

HEADER = [n for n, _ in raw_table("economy", "postings").columns]
GOOD = {
    "posting_id": "P1", "posting_date": "15.03.2025", "fiscal_year": "2025",
    "function_code": "5.28.20", "dranst": "1", "grouping": "001", "art": "5.2",
    "cost_center": "CC1", "amount": "-1234,56", "cpr": "6101901234", "case_ref": "G1",
    "counterparty_municipality_code": "", "service_period_start": "01.03.2025",
    "service_period_end": "31.03.2025", "text": "Hjælp til ophold, Ærø",
}


def line(**changes) -> str:
    row = {**GOOD, **changes}
    return ";".join(row[c] for c in HEADER)


def write(tmp_path, lines, encoding="utf-8", name="postings_2025.csv"):
    p = tmp_path / name
    p.write_bytes(("\r\n".join([";".join(HEADER), *lines]) + "\r\n").encode(encoding))
    return p


def read(p, **kw):
    report = ReadReport("economy/postings_2025.csv")
    frames = list(read_postings(p, report, relative_name="economy/postings_2025.csv", **kw))
    df = pd.concat(frames, ignore_index=True) if frames else None
    return df, report


@pytest.mark.parametrize("encoding, bom, detected", [
    ("utf-8", "", "utf-8"), ("utf-8", "\ufeff", "utf-8-sig"), ("cp1252", "", "cp1252")])
def test_good_file_in_each_encoding(tmp_path, encoding, bom, detected):
    p = tmp_path / "postings_2025.csv"
    p.write_bytes((bom + ";".join(HEADER) + "\r\n" + line() + "\r\n").encode(encoding))
    df, report = read(p)
    assert report.findings == [] and report.rows_read == 1
    assert list(df.columns) == raw_table("economy", "postings").column_names
    row = df.iloc[0]
    assert row["text"] == "Hjælp til ophold, Ærø"
    assert row["amount"] == "-1234.56"
    assert row["posting_date"] == "2025-03-15" and row["service_period_end"] == "2025-03-31"
    assert row["counterparty_municipality_code"] is None
    assert row["source_file"] == "economy/postings_2025.csv" and row["source_line"] == 2
    assert report.encoding == detected


def test_loads_into_duckdb_with_contract_types(tmp_path):
    import duckdb

    from sources.raw_tables import create_raw_tables
    p = write(tmp_path, [line(), line(posting_id="P2", amount="0,5", cpr="",
                                      counterparty_municipality_code="0101")])
    df, _ = read(p)
    con = duckdb.connect()
    create_raw_tables(con, [raw_table("economy", "postings")])
    con.register("batch", df)
    con.execute("insert into raw_economy.postings select * from batch")
    got = con.execute("select amount, posting_date, fiscal_year, cpr from raw_economy.postings "
                      "order by posting_id").fetchall()
    from datetime import date
    from decimal import Decimal
    assert got == [(Decimal("-1234.56"), date(2025, 3, 15), 2025, "6101901234"),
                   (Decimal("0.50"), date(2025, 3, 15), 2025, None)]


def test_row_errors_name_file_line_field_and_all_are_collected(tmp_path):
    p = write(tmp_path, [
        line(),                                                     # 2 ok
        line(posting_id="P2", posting_date="31.02.2025"),           # 3 bad date
        line(posting_id="P3", amount="1.234,50"),                   # 4 thousands separator
        line(posting_id="P4", amount="12,345"),                     # 5 three decimals
        line(posting_id="P5", counterparty_municipality_code="0999"),  # 6 unknown code
        line(posting_id="P6", service_period_end="28.02.2025"),     # 7 end before start
        line(posting_id="P7", function_code="5.2820", dranst="x"),  # 8 two errors, one row
        line(posting_id="", amount=""),                             # 9 required missing
    ])
    df, report = read(p)
    assert list(df["posting_id"]) == ["P1"]
    rows = report.of(Severity.ROW)
    assert [(f.line, f.field) for f in rows] == [
        (3, "posting_date"), (4, "amount"), (5, "amount"),
        (6, "counterparty_municipality_code"), (7, "service_period_end"),
        (8, "function_code"), (8, "dranst"), (9, "posting_id"), (9, "amount"),
    ]
    assert all(f.file == "economy/postings_2025.csv" for f in rows)
    assert "31.02.2025" in rows[0].reason and "'0999'" in rows[3].reason
    assert report.rows_read == 8 and report.rows_rejected == 7


def test_invalid_cpr_is_masked_in_every_message(tmp_path):
    bad = "3213901234"  # month 13
    p = write(tmp_path, [line(cpr=bad)])
    df, report = read(p)
    assert len(df) == 0
    [f] = report.findings
    assert f.severity is Severity.ROW and f.field == "cpr" and f.line == 2
    assert "321390-XXXX" in f.reason
    for finding in report.findings:
        assert bad not in str(finding) and bad not in repr(finding.as_dict())


def test_quoted_line_break_keeps_following_line_numbers(tmp_path):
    p = write(tmp_path, [line(text='"Første linje\r\nanden linje"'),
                         line(posting_id="P2", posting_date="xx"),
                         line(posting_id="P3", amount="x", text='"a\nb\nc"'),
                         line(posting_id="P4")])
    df, report = read(p)
    assert df.iloc[0]["text"] == "Første linje\r\nanden linje"
    assert list(df["source_line"]) == [2, 8]  # a record's first line
    assert [(f.line, f.field) for f in report.findings] == [(4, "posting_date"), (5, "amount")]
    assert report.rows_read == 4


def test_header_mismatch_is_structural(tmp_path):
    p = tmp_path / "postings_2025.csv"
    wrong = [*HEADER[:-1], "tekst"]
    p.write_text(";".join(wrong) + "\r\n" + line() + "\r\n", encoding="utf-8")
    df, report = read(p)
    assert df is None
    [f] = report.findings
    assert f.severity is Severity.STRUCTURAL and f.file == "economy/postings_2025.csv"
    assert "missing text" in f.reason and "'tekst'" in f.reason


def test_undecodable_is_structural(tmp_path):
    p = tmp_path / "postings_2025.csv"
    p.write_bytes((";".join(HEADER) + "\r\n").encode() + line().encode("cp1252") + b"\x9d\r\n")
    df, report = read(p)
    assert df is None and report.has_structural_errors
    assert "undecodable encoding" in report.findings[0].reason


def test_batches(tmp_path):
    p = write(tmp_path, [line(posting_id=f"P{i}") for i in range(25)])
    report = ReadReport("x")
    frames = list(read_postings(p, report, batch_rows=10))
    assert [len(f) for f in frames] == [10, 10, 5]
    assert list(pd.concat(frames)["source_line"]) == list(range(2, 27))
    assert frames[0]["source_file"].iloc[0] == "postings_2025.csv"  # default: the file name


def test_budgets(tmp_path):
    p = tmp_path / "budgets.csv"
    p.write_text("fiscal_year;function_code;corrected_budget\r\n2025;5.28.20;1000000,50\r\n"
                 "2025;5.28;1\r\n", encoding="utf-8")
    report = ReadReport("economy/budgets.csv")
    [df] = list(read_budgets(p, report))
    assert df.to_dict("records") == [{"fiscal_year": "2025", "function_code": "5.28.20",
                                      "corrected_budget": "1000000.50",
                                      "source_file": "budgets.csv", "source_line": 2}]
    [f] = report.findings
    assert (f.line, f.field) == (3, "function_code")


def test_readers_registry():
    assert READERS == {"postings": read_postings, "budgets": read_budgets}
