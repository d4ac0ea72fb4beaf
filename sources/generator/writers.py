"""Small stream writers for the generator: hashing file writers, the Danish CSV dialect and fast
CPR record formatters (built from ``sources.folkeregister.layout`` so positions cannot drift)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sources.folkeregister.layout import FIELDS, RECORD_LENGTHS


class HashingWriter:
    """Text written through it is encoded, hashed and written in large blocks."""

    def __init__(self, path: Path, encoding: str = "utf-8", flush_chars: int = 1 << 20):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.encoding = encoding
        self._f = open(path, "wb")
        self._sha = hashlib.sha256()
        self._buf: list[str] = []
        self._n = 0
        self._flush_chars = flush_chars
        self.rows = 0

    def write(self, text: str) -> None:
        self._buf.append(text)
        self._n += len(text)
        if self._n >= self._flush_chars:
            self.flush()

    def flush(self) -> None:
        if self._buf:
            data = "".join(self._buf).encode(self.encoding)
            self._sha.update(data)
            self._f.write(data)
            self._buf = []
            self._n = 0

    def write_bytes(self, data: bytes) -> None:
        self.flush()
        self._sha.update(data)
        self._f.write(data)

    def close(self) -> str:
        self.flush()
        self._f.close()
        return self._sha.hexdigest()


def q(text: str | None) -> str:
    """A text field in the Danish dialect: quoted only when it must be."""
    if not text:
        return ""
    if ";" in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def money(ore: int | None) -> str:
    """Integer øre → decimal comma with two decimals, no thousands separator."""
    if ore is None:
        return ""
    sign = "-" if ore < 0 else ""
    ore = -ore if ore < 0 else ore
    return f"{sign}{ore // 100},{ore % 100:02d}"


def ddmmyyyy(d: dt.date | None) -> str:
    return "" if d is None else f"{d.day:02d}.{d.month:02d}.{d.year:04d}"


class CsvOut(HashingWriter):
    """One CSV file: header = contract columns; ``row`` takes already formatted fields."""

    def __init__(self, path: Path, columns: list[str], encoding: str = "utf-8"):
        super().__init__(path, encoding)
        self.columns = columns
        self.write(";".join(columns) + "\n")

    def row(self, fields) -> None:
        self.rows += 1
        self.write(";".join(fields) + "\n")


def ts(d: dt.date | None) -> str:
    """yyyyMMddHHmm (CPR timestamp), empty for none."""
    return "" if d is None else f"{d.year:04d}{d.month:02d}{d.day:02d}0000"


def iso(d: dt.date | None) -> str:
    return "" if d is None else f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def make_formatter(record_type: str, names: tuple[str, ...]):
    """A fast ``format_record`` for a fixed list of fields: returns f(*values) -> record text.

    Values longer than their field are cut (the generator's values are checked in tests to
    fit; ``format_record`` itself raises)."""
    by_name = {f.name: f for f in FIELDS.get(record_type, ())}
    spec = []
    for i, name in enumerate(names):
        if name == "cpr" and name not in by_name:
            spec.append((4, 10, i))
        else:
            f = by_name[name]
            spec.append((f.start, f.length, i))
    spec.sort()
    fmt = record_type
    pos = 4
    for start, length, i in spec:
        fmt += " " * (start - pos) + "{%d:<%d.%d}" % (i, length, length)
        pos = start + length
    fmt += " " * (RECORD_LENGTHS[record_type] + 1 - pos)
    return fmt.format


F000 = make_formatter("000", ("production_date", "previous_production_date"))
F001 = make_formatter("001", ("cpr", "current_cpr", "status_code", "status_start_at", "sex", "birth_date"))
F002 = make_formatter("002", (
    "cpr", "municipality_code", "road_code", "house_number", "floor", "door", "moved_in_at",
    "moved_to_municipality_at", "previous_municipality_code", "left_previous_municipality_at",
))
F003 = make_formatter("003", ("cpr", "standard_address", "postal_code", "postal_district"))
F008 = make_formatter("008", ("cpr", "first_names", "last_name"))
F012 = make_formatter("012", ("cpr", "civil_status_code", "spouse_cpr", "valid_from_at"))
F014 = make_formatter("014", ("cpr", "child_cpr"))
F015 = make_formatter("015", ("cpr", "mother_valid_from", "mother_cpr", "father_valid_from", "father_cpr"))
F023 = make_formatter("023", (
    "cpr", "correction_code", "municipality_code", "road_code", "house_number", "floor", "door",
    "moved_in_at", "moved_out_at",
))
F029 = make_formatter("029", (
    "cpr", "correction_code", "civil_status_code", "spouse_cpr", "valid_from_at", "valid_to_at",
))
F999 = make_formatter("999", ("declared_count",))
