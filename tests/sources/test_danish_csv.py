"""The Danish CSV dialect: encoding detection, record framing, column kinds."""

from __future__ import annotations

import random

import numpy as np
import pytest

from sources import cpr_numbers
from sources.danish_csv import (
    CPR, DATE, DECIMAL, BOOL, HOUSE_NUMBER, INT, TEXT, Column, CsvFile, CsvStructuralError,
    count_records, detect_encoding, end_before_start, enum, fullmatch_mask, iter_records,
    read_csv, valid_cpr_mask,
)
from sources.findings import ReadReport, Severity
from sources.danish_csv.records import count_plain_records

DANISH = "Ærø Kommune; Søndergade 5; Åbenrå; æøå"


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --- encoding ----------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix, encoding, expected", [
    (b"", "utf-8", "utf-8"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"", "cp1252", "cp1252"),
])
def test_detect_encoding_keeps_danish_letters(tmp_path, prefix, encoding, expected):
    text = f"name;town\r\n\"{DANISH}\";Ærøskøbing\r\n"
    p = write(tmp_path, "f.csv", prefix + text.encode(encoding))
    assert detect_encoding(p) == expected
    records = list(iter_records(p, detect_encoding(p)))
    assert records == [(1, ["name", "town"]), (2, [DANISH, "Ærøskøbing"])]


def test_detect_encoding_streams_across_chunk_boundaries(tmp_path):
    # a multi-byte UTF-8 letter split across two chunks is still valid UTF-8
    data = ("a" * 9 + "æ" * 50).encode("utf-8")
    p = write(tmp_path, "f.csv", data)
    assert detect_encoding(p, chunk_bytes=4) == "utf-8"
    p2 = write(tmp_path, "g.csv", ("a" * 9 + "æ" * 50).encode("cp1252"))
    assert detect_encoding(p2, chunk_bytes=4) == "cp1252"


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_byte_undefined_in_cp1252_is_undecodable_with_offset(tmp_path, byte):
    data = "name\r\nS".encode("cp1252") + b"\xf8" + bytes([byte]) + b"x\r\n"
    p = write(tmp_path, "f.csv", data)
    with pytest.raises(CsvStructuralError) as e:
        detect_encoding(p)
    assert "undecodable encoding" in e.value.reason
    assert e.value.offset == 8
    assert "byte offset 8" in e.value.reason


def test_mixed_utf8_and_cp1252_is_undecodable(tmp_path):
    data = "name\r\nSøren\r\n".encode("utf-8") + "Bjørn\r\n".encode("cp1252")
    p = write(tmp_path, "f.csv", data)
    with pytest.raises(CsvStructuralError, match="undecodable encoding"):
        detect_encoding(p)
    # the same the other way round: cp1252 first, a UTF-8 'æ' later
    data = "name\r\nBjørn\r\n".encode("cp1252") + "Søren\r\n".encode("utf-8")
    p = write(tmp_path, "g.csv", data)
    with pytest.raises(CsvStructuralError, match="mixed encodings"):
        detect_encoding(p)


def test_utf8_euro_then_cp1252_is_undecodable(tmp_path):
    # read as cp1252 alone the UTF-8 '€' (E2 82 AC) would silently become 'â‚¬'
    data = "amount\r\n5 €\r\n".encode("utf-8") + "Bjørn\r\n".encode("cp1252")
    p = write(tmp_path, "f.csv", data)
    with pytest.raises(CsvStructuralError, match="mixed encodings") as e:
        detect_encoding(p)
    assert e.value.offset == data.index(b"\xf8")


def test_bom_with_invalid_utf8_is_undecodable(tmp_path):
    p = write(tmp_path, "f.csv", b"\xef\xbb\xbfname\r\nS\xf8ren\r\n")
    with pytest.raises(CsvStructuralError, match="undecodable encoding"):
        detect_encoding(p)


def test_reader_reports_undecodable_file_as_structural(tmp_path):
    p = write(tmp_path, "f.csv", b"a;b\r\nx;\x81\r\n")
    report = ReadReport("cases/f.csv")
    assert list(read_csv(p, report, CsvFile((Column("a"), Column("b"))))) == []
    [f] = report.of(Severity.STRUCTURAL)
    assert f.file == "cases/f.csv" and "undecodable encoding" in f.reason and f.offset == 7


# --- records -----------------------------------------------------------------------------------

