"""Streaming reader of the CPR-kontoret fixed-width extract (``shared/spec/sources.md``).

``read_cpr_extract`` yields ``(raw table name, DataFrame)`` batches for the record types in
``layout.RECORD_TABLES`` and, last, one ``("extracts", one-row DataFrame)``. Columns are exactly
``raw_table("folkeregister", table).column_names``; all columns are ``object`` dtype holding
Python values (``str``/``None``/``bool``/``int``) except ``source_line`` (int64).

Physical forms (detected from the first chunk): **line mode** (LF or CR/LF; the first line break
lies within the first 4 KiB) and **stream mode** (records back to back). The file is decoded as
ISO-8859-1, so one byte is one character and stream-mode character offsets are byte offsets.
The file is read in chunks and parsed in batches of ``batch_rows`` records: memory stays bounded
whatever the file size.

Findings (``ReadReport``) name the file, the line (line mode) or the byte offset of the record
(stream mode), the field by its **warehouse name** (the raw-table column, e.g. ``birth_date``;
CPR's own name, e.g. ``FOED_DT``, is in the reason text) and the reason. CPR numbers in
messages are always masked (``DDMMYY-XXXX``).

What is what:
- structural (the file is not trusted): no 000 start record or a second one, no 999 end record
  (truncated), records after the 999, stream mode: an unknown record type or a record cut off by
  the end of the file, 002 records of both variants in a stream file, a line-mode line longer
  than 1 MiB.
- row error (record dropped, ``report.rows_rejected``): invalid CPR number in the record's PNR or
  in a non-blank other CPR field (PNRGAELD, AEGTEPNR, child, PNRMOR, PNRFAR; ``0000000000`` counts
  as blank there), a date/timestamp that is not a real date, an unknown municipality code in 002
  KOMKOD (the current municipality; history codes are never checked), an unknown code in STATUS,
  KOEN, CIVST or ANNKOR, an end before its start in 023/029, a bad date in record 000.
- warning: 999 count differs from the records read, a line longer than its record (cut),
  unknown record types skipped in line mode (one summary per type), a 999 count that is no number.
- info: number of persons (001 records) whose CPR number has no modulus 11 (one summary).

023/029 records with ANNKOR ``A`` are dropped before validation (counted in records_read, not
yielded); ``K``, ``Æ`` and blank are kept with ``correction_code``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path

import pandas as pd

from sources.cpr_numbers import has_modulus_11, is_valid
from sources.findings import ReadReport
from sources.folkeregister.addresses import (
    normalise_door,
    normalise_floor,
    normalise_house_number,
)
from sources.folkeregister.layout import (
    END_RECORD,
    FIELDS,
    RECORD_002B_LENGTH,
    RECORD_LENGTHS,
    RECORD_TABLES,
    START_RECORD,
)
from sources.masking import mask_cpr
from sources.raw_tables import raw_table

__all__ = ["read_cpr_extract", "ENCODING"]

ENCODING = "iso-8859-1"
CHUNK_BYTES = 8 * 1024 * 1024
LINE_MODE_PROBE = 4096  # a line break within this many bytes of the start means line mode
MAX_LINE = 1024 * 1024  # a "line" longer than this cannot be a CPR record
CACHE_LIMIT = 200_000  # bound of each conversion cache (dates, timestamps, house numbers …)
_MAX_RECORD = max(max(RECORD_LENGTHS.values()), RECORD_002B_LENGTH)

# CPR's own field names, for the reason texts (the Finding's field is the warehouse name).
CPR_NAMES: dict[tuple[str, str], str] = {
    ("000", "production_date"): "PRODDTO",
    ("000", "previous_production_date"): "PRODDTOFORRIG",
    ("001", "cpr"): "PNR", ("001", "current_cpr"): "PNRGAELD", ("001", "status_code"): "STATUS",
    ("001", "status_start_at"): "STATUSHAENSTART", ("001", "sex"): "KOEN",
    ("001", "birth_date"): "FOED_DT",
    ("002", "municipality_code"): "KOMKOD", ("002", "moved_in_at"): "TILFLYDTO",
    ("002", "moved_to_municipality_at"): "TILFLYKOMDTO",
    ("002", "left_previous_municipality_at"): "FRAFLYKOMDTO",
    ("012", "civil_status_code"): "CIVST", ("012", "spouse_cpr"): "AEGTEPNR",
    ("012", "valid_from_at"): "HAENSTART-CIVILSTAND",
    ("014", "child_cpr"): "child PNR",
    ("015", "mother_cpr"): "PNRMOR", ("015", "father_cpr"): "PNRFAR",
    ("015", "mother_valid_from"): "MOR_DT", ("015", "father_valid_from"): "FAR_DT",
    ("023", "correction_code"): "ANNKOR", ("023", "moved_in_at"): "TILFLYDTO",
    ("023", "moved_out_at"): "FRAFLYDTO",
    ("029", "correction_code"): "ANNKOR", ("029", "civil_status_code"): "CIVST",
    ("029", "spouse_cpr"): "AEGTEPNR", ("029", "valid_from_at"): "HAENSTART",
    ("029", "valid_to_at"): "HAENSLUT",
}

ALLOWED_CODES: dict[str, frozenset] = {
    "status_code": frozenset({"01", "03", "05", "07", "20", "30", "50", "60", "70", "80", "90"}),
    "sex": frozenset({"M", "K", None}),
    "civil_status_code": frozenset({"U", "G", "F", "E", "P", "O", "L", "D", None}),
    "correction_code": frozenset({"K", "Æ", None}),  # "A" records are dropped before this
}
# (end, start) pairs that must not be reversed
END_AFTER_START = {"023": ("moved_out_at", "moved_in_at"), "029": ("valid_to_at", "valid_from_at")}

_BAD = object()  # conversion result of an invalid value (never cached)

# ---------------------------------------------------------------------------------------------
# value conversion (all pure; results cached per raw string)


def _days_in_month(y: int, m: int) -> int:
    if m == 2:
        return 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28
    return 30 if m in (4, 6, 9, 11) else 31


def _ymd(y: str, m: str, d: str):
    """(y, m, d) digit strings → True when a real date."""
    if not (y.isdigit() and m.isdigit() and d.isdigit()):
        return False
    yi, mi, di = int(y), int(m), int(d)
    return yi >= 1 and 1 <= mi <= 12 and 1 <= di <= _days_in_month(yi, mi)


def _conv_date10(raw: str):
    s = raw.ljust(10)
    if not s.strip() or s in ("0000-00-00", "0000000000"):
        return None
    if s[4] == "-" and s[7] == "-" and _ymd(s[0:4], s[5:7], s[8:10]):
        return s
    return _BAD


def _conv_date8(raw: str):
    s = raw.ljust(8)
    if not s.strip() or s == "00000000":
        return None
    if _ymd(s[0:4], s[4:6], s[6:8]):
        return f"{s[0:4]}-{s[4:6]}-{s[6:8]}"
    return _BAD


def _conv_ts12(raw: str):
    s = raw.ljust(12)
    if not s.strip() or s == "000000000000":
        return None
    if _ymd(s[0:4], s[4:6], s[6:8]) and s[8:12].isdigit() and int(s[8:10]) < 24 \
            and int(s[10:12]) < 60:
        return f"{s[0:4]}-{s[4:6]}-{s[6:8]} {s[8:10]}:{s[10:12]}:00"
    return _BAD


_FORMAT = {"date10": "yyyy-MM-dd", "ts12": "yyyyMMddHHmm", "date8": "yyyyMMdd"}
_CONVERTERS = {"date10": _conv_date10, "ts12": _conv_ts12, "date8": _conv_date8,
               "house": normalise_house_number, "floor": normalise_floor,
               "door": normalise_door}
_CACHES: dict[str, dict] = {k: {} for k in _CONVERTERS}


def _convert(raw: list[str], kind: str) -> tuple[list, list[int]]:
    """Convert a column through the cached converter of ``kind``; returns (values, bad indexes)."""
    cache = _CACHES[kind]
    try:
        return list(map(cache.__getitem__, raw)), []
    except KeyError:
        pass
    conv = _CONVERTERS[kind]
    missing = set(raw).difference(cache)
    if len(cache) + len(missing) > CACHE_LIMIT:
        cache.clear()
    bad = set()
    for v in missing:
        r = conv(v)
        if r is _BAD:
            bad.add(v)
        else:
            cache[v] = r
    if not bad:
        return list(map(cache.__getitem__, raw)), []
    get = cache.get
    out = [get(v, _BAD) for v in raw]
    return out, [i for i, v in enumerate(out) if v is _BAD]


# Day-month prefixes of a CPR number valid in every year (day + 60: replacement numbers);
# 29 February needs the century rule and goes the slow way (``cpr_numbers.is_valid``).
_DDMM_ANY = frozenset(
    f"{d + add:02d}{m:02d}"
    for m in range(1, 13)
    for d in range(1, _days_in_month(2001, m) + 1)  # 2001: no 29 February
    for add in (0, 60)
)


def _invalid_cprs(values: list) -> list[int]:
    """Indexes of values that are not valid CPR numbers (None values are skipped)."""
    anyday = _DDMM_ANY
    return [i for i, c in enumerate(values)
            if c is not None and not (c[:4] in anyday and len(c) == 10 and c.isdigit())
            and not is_valid(c)]


# ---------------------------------------------------------------------------------------------
# per-record-type column plans

_TIMESTAMP_SUFFIX = "_at"
_OTHER_CPRS = {"current_cpr", "spouse_cpr", "child_cpr", "mother_cpr", "father_cpr"}
_DATES10 = {"birth_date", "mother_valid_from", "father_valid_from"}


def _kind(rtype: str, name: str) -> str:
    if name == "cpr":
        return "cpr"
    if name in _OTHER_CPRS:
        return "cpr_other"
    if name.endswith("_uncertain"):
        return "flag"
    if name.endswith(_TIMESTAMP_SUFFIX):
        return "ts12"
    if name in _DATES10:
        return "date10"
    if name == "house_number":
        return "house"
    if name == "floor":
        return "floor"
    if name == "door":
        return "door"
    if name in ALLOWED_CODES:
        return "code"
    if name == "municipality_code" and rtype == "002":
        return "municipality_current"
    return "text"


def _plan(rtype: str) -> tuple[str, list[tuple[str, str, int, int]]]:
    table = RECORD_TABLES[rtype]
    fields = {f.name: f for f in FIELDS[rtype]}
    cols = raw_table("folkeregister", table).column_names[:-2]  # without lineage
    plan = []
    for name in cols:
        f = fields[name]  # KeyError here = layout and raw-table contract disagree
        plan.append((name, _kind(rtype, name), f.start - 1, f.start - 1 + f.length))
    return table, plan


PLANS: dict[str, tuple[str, list[tuple[str, str, int, int]]]] = {
    rtype: _plan(rtype) for rtype in RECORD_TABLES
}
_ANNULLABLE = {"023": FIELDS["023"], "029": FIELDS["029"]}
_ANNKOR_POS = {
    rtype: next(f.start - 1 for f in fields if f.name == "correction_code")
    for rtype, fields in _ANNULLABLE.items()
}


# ---------------------------------------------------------------------------------------------


class _Reader:
    def __init__(self, path: Path, report: ReadReport, source_file: str,
                 valid_codes: frozenset[str], batch_rows: int) -> None:
        self.path = path
        self.report = report
        self.source_file = source_file
        self.valid_codes = valid_codes
        self.batch_rows = max(1, batch_rows)
        self.line_mode = True
        self.pending: dict[str, list[str]] = {t: [] for t in RECORD_TABLES}
        self.locs: dict[str, list[int]] = {t: [] for t in RECORD_TABLES}
        self.record_no = 0  # records framed (incl. 000/999; excl. blank lines)
        self.records_read = 0  # excluding 000 and 999
        self.unknown: Counter = Counter()
        self.unknown_first: dict[str, int] = {}
        self.cut: Counter = Counter()
        self.cut_first: dict[str, tuple[int, int]] = {}
        self.seen_002_short = False
        self.variant_002: str | None = None
        self.start: dict | None = None
        self.start_loc: int | None = None
        self.declared_count: int | None = None
        self.end_seen = False
        self.after_end_reported = False
        self.no_mod11 = 0
        self.annulled = 0
        self.stopped = False

    # -- where ---------------------------------------------------------------------------------
    def where(self, loc: int) -> dict:
        return {"line": loc} if self.line_mode else {"offset": loc}

    # -- special records -------------------------------------------------------------------------
    def start_record(self, rec: str, loc: int) -> None:
        if self.start is not None or self.record_no != 1:
            self.report.structural(
                "record 000 (start record) is not the first record of the file"
                if self.start is None else "a second 000 start record", **self.where(loc))
            self.start = self.start or {}
            return
        self.start_loc = loc
        values = {}
        bad = False
        for f in FIELDS["000"]:
            raw = rec[f.start - 1: f.start - 1 + f.length]
            v = _conv_date8(raw)
            if v is _BAD:
                bad = True
                self.report.row_error(
                    f"record 000: {CPR_NAMES[('000', f.name)]} {raw.strip()!r} is not a valid "
                    f"date (yyyyMMdd)", field=f.name, **self.where(loc))
                v = None
            values[f.name] = v
        if bad:
            self.report.rows_rejected += 1
        self.start = values

    def end_record(self, rec: str, loc: int) -> None:
        if self.end_seen:
            self.report.structural("a second 999 end record", **self.where(loc))
            return
        self.end_seen = True
        f = FIELDS["999"][0]
        raw = rec[f.start - 1: f.start - 1 + f.length].strip()
        if raw.isdigit():
            self.declared_count = int(raw)
        else:
            self.report.warning(f"record 999: TAELLER {raw!r} is not a number",
                                field=f.name, **self.where(loc))

    def after_end(self, loc: int) -> None:
        if not self.after_end_reported:
            self.after_end_reported = True
            self.report.structural("records after the 999 end record", **self.where(loc))

    # -- batches --------------------------------------------------------------------------------
    def flush(self, final: bool = False) -> Iterator[tuple[str, pd.DataFrame]]:
        """Turn pending records into DataFrames: full batches of a type, or everything."""
        flush_all = final or sum(map(len, self.pending.values())) >= 4 * self.batch_rows
        for rtype, recs in list(self.pending.items()):
            if not recs or (not flush_all and len(recs) < self.batch_rows):
                continue
            locs = self.locs[rtype]
            for i in range(0, len(recs), self.batch_rows):
                df = self.build(rtype, recs[i:i + self.batch_rows], locs[i:i + self.batch_rows])
                if df is not None:
                    yield PLANS[rtype][0], df
            self.pending[rtype] = []
            self.locs[rtype] = []

    def build(self, rtype: str, recs: list[str], locs: list[int]) -> pd.DataFrame | None:
        report = self.report
        if rtype in _ANNKOR_POS:
            p = _ANNKOR_POS[rtype]
            codes = [r[p:p + 1] for r in recs]
            if "A" in codes:
                keep = [i for i, c in enumerate(codes) if c != "A"]
                self.annulled += len(recs) - len(keep)
                recs = [recs[i] for i in keep]
                locs = [locs[i] for i in keep]
                if not recs:
                    return None
        table, plan = PLANS[rtype]
        data: dict[str, list] = {}
        errors: list[tuple[int, str, str]] = []  # (index, field, reason)
        for name, kind, a, b in plan:
            label = f"record {rtype}: {CPR_NAMES.get((rtype, name), name)}"
            if kind == "flag":
                data[name] = [r[a:a + 1] == "*" for r in recs]
                continue
            raw = list(map(itemgetter(slice(a, b)), recs))
            if kind == "text":
                data[name] = [v.strip() or None for v in raw]
            elif kind in ("ts12", "date10", "house", "floor", "door"):
                values, bad = _convert(raw, kind)
                for i in bad:
                    errors.append((i, name, f"{label} {raw[i].strip()!r} is not a valid "
                                            f"{'date' if kind == 'date10' else 'timestamp'} "
                                            f"({_FORMAT[kind]})"))
                data[name] = values
            elif kind == "cpr":
                bad = _invalid_cprs(raw)
                for i in bad:
                    shown = mask_cpr(raw[i]) if raw[i].strip() else "blank"
                    errors.append((i, name, f"{label} {shown} is not a valid CPR number"))
                data[name] = raw
            elif kind == "cpr_other":
                values = [None if (s := v.strip()) in ("", "0000000000") else s for v in raw]
                for i in _invalid_cprs(values):
                    errors.append((i, name, f"{label} {mask_cpr(values[i])} is not a valid "
                                            f"CPR number"))
                data[name] = values
            elif kind == "code":
                values = [v.strip() or None for v in raw]
                allowed = ALLOWED_CODES[name]
                for i, v in enumerate(values):
                    if v not in allowed:
                        reason = f"{label} {v!r} is not a known code" if v else f"{label} is blank"
                        errors.append((i, name, reason))
                data[name] = values
            elif kind == "municipality_current":
                values = [v.strip() or None for v in raw]
                valid = self.valid_codes
                for i, v in enumerate(values):
                    if v not in valid:
                        reason = (f"{label} {v!r} is not a known current municipality code"
                                  if v else f"{label} is blank")
                        errors.append((i, name, reason))
                data[name] = values
            else:  # pragma: no cover - plans only use the kinds above
                raise AssertionError(kind)
        if rtype in END_AFTER_START:
            end, start = END_AFTER_START[rtype]
            for i, (e, s) in enumerate(zip(data[end], data[start])):
                if e is not None and s is not None and e is not _BAD and s is not _BAD \
                        and e < s:
                    errors.append((i, end, f"record {rtype}: {CPR_NAMES[(rtype, end)]} {e} is "
                                           f"before {CPR_NAMES[(rtype, start)]} {s}"))
        if errors:
            errors.sort(key=itemgetter(0))
            for i, fname, reason in errors:
                report.row_error(reason, field=fname, **self.where(locs[i]))
            rejected = {i for i, _, _ in errors}
            report.rows_rejected += len(rejected)
            keep = [i for i in range(len(recs)) if i not in rejected]
            if not keep:
                return None
            data = {k: [v[i] for i in keep] for k, v in data.items()}
            locs = [locs[i] for i in keep]
        if rtype == "001":
            self.no_mod11 += sum(1 for c in data["cpr"] if not has_modulus_11(c))
        data["source_file"] = [self.source_file] * len(locs)
        data["source_line"] = locs
        df = pd.DataFrame(data, dtype=object)
        df["source_line"] = df["source_line"].astype("int64")
        return df

    # -- framing --------------------------------------------------------------------------------
    def read(self) -> Iterator[tuple[str, pd.DataFrame]]:
        with open(self.path, "rb") as f:
            first = f.read(CHUNK_BYTES)
            nl = first.find(b"\n", 0, LINE_MODE_PROBE)
            self.line_mode = nl >= 0
            if self.line_mode:
                yield from self.read_lines(f, first)
            else:
                yield from self.read_stream(f, first)
        if not self.stopped:
            if self.start is None:
                self.report.structural("no 000 start record: the file does not begin with one"
                                       if self.record_no else "empty file: no records")
            if not self.end_seen:
                self.report.structural("truncated file: no 999 end record")
        yield from self.flush(final=True)
        yield "extracts", self.extracts_row()

    def read_lines(self, f, first: bytes) -> Iterator[tuple[str, pd.DataFrame]]:
        lengths = RECORD_LENGTHS
        pending = self.pending
        locs = self.locs
        lineno = 0
        leftover = ""
        chunk = first
        while True:
            text = leftover + chunk.decode(ENCODING) if chunk else leftover
            lines = text.split("\n")
            if chunk:
                leftover = lines.pop()
                if len(leftover) > MAX_LINE:
                    self.report.structural(
                        f"line {lineno + len(lines) + 1} is longer than {MAX_LINE} characters: "
                        f"not a CPR extract line", line=lineno + len(lines) + 1)
                    self.stopped = True
                    return
            for line in lines:
                lineno += 1
                if line.endswith("\r"):
                    line = line[:-1]
                t = line[:3]
                length = lengths.get(t)
                if length is None:
                    if not line.strip():
                        continue  # blank line: not a record
                    self.record_no += 1
                    if self.end_seen:
                        self.after_end(lineno)
                    self.records_read += 1
                    self.unknown[t] += 1
                    self.unknown_first.setdefault(t, lineno)
                    continue
                self.record_no += 1
                n = len(line)
                if n > length:
                    if t == "002":
                        if self.variant_002 != "002B":
                            self.variant_002 = "002B"
                        length = RECORD_002B_LENGTH
                    if n > length:
                        self.cut[t] += 1
                        self.cut_first.setdefault(t, (lineno, n))
                        line = line[:length]
                elif t == "002" and self.variant_002 is None:
                    self.variant_002 = "002"
                target = pending.get(t)
                if target is not None:
                    if self.end_seen:
                        self.after_end(lineno)
                    target.append(line)
                    locs[t].append(lineno)
                    self.records_read += 1
                elif t == START_RECORD:
                    self.start_record(line, lineno)
                elif t == END_RECORD:
                    self.end_record(line, lineno)
                else:
                    if self.end_seen:
                        self.after_end(lineno)
                    self.records_read += 1
            yield from self.flush()
            if not chunk:
                return
            chunk = f.read(CHUNK_BYTES)
            if not chunk and not leftover:
                return

    def read_stream(self, f, first: bytes) -> Iterator[tuple[str, pd.DataFrame]]:
        lengths = RECORD_LENGTHS
        pending = self.pending
        locs = self.locs
        buf = first.decode(ENCODING)
        base = 0  # file offset of buf[0]
        pos = 0
        eof = len(first) < CHUNK_BYTES
        while True:
            if not eof and len(buf) - pos < 2 * _MAX_RECORD + 3:
                more = f.read(CHUNK_BYTES)
                eof = not more
                base += pos
                buf = buf[pos:] + more.decode(ENCODING)
                pos = 0
                continue
            limit = len(buf) - (0 if eof else _MAX_RECORD + 3)
            while pos < limit:
                t = buf[pos:pos + 3]
                length = lengths.get(t)
                if length is None:
                    rest = buf[pos:]
                    if eof and not rest.strip(" \t\r\n\x1a\x00"):
                        pos = len(buf)  # trailing blanks/newline at the end of the file
                        break
                    self.report.structural(
                        f"unknown record type {t!r} in stream mode: the file cannot be framed "
                        f"from here (record {self.record_no + 1})", offset=base + pos)
                    self.stopped = True
                    return
                if t == "002":
                    is_b = buf[pos + 306:pos + 309] not in lengths
                    if self.variant_002 is None:
                        self.variant_002 = "002B" if is_b else "002"
                    elif (self.variant_002 == "002B") != is_b:
                        nxt_b = buf[pos + 382:pos + 385]
                        if self.variant_002 == "002" or (nxt_b not in lengths and nxt_b):
                            self.report.structural(
                                f"002 records of both variants (file is {self.variant_002}; "
                                f"this one is not): the file cannot be framed",
                                offset=base + pos)
                            self.stopped = True
                            return
                    if self.variant_002 == "002B":
                        length = RECORD_002B_LENGTH
                if pos + length > len(buf):
                    self.report.structural(
                        f"record {self.record_no + 1} of type {t} is cut off by the end of the "
                        f"file ({len(buf) - pos} of {length} characters): truncated file",
                        offset=base + pos)
                    self.stopped = True
                    return
                rec = buf[pos:pos + length]
                self.record_no += 1
                target = pending.get(t)
                if target is not None:
                    if self.end_seen:
                        self.after_end(base + pos)
                    target.append(rec)
                    locs[t].append(self.record_no)
                    self.records_read += 1
                elif t == START_RECORD:
                    self.start_record(rec, base + pos)
                elif t == END_RECORD:
                    self.end_record(rec, base + pos)
                else:
                    if self.end_seen:
                        self.after_end(base + pos)
                    self.records_read += 1
                pos += length
            yield from self.flush()
            if eof and pos >= len(buf):
                return

    # -- the extracts row -----------------------------------------------------------------------
    def extracts_row(self) -> pd.DataFrame:
        report = self.report
        for t, n in sorted(self.unknown.items()):
            report.warning(f"{n} record(s) of unknown type {t!r} skipped (first at line "
                           f"{self.unknown_first[t]})", line=self.unknown_first[t])
            report.skipped[t] += n
        for t, n in sorted(self.cut.items()):
            line, length = self.cut_first[t]
            expected = RECORD_002B_LENGTH if t == "002" else RECORD_LENGTHS[t]
            report.warning(f"{n} line(s) of record type {t} longer than {expected} characters "
                           f"were cut to {expected} (first at line {line}: {length} characters)",
                           line=line)
        if self.declared_count is not None and self.declared_count != self.records_read:
            report.warning(f"record 999 declares {self.declared_count} records but "
                           f"{self.records_read} were read (000 and 999 excluded)",
                           field="declared_count")
        if self.no_mod11:
            report.info(f"{self.no_mod11} person record(s) (001) carry a CPR number without "
                        f"modulus 11 (valid: issued since 2007, or replacement numbers)",
                        field="cpr")
        report.rows_read = self.records_read
        report.encoding = ENCODING
        start = self.start or {}
        row = {
            "production_date": start.get("production_date"),
            "previous_production_date": start.get("previous_production_date"),
            "declared_count": self.declared_count,
            "records_read": self.records_read,
            "records_skipped": sum(self.unknown.values()),
            "record_002_variant": self.variant_002,
            "source_file": self.source_file,
            "source_line": self.start_loc if self.line_mode or self.start_loc is None else 1,
        }
        cols = raw_table("folkeregister", "extracts").column_names
        return pd.DataFrame([row], columns=cols, dtype=object)


def read_cpr_extract(path: Path, report: ReadReport, *, relative_name: str | None = None,
                     valid_municipality_codes: frozenset[str] | None = None,
                     batch_rows: int = 100_000) -> Iterator[tuple[str, pd.DataFrame]]:
    """Read one CPR extract file; yield ``(raw table, DataFrame)`` batches, ``extracts`` last.

    Findings go to ``report``; the caller decides (``report.has_structural_errors``,
    ``report.rows_rejected``). Rejected records are not yielded. Consume the iterator fully: the
    end-of-file checks (999 present, count) run at the end.
    """
    path = Path(path)
    if valid_municipality_codes is None:
        from sources.reference import valid_current_municipality_codes

        valid_municipality_codes = valid_current_municipality_codes()
    reader = _Reader(path, report, relative_name or path.name,
                     frozenset(valid_municipality_codes), batch_rows)
    yield from reader.read()
