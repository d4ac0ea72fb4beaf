"""Framing a file into records with the csv module, the one way readers and manifest agree on.

A quoted field holding a line break is one record; blank lines are not records. Line numbers
are those of a record's first line, as a user sees them in an editor.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from sources.danish_csv.encoding import CsvStructuralError, detect_encoding

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
    n = -1
    for n, _ in enumerate(iter_records(path, encoding)):
        pass
    return max(n, 0)


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