def test_quoted_line_break_is_one_record_and_lines_stay_right(tmp_path):
    p = write(tmp_path, "f.csv",
              b'a;b\r\n1;"two\r\nlines"\r\n2;x\r\n\r\n3;"a ""quote"""\n4;"\n\n"\n5;y\n')
    records = list(iter_records(p, "utf-8"))
    assert records == [
        (1, ["a", "b"]), (2, ["1", "two\r\nlines"]), (4, ["2", "x"]),
        (6, ["3", 'a "quote"']), (7, ["4", "\n\n"]), (10, ["5", "y"]),
    ]
    assert count_records(p) == 5  # header and the blank line excluded


def test_unterminated_quote_is_structural(tmp_path):
    p = write(tmp_path, "f.csv", b'a;b\r\n1;"open\r\n2;x\r\n')
    with pytest.raises(CsvStructuralError, match="malformed CSV"):
        list(iter_records(p, "utf-8"))


# --- kinds -------------------------------------------------------------------------------------

def obj(*values):
    return np.array(values, dtype=object)


def test_decimal_comma_values_exact():
    ok, norm = DECIMAL.check(obj("-1234,56", "0,5", "17", "-0,01", "1234567890123456,99"))
    assert ok.all()
    assert list(norm) == ["-1234.56", "0.5", "17", "-0.01", "1234567890123456.99"]


@pytest.mark.parametrize("bad", ["1.234,50", "1,234", "12,345", "1 234,50", "12.5", "+3", ",5",
                                 "5,", "1e3", "abc", "٣", "12345678901234567"])
def test_decimal_rejects(bad):
    ok, _ = DECIMAL.check(obj("1,00", bad))
    assert list(ok) == [True, False]


def test_date_kind():
    ok, norm = DATE.check(obj("01.02.2025", "29.02.2024", "29.02.2025", "1.2.2025", "2025-02-01",
                              "31.12.9999", "32.01.2025"))
    assert list(ok) == [True, True, False, False, False, True, False]
    assert norm[0] == "2025-02-01" and norm[1] == "2024-02-29" and norm[5] == "9999-12-31"


def test_int_bool_enum_house_number():
    assert list(INT.check(obj("2025", "-1", "1,0", "x", ""))[0]) == [True, True, False, False,
                                                                     False]
    ok, norm = BOOL.check(obj("true", "false", "True", "1"))
    assert list(ok) == [True, True, False, False] and norm[0] is True and norm[1] is False
    assert list(enum("day", "hour").check(obj("day", "week"))[0]) == [True, False]
    ok, norm = HOUSE_NUMBER.check(obj("016", "077A", "5", "12b", "1234", "A"))
    assert list(ok) == [True, True, True, True, False, False]
    assert list(norm[:4]) == ["16", "77A", "5", "12B"]


def test_cpr_kind_matches_scalar_rule():
    rng = random.Random(7)
    values = [f"{rng.randint(0, 99):02d}{rng.randint(0, 13):02d}{rng.randint(0, 99):02d}"
              f"{rng.randint(0, 9999):04d}" for _ in range(20_000)]
    values += ["2902000000", "2902004000", "2902001000", "8902204000", "0101011234"]
    ok, norm = CPR.check(obj(*values))
    assert list(ok) == [cpr_numbers.is_valid(v) for v in values]
    ok, norm = CPR.check(obj("010190-1234", "01019012", "abcdefghij"))
    assert list(ok) == [True, False, False] and norm[0] == "0101901234"


def test_valid_cpr_mask_replacement_numbers():
    assert list(valid_cpr_mask(np.array(["6101901234", "9201901234", "3002901234"]))) == [
        True, False, False]


def test_fullmatch_mask_with_line_break_in_value():
    assert list(fullmatch_mask(obj("12", "1\n2", "x"), r"\d+")) == [True, False, False]


# --- generic file reading ----------------------------------------------------------------------

SPEC = CsvFile(
    (Column("id", TEXT, required=True), Column("start", DATE), Column("end", DATE),
     Column("amount", DECIMAL)),
    (end_before_start("start", "end"),),
)


