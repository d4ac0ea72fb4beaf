"""Framing of a CPR extract in stream mode: records back to back, no line breaks.

A stream file can only be framed by the record types and their lengths, so anything that
breaks the chain (an unknown type, a record cut off by the end of the file, 002 records of both
variants) is structural and stops the reading: nothing after it can be trusted.

002 variant (per the spec): a 002 record is a 002B when the 3 characters after its 306th are
not a record type. The file's first 002 fixes the variant for the file.

``source_line`` is the 1-based record number (000 = 1); findings name byte offsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from sources.folkeregister.framing import ENCODING, RecordFramer, grouped_by_type
from sources.folkeregister.layout import (
    END_RECORD,
    RECORD_002B_LENGTH,
    RECORD_LENGTHS,
    START_RECORD,
)

# types whose length alone frames them (000/999/002 need a closer look)
_FIXED_LENGTHS = {t: n for t, n in RECORD_LENGTHS.items() if t not in ("000", "999", "002")}
_MAX_RECORD = max(max(RECORD_LENGTHS.values()), RECORD_002B_LENGTH)
_TRAILING = " \t\r\n\x1a\x00"  # tolerated after the last record of a stream file


class StreamFramer(RecordFramer):
    line_mode = False

    def frames(self, f: BinaryIO, first: bytes, chunk_bytes: int) -> Iterator[None]:
        buf = first.decode(ENCODING)
        base = 0  # file offset of buf[0]
        pos = 0
        eof = len(first) < chunk_bytes
        while True:
            # keep two records' worth ahead: a 002 needs a look past its end to tell 002B
            if not eof and len(buf) - pos < 2 * _MAX_RECORD + 3:
                more = f.read(chunk_bytes)
                eof = not more
                base += pos
                buf = buf[pos:] + more.decode(ENCODING)
                pos = 0
                continue
            limit = len(buf) - (0 if eof else _MAX_RECORD + 3)
            pos = self._frame_stretch(buf, pos, limit, base, eof)
            yield
            if self.stopped or (eof and pos >= len(buf)):
                return

    def _frame_stretch(self, buf: str, pos: int, limit: int, base: int, eof: bool) -> int:
        """Frame the records starting before ``limit``; returns the position after the last.
        The common path (a type of fixed length) only notes (offset, type); the records are cut
        and grouped per type afterwards at C level."""
        lengths = RECORD_LENGTHS
        fast = _FIXED_LENGTHS
        offs: list[int] = []
        types: list[str] = []
        add_off, add_type = offs.append, types.append
        first_no = self.record_no + 1  # record number of offs[0]
        end_at = None  # index of a 999 in this stretch
        while pos < limit:
            t = buf[pos:pos + 3]
            length = fast.get(t)
            if length is None:
                length = lengths.get(t)
                if length is None:
                    if eof and not buf[pos:].strip(_TRAILING):
                        pos = len(buf)  # trailing blanks/newline at the end of the file
                        break
                    self.report.structural(
                        f"unknown record type {t!r} in stream mode: the file cannot be framed "
                        f"from here (record {first_no + len(offs)})", offset=base + pos)
                    self.stopped = True
                    break
                if t == "002":
                    length = self._length_of_002(buf, pos, base, eof, first_no + len(offs))
                    if length is None:
                        break
                if pos + length > len(buf):
                    self.report.structural(
                        f"record {first_no + len(offs)} of type {t} is cut off by the end of "
                        f"the file ({len(buf) - pos} of {length} characters): truncated file",
                        offset=base + pos)
                    self.stopped = True
                    break
                if t == START_RECORD:
                    self.on_start_record(buf[pos:pos + length], base + pos,
                                         first_no + len(offs) == 1)
                elif t == END_RECORD:
                    if end_at is None:
                        end_at = len(offs)
                    self.on_end_record(buf[pos:pos + length], base + pos)
                    self.end_seen = True
            add_off(pos)
            add_type(t)
            pos += length
        if not offs:
            return pos
        self.record_no += len(offs)
        for t, idx in grouped_by_type(types):
            if t == START_RECORD or t == END_RECORD:
                continue
            self.records_read += len(idx)
            target = self.pending.get(t)
            if target is None:
                continue
            length = RECORD_002B_LENGTH if t == "002" and self.variant_002 == "002B" \
                else lengths[t]
            target.extend([buf[p:p + length] for p in map(offs.__getitem__, idx)])
            self.locs[t].extend(map(first_no.__add__, idx))
            self.offs[t].extend(map(base.__add__, map(offs.__getitem__, idx)))
        if self.end_seen and not self.after_end_reported:
            after = 0 if end_at is None else end_at + 1
            if after < len(offs):
                self._after_end(base + offs[after])
        return pos

    def _length_of_002(self, buf: str, pos: int, base: int, eof: bool,
                       record_no: int) -> int | None:
        """Length of the 002 record at ``pos`` (the file's variant is fixed by its first 002);
        None when the variants are mixed and the file cannot be framed."""
        lengths = RECORD_LENGTHS
        is_b = buf[pos + 306:pos + 309] not in lengths and not (
            eof and not buf[pos + 306:].strip(_TRAILING))  # 002 ends the file
        if self.variant_002 is None:
            self.variant_002 = "002B" if is_b else "002"
        elif (self.variant_002 == "002B") != is_b:
            # in a 002B file, a 002 whose characters 307-309 look like a record type is still
            # a 002B when characters 383-385 are one too (or the file ends there)
            nxt_b = buf[pos + 382:pos + 385]
            if self.variant_002 == "002" or (nxt_b and nxt_b not in lengths):
                self.report.structural(
                    f"002 records of both variants (the file's are "
                    f"{self.variant_002}, record {record_no} is not): "
                    f"the file cannot be framed", offset=base + pos)
                self.stopped = True
                return None
        return RECORD_002B_LENGTH if self.variant_002 == "002B" else lengths["002"]
