"""Streaming reader of the CPR-kontoret fixed-width extract (``shared/spec/sources.md``).

``read_cpr_extract`` yields ``(raw table name, DataFrame)`` batches for the record types in
``layout.RECORD_TABLES`` and, last, one ``("extracts", one-row DataFrame)``. Columns are exactly
``raw_table("folkeregister", table).column_names``; all columns are ``object`` dtype holding
Python values (``str``/``None``/``bool``/``int``) except ``source_line`` (int64).

The work is split by role:
- ``framing`` / ``stream_framing``: line mode or stream mode, cutting the file into records,
  002/002B, cut lines.
- ``batches``: per-record-type column plans; a batch of records → a validated DataFrame.
- ``conversion``: the cached date/timestamp/address conversions and CPR-number checks.
- this module: the 000 start and 999 end records, batching, end-of-file checks and the
  ``extracts`` row.

The file is read in chunks and parsed in batches of ``batch_rows`` records: memory stays bounded
whatever the file size (at most about 4 x ``batch_rows`` pending records plus one chunk and
bounded conversion caches).

Findings (``ReadReport``) name the file, the line (line mode) or the byte offset of the record
(stream mode), the field by its **warehouse name** (the raw-table column, e.g. ``birth_date``;
CPR's own name, e.g. ``FOED_DT``, is in the reason text) and the reason. CPR numbers in
messages are always masked (``DDMMYY-XXXX``).

What is what:
- structural (the file is not trusted): no 000 start record or a second one, no 999 end record
  (truncated), records after the 999, stream mode: an unknown record type or a record cut off by
  the end of the file, 002 records of both variants in a stream file, a line-mode line longer
  than 1 MiB. Each says where the file breaks (and, for a truncated file, where it ends and
  what was still due) and ends with the next step: have the file re-sent and re-deliver it.
- row error (record dropped, ``report.rows_rejected``): see ``batches``; also a bad date in
  record 000.
- warning: 999 count differs from the records read, a line longer than its record (cut),
  unknown record types skipped in line mode (one summary per type), a 999 count that is no number.
- info: number of persons (001 records) whose CPR number has no modulus 11 (one summary).

``extracts.record_002_variant`` is None when the file has no 002 record. ``source_line``: line
mode the line number (blank lines count as lines, not as records); stream mode the 1-based
record number (000 = 1).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from sources.findings import ReadReport
from sources.folkeregister.batches import CPR_NAMES, PLANS, BatchBuilder
from sources.folkeregister.conversion import INVALID, compact_date
from sources.folkeregister.framing import (
    ENCODING,
    RESEND,
    LineFramer,
    RecordFramer,
    is_line_mode,
)
from sources.folkeregister.layout import FIELDS, RECORD_002B_LENGTH, RECORD_LENGTHS
from sources.folkeregister.stream_framing import StreamFramer
from sources.raw_tables import raw_table

__all__ = ["read_cpr_extract", "ENCODING"]

# Read at each call (not bound at import), so a test can make chunks small enough that records
# and CR/LF pairs straddle chunk boundaries.
CHUNK_BYTES = 8 * 1024 * 1024


class _Reader:
    def __init__(self, path: Path, report: ReadReport, source_file: str,
                 valid_codes: frozenset[str], batch_rows: int) -> None:
        self.path = path
        self.report = report
        self.source_file = source_file
        self.batch_rows = max(1, batch_rows)
        self.framer: RecordFramer  # chosen by the first chunk (line or stream mode)
        self.builder = BatchBuilder(report, source_file, valid_codes)
        self.start: dict | None = None  # the 000 record's dates; {} when it is misplaced
        self.start_loc: int | None = None
        self.declared_count: int | None = None
        self.end_loc: int | None = None

    # -- the 000 start and 999 end records ---------------------------------------------------
    def start_record(self, rec: str, loc: int, is_first: bool) -> None:
        if self.start is not None or not is_first:
            self.report.structural(
                ("record 000 (start record) is not the first record of the file"
                 if self.start is None else "a second 000 start record")
                + f": the file is damaged or two files were joined; {RESEND}",
                **self.framer.where(loc))
            self.start = self.start or {}  # reported here: not again as "no 000" at the end
            return
        self.start_loc = loc
        values = {}
        bad = False
        for f in FIELDS["000"]:
            raw = rec[f.start - 1: f.start - 1 + f.length]
            v = compact_date(raw)
            if v is INVALID:
                bad = True
                self.report.row_error(
                    f"record 000: {CPR_NAMES[('000', f.name)]} {raw.strip()!r} is not a valid "
                    f"date (yyyyMMdd)", field=f.name, **self.framer.where(loc))
                v = None
            values[f.name] = v
        if bad:
            self.report.rows_rejected += 1
        self.start = values

    def end_record(self, rec: str, loc: int) -> None:
        if self.end_loc is not None:
            self.report.structural(f"a second 999 end record: the file is damaged or two "
                                   f"files were joined; {RESEND}", **self.framer.where(loc))
            return
        self.end_loc = loc
        f = FIELDS["999"][0]
        raw = rec[f.start - 1: f.start - 1 + f.length].strip()
        if raw.isdigit():
            self.declared_count = int(raw)
        else:
            self.report.warning(f"record 999: TAELLER {raw!r} is not a number",
                                field=f.name, **self.framer.where(loc))

    # -- reading -------------------------------------------------------------------------------
    def read(self) -> Iterator[tuple[str, pd.DataFrame]]:
        with open(self.path, "rb") as f:
            first = f.read(CHUNK_BYTES)
            framing = LineFramer if is_line_mode(first) else StreamFramer
            framer = self.framer = framing(self.report, self.start_record, self.end_record)
            for _ in framer.frames(f, first, CHUNK_BYTES):
                yield from self.flush()
        if not framer.stopped:
            if framer.last_type is None:
                self.report.structural(f"empty file: no CPR records at all; {RESEND}")
            else:
                if self.start is None:
                    self.report.structural(
                        f"no 000 start record: the file begins with a {framer.first_type} "
                        f"record, but a CPR extract begins with 000 (production dates); the "
                        f"file is not a whole CPR extract: {RESEND}",
                        **framer.where(framer.first_loc))
                if not framer.end_seen:
                    framer.report_missing_end()
        yield from self.flush(final=True)
        yield "extracts", self.extracts_row()

    def flush(self, final: bool = False) -> Iterator[tuple[str, pd.DataFrame]]:
        """Turn pending records into DataFrames: full batches of a type, or everything."""
        framer, n = self.framer, self.batch_rows
        flush_all = final or framer.pending_total() >= 4 * n
        for rtype, pending in list(framer.pending.items()):
            if not pending or (not flush_all and len(pending) < n):
                continue
            recs, locs, offs = framer.take(rtype)
            for i in range(0, len(recs), n):
                df = self.builder.build(rtype, recs[i:i + n], locs[i:i + n],
                                        None if offs is None else offs[i:i + n])
                if df is not None:
                    yield PLANS[rtype][0], df

    # -- the extracts row ----------------------------------------------------------------------
    def extracts_row(self) -> pd.DataFrame:
        report, framer = self.report, self.framer
        for t, n in sorted(framer.unknown.items()):
            report.warning(f"{n} record(s) of unknown type {t!r} skipped (first at line "
                           f"{framer.unknown_first[t]})", line=framer.unknown_first[t])
            report.skipped[t] += n
        for t, n in sorted(framer.cut.items()):
            line, length = framer.cut_first[t]
            expected = RECORD_002B_LENGTH if t == "002" else RECORD_LENGTHS[t]
            report.warning(f"{n} line(s) of record type {t} longer than {expected} characters "
                           f"were cut to {expected} (first at line {line}: {length} characters)",
                           line=line)
        if self.declared_count is not None and self.declared_count != framer.records_read:
            report.warning(f"record 999 declares {self.declared_count} records but "
                           f"{framer.records_read} were read (000 and 999 excluded)",
                           field="declared_count", **framer.where(self.end_loc))
        without_mod11 = self.builder.persons_without_mod11
        if without_mod11:
            report.info(f"{without_mod11} person record(s) (001) carry a CPR number without "
                        f"modulus 11 (valid: issued since 2007, or replacement numbers)",
                        field="cpr")
        report.rows_read = framer.records_read
        report.encoding = ENCODING
        start = self.start or {}
        row = {
            "production_date": start.get("production_date"),
            "previous_production_date": start.get("previous_production_date"),
            "declared_count": self.declared_count,
            "records_read": framer.records_read,
            "records_skipped": sum(framer.unknown.values()),
            "record_002_variant": framer.variant_002,
            "source_file": self.source_file,
            "source_line": self.start_loc if framer.line_mode or self.start_loc is None else 1,
        }
        cols = raw_table("folkeregister", "extracts").column_names
        return pd.DataFrame([row], columns=cols, dtype=object)


def read_cpr_extract(path: Path, report: ReadReport, *, relative_name: str | None = None,
                     valid_municipality_codes: frozenset[str] | None = None,
                     batch_rows: int = 100_000) -> Iterator[tuple[str, pd.DataFrame]]:
    """Read one CPR extract file; yield ``(raw table, DataFrame)`` batches, ``extracts`` last.

    Findings go to ``report``; the caller decides (``report.has_structural_errors``,
    ``report.rows_rejected``). Rejected records are not yielded. Consume the iterator fully: the
    end-of-file checks (999 present, count) run at the end. A file that cannot be opened is
    one structural finding and yields nothing (not even ``extracts``).
    """
    path = Path(path)
    if valid_municipality_codes is None:
        from sources.reference import valid_current_municipality_codes

        valid_municipality_codes = valid_current_municipality_codes()
    reader = _Reader(path, report, relative_name or path.name,
                     frozenset(valid_municipality_codes), batch_rows)
    try:
        with open(path, "rb"):
            pass
    except OSError as e:
        # e.strerror, not str(e) or the class: "Permission denied", without "PermissionError:"
        # and without the machine's absolute path (the finding names the delivery's file).
        report.structural(f"the file cannot be opened ({e.strerror or 'unreadable'}); make it "
                          f"readable for the service, or {RESEND}")
        return
    yield from reader.read()
