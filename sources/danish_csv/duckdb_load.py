"""The fast path of a declared CSV file: DuckDB parses it and loads the raw table in one scan.

It is taken only where it is exact, and gives way to the Python reader (``reader.read_csv``)
otherwise, so every error message still comes from one place and names file, line and field:

- the file is plain UTF-8 without NUL bytes (no BOM; Windows-1252 files go the Python way), no
  field is longer than the csv module takes (``csv.field_size_limit``), quotes only enclose
  whole fields (no doubled or stray quote, so DuckDB and the csv module cut fields alike), no
  line is blank and no record spans lines (so a record's line is its row number + 1: DuckDB must
  read exactly one record per line after the header);
- the header is exactly the declared one and every record has the declared number of fields
  (DuckDB's strict mode raises otherwise);
- every distinct value of every checked column passes the column kind's own ``check`` (the very
  function the Python reader calls), no required value is missing and no row rule fails.

When any of that does not hold, nothing is loaded and the caller reads the file the Python way,
which reports every bad row. Normalisation is the kinds' own too, written in SQL for the kinds
this path takes (dates ``DD.MM.YYYY``, decimal comma, integers, CPR numbers without the dash, codes
and free text as they are); a file declaring another kind always goes the Python way.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import numpy as np

from sources.danish_csv import kinds as k
from sources.danish_csv.declarations import CsvFile, RowRule
from sources.danish_csv.encoding import CsvStructuralError, detect_encoding
from sources.duckdb_columns import fetch_columns
from sources.findings import ReadReport

CHUNK = 1 << 22
# Up to this many records spanning lines, a file's line numbers come from a nested CASE over
# their rowids (depth log2 of it); beyond, from a window over every row (``_numbered``).
MAX_SPANNING_RECORDS = 4096

# kind -> SQL of the normalised value from the raw VARCHAR ``v`` (only once ``check`` passed)
_SQL = {
    k.TEXT: "{v}",
    k.DATE: "strptime({v}, '%d.%m.%Y')::DATE",
    k.INT: "{v}::INTEGER",
    k.FUNCTION_CODE: "{v}",
    k.CPR: "replace({v}, '-', '')",
    k.MUNICIPALITY_CODE: "{v}",
    k.ROAD_CODE: "{v}",
}


def _sql_of(kind: k.Kind) -> str | None:
    if kind in _SQL:
        return _SQL[kind]
    if kind.name == "decimal":
        return "replace({v}, ',', '.')"  # DuckDB casts to the raw table's DECIMAL
    if kind.name.startswith("enum("):
        return "{v}"
    return None


def _unsure_quote(both: bytes, start: int) -> bool:
    """A quote from ``start`` on that is doubled or has no ``;``/line break on either side."""
    pos = both.find(b'"', start)
    while pos != -1:
        before = both[pos - 1:pos] if pos else b"\n"
        after = both[pos + 1:pos + 2] or b"\n"
        if after == b'"' or (before not in (b";", b"\n") and after not in (b";", b"\r", b"\n")):
            return True
        pos = both.find(b'"', pos + 1)
    return False


def _plain_lines(path: Path) -> int | None:
    """Number of lines when quotes only enclose whole fields, no line is blank and CR is only
    in CRLF; else None."""
    lfs = crs = crlfs = 0
    tail = b""
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            while chunk.endswith((b"\r", b'"')):  # keep a CRLF and a quote's neighbour together
                more = f.read(1)
                if not more:
                    break
                chunk += more
            both = tail + chunk
            # the two-byte searches cost most: an LF file skips those about CR (its 530 MB of
            # postings 1.87 s → 0.77 s); a CR only in the tail cannot start "\n\r\n" here
            has_cr = b"\r" in chunk
            if b"\n\n" in both or (has_cr and b"\n\r\n" in both) or b"\x00" in chunk or (
                    b'"' in chunk and _unsure_quote(both, len(tail))):
                return None
            lfs += chunk.count(b"\n")
            if has_cr:
                crs += chunk.count(b"\r")
                crlfs += chunk.count(b"\r\n")
            tail = chunk[-2:]
    if crs not in (0, lfs) or crlfs != crs:  # no lone CR, and either all CRLF or all LF
        return None
    return lfs + (0 if tail.endswith(b"\n") else 1)


def load_with_duckdb(con: duckdb.DuckDBPyConnection, path: str | Path, report: ReadReport,
                     spec: CsvFile, table: str, source_file: str) -> int | None:
    """Load ``path`` into ``table`` (declared columns + source_file, source_line) when exact;
    returns the rows loaded, or None when the Python reader must read the file (nothing loaded,
    nothing reported)."""
    path = Path(path)
    sqls = [_sql_of(c.kind) for c in spec.columns]
    if any(s is None for s in sqls):
        return None
    try:
        if detect_encoding(path) != "utf-8":
            return None
    except (CsvStructuralError, OSError):  # the Python reader reports it
        return None
    lines = _plain_lines(path)
    if lines is None or lines < 2:
        return None
    with open(path, encoding="utf-8", newline="") as f:
        if f.readline().rstrip("\r\n").split(";") != spec.header:
            return None
    names = spec.header
    columns = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    stage = "danish_csv_stage"
    # A record with the wrong number of fields is skipped (ignore_errors), not raised: an error
    # would abort the caller's transaction. The count below sends such a file the Python way.
    con.execute(
        f"create or replace temp table {stage} as select * from read_csv(?, "
        f"columns={columns}, header=true, delim=';', quote='\"', escape='\"', "
        f"auto_detect=false, strict_mode=true, null_padding=false, ignore_errors=true, "
        f"encoding='utf-8', parallel=false)", [str(path)])
    try:
        text = [c.name for c in spec.columns if c.kind.check is None]
        n, inner, (source_line, rows, order) = _numbered(con, stage, text)
        if n + inner != lines - 1:
            return None
        longest = " , ".join(f'max(length("{c}"))' for c in text)
        if text and max((v or 0) for v in con.execute(
                f"select {longest} from {stage}").fetchone()) > csv.field_size_limit():
            return None  # the csv module refuses such a field: the Python reader says so
        # every distinct value through the kind's own check; required values present
        for col in spec.columns:
            q = f'"{col.name}"'
            if col.required and con.execute(
                    f"select count(*) from {stage} where {q} is null").fetchone()[0]:
                return None
            if col.kind.check is None:
                continue
            values = [r[0] for r in con.execute(
                f"select distinct {q} from {stage} where {q} is not null").fetchall()]
            if values:
                ok, _ = col.kind.check(np.asarray(values, dtype=object))
                if not bool(np.all(ok)):
                    return None
        select = ", ".join(f'{s.format(v=chr(34) + c + chr(34))} as "{c}"'
                           for s, c in zip(sqls, names))
        typed = f"(select {select}, {source_line} as source_line from {rows})"
        normalised = {c: s.format(v=chr(34) + c + chr(34)) for s, c in zip(sqls, names)}
        if any(_rule_fails(con, stage, normalised, rule) for rule in spec.rules):
            return None
        con.execute(f"insert into {table} select {', '.join(chr(34) + c + chr(34) for c in names)}"
                    f", ? as source_file, source_line from {typed}{order}",
                    [source_file])
    finally:
        con.execute(f"drop table if exists {stage}")
        con.execute(f"drop table if exists {stage}_lines")
    report.encoding = "utf-8"
    report.rows_read += n
    return n


def _numbered(con: duckdb.DuckDBPyConnection, stage: str,
              text: list[str]) -> tuple[int, int, tuple[str, str, str]]:
    """The stage's rows, the line breaks inside its quoted fields, and the SQL of each row's
    ``source_line`` (1 + its row number + the breaks in the records before it: the csv module's
    numbering; free-text columns only, as a line break in a checked column fails its check),
    the rows it reads and the ORDER BY that keeps them in file order, if they need one."""
    breaks = " + ".join(f"coalesce(length(\"{c}\") - length(replace(\"{c}\", chr(10), '')), 0)"
                        for c in text) or "0"
    spanning = " or ".join(f'contains("{c}", chr(10))' for c in text) or "false"
    # rowids are numbers in file order, not from 0: uncommitted rows count from a large offset
    n, first, last = con.execute(f"select count(*), min(rowid), max(rowid) from {stage}").fetchone()
    spans = con.execute(f"select rowid, {breaks} from {stage} where {spanning} order by rowid"
                        ).fetchall()
    inner = sum(b for _, b in spans)
    if len(spans) <= MAX_SPANNING_RECORDS and (n == 0 or last - first + 1 == n):
        # few records span lines (none or a handful in a real file): the breaks before a row
        # are a step function of its rowid, a nested CASE that bisects the spanning rows; no
        # window over every row, no join back, no sort (a 4.1M-posting file: 9.9 s → 8.1 s)
        return n, inner, (f"rowid - {first or 0} + 2 + {_breaks_before(spans)}", stage, "")
    con.execute(f"create or replace temp table {stage}_lines as select rowid as r, "
                f"1 + row_number() over w + coalesce(sum(breaks) over (w rows between "
                f"unbounded preceding and 1 preceding), 0) as source_line from "
                f"(select rowid, {breaks} as breaks from {stage}) window w as (order by rowid)")
    return n, inner, ("l.source_line", f"{stage} s join {stage}_lines l on s.rowid = l.r",
                      " order by source_line")


def _breaks_before(spans: list[tuple[int, int]]) -> str:
    """SQL of the line breaks in the spanning records before ``rowid``: the spanning records
    (rowid, breaks) in file order split the rows into segments; the k-th segment, after the
    k-th spanning record up to and including the next, adds the first k records' breaks."""
    totals = [0]
    for _, b in spans:
        totals.append(totals[-1] + b)

    def segment(lo: int, hi: int) -> str:
        if lo == hi:
            return str(totals[lo])
        mid = (lo + hi) // 2
        return (f"(case when rowid > {spans[mid][0]} then {segment(mid + 1, hi)} "
                f"else {segment(lo, mid)} end)")

    return segment(0, len(spans))


def _rule_fails(con: duckdb.DuckDBPyConnection, stage: str, normalised: dict[str, str],
                rule: RowRule) -> bool:
    """Whether ``rule`` finds a bad row among the normalised values (as the Python reader's
    object arrays: ISO dates as strings, None for null). A row rule judges each row on its own
    from the columns it reads, so it runs on their distinct combinations rather than on every
    row (a file of 4.1M postings loaded in 9.6–9.8 s with every row's dates fetched, 8.6–8.7 s
    so)."""
    exprs = ", ".join(f"({normalised[name]})::VARCHAR as \"{name}\"" for name in rule.reads)
    return bool(np.any(rule.bad(fetch_columns(con, f"select distinct {exprs} from {stage}"))))
