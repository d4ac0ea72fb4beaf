"""What a refused CPR extract tells the operator (issue #12, item 7): every structural finding
names the file, where (byte offset in stream mode, line in line mode), what happened, what was
expected, and the next step. These fail when a message loses one of those."""

from __future__ import annotations

from pathlib import Path

import pytest

from sources.findings import ReadReport, Severity
from sources.folkeregister.reader import read_cpr_extract
from tests.sources.folkeregister import cpr_files as c

FILE = "folkeregister/cpr.txt"
NEXT_STEP = "re-deliver"


def structural(path: Path) -> list:
    report = ReadReport(file=FILE)
    list(read_cpr_extract(path, report, relative_name=FILE,
                          valid_municipality_codes=frozenset({"0851", "0101"})))
    return [f for f in report.findings if f.severity is Severity.STRUCTURAL]


def write_raw(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cpr.txt"
    path.write_bytes(text.encode("iso-8859-1"))
    return path


def test_unknown_type_in_stream_mode_names_type_offset_record_and_next_step(tmp_path):
    recs = c.extract([c.person(), "XYZ" + " " * 40, c.address()])
    (s,) = structural(c.write(tmp_path / "cpr.txt", recs, "stream"))
    text = str(s)
    assert text.startswith(f"{FILE}, byte offset 141: unknown record type 'XYZ'")
    assert "record 3" in text and "after the 001 record at byte offset 35" in text
    assert "cannot be skipped" in text and NEXT_STEP in text


@pytest.mark.parametrize("first_002", [True, False])
def test_unknown_type_after_a_002_is_not_reported_as_mixed_variants(tmp_path, first_002):
    # 'XYZ' after a 002 first looks like a 002B's tail; nothing after 382 bytes is a record
    # type either, so it is the unknown type it is (the old message: "002 records of both
    # variants"), at the offset where the 002 ends.
    before = [] if first_002 else [c.address(c.SPOUSE), c.person(c.SPOUSE)]
    recs = c.extract(before + [c.person(), c.address(), "XYZ" + "x" * 100, c.person()])
    path = c.write(tmp_path / "cpr.txt", recs, "stream")
    (s,) = structural(path)
    address_at = 35 + sum(map(len, before)) + 106
    assert s.offset == address_at + 306
    assert "unknown record type 'XYZ'" in s.reason
    assert f"after the 002 record at byte offset {address_at}" in s.reason
    assert "variants" not in s.reason and NEXT_STEP in s.reason


def test_mixed_002_variants_say_which_record_and_which_variant(tmp_path):
    recs = c.extract([c.address(), c.person(), c.address(c.SPOUSE, is_002b=True), c.person()])
    (s,) = structural(c.write(tmp_path / "cpr.txt", recs, "stream"))
    assert str(s).startswith(f"{FILE}, byte offset {35 + 306 + 106}: 002 records of both variants")
    assert "record 4 is a 002B (382 bytes)" in s.reason and "002 (306 bytes)" in s.reason
    assert NEXT_STEP in s.reason


def test_missing_999_in_stream_mode_says_where_the_file_ends(tmp_path):
    recs = c.extract([c.person(), c.address()], with_end=False)
    (s,) = structural(c.write(tmp_path / "cpr.txt", recs, "stream"))
    end = 35 + 106 + 306
    assert str(s).startswith(f"{FILE}, byte offset {end}: truncated file")
    assert f"ends at byte offset {end}" in s.reason
    assert "type 002 at byte offset 141" in s.reason and "999 end record" in s.reason
    assert NEXT_STEP in s.reason


def test_missing_999_in_line_mode_says_the_last_line(tmp_path):
    recs = c.extract([c.person(), c.address()], with_end=False)
    (s,) = structural(c.write(tmp_path / "cpr.txt", recs, "lf"))
    assert str(s).startswith(f"{FILE}, line 3: truncated file")
    assert "ends after line 3" in s.reason and "type 002" in s.reason
    assert "999 end record" in s.reason and NEXT_STEP in s.reason


def test_record_cut_off_names_offset_type_and_missing_bytes(tmp_path):
    text = "".join(c.extract([c.person(), c.address()], with_end=False))[:-100]
    (s,) = structural(write_raw(tmp_path, text))
    assert s.offset == 141 and s.file == FILE
    assert "truncated file: it ends at byte offset 347" in s.reason
    assert "record 3 (type 002, 306 bytes)" in s.reason
    assert "206 of its bytes are there, 100 are missing" in s.reason
    assert NEXT_STEP in s.reason


def test_cut_999_and_a_stub_of_a_record_type_are_truncation(tmp_path):
    full = "".join(c.extract([c.person(), c.address()]))
    (s,) = structural(write_raw(tmp_path, full[:-5]))
    assert s.offset == 447 and "type 999, 21 bytes" in s.reason
    assert "999 end record itself is cut short" in s.reason
    # two bytes of the 999 left after a 002: not a 002B, not an unknown type '99'
    (s,) = structural(write_raw(tmp_path, full[:-19]))
    assert s.offset == 447 and "truncated file: it ends at byte offset 449" in s.reason
    assert "unknown" not in s.reason and "'99'" in s.reason


def test_missing_000_names_the_first_record(tmp_path):
    recs = c.extract([c.person()], with_start=False)
    (s,) = structural(c.write(tmp_path / "cpr.txt", recs, "lf"))
    assert str(s).startswith(f"{FILE}, line 1: no 000 start record")
    assert "begins with a 001 record" in s.reason and NEXT_STEP in s.reason


def test_empty_file_is_one_finding_with_a_next_step(tmp_path):
    (s,) = structural(write_raw(tmp_path, ""))
    assert "empty file" in s.reason and NEXT_STEP in s.reason


@pytest.mark.parametrize("mode", ["lf", "stream"])
def test_records_after_999_say_what_to_do(tmp_path, mode):
    recs = c.extract([c.person()]) + [c.address()]
    (s,) = structural(c.write(tmp_path / "cpr.txt", recs, mode))
    assert "after the 999 end record" in s.reason and NEXT_STEP in s.reason


def test_no_structural_message_starts_with_a_class_name(tmp_path):
    cases = [c.extract([c.person(), "XYZ" + " " * 40]), c.extract([c.person()], with_end=False)]
    for recs in cases:
        for s in structural(c.write(tmp_path / "cpr.txt", recs, "stream")):
            assert not s.reason.split(":")[0].endswith(("Error", "Exception"))


def test_an_unreadable_file_is_a_finding_without_a_class_name(tmp_path):
    (s,) = structural(tmp_path)  # a directory: open() fails
    assert s.file == FILE and s.reason.startswith("the file cannot be opened (")
    assert "Error" not in s.reason and str(tmp_path) not in s.reason
    assert NEXT_STEP in s.reason
