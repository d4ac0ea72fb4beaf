"""What the CPR fast path (``duckdb_load``) asks of a file before it cuts any record: the bytes
DuckDB reads exactly as the Python reader's line framing does (``framing.LineFramer``), and a
shape that gives no finding (``reader._Reader``: the 000 and 999 records, known types, no cut
line, the declared count).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from sources.folkeregister.conversion import INVALID, compact_date
from sources.folkeregister.framing import is_line_mode
from sources.folkeregister.layout import FIELDS, RECORD_002B_LENGTH, RECORD_LENGTHS

CHUNK = 1 << 23
# Bytes that keep a file off this path: NUL, SOH (DuckDB's delimiter here) and the C1 bytes
# 0x80-0x9F, which DuckDB's ISO-8859-1 decoder refuses with an error that would abort the
# caller's transaction. One translate and one search per chunk (about 1 s for 1.3 GB).
_REFUSED = b"\x00"
_REFUSED_TABLE = bytes(0 if b in (0, 1) or 0x80 <= b <= 0x9F else 1 for b in range(256))


def plain_lines(path: Path) -> int | None:
    """The number of lines of a line-mode file with LF or CR/LF line ends throughout and no
    refused byte; else None. (Blank lines need no scan: DuckDB reads them as null lines, which
    ``shape_of`` refuses.)"""
    lfs = crs = 0
    with open(path, "rb") as f:
        chunk = f.read(CHUNK)
        if not chunk or not is_line_mode(chunk):
            return None
        ends_with_lf = True
        while chunk:
            if _REFUSED in chunk.translate(_REFUSED_TABLE):
                return None
            lfs += chunk.count(b"\n")
            if b"\r" in chunk:
                crs += chunk.count(b"\r")
            ends_with_lf = chunk.endswith(b"\n")
            chunk = f.read(CHUNK)
    if crs:  # CR only in CR/LF, and every line end a CR/LF
        crlfs = 0
        tail = b""
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                crlfs += (tail + chunk).count(b"\r\n")
                tail = chunk[-1:] if chunk.endswith(b"\r") else b""
        if not crs == crlfs == lfs:
            return None
    return lfs + (0 if ends_with_lf else 1)


def shape_of(con: duckdb.DuckDBPyConnection, stage: str, first_id: int, last_id: int
             ) -> tuple[dict, int, str | None] | None:
    """(the 000's dates, the 999's count, the 002 variant) when the file's shape gives no finding:
    the 000 first, the 999 last, no other, every record type known (a blank line is a null line,
    a blank-looking one an unknown type), no line longer than its record."""
    by_type = {t: (n, longest) for t, n, longest in con.execute(
        f"select t, count(*), max(length(line)) from {stage} group by t").fetchall()}
    allowed = {**RECORD_LENGTHS, "002": RECORD_002B_LENGTH}
    if any(t not in allowed or longest > allowed[t] for t, (_, longest) in by_type.items()):
        return None
    if by_type.get("000", (0,))[0] != 1 or by_type.get("999", (0,))[0] != 1:
        return None
    ends = dict(con.execute(f"select rowid, line from {stage} where rowid in (?, ?)",
                            [first_id, last_id]).fetchall())
    start_line, end_line = ends.get(first_id, ""), ends.get(last_id, "")
    if start_line[:3] != "000" or end_line[:3] != "999":
        return None
    start = {}
    for f in FIELDS["000"]:
        value = compact_date(f.cut(start_line))
        if value is INVALID:
            return None
        start[f.name] = value
    records = last_id - first_id - 1  # without the 000 and the 999
    declared = FIELDS["999"][0].cut(end_line).strip()
    if not (declared.isascii() and declared.isdigit()) or int(declared) != records:
        return None
    variant = None
    if "002" in by_type:
        variant = "002B" if by_type["002"][1] > RECORD_LENGTHS["002"] else "002"
    return start, records, variant
