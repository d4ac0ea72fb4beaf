"""Framing a file into records with the csv module, the one way readers and manifest agree on.

A quoted field holding a line break is one record; blank lines are not records. Line numbers
are those of a record's first line, as a user sees them in an editor.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from sources.danish_csv.encoding import CHUNK_BYTES, CsvStructuralError, detect_encoding

DELIMITER = ";"
QUOTECHAR = '"'


def dialect_reader(f: TextIO):
    """A ``csv.reader`` for the dialect; ``strict`` so bad quoting is an error, not a guess."""
    return csv.reader(f, delimiter=DELIMITER, quotechar=QUOTECHAR, strict=True)


def iter_records(path: str | Path, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line of the record's first line, fields)``; blank lines are skipped.

    Raises :class:`CsvStructuralError` for malformed quoting (e.g. an unterminated quote) and,
    should the content not decode after all, for the encoding.
    """
    with open(path, encoding=encoding, newline="") as f:
        reader = dialect_reader(f)
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
    plain = count_plain_records(path, encoding)
    if plain is not None:
        return plain
    n = -1
    for n, _ in enumerate(iter_records(path, encoding)):
        pass
    return max(n, 0)


def count_plain_records(path: str | Path, encoding: str, *, chunk_bytes: int = CHUNK_BYTES) -> int | None:
    """``count_records`` on the bytes: a record is a line that is not blank, or the lines a
    quoted field holds together. Taken where that is exact: every line holding a quote, or run
    of lines a quoted field spans (told by the parity of their quotes), is one whole record to
    the csv module on its own (so no quote is malformed); no NUL; CR only in CRLF (the csv
    module also ends a line at a lone CR); nothing longer than the csv module's field limit; the
    whole file decodes. None otherwise: the csv module then frames the whole file and reports
    what it finds. (The manifest's row counts at 1M citizens took 5.3 s with the csv module.)"""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    limit = csv.field_size_limit()
    records = 0
    tail = b""
    with open(path, "rb") as f:
        while chunk := f.read(chunk_bytes):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return None
            if b"\x00" in chunk:
                return None
            buffer = tail + chunk
            end = buffer.rfind(b"\n") + 1
            if buffer.find(b"\r", 0, end) != -1 and (
                    buffer.count(b"\r", 0, end) != buffer.count(b"\r\n", 0, end)):
                return None
            lines, tail = buffer[:end].split(b"\n")[:-1], buffer[end:]
            counted = _records_in_lines(lines, encoding, limit, buffer.find(b'"', 0, end) != -1)
            if counted is None:
                return None
            n, pending = counted
            records += n
            if pending:  # a quoted field still open: its lines wait for the next chunk
                tail = b"\n".join(pending) + b"\n" + tail
            if len(tail) > limit:  # held in memory: never more than the field limit
                return None
    try:
        decoder.decode(b"", True)
    except UnicodeDecodeError:
        return None
    if tail:
        if b"\r" in tail:
            return None
        counted = _records_in_lines([tail], encoding, limit, b'"' in tail)
        if counted is None or counted[1]:
            return None
        records += counted[0]
    return max(records - 1, 0)


def _records_in_lines(lines: list[bytes], encoding: str, limit: int,
                      has_quotes: bool) -> tuple[int, list[bytes]] | None:
    """(records in ``lines`` (without their LF), the lines of a quoted field still open at the
    end), or None when the csv module must decide."""
    if not lines:
        return 0, []
    if max(map(len, lines)) > limit:
        return None
    records = _not_blank(lines)
    quoted = [i for i, line in enumerate(lines) if b'"' in line] if has_quotes else []
    # Each quoted record is read by the csv module on its own (about 2.5 µs) where the csv module
    # frames a whole file at about 1.5 µs a line; giving up here sends the whole file its way, so
    # only a chunk mostly of quoted lines is worth it. (A 1% limit gave up on the 20M postings'
    # files for one cluster of 211 quoted lines: 0.9 s → 6.2 s for a 530 MB file, issue #14.)
    if len(quoted) > len(lines) // 2 + 10:
        return None
    k = 0
    while k < len(quoted):
        first = last = quoted[k]
        quotes = lines[first].count(b'"')
        while quotes % 2:  # a quoted field goes on into the next line holding a quote
            k += 1
            if k == len(quoted):
                return records - _not_blank(lines[first:]), lines[first:]
            last = quoted[k]
            quotes += lines[last].count(b'"')
        if not _one_record(b"\n".join(lines[first:last + 1]), encoding):
            return None
        records -= _not_blank(lines[first:last + 1]) - 1
        k += 1
    return records, []


def _not_blank(lines: list[bytes]) -> int:
    return len(lines) - lines.count(b"") - lines.count(b"\r")


def _one_record(text: bytes, encoding: str) -> bool:
    """The csv module reads ``text`` (lines joined by LF, without the last one's) as one
    complete record."""
    try:
        return len(list(dialect_reader(io.StringIO(text.decode(encoding), newline="")))) == 1
    except (csv.Error, UnicodeDecodeError):
        return False


def header_difference(expected: Sequence[str], found: Sequence[str]) -> str:
    """Words how ``found`` differs from the declared header, for the structural error."""
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
