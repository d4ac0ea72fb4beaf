"""The Danish CSV dialect of every economy and case file (``shared/spec/sources.md``).

``;`` separator, ``"`` quoting, a header row, decimal comma, no thousands separator, dates
``DD.MM.YYYY``, empty = null; UTF-8 (with or without BOM) or Windows-1252, detected, never
guessed silently wrong.

- :func:`detect_encoding` streams the file once and names the byte offset of undecodable input.
- :func:`iter_records` streams ``(first line, fields)`` records with the csv module, so a quoted
  field holding a line break is one record; blank lines are not records. The readers and the
  manifest row count (``sources.delivery``) both use it, so they count records the same way.
- :class:`Column` and the kinds (``TEXT``, ``DATE``, ``DECIMAL``, ``cpr``, ...) declare a file;
  :func:`read_csv` reads it in batches and validates each batch vectorised (pandas/numpy over
  the distinct values of a column, never per-field Python calls), reports every failing field of
  every rejected row as a row error, drops those rows and yields the valid rows normalised to
  what DuckDB casts directly (dates ``YYYY-MM-DD``, decimals with ``.``, bools as Python bools,
  ``None`` for empty).
"""

from __future__ import annotations

import codecs
import csv
import gc
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from sources.findings import ReadReport
from sources.masking import mask_cpr
from sources.reference import valid_current_municipality_codes

CHUNK_BYTES = 1 << 20
DELIMITER = ";"
QUOTECHAR = '"'

# Bytes Windows-1252 leaves undefined: a file holding one is neither UTF-8 nor cp1252.
CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# UTF-8 encodings of Latin-1 letters (e.g. "æ" = C3 A6) inside a file that is not valid UTF-8:
# read as cp1252 they would come out as "Ã¦"; such a file mixes encodings.
_UTF8_LATIN1_PAIR = re.compile(rb"[\xc2\xc3][\x80-\xbf]")


