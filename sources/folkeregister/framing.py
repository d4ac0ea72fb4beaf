"""Framing of a CPR extract: cutting the file into records and grouping them by record type.

Physical forms (detected from the first chunk by ``is_line_mode``): **line mode** (LF or CR/LF;
``LineFramer``, here) and **stream mode** (records back to back; ``StreamFramer`` in
``stream_framing``). The file is decoded as ISO-8859-1, so one byte is one character and
stream-mode character offsets are byte offsets.

Both modes group a chunk's records by type with one C-level sort instead of a Python loop per
record: a file holds millions of records and only the rare ones (000, 999, cut or unknown)
need a closer look. The records wait in ``pending`` until the reader takes them as a batch.

002 variant in line mode: the file is 002B when any 002 line is longer than 306 (a right-trimmed
002B line can look like a 002 line, so a mix cannot be told apart in line mode and is not an
error there).

The framer reports the structural findings about the file's shape, counts unknown record types
and cut lines (the reader summarises them) and hands 000 and 999 records to its caller.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import BinaryIO

from sources.findings import ReadReport
from sources.folkeregister.layout import (
    END_RECORD,
    RECORD_002B_LENGTH,
    RECORD_LENGTHS,
    RECORD_TABLES,
    START_RECORD,
)

ENCODING = "iso-8859-1"
# The next step that ends every structural finding: a file that cannot be framed cannot be
# repaired here (the delivery is quarantined as a whole), only sent again.
RESEND = "ask the sender for a complete, correct copy of the file and re-deliver it"
MAX_LINE = 1024 * 1024  # a "line" longer than this cannot be a CPR record
_TYPE = itemgetter(slice(0, 3))


def is_line_mode(first: bytes) -> bool:
    """Line mode unless the first chunk has no line break, or its first "line" holds more than
    one record (a stream file that merely ends with a line break)."""
    nl = first.find(b"\n")
    if nl < 0:
        return False
    line = first[:nl].rstrip(b"\r").decode(ENCODING)
    length = RECORD_LENGTHS.get(line[:3])
    return not (length is not None and len(line) > length
                and line[length:length + 3] in RECORD_LENGTHS)


def grouped_by_type(types: list[str]) -> list[tuple[str, list[int]]]:
    """(type, indexes in file order) per type, in type order; a stable sort keeps file order."""
    counts = Counter(types)
    order = sorted(range(len(types)), key=types.__getitem__)
    groups = []
    start = 0
    for t in sorted(counts):
        k = counts[t]
        groups.append((t, order[start:start + k]))
        start += k
    return groups


class RecordFramer:
    """What both modes share: the pending records, the counts, the end-of-file state.

    ``frames(f, first, chunk_bytes)`` (``first``: the chunk already read) yields whenever new
    records are pending. ``on_start_record(record, loc, is_first)`` and
    ``on_end_record(record, loc)`` receive the 000 and 999 records; ``loc`` is the line (line
    mode) or byte offset (stream mode)."""

    line_mode: bool

    def __init__(self, report: ReadReport,
                 on_start_record: Callable[[str, int, bool], None],
                 on_end_record: Callable[[str, int], None]) -> None:
        self.report = report
        self.on_start_record = on_start_record
        self.on_end_record = on_end_record
        self.pending: dict[str, list[str]] = {t: [] for t in RECORD_TABLES}
        self.locs: dict[str, list[int]] = {t: [] for t in RECORD_TABLES}  # source_line
        self.offs: dict[str, list[int]] = {t: [] for t in RECORD_TABLES}  # stream: byte offset
        self.record_no = 0  # records framed (incl. 000/999; excl. blank lines)
        self.records_read = 0  # excluding 000 and 999
        self.unknown: Counter = Counter()
        self.unknown_first: dict[str, int] = {}
        self.cut: Counter = Counter()
        self.cut_first: dict[str, tuple[int, int]] = {}
        self.variant_002: str | None = None
        self.end_seen = False
        self.after_end_reported = False
        self.stopped = False  # a structural finding made the rest of the file unreadable
        # the last record framed, so that "no 999" can say where the file ends
        self.last_type: str | None = None
        self.last_loc: int | None = None
        self.first_type: str | None = None  # and the first, for "no 000 start record"
        self.first_loc: int | None = None

    def where(self, loc: int) -> dict:
        return {"line": loc} if self.line_mode else {"offset": loc}

    # -- handing records on ------------------------------------------------------------------
    def pending_total(self) -> int:
        return sum(map(len, self.pending.values()))

    def take(self, rtype: str) -> tuple[list[str], list[int], list[int] | None]:
        """The pending records of ``rtype``, their source_line values and (stream mode only)
        their byte offsets; they are no longer pending."""
        taken = (self.pending[rtype], self.locs[rtype],
                 None if self.line_mode else self.offs[rtype])
        self.pending[rtype] = []
        self.locs[rtype] = []
        self.offs[rtype] = []
        return taken

    def frames(self, f: BinaryIO, first: bytes, chunk_bytes: int) -> Iterator[None]:
        raise NotImplementedError

    def report_missing_end(self) -> None:
        """The file ended without its 999 end record: say where it ends and what was due."""
        raise NotImplementedError

    def _after_end(self, loc: int) -> None:
        if not self.after_end_reported:
            self.after_end_reported = True
            self.report.structural(
                "records after the 999 end record: the 999 must be the last record, so the "
                f"file is damaged or two files were joined; {RESEND}", **self.where(loc))


class LineFramer(RecordFramer):
    line_mode = True

    def frames(self, f: BinaryIO, first: bytes, chunk_bytes: int) -> Iterator[None]:
        lineno = 0  # lines before the current chunk
        leftover = ""
        chunk = first
        while True:
            text = leftover + chunk.decode(ENCODING) if chunk else leftover
            if "\r" in text:
                text = text.replace("\r\n", "\n")
            lines = text.split("\n")
            if chunk:
                leftover = lines.pop()
                if len(leftover) > MAX_LINE:
                    self.report.structural(
                        f"line longer than {MAX_LINE} characters: not a CPR extract line (the "
                        f"longest record is {RECORD_002B_LENGTH}), so the file is not a CPR "
                        f"extract or is damaged; {RESEND}", line=lineno + len(lines) + 1)
                    self.stopped = True
                    return
            if lines:
                self._take_lines(lines, lineno)
                lineno += len(lines)
                yield
            if not chunk:
                return
            chunk = f.read(chunk_bytes)
            if not chunk and not leftover:
                return

    def _take_lines(self, lines: list[str], base: int) -> None:
        """Group one chunk's lines by record type. ``lines[i]`` is line ``base + i + 1``;
        '\\r' already removed."""
        groups = grouped_by_type(list(map(_TYPE, lines)))
        first_line = base + 1
        end_index = None  # index of a 999 in this chunk
        records_before = self.record_no
        # blank lines are no records; everything else counts (incl. unknown types)
        blank = [i for t, idx in groups if t not in RECORD_LENGTHS for i in idx
                 if not lines[i].strip()]
        blank_set = set(blank)
        self.record_no += len(lines) - len(blank)
        for t, idx in groups:
            length = RECORD_LENGTHS.get(t)
            if length is None:
                for i in idx:
                    if i not in blank_set:
                        self.unknown[t] += 1
                        self.unknown_first.setdefault(t, first_line + i)
                        self.records_read += 1
                continue
            if t == START_RECORD or t == END_RECORD:
                for i in idx:
                    rec = lines[i]
                    if len(rec) > length:
                        self._note_cut(t, first_line + i, len(rec))
                    if t == START_RECORD:
                        is_first = records_before == 0 and all(
                            j in blank_set for j in range(i))
                        self.on_start_record(rec, first_line + i, is_first)
                    else:
                        if end_index is None:
                            end_index = i
                        self.on_end_record(rec, first_line + i)
                        self.end_seen = True
                continue
            recs = list(map(lines.__getitem__, idx))
            self.records_read += len(idx)
            longest = max(map(len, recs))
            if t == "002":
                if longest > length:
                    self.variant_002 = "002B"
                    length = RECORD_002B_LENGTH
                elif self.variant_002 is None:
                    self.variant_002 = "002"
            if longest > length:
                for j, rec in enumerate(recs):
                    if len(rec) > length:
                        self._note_cut(t, first_line + idx[j], len(rec))
                        recs[j] = rec[:length]
            target = self.pending.get(t)
            if target is not None:
                target.extend(recs)
                self.locs[t].extend(map(first_line.__add__, idx))
        for i in range(len(lines) - 1, -1, -1):
            if lines[i].strip():
                self.last_type, self.last_loc = _TYPE(lines[i]), first_line + i
                break
        if self.first_type is None and self.last_type is not None:
            i = next(i for i, line in enumerate(lines) if line.strip())
            self.first_type, self.first_loc = _TYPE(lines[i]), first_line + i
        if self.end_seen and not self.after_end_reported:
            for i in range(0 if end_index is None else end_index + 1, len(lines)):
                if i not in blank_set:
                    self._after_end(first_line + i)
                    break

    def report_missing_end(self) -> None:
        self.report.structural(
            f"truncated file: it ends after line {self.last_loc} (record {self.record_no}, "
            f"type {self.last_type}) without the 999 end record that closes every CPR "
            f"extract; the transfer was probably cut short: {RESEND}", line=self.last_loc)

    def _note_cut(self, t: str, line: int, length: int) -> None:
        self.cut[t] += 1
        self.cut_first.setdefault(t, (line, length))
