"""Stream writers for the delivery files: hashing file writers and the Danish CSV dialect."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sources.raw_tables import raw_table


class HashingWriter:
    """Text written through it is encoded, hashed and written in large blocks (the manifest
    needs every file's sha256, and hashing while writing saves reading the file again)."""

    def __init__(self, path: Path, encoding: str = "utf-8", flush_chars: int = 1 << 20):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.encoding = encoding
        self._file = open(path, "wb")
        self._sha256 = hashlib.sha256()
        self._pending: list[str] = []
        self._pending_chars = 0
        self._flush_chars = flush_chars
        self.rows = 0

    def write(self, text: str) -> None:
        self._pending.append(text)
        self._pending_chars += len(text)
        if self._pending_chars >= self._flush_chars:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            data = "".join(self._pending).encode(self.encoding)
            self._sha256.update(data)
            self._file.write(data)
            self._pending = []
            self._pending_chars = 0

    def write_bytes(self, data: bytes) -> None:
        self.flush()
        self._sha256.update(data)
        self._file.write(data)

    def close(self) -> str:
        """Close the file; returns its sha256."""
        self.flush()
        self._file.close()
        return self._sha256.hexdigest()


class CsvWriter(HashingWriter):
    """One CSV file: header = contract columns; ``row`` takes already formatted fields."""

    def __init__(self, path: Path, columns: list[str], encoding: str = "utf-8"):
        super().__init__(path, encoding)
        self.columns = columns
        self.write(";".join(columns) + "\n")

    def row(self, fields) -> None:
        self.rows += 1
        self.write(";".join(fields) + "\n")


def quote_csv(text: str | None) -> str:
    """A text field in the Danish dialect: quoted only when it must be."""
    if not text:
        return ""
    if ";" in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def format_money(ore: int | None) -> str:
    """Integer øre → decimal comma with two decimals, no thousands separator."""
    if ore is None:
        return ""
    sign = "-" if ore < 0 else ""
    ore = -ore if ore < 0 else ore
    return f"{sign}{ore // 100},{ore % 100:02d}"


def format_date(day: dt.date | None) -> str:
    """dd.mm.yyyy, empty for none."""
    return "" if day is None else f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def contract_columns(source: str, table: str) -> list[str]:
    """The column names a delivery file must have, from the raw-table contract."""
    return [name for name, _ in raw_table(source, table).columns]