class CsvStructuralError(ValueError):
    """The file cannot be read at all (encoding, header, quoting): a structural error."""

    def __init__(self, reason: str, *, line: int | None = None, offset: int | None = None,
                 field: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.offset = offset
        self.field = field

    def where(self) -> dict:
        return {k: v for k, v in
                (("line", self.line), ("offset", self.offset), ("field", self.field))
                if v is not None}


# --- encoding --------------------------------------------------------------------------------

def detect_encoding(path: str | Path, *, chunk_bytes: int = CHUNK_BYTES) -> str:
    """``utf-8-sig`` (BOM), ``utf-8`` (valid UTF-8) or ``cp1252``; streams the file.

    Raises :class:`CsvStructuralError` ("undecodable encoding", with the byte offset) when the
    file is neither: a byte Windows-1252 leaves undefined, or a mix of UTF-8 and cp1252.
    """
    with open(path, "rb") as f:
        head = f.read(3)
        bom = head == codecs.BOM_UTF8
        f.seek(3 if bom else 0)
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        pos = f.tell()
        saw_non_ascii = False
        while True:
            chunk = f.read(chunk_bytes)
            final = not chunk
            buffered = len(decoder.getstate()[0])
            try:
                text = decoder.decode(chunk, final)
            except UnicodeDecodeError as e:
                bad_at = pos - buffered + e.start
                # valid UTF-8 before the bad byte in this chunk counts too
                saw_non_ascii = saw_non_ascii or not e.object[:e.start].isascii()
                break
            if not saw_non_ascii and not text.isascii():
                saw_non_ascii = True
            if final:
                return "utf-8-sig" if bom else "utf-8"
            pos += len(chunk)
    # Not UTF-8 from byte `bad_at` on.
    if bom:
        raise CsvStructuralError(
            f"undecodable encoding: UTF-8 BOM but invalid UTF-8 at byte offset {bad_at}",
            offset=bad_at)
    if saw_non_ascii:
        raise CsvStructuralError(
            "undecodable encoding: valid UTF-8 text followed by invalid UTF-8 at byte offset "
            f"{bad_at} (mixed encodings)", offset=bad_at)
    _check_cp1252(path, chunk_bytes)
    return "cp1252"


def _check_cp1252(path: str | Path, chunk_bytes: int) -> None:
    with open(path, "rb") as f:
        pos = 0
        prev_last = b""
        while chunk := f.read(chunk_bytes):
            try:
                chunk.decode("cp1252")
            except UnicodeDecodeError as e:
                raise CsvStructuralError(
                    f"undecodable encoding: byte 0x{chunk[e.start]:02X} at byte offset "
                    f"{pos + e.start} is neither UTF-8 nor Windows-1252",
                    offset=pos + e.start) from None
            m = _UTF8_LATIN1_PAIR.search(prev_last + chunk)
            if m:
                off = pos - len(prev_last) + m.start()
                raise CsvStructuralError(
                    f"undecodable encoding: UTF-8 sequence at byte offset {off} in a file that "
                    "is not valid UTF-8 (mixed encodings)", offset=off)
            prev_last = chunk[-1:]
            pos += len(chunk)


# --- records ---------------------------------------------------------------------------------

def iter_records(path: str | Path, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line of the record's first line, fields)``; blank lines are skipped.

    Raises :class:`CsvStructuralError` for malformed quoting (e.g. an unterminated quote) and,
    should the content not decode after all, for the encoding.
    """
    with open(path, encoding=encoding, newline="") as f:
        reader = csv.reader(f, delimiter=DELIMITER, quotechar=QUOTECHAR, strict=True)
        prev = 0
        try:
            for rec in reader:
                start = prev + 1
                prev = reader.line_num
                if rec:
                    yield start, rec
        except csv.Error as e:
            raise CsvStructuralError(f"malformed CSV (quoting): {e}", line=prev + 1) from None
        except UnicodeDecodeError as e:
            raise CsvStructuralError(f"undecodable encoding: {e.reason} ({encoding})",
                                     line=prev + 1) from None


def count_records(path: str | Path, encoding: str | None = None) -> int:
    """Data records (header excluded) as the readers count them. Raises CsvStructuralError."""
    encoding = encoding or detect_encoding(path)
    n = -1
    for n, _ in enumerate(iter_records(path, encoding)):
        pass
    return max(n, 0)


def header_difference(expected: Sequence[str], found: Sequence[str]) -> str:
    missing = [c for c in expected if c not in found]
    extra = [c for c in found if c not in expected]
    parts = []
    if missing:
        parts.append(f"missing {', '.join(missing)}")
    if extra:
        parts.append(f"unexpected {', '.join(repr(c) for c in extra)}")
    dupes = sorted({c for c in found if list(found).count(c) > 1})
    if dupes:
        parts.append(f"repeated {', '.join(dupes)}")
    if not parts:
        parts.append(f"columns in the wrong order: expected {';'.join(expected)}, "
                     f"found {';'.join(found)}")
    return "; ".join(parts)


# --- column kinds ----------------------------------------------------------------------------

def _show(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "…")


@dataclass(frozen=True)
class Kind:
    """How one column is validated and normalised.

    ``check`` gets a numpy object array of *distinct, non-empty* strings of a batch and returns
    ``(ok, normalised)`` as numpy arrays of the same length; it must be vectorised (whole-array
    regex, numpy, pandas), never a Python call per value. ``reason`` words the error for one
    rejected value (called only for rejected rows). ``check=None`` means free text.
    Values are not stripped: whitespace is not part of the dialect, so ``' 2025'`` is not an
    integer.
    """

    name: str
    check: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None
    reason: Callable[[str], str] = lambda v: f"invalid value {_show(v)}"
    # Check the distinct values only (codes, dates, CPR numbers repeat a lot); False for
    # mostly-unique columns (amounts), where finding the distinct values costs more than it saves.
    distinct: bool = True


@lru_cache(maxsize=None)
def _negated(pattern: str) -> re.Pattern:
    # In a '\n'-joined string, matches every line that is NOT a full match of `pattern`.
    return re.compile(rf"^(?!(?:{pattern})$).*$", re.MULTILINE | re.ASCII)


def fullmatch_mask(values: np.ndarray, pattern: str) -> np.ndarray:
    """Vectorised ``re.fullmatch(pattern, v)`` over an object array of strings (ASCII classes).

    One regex pass over the values joined by line breaks finds the lines that do not match;
    values that themselves hold a line break fall back to a per-value comprehension.
    """
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=bool)
    joined = "\n".join(values)
    if joined.count("\n") != n - 1:
        rx = re.compile(pattern, re.ASCII)
        return np.fromiter((rx.fullmatch(v) is not None for v in values), dtype=bool, count=n)
    ok = np.ones(n, dtype=bool)
    starts = [m.start() for m in _negated(pattern).finditer(joined)]
    if starts:
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=n) + 1
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        ok[np.searchsorted(offsets, starts)] = False
    return ok


def _replace_all(values: np.ndarray, old: str, new: str) -> np.ndarray:
    """Vectorised ``str.replace`` for values without line breaks (checked values have none)."""
    joined = "\n".join(values)
    if old not in joined:
        return values
    out = np.empty(len(values), dtype=object)
    out[:] = joined.replace(old, new).split("\n")
    return out


def _regex_kind(name: str, pattern: str, reason: Callable[[str], str],
                normalise: Callable[[np.ndarray], np.ndarray] | None = None,
                distinct: bool = True) -> Kind:
    def check(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        ok = fullmatch_mask(values, pattern)
        if normalise is None:
            return ok, values
        norm = values.copy()
        if ok.any():
            norm[ok] = normalise(values[ok])
        return ok, norm

    return Kind(name, check, reason, distinct)


TEXT = Kind("text", None)


def _check_date(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    ok = fullmatch_mask(values, r"\d{2}\.\d{2}\.\d{4}")
    iso = np.full(len(values), None, dtype=object)
    if ok.any():
        s = pd.Series(values[ok], dtype=object)
        parsed = pd.to_datetime(s, format="%d.%m.%Y", errors="coerce")  # 31.02 -> NaT
        real = parsed.notna().to_numpy()
        iso[np.flatnonzero(ok)] = (s.str.slice(6, 10) + "-" + s.str.slice(3, 5) + "-"
                                   + s.str.slice(0, 2)).to_numpy(dtype=object)
        ok[np.flatnonzero(ok)[~real]] = False
    return ok, iso


DATE = Kind("date", _check_date, lambda v: f"invalid date {_show(v)}, expected DD.MM.YYYY")


def decimal_kind(max_integer_digits: int = 16) -> Kind:
    """DKK with øre: ``-1234,50``; no thousands separator, at most 2 decimals."""
    return _regex_kind(
        "decimal", rf"-?\d{{1,{max_integer_digits}}}(?:,\d{{1,2}})?",
        lambda v: f"invalid decimal {_show(v)}, expected e.g. -1234,50 (decimal comma, at most "
                  "2 decimals, no thousands separator)",
        lambda v: _replace_all(v, ",", "."), distinct=False)


def _normalise_house_number(values: np.ndarray) -> np.ndarray:
    # CPR HUSNR normalisation: '016' -> '16', '077a' -> '77A'
    s = pd.Series(values, dtype=object)
    return s.str.replace(r"^0+(?=\d)", "", regex=True).str.upper().to_numpy(dtype=object)


DECIMAL = decimal_kind(16)  # DECIMAL(18,2)
INT = _regex_kind("int", r"-?\d{1,9}", lambda v: f"invalid integer {_show(v)}")
FUNCTION_CODE = _regex_kind(
    "function_code", r"\d\.\d{2}\.\d{2}",
    lambda v: f"invalid function code {_show(v)}, expected H.HH.FF (e.g. 5.28.20)")
ROAD_CODE = _regex_kind("road_code", r"\d{4}",
                        lambda v: f"invalid road code {_show(v)}, expected 4 digits")
HOUSE_NUMBER = _regex_kind(
    "house_number", r"\d{1,3}[A-Za-z]?",
    lambda v: f"invalid house number {_show(v)}, expected e.g. 16 or 77A",
    _normalise_house_number)


def _check_bool(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    is_true = values == "true"
    is_false = values == "false"
    norm = np.full(len(values), None, dtype=object)
    norm[is_true] = True
    norm[is_false] = False
    return is_true | is_false, norm


BOOL = Kind("bool", _check_bool, lambda v: f"invalid boolean {_show(v)}, expected true or false")

_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def valid_cpr_mask(cprs: np.ndarray) -> np.ndarray:
    """Vectorised ``cpr_numbers.is_valid`` for an array of strings of 10 ASCII digits."""
    if len(cprs) == 0:
        return np.zeros(0, dtype=bool)
    d = np.asarray(cprs, dtype="U10").view(np.uint32).reshape(-1, 10).astype(np.int64) - 48
    day = d[:, 0] * 10 + d[:, 1]
    day = np.where(day > 60, day - 60, day)  # erstatningspersonnummer
    month = d[:, 2] * 10 + d[:, 3]
    yy = d[:, 4] * 10 + d[:, 5]
    d7 = d[:, 6]
    century = np.select(
        [d7 <= 3, (d7 == 4) | (d7 == 9)],
        [1900, np.where(yy <= 36, 2000, 1900)],
        np.where(yy <= 57, 2000, 1800))
    year = century + yy
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_ok = (month >= 1) & (month <= 12)
    dim = _DAYS_IN_MONTH[np.clip(month, 0, 12)] + ((month == 2) & leap)
    return month_ok & (day >= 1) & (day <= dim)


def _check_cpr(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """10 digits (``DDMMYY-XXXX`` accepted and normalised to 10 digits), real birth date."""
    ok = fullmatch_mask(values, r"\d{6}-?\d{4}")
    digits = values.copy()
    if ok.any():
        digits[ok] = _replace_all(values[ok], "-", "")
        ok[np.flatnonzero(ok)] = valid_cpr_mask(digits[ok])
    return ok, digits


CPR = Kind("cpr", _check_cpr,
           lambda v: f"invalid CPR number {mask_cpr(v)} (not 10 digits with a real birth date)")


def _isin(values: np.ndarray, allowed: frozenset[str]) -> np.ndarray:
    return pd.Series(values, dtype=object).isin(allowed).to_numpy(dtype=bool)


def _check_municipality(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _isin(values, valid_current_municipality_codes()), values


MUNICIPALITY_CODE = Kind("municipality_code", _check_municipality,
                         lambda v: f"unknown municipality code {_show(v)}")


def enum(*values: str) -> Kind:
    allowed = frozenset(values)
    listed = ", ".join(values)
    return Kind(f"enum({listed})", lambda v: (_isin(v, allowed), v),
                lambda v: f"unknown value {_show(v)}, expected one of {listed}")


# --- file declarations -----------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = TEXT
    required: bool = False


@dataclass(frozen=True)
class RowRule:
    """A rule across columns, evaluated on the normalised values of rows whose own fields are
    valid. ``bad`` gets ``{column: normalised object array}`` and returns a bool array."""

    field: str
    reason: str
    bad: Callable[[dict[str, np.ndarray]], np.ndarray]


def end_before_start(start: str, end: str, reason: str = "end date before start date") -> RowRule:
    """Both dates present (ISO strings compare like dates) and end < start."""

    def bad(cols: dict[str, np.ndarray]) -> np.ndarray:
        s, e = cols[start], cols[end]
        both = (s != None) & (e != None)  # noqa: E711 (elementwise)
        out = np.zeros(len(s), dtype=bool)
        if both.any():
            out[both] = e[both] < s[both]  # elementwise str comparison of ISO dates
        return out

    return RowRule(end, f"{reason} ({end} before {start})", bad)


def required_when(column: str, other: str, value: object, reason: str) -> RowRule:
    """``column`` must be present when ``other`` equals ``value``."""

    def bad(cols: dict[str, np.ndarray]) -> np.ndarray:
        return (cols[other] == value) & (cols[column] == None)  # noqa: E711

    return RowRule(column, reason, bad)


@dataclass(frozen=True)
class CsvFile:
    """A declared CSV file: its columns (header, in order) and the rules across columns."""

    columns: tuple[Column, ...]
    rules: tuple[RowRule, ...] = field(default=())

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


def _validate_column(raw: np.ndarray, col: Column
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, Callable[[int], str]]:
    """Validate one column of a batch (checks run once per distinct value).

    Returns ``(normalised per row, bad per row, missing per row, value of row i)``.
    """
    n = len(raw)
    no = np.zeros(n, dtype=bool)
    if col.kind.check is None or not col.kind.distinct:
        empty = raw == ""
        missing = empty if col.required else no
        if col.kind.check is None:  # free text: only empty -> None
            norm = raw.copy() if empty.any() else raw
            norm[empty] = None
            return norm, no, missing, raw.__getitem__
        norm = np.full(n, None, dtype=object)
        bad = np.zeros(n, dtype=bool)
        if empty.all():
            return norm, bad, missing, raw.__getitem__
        present = ~empty
        idx = np.flatnonzero(present)
        ok, norm_p = col.kind.check(raw[present] if not present.all() else raw)
        norm[idx[ok]] = norm_p[ok]
        bad[idx[~ok]] = True
        return norm, bad, missing, raw.__getitem__
    codes, uniques = pd.factorize(raw)
    uniques = np.asarray(uniques, dtype=object)
    present = uniques != ""
    norm_u = np.full(len(uniques), None, dtype=object)
    bad_u = np.zeros(len(uniques), dtype=bool)
    if present.any():
        ok, norm = col.kind.check(uniques[present] if not present.all() else uniques)
        idx = np.flatnonzero(present)
        norm_u[idx[ok]] = norm[ok]
        bad_u[idx[~ok]] = True
    missing = (~present)[codes] if col.required else no
    return norm_u[codes], bad_u[codes], missing, raw.__getitem__


def validate_batch(rows: list[list[str]], lines: list[int], spec: CsvFile,
                   report: ReadReport, other_errors: Sequence[tuple[int, str]] = ()
                   ) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Validate a batch of records that have the right number of fields.

    Reports each failing field of each rejected row, together with ``other_errors`` (``(line,
    reason)`` of records already rejected, e.g. for their field count) in line order; counts
    the rejected rows of the batch once each; returns ``(normalised columns, keep mask)``.
    """
    n = len(rows)
    width = len(spec.columns)
    table = np.empty((n, width), dtype=object, order="F")  # columns contiguous
    if n:
        table[:] = rows
    line_arr = np.asarray(lines, dtype=np.int64)
    norm: dict[str, np.ndarray] = {}
    rejected = np.zeros(n, dtype=bool)
    # (line, column position, field, reason)
    errors: list[tuple[int, int, str | None, str]] = [(ln, -1, None, r) for ln, r in other_errors]
    field_bad: dict[str, np.ndarray] = {}
    for pos, col in enumerate(spec.columns):
        raw = table[:, pos]
        values, bad, missing, value_of = _validate_column(raw, col)
        norm[col.name] = values
        field_bad[col.name] = bad | missing
        for i in np.flatnonzero(bad):
            errors.append((int(line_arr[i]), pos, col.name, col.kind.reason(value_of(i))))
        for i in np.flatnonzero(missing):
            errors.append((int(line_arr[i]), pos, col.name, "required value missing"))
        rejected |= bad | missing
    positions = {c.name: p for p, c in enumerate(spec.columns)}
    for rule in spec.rules:
        bad = rule.bad(norm) & ~field_bad[rule.field]
        for i in np.flatnonzero(bad):
            errors.append((int(line_arr[i]), positions[rule.field], rule.field, rule.reason))
        rejected |= bad
    errors.sort()
    for line, _, name, reason in errors:
        report.row_error(reason, line=line, field=name)
    report.rows_rejected += int(rejected.sum())
    return norm, ~rejected


def read_csv(path: str | Path, report: ReadReport, spec: CsvFile, *,
             relative_name: str | None = None, batch_rows: int = 100_000,
             lineage: bool = True) -> Iterator[pd.DataFrame]:
    """Read one declared CSV file in batches of valid, normalised rows.

    Structural problems (encoding, header, malformed quoting) are reported on ``report`` and end
    the reading; a caller must check ``report.has_structural_errors`` after consuming the
    generator (batches yielded before a late structural error must then be discarded).
    Every yielded DataFrame has the declared columns (object dtype, ``None`` for empty) plus,
    with ``lineage``, ``source_file`` and ``source_line``.
    """
    path = Path(path)
    source_file = relative_name or path.name
    try:
        encoding = detect_encoding(path)
    except CsvStructuralError as e:
        report.structural(e.reason, **e.where())
        return
    report.encoding = encoding
    header = spec.header
    width = len(header)
    with open(path, encoding=encoding, newline="") as f:
        reader = csv.reader(f, delimiter=DELIMITER, quotechar=QUOTECHAR, strict=True)
        prev = 0  # last line of the previous record
        try:
            found: list[str] = []
            for found in reader:  # the header: the first non-blank record
                header_line, prev = prev + 1, reader.line_num
                if found:
                    break
            if not found:
                report.structural(f"empty file: no header (expected {';'.join(header)})",
                                  line=1)
                return
            if found != header:
                report.structural(f"wrong header in {source_file}: "
                                  f"{header_difference(header, found)}", line=header_line)
                return
            while True:
                rows: list[list[str]] = []
                lines: list[int] = []
                append_row, append_line = rows.append, lines.append
                n_read = 0
                field_errors: list[tuple[int, str]] = []
                frame = None
                # The hot loop: no per-record calls beyond the csv module. The cyclic GC is
                # paused while a batch fills and is validated (a batch is 100k fresh lists,
                # none in a cycle; collections would only re-scan them) and restored, with the
                # batch's lists already freed, before control goes back to the caller.
                gc_was_enabled = gc.isenabled()
                gc.disable()
                try:
                    for rec in reader:
                        if len(rec) == width:
                            append_row(rec)
                            append_line(prev + 1)
                            n_read += 1
                            if n_read >= batch_rows:
                                prev = reader.line_num
                                break
                        elif rec:  # wrong number of fields
                            n_read += 1
                            field_errors.append(
                                (prev + 1, f"expected {width} fields, found {len(rec)}"))
                        prev = reader.line_num
                    report.rows_read += n_read
                    report.rows_rejected += len(field_errors)
                    if rows:
                        frame = _frame(rows, lines, spec, report, source_file, lineage,
                                       field_errors)
                    else:
                        for line, reason in field_errors:
                            report.row_error(reason, line=line)
                    del rows, lines, append_row, append_line
                finally:
                    if gc_was_enabled:
                        gc.enable()
                if frame is not None:
                    yield frame
                    del frame
                if n_read < batch_rows:
                    return
        except csv.Error as e:
            report.structural(f"malformed CSV (quoting): {e}", line=prev + 1)
        except UnicodeDecodeError as e:
            report.structural(f"undecodable encoding: {e.reason} ({encoding})", line=prev + 1)


def _frame(rows: list[list[str]], lines: list[int], spec: CsvFile, report: ReadReport,
           source_file: str, lineage: bool,
           other_errors: Sequence[tuple[int, str]] = ()) -> pd.DataFrame:
    norm, keep = validate_batch(rows, lines, spec, report, other_errors)
    all_kept = bool(keep.all())
    data = {name: (values if all_kept else values[keep]) for name, values in norm.items()}
    if lineage:
        line_arr = np.asarray(lines, dtype=np.int64)
        data["source_file"] = np.full(int(keep.sum()), source_file, dtype=object)
        data["source_line"] = line_arr if all_kept else line_arr[keep]
    # copy=False: one block per column, no consolidation copy; object dtype keeps None.
    return pd.DataFrame(
        {name: pd.Series(v, dtype=v.dtype, copy=False) for name, v in data.items()}, copy=False)
