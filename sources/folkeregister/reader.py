"""Streaming reader of the CPR-kontoret fixed-width extract (``shared/spec/sources.md``).

``read_cpr_extract`` yields ``(raw table name, DataFrame)`` batches for the record types in
``layout.RECORD_TABLES`` and, last, one ``("extracts", one-row DataFrame)``. Columns are exactly
``raw_table("folkeregister", table).column_names``; all columns are ``object`` dtype holding
Python values (``str``/``None``/``bool``/``int``) except ``source_line`` (int64).

Physical forms (detected from the first chunk): **line mode** (LF or CR/LF) and **stream mode**
(records back to back: no line break in the first chunk, or the first line holds more than one
record, i.e. a stream file that ends with a line break). The file is decoded as
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

002 variant: stream mode per the spec (the 3 characters after the 306th are not a record type);
line mode: the file is 002B when any 002 line is longer than 306 (a right-trimmed 002B line can
look like a 002 line, so a mix cannot be told apart in line mode and is not an error there).
``extracts.record_002_variant`` is None when the file has no 002 record.

``source_line``: line mode the line number (blank lines count as lines, not as records); stream
mode the 1-based record number (000 = 1). Memory: at most about 4 x ``batch_rows`` pending
records plus one 8 MiB chunk and bounded conversion caches.

023/029 records with ANNKOR ``A`` are dropped before validation (counted in records_read, not
yielded); ``K``, ``Æ`` and blank are kept with ``correction_code``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import count
from operator import itemgetter
from pathlib import Path

import pandas as pd

from sources.cpr_numbers import is_valid
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
MAX_LINE = 1024 * 1024  # a "line" longer than this cannot be a CPR record
CACHE_LIMIT = 200_000  # bound of each conversion cache (dates, timestamps, house numbers …)
# types whose length alone frames them (000/999/002 need a closer look)
_FIXED_LENGTHS = {t: n for t, n in RECORD_LENGTHS.items() if t not in ("000", "999", "002")}
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
_TYPE = itemgetter(slice(0, 3))
_TRAILING = " \t\r\n\x1a\x00"  # tolerated after the last record of a stream file
_STAR = "*".__eq__

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


_DDMM = itemgetter(slice(0, 4))


def _invalid_cprs(values: list) -> list[int]:
    """Indexes of values that are not valid CPR numbers (None values are skipped)."""
    anyday = _DDMM_ANY
    if None not in values:  # fast path, all at C level: 10 digits each, day-month of any year
        joined = "".join(values)
        if len(joined) == 10 * len(values) and joined.isdigit() \
                and all(map(anyday.__contains__, map(_DDMM, values))):
            return []
    return [i for i, c in enumerate(values)
            if c is not None and not (c[:4] in anyday and len(c) == 10 and c.isdigit())
            and not is_valid(c)]


_MOD11_TABLES = tuple(
    {f"{a}{b}": (int(a) * w1 + int(b) * w2) for a in "0123456789" for b in "0123456789"}
    for w1, w2 in ((4, 3), (2, 7), (6, 5), (4, 3), (2, 1))
)


def _count_without_modulus_11(cprs: list[str]) -> int:
    """How many (valid, 10-digit) numbers fail modulus 11 (``cpr_numbers.has_modulus_11``)."""
    t0, t1, t2, t3, t4 = _MOD11_TABLES
    return sum(1 for c in cprs
               if (t0[c[0:2]] + t1[c[2:4]] + t2[c[4:6]] + t3[c[6:8]] + t4[c[8:10]]) % 11)


def _stripped(raw: list[str]) -> list[str | None]:
    values = list(map(str.strip, raw))
    if "" in values:
        return [v or None for v in values]
    return values


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


def _is_line_mode(first: bytes) -> bool:
    """Line mode unless the first chunk has no line break, or its first "line" holds more than
    one record (a stream file that merely ends with a line break)."""
    nl = first.find(b"\n")
    if nl < 0:
        return False
    line = first[:nl].rstrip(b"\r").decode(ENCODING)
    length = RECORD_LENGTHS.get(line[:3])
    return not (length is not None and len(line) > length
                and line[length:length + 3] in RECORD_LENGTHS)


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
        self.locs: dict[str, list[int]] = {t: [] for t in RECORD_TABLES}  # source_line
        self.offs: dict[str, list[int]] = {t: [] for t in RECORD_TABLES}  # stream: byte offset
        self.record_no = 0  # records framed (incl. 000/999; excl. blank lines)
        self.records_read = 0  # excluding 000 and 999
        self.unknown: Counter = Counter()
        self.unknown_first: dict[str, int] = {}
        self.cut: Counter = Counter()
        self.cut_first: dict[str, tuple[int, int]] = {}
        self.variant_002: str | None = None
        self.start: dict | None = None
        self.start_loc: int | None = None
        self.declared_count: int | None = None
        self.end_seen = False
        self.end_loc: int | None = None
        self.after_end_reported = False
        self.no_mod11 = 0
        self.annulled = 0  # 023/029 records with ANNKOR A (dropped)
        self.stopped = False

    # -- where ---------------------------------------------------------------------------------
    def where(self, loc: int) -> dict:
        return {"line": loc} if self.line_mode else {"offset": loc}

    # -- special records -------------------------------------------------------------------------
    def start_record(self, rec: str, loc: int, is_first: bool) -> None:
        if self.start is not None or not is_first:
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
        self.end_loc = loc
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
            locs, offs, n = self.locs[rtype], self.offs[rtype], self.batch_rows
            for i in range(0, len(recs), n):
                df = self.build(rtype, recs[i:i + n], locs[i:i + n],
                                None if self.line_mode else offs[i:i + n])
                if df is not None:
                    yield PLANS[rtype][0], df
            self.pending[rtype] = []
            self.locs[rtype] = []
            self.offs[rtype] = []

    def build(self, rtype: str, recs: list[str], locs: list[int],
              offs: list[int] | None) -> pd.DataFrame | None:
        """One DataFrame of ``rtype`` records; ``locs`` are their source_line values, ``offs``
        their byte offsets (stream mode; findings name offsets there)."""
        report = self.report
        if rtype in _ANNKOR_POS:
            p = _ANNKOR_POS[rtype]
            codes = [r[p:p + 1] for r in recs]
            if "A" in codes:
                keep = [i for i, c in enumerate(codes) if c != "A"]
                self.annulled += len(recs) - len(keep)
                recs = [recs[i] for i in keep]
                locs = [locs[i] for i in keep]
                if offs is not None:
                    offs = [offs[i] for i in keep]
                if not recs:
                    return None
        table, plan = PLANS[rtype]
        data: dict[str, list] = {}
        errors: list[tuple[int, str, str]] = []  # (index, field, reason)
        for name, kind, a, b in plan:
            label = f"record {rtype}: {CPR_NAMES.get((rtype, name), name)}"
            if kind == "flag":
                data[name] = list(map(_STAR, map(itemgetter(slice(a, a + 1)), recs)))
                continue
            raw = list(map(itemgetter(slice(a, b)), recs))
            if kind == "text":
                data[name] = _stripped(raw)
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
                values = _stripped(raw)
                if "0000000000" in values:
                    values = [None if v == "0000000000" else v for v in values]
                for i in _invalid_cprs(values):
                    errors.append((i, name, f"{label} {mask_cpr(values[i])} is not a valid "
                                            f"CPR number"))
                data[name] = values
            elif kind == "code":
                values = _stripped(raw)
                allowed = ALLOWED_CODES[name]
                for i, v in ([] if allowed.issuperset(values) else enumerate(values)):
                    if v not in allowed:
                        reason = f"{label} {v!r} is not a known code" if v else f"{label} is blank"
                        errors.append((i, name, reason))
                data[name] = values
            elif kind == "municipality_current":
                values = _stripped(raw)
                valid = self.valid_codes
                for i, v in ([] if valid.issuperset(values) else enumerate(values)):
                    if v not in valid:
                        reason = (f"{label} {v!r} is not a known current municipality code"
                                  if v else f"{label} is blank")
                        errors.append((i, name, reason))
                data[name] = values
            else:  # pragma: no cover - plans only use the kinds above
                raise AssertionError(kind)
        if rtype in END_AFTER_START:
            end, start = END_AFTER_START[rtype]
            bad_rows = {i for i, _, _ in errors}
            for i, e, s in zip(count(), data[end], data[start]):
                if i not in bad_rows and e and s and e < s:
                    errors.append((i, end, f"record {rtype}: {CPR_NAMES[(rtype, end)]} {e} is "
                                           f"before {CPR_NAMES[(rtype, start)]} {s}"))
        if errors:
            errors.sort(key=itemgetter(0))
            for i, fname, reason in errors:
                report.row_error(reason, field=fname,
                                 **self.where(locs[i] if offs is None else offs[i]))
            rejected = {i for i, _, _ in errors}
            report.rows_rejected += len(rejected)
            keep = [i for i in range(len(recs)) if i not in rejected]
            if not keep:
                return None
            data = {k: [v[i] for i in keep] for k, v in data.items()}
            locs = [locs[i] for i in keep]
        if rtype == "001":
            self.no_mod11 += _count_without_modulus_11(data["cpr"])
        data["source_file"] = [self.source_file] * len(locs)
        data["source_line"] = locs
        df = pd.DataFrame(data, dtype=object)
        df["source_line"] = df["source_line"].astype("int64")
        return df

    # -- framing --------------------------------------------------------------------------------
    def read(self) -> Iterator[tuple[str, pd.DataFrame]]:
        with open(self.path, "rb") as f:
            first = f.read(CHUNK_BYTES)
            self.line_mode = _is_line_mode(first)
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
                        f"line {lineno + len(lines) + 1} is longer than {MAX_LINE} characters: "
                        f"not a CPR extract line", line=lineno + len(lines) + 1)
                    self.stopped = True
                    return
            if lines:
                self.take_lines(lines, lineno)
                lineno += len(lines)
                yield from self.flush()
            if not chunk:
                return
            chunk = f.read(CHUNK_BYTES)
            if not chunk and not leftover:
                return

    def take_lines(self, lines: list[str], base: int) -> None:
        """Group one chunk's lines by record type (C-level sort, no per-line Python loop on
        the common path). ``lines[i]`` is line ``base + i + 1``; '\\r' already removed."""
        types = list(map(_TYPE, lines))
        counts = Counter(types)
        order = sorted(range(len(lines)), key=types.__getitem__)  # stable: file order kept
        first_line = base + 1
        start = 0
        end_index = None  # index of a 999 in this chunk
        records_before = self.record_no
        groups = []
        for t in sorted(counts):
            k = counts[t]
            idx = order[start:start + k]
            start += k
            groups.append((t, idx))
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
                        self.note_cut(t, first_line + i, len(rec))
                    if t == START_RECORD:
                        is_first = records_before == 0 and all(
                            j in blank_set for j in range(i))
                        self.start_record(rec, first_line + i, is_first)
                    else:
                        if end_index is None:
                            end_index = i
                        self.end_record(rec, first_line + i)
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
                        self.note_cut(t, first_line + idx[j], len(rec))
                        recs[j] = rec[:length]
            target = self.pending.get(t)
            if target is not None:
                target.extend(recs)
                self.locs[t].extend(map(first_line.__add__, idx))
        # records after the 999 end record
        if self.end_seen and not self.after_end_reported:
            for i in range(0 if end_index is None else end_index + 1, len(lines)):
                if i not in blank_set:
                    self.after_end(first_line + i)
                    break

    def note_cut(self, t: str, line: int, length: int) -> None:
        self.cut[t] += 1
        self.cut_first.setdefault(t, (line, length))

    def read_stream(self, f, first: bytes) -> Iterator[tuple[str, pd.DataFrame]]:
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
            pos = self.frame(buf, pos, limit, base, eof)
            yield from self.flush()
            if self.stopped or (eof and pos >= len(buf)):
                return

    def frame(self, buf: str, pos: int, limit: int, base: int, eof: bool) -> int:
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
                    is_b = buf[pos + 306:pos + 309] not in lengths and not (
                        eof and not buf[pos + 306:].strip(_TRAILING))  # 002 ends the file
                    if self.variant_002 is None:
                        self.variant_002 = "002B" if is_b else "002"
                    elif (self.variant_002 == "002B") != is_b:
                        nxt_b = buf[pos + 382:pos + 385]
                        if self.variant_002 == "002" or (nxt_b and nxt_b not in lengths):
                            self.report.structural(
                                f"002 records of both variants (the file's are "
                                f"{self.variant_002}, record {first_no + len(offs)} is not): "
                                f"the file cannot be framed", offset=base + pos)
                            self.stopped = True
                            break
                    if self.variant_002 == "002B":
                        length = RECORD_002B_LENGTH
                if pos + length > len(buf):
                    self.report.structural(
                        f"record {first_no + len(offs)} of type {t} is cut off by the end of "
                        f"the file ({len(buf) - pos} of {length} characters): truncated file",
                        offset=base + pos)
                    self.stopped = True
                    break
                if t == START_RECORD:
                    self.start_record(buf[pos:pos + length], base + pos,
                                      first_no + len(offs) == 1)
                elif t == END_RECORD:
                    if end_at is None:
                        end_at = len(offs)
                    self.end_record(buf[pos:pos + length], base + pos)
            add_off(pos)
            add_type(t)
            pos += length
        if not offs:
            return pos
        self.record_no += len(offs)
        counts = Counter(types)
        order = sorted(range(len(offs)), key=types.__getitem__)
        start = 0
        for t in sorted(counts):
            k = counts[t]
            idx = order[start:start + k]
            start += k
            if t == START_RECORD or t == END_RECORD:
                continue
            self.records_read += k
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
                self.after_end(base + offs[after])
        return pos

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
                           field="declared_count", **self.where(self.end_loc))
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
