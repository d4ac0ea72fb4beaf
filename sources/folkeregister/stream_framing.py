"""Framing of a CPR extract in stream mode: records back to back, no line breaks.

A stream file can only be framed by the record types and their lengths, so anything that
breaks the chain (an unknown type, a record cut off by the end of the file, 002 records of both
variants) is structural and stops the reading: nothing after it can be trusted. Each such
finding names the byte offset where the chain breaks and the record before it, because that is
what someone opening the file in a hex editor needs.

An unknown type right after a 002 record first looks like a 002B (the characters after its
306th are "not a record type"); it is reported as the unknown type it is, not as mixed variants,
when the characters after the 382nd are no record type either.

002 variant (per the spec): a 002 record is a 002B when the 3 characters after its 306th are
not a record type. The file's first 002 fixes the variant for the file.

``source_line`` is the 1-based record number (000 = 1); findings name byte offsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from sources.folkeregister.framing import RESEND, ENCODING, RecordFramer, grouped_by_type
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
                    self._note_last(types, offs, base)
                    if eof and len(buf) - pos < 3:
                        self._cut_off(t, None, len(buf) - pos, base + pos, first_no + len(offs))
                    else:
                        self._unknown_type(t, base + pos, first_no + len(offs))
                    break
                if t == "002":
                    length = self._length_of_002(buf, pos, base, eof, first_no + len(offs))
                    if length is None:
                        break
                if pos + length > len(buf):
                    self._note_last(types, offs, base)
                    self._cut_off(t, length, len(buf) - pos, base + pos, first_no + len(offs))
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
        self._note_last(types, offs, base)
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

    # -- where the chain breaks -----------------------------------------------------------------
    def _note_last(self, types: list[str], offs: list[int], base: int) -> None:
        if offs:
            self.last_type, self.last_loc = types[-1], base + offs[-1]
            if self.first_type is None:
                self.first_type, self.first_loc = types[0], base + offs[0]

    def _after_last(self) -> str:
        if self.last_type is None:
            return "at the start of the file"
        return f"after the {self.last_type} record at byte offset {self.last_loc}"

    def _unknown_type(self, t: str, offset: int, record_no: int, hint: str = "") -> None:
        self.report.structural(
            f"unknown record type {t!r} (record {record_no}, {self._after_last()}){hint}: in "
            f"stream mode a record of unknown length cannot be skipped, so nothing from here on "
            f"can be read. Check that the file is a CPR extract (layout P12170) and not "
            f"damaged, then {RESEND} (in line mode, one record per line, unknown types are "
            f"skipped)", offset=offset)
        self.stopped = True

    def _cut_off(self, t: str, length: int | None, present: int, offset: int,
                 record_no: int) -> None:
        end = offset + present
        if length is None:
            what = (f"the last {present} byte(s) {t!r} are too few even for a record type")
        else:
            what = (f"record {record_no} (type {t}, {length} bytes) starts at byte offset "
                    f"{offset} but only {present} of its bytes are there, {length - present} "
                    f"are missing")
        missing_end = ("the 999 end record itself is cut short" if t == END_RECORD
                       else "the 999 end record never came")
        self.report.structural(
            f"truncated file: it ends at byte offset {end} ({self._after_last()}): {what}; "
            f"{missing_end}. The transfer was probably cut short: {RESEND}", offset=offset)
        self.stopped = True

    def report_missing_end(self) -> None:
        end = self.last_loc + self._length_of(self.last_type)
        self.report.structural(
            f"truncated file: it ends at byte offset {end}, after record {self.record_no} "
            f"(type {self.last_type} at byte offset {self.last_loc}), without the 999 end "
            f"record that closes every CPR extract. The transfer was probably cut short: "
            f"{RESEND}", offset=end)

    def _length_of(self, t: str) -> int:
        return RECORD_002B_LENGTH if t == "002" and self.variant_002 == "002B" \
            else RECORD_LENGTHS[t]

    def _length_of_002(self, buf: str, pos: int, base: int, eof: bool,
                       record_no: int) -> int | None:
        """Length of the 002 record at ``pos`` (the file's variant is fixed by its first 002);
        None when the file cannot be framed from here (reported)."""
        lengths = RECORD_LENGTHS
        after_002 = buf[pos + 306:pos + 309]
        after_002b = buf[pos + 382:pos + 385]
        ends_002 = eof and not buf[pos + 306:].strip(_TRAILING)  # 002 ends the file
        ends_002b = eof and not buf[pos + 382:].strip(_TRAILING)
        # fewer than 3 characters after a 306-byte 002 at the end: a truncated file, not a 002B
        is_b = after_002 not in lengths and not ends_002 and not (eof and len(after_002) < 3)
        if is_b and after_002b not in lengths and not ends_002b \
                and self.variant_002 != "002B":
            # No record type follows either length: not a 002B but whatever follows the 002
            # (an unknown type, or damage), reported where the 002 would end.
            self.last_type, self.last_loc = "002", base + pos
            self._unknown_type(after_002, base + pos + 306, record_no + 1,
                               hint=f"; a 002B would end at byte offset {base + pos + 382}, "
                                    f"but {after_002b!r} there is no record type either")
            return None
        if self.variant_002 is None:
            self.variant_002 = "002B" if is_b else "002"
        elif (self.variant_002 == "002B") != is_b:
            # in a 002B file, a 002 whose characters 307-309 look like a record type is still
            # a 002B when characters 383-385 are one too (or the file ends there)
            if self.variant_002 == "002" or (after_002b and after_002b not in lengths):
                shown = "002B (382 bytes)" if is_b else "002 (306 bytes)"
                file_is = "002 (306 bytes)" if is_b else "002B (382 bytes)"
                self.report.structural(
                    f"002 records of both variants: record {record_no} is a {shown}, but the "
                    f"file's first 002 record made its 002 records {file_is}; in stream mode a "
                    f"file holds one variant only, so it cannot be framed from here. "
                    f"{RESEND[0].upper() + RESEND[1:]}", offset=base + pos)
                self.stopped = True
                return None
        return RECORD_002B_LENGTH if self.variant_002 == "002B" else lengths["002"]
