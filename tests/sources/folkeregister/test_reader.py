"""The CPR extract reader against ``shared/spec/sources.md`` (Folkeregister; bad input)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sources.findings import ReadReport, Severity
from sources.folkeregister import reader as reader_module
from sources.folkeregister.layout import RECORD_TABLES, format_record
from sources.folkeregister.reader import read_cpr_extract
from sources.raw_tables import raw_table
from tests.sources.folkeregister import cpr_files as c

VALID_CODES = frozenset({"0851", "0101", "0010", "0957"})


def read(path: Path, **kw) -> tuple[dict[str, pd.DataFrame], ReadReport]:
    report = ReadReport(file=kw.pop("relative_name", None) or path.name)
    kw.setdefault("valid_municipality_codes", VALID_CODES)
    tables: dict[str, list[pd.DataFrame]] = {}
    batches = list(read_cpr_extract(path, report, relative_name=report.file, **kw))
    for name, df in batches:
        assert list(df.columns) == raw_table("folkeregister", name).column_names, name
        tables.setdefault(name, []).append(df)
    assert batches[-1][0] == "extracts" and len(batches[-1][1]) == 1
    assert [n for n, _ in batches].count("extracts") == 1
    return {n: pd.concat(dfs, ignore_index=True) for n, dfs in tables.items()}, report


def rows(tables: dict[str, pd.DataFrame], name: str) -> list[dict]:
    if name not in tables:
        return []
    return tables[name].to_dict("records")


def only(tables, name) -> dict:
    (row,) = rows(tables, name)
    return row


def errors(report: ReadReport, severity: Severity = Severity.ROW):
    return report.of(severity)


# --------------------------------------------------------------------------------------------
# one record of every used type, every used field

FULL = [
    c.person(c.PERSON, current_cpr=c.PERSON, status_code="01", status_start_at="198001011230",
             status_start_uncertain="*", sex="K", birth_date="1980-01-01",
             birth_date_uncertain="*"),
    c.address(c.PERSON, municipality_code="0851", road_code="0042", house_number="016 ",
              floor="01", door="  tv", moved_in_at="201005011200", moved_in_uncertain="*",
              moved_to_municipality_at="200901010000", moved_to_municipality_uncertain=" ",
              previous_municipality_code="0101", left_previous_municipality_at="200812310000"),
    format_record("003", {"cpr": c.PERSON, "standard_address": "Industrivænget 4,1 tv",
                          "postal_code": "9000", "postal_district": "Aalborg Ø"}),
    format_record("008", {"cpr": c.PERSON, "first_names": "Søren Åge",
                          "last_name": "Ærøskøbing-Müller"}),
    format_record("012", {"cpr": c.PERSON, "civil_status_code": "G", "spouse_cpr": c.SPOUSE,
                          "valid_from_at": "200506041500", "valid_from_uncertain": "*"}),
    format_record("014", {"cpr": c.PERSON, "child_cpr": c.CHILD}),
    format_record("015", {"cpr": c.PERSON, "mother_valid_from": "1980-01-01",
                          "mother_cpr": c.MOTHER, "father_valid_from": "1980-02-03",
                          "father_cpr": c.FATHER}),
    c.history(c.PERSON, correction_code="K", municipality_code="0171", road_code="0100",
              house_number="077A", floor="st", door=" 004", moved_in_at="200001010000",
              moved_in_uncertain="*", moved_out_at="201004300000", moved_out_uncertain=" "),
    c.civil_history(c.PERSON, correction_code="Æ", civil_status_code="U", spouse_cpr="",
                    valid_from_at="198001010000", valid_from_uncertain=" ",
                    valid_to_at="200506040000", valid_to_uncertain="*"),
]

EXPECTED = {
    "persons": {"cpr": c.PERSON, "current_cpr": c.PERSON, "status_code": "01",
                "status_start_at": "1980-01-01 12:30:00", "status_start_uncertain": True,
                "sex": "K", "birth_date": "1980-01-01", "birth_date_uncertain": True},
    "current_addresses": {
        "cpr": c.PERSON, "municipality_code": "0851", "road_code": "0042", "house_number": "16",
        "floor": "1", "door": "tv", "moved_in_at": "2010-05-01 12:00:00",
        "moved_in_uncertain": True, "moved_to_municipality_at": "2009-01-01 00:00:00",
        "moved_to_municipality_uncertain": False, "previous_municipality_code": "0101",
        "left_previous_municipality_at": "2008-12-31 00:00:00"},
    "address_texts": {"cpr": c.PERSON, "standard_address": "Industrivænget 4,1 tv",
                      "postal_code": "9000", "postal_district": "Aalborg Ø"},
    "names": {"cpr": c.PERSON, "first_names": "Søren Åge", "last_name": "Ærøskøbing-Müller"},
    "civil_status": {"cpr": c.PERSON, "civil_status_code": "G", "spouse_cpr": c.SPOUSE,
                     "valid_from_at": "2005-06-04 15:00:00", "valid_from_uncertain": True},
    "children": {"cpr": c.PERSON, "child_cpr": c.CHILD},
    "parents": {"cpr": c.PERSON, "mother_cpr": c.MOTHER, "mother_valid_from": "1980-01-01",
                "father_cpr": c.FATHER, "father_valid_from": "1980-02-03"},
    "address_history": {
        "cpr": c.PERSON, "correction_code": "K", "municipality_code": "0171",
        "road_code": "0100", "house_number": "77A", "floor": "st", "door": "4",
        "moved_in_at": "2000-01-01 00:00:00", "moved_in_uncertain": True,
        "moved_out_at": "2010-04-30 00:00:00", "moved_out_uncertain": False},
    "civil_status_history": {
        "cpr": c.PERSON, "correction_code": "Æ", "civil_status_code": "U", "spouse_cpr": None,
        "valid_from_at": "1980-01-01 00:00:00", "valid_from_uncertain": False,
        "valid_to_at": "2005-06-04 00:00:00", "valid_to_uncertain": True},
}

MODES = [("lf", False), ("crlf", False), ("lf", True), ("crlf", True), ("stream", False)]


@pytest.mark.parametrize("mode,trim", MODES, ids=["lf", "crlf", "lf-trimmed", "crlf-trimmed",
                                                  "stream"])
def test_every_used_field_of_every_record_type(tmp_path, mode, trim):
    path = c.write(tmp_path / "cpr.txt", c.extract(FULL), mode, trim=trim)
    tables, report = read(path)
    assert report.findings == [] or all(f.severity is Severity.INFO for f in report.findings)
    assert set(tables) == set(RECORD_TABLES.values()) | {"extracts"}
    for table, expected in EXPECTED.items():
        row = only(tables, table)
        line = row.pop("source_line")
        assert row.pop("source_file") == "cpr.txt"
        assert row == expected, table
        # line mode: the line; stream mode: the record number; both 1-based, 000 is record 1
        assert line == 2 + list(EXPECTED).index(table)
    assert only(tables, "extracts") == {
        "production_date": "2026-11-22", "previous_production_date": "2026-11-21",
        "declared_count": len(FULL), "records_read": len(FULL), "records_skipped": 0,
        "record_002_variant": "002", "source_file": "cpr.txt", "source_line": 1}
    assert report.rows_read == len(FULL) and report.rows_rejected == 0


def test_value_types(tmp_path):
    tables, _ = read(c.write(tmp_path / "f", c.extract(FULL)))
    p = only(tables, "persons")
    assert p["status_start_uncertain"] is True and p["birth_date_uncertain"] is True
    a = only(tables, "current_addresses")
    assert a["moved_to_municipality_uncertain"] is False
    assert only(tables, "civil_status_history")["spouse_cpr"] is None
    e = only(tables, "extracts")
    assert type(e["declared_count"]) is int and type(e["records_read"]) is int


def test_relative_name_is_the_source_file(tmp_path):
    path = c.write(tmp_path / "x.txt", c.extract([c.person()]))
    report = ReadReport(file="folkeregister/x.txt")
    out = dict(read_cpr_extract(path, report, relative_name="folkeregister/x.txt",
                                valid_municipality_codes=VALID_CODES))
    assert out["persons"]["source_file"].tolist() == ["folkeregister/x.txt"]
    assert out["extracts"]["source_file"].tolist() == ["folkeregister/x.txt"]


def test_default_municipality_codes_come_from_the_seed(tmp_path):
    path = c.write(tmp_path / "x.txt", c.extract([c.address(municipality_code="0851"),
                                                  c.address(municipality_code="0010"),
                                                  c.address(municipality_code="0999")]))
    report = ReadReport(file="x.txt")
    out = list(read_cpr_extract(path, report))
    (addresses,) = [df for n, df in out if n == "current_addresses"]
    assert addresses["municipality_code"].tolist() == ["0851", "0010"]
    assert report.rows_rejected == 1


def test_blank_and_zero_dates_are_none(tmp_path):
    recs = [c.person(status_start_at="000000000000", birth_date="0000-00-00"),
            c.address(moved_in_at="", moved_to_municipality_at="000000000000",
                      left_previous_municipality_at="            ")]
    tables, report = read(c.write(tmp_path / "f", c.extract(recs)))
    p, a = only(tables, "persons"), only(tables, "current_addresses")
    assert p["status_start_at"] is None and p["birth_date"] is None
    assert a["moved_in_at"] is None and a["moved_to_municipality_at"] is None
    assert a["left_previous_municipality_at"] is None
    assert report.rows_rejected == 0


# --------------------------------------------------------------------------------------------
# physical forms


def test_line_and_stream_modes_give_the_same_tables(tmp_path):
    recs = c.extract(FULL * 3)
    results = []
    for i, (mode, trim) in enumerate(MODES):
        tables, _ = read(c.write(tmp_path / f"f{i}", recs, mode, trim=trim))
        results.append({n: df.drop(columns="source_file") for n, df in tables.items()})
    for other in results[1:]:
        assert other.keys() == results[0].keys()
        for name in other:
            pd.testing.assert_frame_equal(other[name], results[0][name])


@pytest.mark.parametrize("mode", ["lf", "crlf", "stream"])
def test_chunk_boundaries(tmp_path, monkeypatch, mode):
    """Small chunks: records and CR/LF pairs split across reads must come out whole."""
    recs = c.extract(FULL * 20)
    path = c.write(tmp_path / "f", recs, mode)
    expected, _ = read(path)
    for chunk in (997, 1024, 4099):
        monkeypatch.setattr(reader_module, "CHUNK_BYTES", chunk)
        tables, report = read(path)
        assert report.findings == [] or all(f.severity is Severity.INFO
                                            for f in report.findings)
        for name in expected:
            pd.testing.assert_frame_equal(tables[name], expected[name])


def test_batches_are_bounded(tmp_path):
    recs = c.extract([c.person(), c.address()] * 25)
    path = c.write(tmp_path / "f", recs)
    report = ReadReport(file="f")
    batches = list(read_cpr_extract(path, report, valid_municipality_codes=VALID_CODES,
                                    batch_rows=7))
    assert all(len(df) <= 7 for _, df in batches)
    persons = pd.concat([df for n, df in batches if n == "persons"])
    assert persons["source_line"].tolist() == list(range(2, 52, 2))


def test_crlf_line_numbers_and_blank_lines(tmp_path):
    recs = [c.start(), c.person(), "", c.address(), c.end(2), ""]
    path = tmp_path / "f"
    path.write_bytes("\r\n".join(recs).encode("iso-8859-1"))
    tables, report = read(path)
    assert only(tables, "current_addresses")["source_line"] == 4
    assert report.findings == [] or all(f.severity is Severity.INFO for f in report.findings)


def test_stream_mode_tolerates_a_trailing_newline(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(("".join(c.extract([c.person()] * 30)) + "\n").encode("iso-8859-1"))
    tables, report = read(path)
    assert len(tables["persons"]) == 30
    assert not report.has_structural_errors


def test_long_line_is_cut_with_a_warning(tmp_path):
    long_001 = c.person() + "X" * 16
    path = c.write(tmp_path / "f", c.extract([long_001, c.person(c.SPOUSE) + "Y" * 3]))
    tables, report = read(path)
    assert len(tables["persons"]) == 2
    (w,) = errors(report, Severity.WARNING)
    assert w.line == 2 and "2 line(s)" in w.reason and "106" in w.reason
    assert report.rows_rejected == 0


# --------------------------------------------------------------------------------------------
# 002B


@pytest.mark.parametrize("mode", ["lf", "stream"])
def test_002b_variant(tmp_path, mode):
    recs = c.extract([c.person(), c.address(is_002b=True), c.history(),
                      c.address(c.SPOUSE, is_002b=True, house_number="  3B")])
    tables, report = read(c.write(tmp_path / "f", recs, mode))
    assert not report.has_structural_errors
    addresses = rows(tables, "current_addresses")
    assert [a["house_number"] for a in addresses] == ["16", "3B"]
    assert [a["source_line"] for a in addresses] == [3, 5]
    assert only(tables, "address_history")["source_line"] == 4
    assert only(tables, "extracts")["record_002_variant"] == "002B"


def test_002_variant_of_stream_file(tmp_path):
    tables, _ = read(c.write(tmp_path / "f", c.extract([c.address(), c.person()]), "stream"))
    assert only(tables, "extracts")["record_002_variant"] == "002"
    assert only(tables, "persons")["cpr"] == c.PERSON


def test_no_002_records_no_variant(tmp_path):
    tables, _ = read(c.write(tmp_path / "f", c.extract([c.person()])))
    assert only(tables, "extracts")["record_002_variant"] is None


def test_mixed_002_variants_in_stream_mode_are_structural(tmp_path):
    recs = c.extract([c.address(), c.person(), c.address(c.SPOUSE, is_002b=True), c.person()])
    tables, report = read(c.write(tmp_path / "f", recs, "stream"))
    (s,) = errors(report, Severity.STRUCTURAL)
    assert s.offset == 35 + 306 + 106
    assert "variants" in s.reason


# --------------------------------------------------------------------------------------------
# unknown record types


def test_unknown_type_in_line_mode_is_skipped_and_counted(tmp_path):
    recs = c.extract([c.person(), "XYZ some record", c.address(), "XYZ again", "77"])
    tables, report = read(c.write(tmp_path / "f", recs))
    assert len(tables["persons"]) == 1 and len(tables["current_addresses"]) == 1
    assert report.skipped == {"XYZ": 2, "77": 1}
    assert not report.has_structural_errors and report.rows_rejected == 0
    warnings = errors(report, Severity.WARNING)
    assert {(w.line, "XYZ" in w.reason) for w in warnings} == {(3, True), (6, False)}
    e = only(tables, "extracts")
    assert e["records_skipped"] == 3 and e["records_read"] == 5 and e["declared_count"] == 5


def test_known_unused_types_are_read_not_skipped(tmp_path):
    recs = c.extract([c.person(), format_record("004", {}), format_record("910", {})])
    tables, report = read(c.write(tmp_path / "f", recs, "stream"))
    assert report.skipped == {}
    assert all(f.severity is Severity.INFO for f in report.findings)
    assert only(tables, "extracts")["records_read"] == 3


def test_unknown_type_in_stream_mode_rejects_the_file_with_its_offset(tmp_path):
    recs = c.extract([c.person(), "XYZ" + " " * 40, c.address()])
    tables, report = read(c.write(tmp_path / "f", recs, "stream"))
    (s,) = errors(report, Severity.STRUCTURAL)
    assert s.offset == 35 + 106
    assert "'XYZ'" in s.reason and s.file == "f"
    assert "byte offset 141" in str(s)
    assert "current_addresses" not in tables


# --------------------------------------------------------------------------------------------
# start and end records


@pytest.mark.parametrize("mode", ["lf", "stream"])
def test_missing_999_is_a_truncated_file(tmp_path, mode):
    recs = c.extract([c.person(), c.address()], with_end=False)
    tables, report = read(c.write(tmp_path / "f", recs, mode))
    (s,) = errors(report, Severity.STRUCTURAL)
    assert "truncated" in s.reason
    assert only(tables, "extracts")["declared_count"] is None


def test_stream_record_cut_off_by_end_of_file(tmp_path):
    recs = c.extract([c.person(), c.address()], with_end=False)
    path = tmp_path / "f"
    path.write_bytes("".join(recs)[:-100].encode("iso-8859-1"))
    _, report = read(path)
    structural = errors(report, Severity.STRUCTURAL)
    assert structural[0].offset == 35 + 106 and "truncated" in structural[0].reason


@pytest.mark.parametrize("mode", ["lf", "stream"])
def test_999_count_mismatch_is_a_warning(tmp_path, mode):
    recs = c.extract([c.person(), c.address()], count=1098)
    tables, report = read(c.write(tmp_path / "f", recs, mode))
    assert not report.has_structural_errors and report.rows_rejected == 0
    (w,) = errors(report, Severity.WARNING)
    assert "1098" in w.reason and "2 were read" in w.reason
    assert len(tables["persons"]) == 1
    e = only(tables, "extracts")
    assert e["declared_count"] == 1098 and e["records_read"] == 2


def test_999_count_excludes_000_and_999_and_includes_every_other_record(tmp_path):
    recs = c.extract([c.person(), c.history(correction_code="A"), format_record("004", {}),
                      c.person(cpr="3213801234")])  # annulled, unused and rejected all count
    _, report = read(c.write(tmp_path / "f", recs))
    assert errors(report, Severity.WARNING) == []
    assert report.rows_read == 4


def test_missing_000_is_structural(tmp_path):
    recs = c.extract([c.person()], with_start=False)
    tables, report = read(c.write(tmp_path / "f", recs))
    (s,) = errors(report, Severity.STRUCTURAL)
    assert "000" in s.reason
    assert only(tables, "extracts")["production_date"] is None


def test_000_not_first_is_structural(tmp_path):
    recs = [c.person(), c.start(), c.end(1)]
    _, report = read(c.write(tmp_path / "f", recs))
    (s,) = errors(report, Severity.STRUCTURAL)
    assert s.line == 2 and "000" in s.reason


@pytest.mark.parametrize("mode", ["lf", "stream"])
def test_records_after_999_are_structural(tmp_path, mode):
    recs = c.extract([c.person()]) + [c.address()]
    _, report = read(c.write(tmp_path / "f", recs, mode))
    (s,) = errors(report, Severity.STRUCTURAL)
    assert "after the 999" in s.reason
    assert (s.line == 4) if mode == "lf" else (s.offset == 35 + 106 + 21)


def test_bad_production_date_is_a_row_error(tmp_path):
    recs = [c.start(prod="20261399")] + [c.person(), c.end(1)]
    tables, report = read(c.write(tmp_path / "f", recs))
    (e,) = errors(report)
    assert e.line == 1 and e.field == "production_date" and "20261399" in e.reason
    assert only(tables, "extracts")["production_date"] is None


# --------------------------------------------------------------------------------------------
# annulled and corrected history


def test_annulled_history_is_dropped_and_corrections_kept(tmp_path):
    recs = c.extract([
        c.history(correction_code="A", house_number="001 "),
        c.history(correction_code="K", house_number="002 "),
        c.history(correction_code="Æ", house_number="003 "),
        c.history(correction_code=" ", house_number="004 "),
        c.civil_history(correction_code="A", civil_status_code="F"),
        c.civil_history(correction_code="K", civil_status_code="G"),
        c.civil_history(correction_code=" ", civil_status_code="U", spouse_cpr=""),
        c.history(correction_code="A", moved_in_at="201399999999"),  # annulled: not checked
    ])
    tables, report = read(c.write(tmp_path / "f", recs))
    history = rows(tables, "address_history")
    assert [(h["correction_code"], h["house_number"]) for h in history] == [
        ("K", "2"), ("Æ", "3"), (None, "4")]
    civil = rows(tables, "civil_status_history")
    assert [(h["correction_code"], h["civil_status_code"]) for h in civil] == [
        ("K", "G"), (None, "U")]
    assert report.rows_rejected == 0 and report.rows_read == 8


def test_unknown_correction_code_is_a_row_error(tmp_path):
    tables, report = read(c.write(tmp_path / "f", c.extract([c.history(correction_code="X")])))
    (e,) = errors(report)
    assert e.field == "correction_code" and "ANNKOR" in e.reason
    assert "address_history" not in tables


# --------------------------------------------------------------------------------------------
# CPR numbers

VALID_CPRS = [
    "0101001234",  # digit 7 = 0: 1900
    "3112993234",  # digit 7 = 3: 1999
    "2902004000",  # digit 7 = 4, YY 00 ≤ 36: 2000, a leap year
    "2902369000",  # digit 7 = 9, YY 36: 2036 (leap)
    "2902969000",  # digit 7 = 9, YY 96 > 36: 1896 (leap)
    "2902565000",  # digit 7 = 5, YY 56 ≤ 57: 2056 (leap)
    "2902608000",  # digit 7 = 8, YY 60 ≥ 58: 1860 (leap)
    "0101801235",  # no modulus 11: valid since 2007
    "6101801234",  # day + 60: replacement number
    "8902004000",  # day + 60 on 29 February 2000
    "9112991234",  # day 91 = 31 + 60
]
INVALID_CPRS = [
    "2902001000",  # digit 7 = 1: 1900, no 29 February
    "2902379000",  # digit 7 = 9, YY 37 > 36: 1937, no 29 February
    "2902585000",  # digit 7 = 5, YY 58: 1858, no 29 February
    "3104801234",  # 31 April
    "0113801234",  # month 13
    "0001801234",  # day 0
    "3202801234",  # day 32
    "9201801234",  # day 92 (32 + 60)
    "010180123A",  # not digits
]


def test_cpr_validity_and_century_rules(tmp_path):
    recs = [c.person(cpr, current_cpr="") for cpr in VALID_CPRS + INVALID_CPRS]
    recs.append(format_record("001", {"cpr": "0101801", "status_code": "01"}))  # short
    recs.append(format_record("001", {"status_code": "01"}))  # blank
    tables, report = read(c.write(tmp_path / "f", c.extract(recs)))
    assert tables["persons"]["cpr"].tolist() == VALID_CPRS
    rejected = errors(report)
    assert [e.line for e in rejected] == list(range(2 + len(VALID_CPRS), 2 + len(recs)))
    assert all(e.field == "cpr" and "PNR" in e.reason for e in rejected)
    assert report.rows_rejected == len(INVALID_CPRS) + 2


def test_non_modulus_11_is_information_only(tmp_path):
    assert not __import__("sources.cpr_numbers").cpr_numbers.has_modulus_11("0101801235")
    tables, report = read(c.write(tmp_path / "f", c.extract([c.person("0101801235")])))
    assert only(tables, "persons")["cpr"] == "0101801235"
    assert report.rows_rejected == 0
    (i,) = errors(report, Severity.INFO)
    assert "modulus 11" in i.reason


def test_bad_cpr_is_masked_in_every_finding(tmp_path):
    bad = "3213801234"
    bad_spouse = "3299801234"
    recs = c.extract([c.person(bad, current_cpr=""),
                      format_record("012", {"cpr": c.PERSON, "civil_status_code": "G",
                                            "spouse_cpr": bad_spouse}),
                      c.person(c.PERSON)])
    path = c.write(tmp_path / "f", recs)
    tables, report = read(path)
    first, second = errors(report)
    assert (first.line, first.field) == (2, "cpr")
    assert "321380-XXXX" in first.reason
    assert (second.line, second.field) == (3, "spouse_cpr")
    assert "329980-XXXX" in second.reason
    text = repr([str(f) for f in report.findings]) + repr([f.as_dict() for f in report.findings])
    assert bad not in text and bad_spouse not in text
    assert "civil_status" not in tables
    assert only(tables, "persons")["cpr"] == c.PERSON


@pytest.mark.parametrize("record,field", [
    (lambda v: c.person(current_cpr=v), "current_cpr"),
    (lambda v: format_record("012", {"cpr": c.PERSON, "civil_status_code": "G",
                                     "spouse_cpr": v}), "spouse_cpr"),
    (lambda v: format_record("014", {"cpr": c.PERSON, "child_cpr": v}), "child_cpr"),
    (lambda v: format_record("015", {"cpr": c.PERSON, "mother_cpr": v}), "mother_cpr"),
    (lambda v: format_record("015", {"cpr": c.PERSON, "father_cpr": v}), "father_cpr"),
    (lambda v: c.civil_history(spouse_cpr=v), "spouse_cpr"),
])
def test_other_cpr_fields_are_validated_when_not_blank(tmp_path, record, field):
    recs = c.extract([record("0113801234"), record(""), record("0000000000"),
                      record(c.SPOUSE)])
    tables, report = read(c.write(tmp_path / "f", recs))
    (e,) = errors(report)
    assert (e.line, e.field) == (2, field) and "011380-XXXX" in e.reason
    (table,) = [t for t in tables if t != "extracts"]
    assert tables[table][field].tolist() == [None, None, c.SPOUSE]


# --------------------------------------------------------------------------------------------
# dates, codes, municipality


@pytest.mark.parametrize("mode", ["lf", "stream"])
def test_bad_dates_are_row_errors_naming_line_and_field(tmp_path, mode):
    recs = c.extract([
        c.person(birth_date="2001-13-01"),  # record 2
        c.person(c.SPOUSE),  # record 3, fine
        c.address(moved_in_at="201002301200"),  # record 4: 30 February
        c.address(moved_in_at="201001012400"),  # record 5: hour 24
        format_record("015", {"cpr": c.PERSON, "father_valid_from": "1980/01/01"}),  # 6
        c.history(moved_out_at="2010043"),  # record 7: cut short
    ])
    tables, report = read(c.write(tmp_path / "f", recs, mode))
    found = [(e.line if mode == "lf" else e.offset, e.field) for e in errors(report)]
    if mode == "lf":
        assert sorted(found) == [(2, "birth_date"), (4, "moved_in_at"), (5, "moved_in_at"),
                                 (6, "father_valid_from"), (7, "moved_out_at")]
    else:
        assert sorted(found) == [(35, "birth_date"), (35 + 2 * 106, "moved_in_at"),
                                 (35 + 2 * 106 + 306, "moved_in_at"),
                                 (35 + 2 * 106 + 2 * 306, "father_valid_from"),
                                 (35 + 2 * 106 + 2 * 306 + 147, "moved_out_at")]
    first = [e for e in errors(report) if e.field == "birth_date"][0]
    assert "FOED_DT" in first.reason and "2001-13-01" in first.reason
    assert report.rows_rejected == 5
    assert only(tables, "persons")["cpr"] == c.SPOUSE
    assert set(tables) == {"persons", "extracts"}


def test_every_error_of_a_record_is_reported_once_rejected(tmp_path):
    recs = c.extract([c.person("0113801234", current_cpr="", birth_date="1980-02-30",
                               status_code="99")])
    _, report = read(c.write(tmp_path / "f", recs))
    assert {e.field for e in errors(report)} == {"cpr", "birth_date", "status_code"}
    assert report.rows_rejected == 1


def test_end_before_start_is_a_row_error(tmp_path):
    recs = c.extract([c.history(moved_in_at="201001010000", moved_out_at="200901010000"),
                      c.civil_history(valid_from_at="201001010000",
                                      valid_to_at="200001010000"),
                      c.history(moved_in_at="201001010000", moved_out_at="")])
    tables, report = read(c.write(tmp_path / "f", recs))
    assert [(e.line, e.field) for e in errors(report)] == [(2, "moved_out_at"),
                                                           (3, "valid_to_at")]
    assert len(tables["address_history"]) == 1


@pytest.mark.parametrize("field,value", [("status_code", "99"), ("status_code", ""),
                                         ("sex", "X")])
def test_unknown_codes_are_row_errors(tmp_path, field, value):
    _, report = read(c.write(tmp_path / "f", c.extract([c.person(**{field: value})])))
    (e,) = errors(report)
    assert e.field == field


def test_unknown_current_municipality_is_a_row_error_history_is_not(tmp_path):
    recs = c.extract([
        c.address(municipality_code="0999"),  # unknown in a current field
        c.address(c.SPOUSE, municipality_code="0010"),  # CPR administrative code: fine
        c.address(c.MOTHER, municipality_code="0851", previous_municipality_code="0171"),
        c.history(municipality_code="0171"),  # pre-2007 code in history: fine
        c.history(municipality_code="0999"),  # history is never checked
    ])
    tables, report = read(c.write(tmp_path / "f", recs))
    (e,) = errors(report)
    assert (e.line, e.field) == (2, "municipality_code") and "0999" in e.reason
    assert tables["current_addresses"]["municipality_code"].tolist() == ["0010", "0851"]
    assert tables["current_addresses"]["previous_municipality_code"].tolist() == [
        "0101", "0171"]
    assert tables["address_history"]["municipality_code"].tolist() == ["0171", "0999"]


def test_all_errors_of_a_file_are_collected(tmp_path):
    recs = c.extract([c.person(birth_date="1980-02-30")] * 50 + [c.person()])
    tables, report = read(c.write(tmp_path / "f", recs))
    assert report.rows_rejected == 50
    assert [e.line for e in errors(report)] == list(range(2, 52))
    assert len(tables["persons"]) == 1


# --------------------------------------------------------------------------------------------
# encoding


@pytest.mark.parametrize("mode", ["lf", "stream"])
def test_iso_8859_1_letters_survive(tmp_path, mode):
    recs = c.extract([format_record("008", {"cpr": c.PERSON, "first_names": "Åse Ørnø",
                                            "last_name": "Bæk"})])
    path = c.write(tmp_path / "f", recs, mode)
    assert "Bæk".encode("iso-8859-1") in path.read_bytes()  # one byte per letter
    tables, report = read(path)
    assert only(tables, "names")["first_names"] == "Åse Ørnø"
    assert only(tables, "names")["last_name"] == "Bæk"
    assert report.encoding == "iso-8859-1"


def test_empty_file_is_structural(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"")
    tables, report = read(path)
    assert report.has_structural_errors
    assert only(tables, "extracts")["records_read"] == 0