def test_read_csv_collects_every_error_and_keeps_valid_rows(tmp_path):
    p = write(tmp_path, "x.csv", (
        "id;start;end;amount\r\n"
        "a;01.01.2025;31.01.2025;-1234,56\r\n"
        ";32.01.2025;;1.000,00\r\n"        # 3 errors in one row
        "c;01.02.2025;01.01.2025;1\r\n"    # end before start
        "d;01.01.2025\r\n"                 # field count
        "e;;;\r\n"
    ).encode("utf-8"))
    report = ReadReport("x.csv")
    frames = list(read_csv(p, report, SPEC, relative_name="econ/x.csv", batch_rows=2))
    df = __import__("pandas").concat(frames)
    assert list(df["id"]) == ["a", "e"]
    assert list(df["source_line"]) == [2, 6]
    assert list(df["source_file"]) == ["econ/x.csv"] * 2
    assert df.iloc[0]["amount"] == "-1234.56" and df.iloc[0]["start"] == "2025-01-01"
    assert df.iloc[1]["start"] is None and df.iloc[1]["amount"] is None
    got = [(f.line, f.field) for f in report.of(Severity.ROW)]
    assert got == [(3, "id"), (3, "start"), (3, "amount"), (4, "end"), (5, None)]
    assert report.rows_read == 5 and report.rows_rejected == 3
    assert all(f.file == "x.csv" for f in report.findings)


def test_read_csv_wrong_header_is_structural(tmp_path):
    p = write(tmp_path, "x.csv", b"id;begin;end;amount\r\na;;;\r\n")
    report = ReadReport("x.csv")
    assert list(read_csv(p, report, SPEC)) == []
    [f] = report.findings
    assert f.severity is Severity.STRUCTURAL
    assert "x.csv" in f.reason and "missing start" in f.reason and "'begin'" in f.reason


# --- counting records on the bytes (the manifest's row counts) -----------------------------------

def _csv_count(path, encoding):
    n = -1
    for n, _ in enumerate(iter_records(path, encoding)):
        pass
    return max(n, 0)


@pytest.mark.parametrize("content, records", [
    (b"a;b\n1;x\n2;y\n", 2),
    (b"a;b\r\n1;x\r\n\r\n2;y", 2),                                  # CRLF, a blank line, no last LF
    (b'a;b\n1;"two\nlines"\n\n2;"x; y"\n3;"a\n\nb"\n', 3),           # quoted line breaks and ;
    (b'a;b\n1;"open\n' + b"2 x\n" * 5000 + b'close"\n2;y\n', 2),   # a field over many chunks
], ids=["LF", "CRLF", "quoted", "long field"])
def test_records_counted_on_the_bytes(tmp_path, content, records):
    p = write(tmp_path, "f.csv", content)
    plain = count_plain_records(p, "utf-8", chunk_bytes=64)
    assert plain == records == _csv_count(p, "utf-8")
    assert count_records(p) == records


def test_a_cluster_of_quoted_lines_is_still_counted_on_the_bytes(tmp_path):
    """A posting text in quotes on a fifth of a chunk's lines (the generated postings put them
    together) is counted on the bytes, not handed with the whole file to the csv module."""
    lines = [b"1;plain"] * 800 + [b'2;"Botilbud, vedligehold: faktura"'] * 200
    p = write(tmp_path, "f.csv", b"a;b\n" + b"\n".join(lines) + b"\n")
    assert count_plain_records(p, "utf-8", chunk_bytes=1 << 20) == 1000 == _csv_count(p, "utf-8")


@pytest.mark.parametrize("content", [
    b'a;b\n1;"open\n2;x\n',            # a quote never closed: the csv module says so
    b'a;b\n1;"x"y;z\n',                # a malformed quote
    b"a;b\n1;x\r2;y\n",                # a lone CR ends a line for the csv module
    b"a;b\n1;\x00\n",                  # NUL
    b"a;b\n1;\xe6\n",                  # not UTF-8
], ids=["unclosed", "malformed", "lone CR", "NUL", "not UTF-8"])
def test_files_the_csv_module_must_frame_are_not_counted_on_the_bytes(tmp_path, content):
    p = write(tmp_path, "f.csv", content)
    assert count_plain_records(p, "utf-8", chunk_bytes=8) is None


def test_counts_on_the_bytes_agree_with_the_csv_module(tmp_path):
    """Random files from the characters that decide framing: the count on the bytes is the csv
    module's count, or it leaves the file to the csv module."""
    rng = random.Random(14)
    tokens = [b"a", b"b", "æø".encode(), b";", b'"', b'""', b"\n", b"\r\n", b"\r", b" "]
    taken = 0
    for i in range(3000):
        p = write(tmp_path, f"r{i}.csv", b"h;i\n" + b"".join(rng.choices(tokens, k=rng.randint(0, 40))))
        plain = count_plain_records(p, "utf-8", chunk_bytes=rng.choice([4, 16, 1 << 20]))
        try:
            expected = _csv_count(p, "utf-8")
        except CsvStructuralError:
            assert plain is None, p.read_bytes()
            continue
        if plain is not None:
            taken += 1
            assert plain == expected, p.read_bytes()
    assert taken > 300  # the bytes path is taken, not always left to the csv module
