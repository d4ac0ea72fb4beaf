"""Framing of the CPR extract (``framing``, ``stream_framing``), below the reader."""

from __future__ import annotations

import io

from sources.findings import ReadReport
from sources.folkeregister.framing import LineFramer, grouped_by_type, is_line_mode
from sources.folkeregister.stream_framing import StreamFramer
from tests.sources.folkeregister import cpr_files as c


def test_mode_detection():
    recs = c.extract([c.person(), c.address()])
    assert is_line_mode("\n".join(recs).encode("iso-8859-1"))
    assert is_line_mode("\r\n".join(recs).encode("iso-8859-1"))
    assert not is_line_mode("".join(recs).encode("iso-8859-1"))
    # a stream file that merely ends with a line break
    assert not is_line_mode(("".join(recs) + "\n").encode("iso-8859-1"))


def test_grouped_by_type_keeps_file_order():
    assert grouped_by_type(["001", "002", "001", "000"]) == [
        ("000", [3]), ("001", [0, 2]), ("002", [1])]


def frame(framer_class, data: str, chunk_bytes: int):
    starts, ends = [], []
    framer = framer_class(ReadReport(file="f"), lambda r, loc, first: starts.append((loc, first)),
                          lambda r, loc: ends.append(loc))
    f = io.BytesIO(data.encode("iso-8859-1"))
    first = f.read(chunk_bytes)
    yields = sum(1 for _ in framer.frames(f, first, chunk_bytes))
    return framer, starts, ends, yields


def test_line_and_stream_framing_agree():
    recs = c.extract([c.person(), c.address(is_002b=True)] * 30)
    for framer_class, sep in ((LineFramer, "\n"), (StreamFramer, "")):
        framer, starts, ends, yields = frame(framer_class, sep.join(recs) + sep, 1000)
        assert yields > 1  # the chunk size is honoured
        assert starts == [(0 if sep == "" else 1, True)] and len(ends) == 1
        assert framer.records_read == 60 and framer.variant_002 == "002B"
        assert framer.report.findings == []
        persons, locs, offs = framer.take("001")
        assert persons == [c.person()] * 30
        if sep:
            assert locs == list(range(2, 62, 2)) and offs is None
        else:
            assert locs == list(range(2, 62, 2)) and offs[0] == len(recs[0])
        assert framer.take("001") == ([], [], [] if offs is not None else None)


def test_stream_framing_stops_at_an_unknown_type():
    recs = c.extract([c.person()])
    framer, *_ = frame(StreamFramer, recs[0] + c.person() + "XYZ" + c.person(), 1 << 20)
    assert framer.stopped
    (finding,) = framer.report.findings
    assert "unknown record type 'XYZ'" in finding.reason and finding.offset == 35 + 106
