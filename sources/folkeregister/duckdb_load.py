"""The fast path of a CPR extract: DuckDB reads the lines and cuts the records into the raw tables.

It is taken only where it is exact, and gives way to the Python reader (``reader.read_cpr_extract``)
otherwise, so every finding still comes from one place and names file, line and field:

- line mode (``framing.is_line_mode``) with LF or CR/LF line ends throughout (no lone CR), no
  blank or blank-looking line, no NUL or SOH byte (the delimiter DuckDB is given) and no C1
  byte (DuckDB's ISO-8859-1 decoder refuses them);
- the first line is the 000, the last the 999, there is no other 000 or 999, every record type is
  known, no line is longer than its record (a 002 line than 002B's) and the 999 declares the
  records read: the shape findings (structural errors, warnings) cannot arise;
- every distinct value of every column passes the Python reader's own conversion and check
  (``conversion.convert_column``, ``invalid_cpr_indexes``, ``batches.ALLOWED_CODES``, the
  current municipality codes) and no end lies before its start: no row error can arise; no
  field the reader strips has white space at an edge that ``str.strip`` removes besides the
  space (a tab, an NBSP …), which DuckDB's ``trim`` would keep.

The conversions are not written twice: each distinct raw value of a converted kind (dates,
timestamps, house numbers, floors, doors) goes through the Python converter once, and DuckDB
joins the results. The one finding a clean file can have, the count of person numbers without
modulus 11 (information), is the reader's own function on the 001 numbers.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from sources.duckdb_columns import fetch_column
from sources.findings import ReadReport
from sources.folkeregister.batches import ALLOWED_CODES, END_AFTER_START, PLANS
from sources.folkeregister.conversion import (
    CONVERTED_KINDS, convert_column, count_without_modulus_11, invalid_cpr_indexes,
)
from sources.folkeregister.duckdb_framing import plain_lines, shape_of
from sources.folkeregister.framing import ENCODING
from sources.folkeregister.layout import FIELDS
from sources.raw_tables import raw_table

STAGE = "cpr_extract_stage"
# The white space besides the space that Python's str.strip removes at a field's edges and
# DuckDB's trim(v, ' ') keeps (ISO-8859-1: tab, VT, FF, FS-US, NEL, NBSP); found there, a file
# goes the Python way.
_PYTHON_SPACE = "[\\t\\x0b\\x0c\\x1c-\\x1f\\x85\\xa0]"
_STRIPPED_BY_PYTHON = f"^ *{_PYTHON_SPACE}|{_PYTHON_SPACE} *$"
_ANNULLED_AT = {rtype: next(f.start for f in FIELDS[rtype] if f.name == "correction_code")
                for rtype in END_AFTER_START}


def _slice(a: int, b: int) -> str:
    return f"substr(line, {a + 1}, {b - a})"


def _trimmed(a: int, b: int) -> str:
    return f"nullif(trim({_slice(a, b)}, ' '), '')"


def _kept(rtype: str) -> str:
    """The stage's records of ``rtype``, without annulled (ANNKOR A) history records."""
    where = f"t = '{rtype}'"
    if rtype in _ANNULLED_AT:
        where += f" and substr(line, {_ANNULLED_AT[rtype]}, 1) <> 'A'"
    return where


def _strings(con: duckdb.DuckDBPyConnection, sql: str) -> list[str | None]:
    return fetch_column(con, sql).tolist()


class _RecordType:
    """One used record type: its records cut into columns (``cpr_cut_<type>``: the reader's
    slices, trimmed where the reader strips, raw where it converts), then its raw table's rows."""

    def __init__(self, rtype: str) -> None:
        self.rtype = rtype
        self.table, self.plan = PLANS[rtype]
        self.cut = f"cpr_cut_{rtype}"

    def cut_sql(self, first_id: int) -> str:
        parts = []
        for name, kind, a, b in self.plan:
            if kind == "flag":
                sql = f"substr(line, {a + 1}, 1) = '*'"
            elif kind in CONVERTED_KINDS or kind == "cpr":
                sql = _slice(a, b)
            elif kind == "cpr_other":
                sql = f"nullif({_trimmed(a, b)}, '0000000000')"
            else:  # text, code, municipality_current
                sql = _trimmed(a, b)
            parts.append(f'{sql} as "{name}"')
        return (f"create or replace temp table {self.cut} as select rowid - {first_id} + 1 "
                f"as source_line, "
                f"{', '.join(parts)} from {STAGE} where {_kept(self.rtype)}")

    def columns_of(self, *kinds: str) -> list[tuple[str, str]]:
        return [(name, kind) for name, kind, _, _ in self.plan if kind in kinds]

    def converted(self) -> tuple[list[str], list[str]]:
        """(value SQL per column, joins) with the converted kinds looked up."""
        values, joins = [], []
        for name, kind, _, _ in self.plan:
            if kind in CONVERTED_KINDS:
                alias = f"conv_{name}"
                joins.append(f"left join cpr_converted_{kind} {alias} "
                             f"on {alias}.raw = c.\"{name}\"")
                values.append(f'{alias}.value as "{name}"')
            else:
                values.append(f'c."{name}"')
        return values, joins

    def insert_sql(self) -> str:
        table = raw_table("folkeregister", self.table)
        values, joins = self.converted()
        cols = ", ".join(f'"{c}"' for c in table.column_names)
        return (f"insert into {table.qualified_name} ({cols}) select {', '.join(values)}, "
                f"? as source_file, c.source_line from {self.cut} c {' '.join(joins)} "
                "order by c.source_line")


RECORD_TYPES = [_RecordType(rtype) for rtype in PLANS]


def load_cpr_with_duckdb(con: duckdb.DuckDBPyConnection, path: str | Path, report: ReadReport,
                         source_file: str, valid_municipality_codes: frozenset[str]
                         ) -> dict[str, int] | None:
    """Load the extract at ``path`` into the raw folkeregister tables (``extracts`` included)
    when exact; returns the rows loaded per table, or None when the Python reader must read the
    file (nothing loaded, nothing reported)."""
    path = Path(path)
    try:
        lines = plain_lines(path)
    except OSError:  # the Python reader reports it
        return None
    if lines is None:
        return None
    own_tables = [STAGE, *(r.cut for r in RECORD_TYPES),
                  *(f"cpr_converted_{k}" for k in CONVERTED_KINDS),
                  *(f"cpr_order_{rtype}" for rtype in END_AFTER_START)]
    # the line numbers are row ids: the stage must be written in the file's order
    kept_order = con.execute("select current_setting('preserve_insertion_order')").fetchone()[0]
    con.execute("set preserve_insertion_order = true")
    try:
        # A table of the database, not a temporary one: written compressed, it stays within
        # DuckDB's memory limit with little spilling (3M citizens, 3.9 GB: 78.6 s as a temporary
        # table, 64.5 s as a table; the pipeline's peak at 1M 2.6 GiB → 1.8 GiB). A line DuckDB
        # cannot read is skipped (ignore_errors), not raised: an error would abort the caller's
        # transaction; the count of lines below sends such a file the Python way.
        con.execute(f"create or replace table {STAGE} as select substr(line, 1, 3) as t, "
                    "line from read_csv(?, columns={'line': 'VARCHAR'}, header=false, "
                    "delim=chr(1), quote='', escape='', auto_detect=false, ignore_errors=true, "
                    "encoding='latin-1')", [str(path)])
        # Row ids count the file's lines from the first (inside the caller's transaction they
        # start at a large offset): a line's number is its row id less the first's, plus one.
        first_id, last_id, n = con.execute(f"select min(rowid), max(rowid), count(*) "
                                           f"from {STAGE}").fetchone()
        contiguous = n == lines and last_id - first_id + 1 == n
        shape = shape_of(con, STAGE, first_id, last_id) if contiguous else None
        if shape is None:
            return None
        for record_type in RECORD_TYPES:
            con.execute(record_type.cut_sql(first_id))
        con.execute(f"drop table {STAGE}")
        if not _values_pass(con, valid_municipality_codes):
            return None
        return _insert(con, report, source_file, lines, *shape)
    finally:
        for table in own_tables:
            con.execute(f"drop table if exists {table}")
        con.execute(f"set preserve_insertion_order = {str(bool(kept_order)).lower()}")


def _insert(con: duckdb.DuckDBPyConnection, report: ReadReport, source_file: str, lines: int,
            start: dict, declared: int, variant_002: str | None) -> dict[str, int]:
    rows: dict[str, int] = {}
    for record_type in RECORD_TYPES:
        con.execute(record_type.insert_sql(), [source_file])
        rows[record_type.table] = con.execute(
            f"select count(*) from {record_type.cut}").fetchone()[0]
    records_read = lines - 2
    extracts = raw_table("folkeregister", "extracts")
    con.execute(f"insert into {extracts.qualified_name} ({', '.join(extracts.column_names)}) "
                "values (?, ?, ?, ?, 0, ?, ?, 1)",
                [start["production_date"], start["previous_production_date"], declared,
                 records_read, variant_002, source_file])
    rows["extracts"] = 1
    without_mod11 = count_without_modulus_11(_strings(con, "select cpr from cpr_cut_001"))
    if without_mod11:  # the reader's information, word for word (reader.extracts_row)
        report.info(f"{without_mod11} person record(s) (001) carry a CPR number without "
                    f"modulus 11 (valid: issued since 2007, or replacement numbers)", field="cpr")
    report.rows_read = records_read
    report.encoding = ENCODING
    return rows


def _values_pass(con: duckdb.DuckDBPyConnection, valid_codes: frozenset[str]) -> bool:
    """Every distinct value passes the reader's conversion or check, and no end lies before its
    start; the conversions are kept in ``cpr_converted_<kind>`` (raw, value) for the inserts."""
    for kind in CONVERTED_KINDS:
        union = " union ".join(f'select "{name}" as raw from {r.cut}'
                               for r in RECORD_TYPES for name, _ in r.columns_of(kind))
        raws = _strings(con, union) if union else []
        values, bad = convert_column(raws, kind)
        if bad:
            return False
        con.register("cpr_conversions", pd.DataFrame({"raw": raws, "value": values}, dtype=object))
        try:
            con.execute(f"create or replace temp table cpr_converted_{kind} as "
                        "select raw::VARCHAR as raw, value::VARCHAR as value from cpr_conversions")
        finally:
            con.unregister("cpr_conversions")
    # the person numbers of every column at once; a record's own (PNR) is never blank
    numbers = " union ".join(f'select "{name}" as v from {r.cut}'
                             for r in RECORD_TYPES for name, _ in r.columns_of("cpr", "cpr_other"))
    present = _strings(con, f"select v from ({numbers}) where v is not null")
    if invalid_cpr_indexes(present):
        return False
    for r in RECORD_TYPES:
        stripped = r.columns_of("text", "code", "municipality_current", "cpr_other")
        if stripped and con.execute(
                f"select count(*) from {r.cut} where "
                + " or ".join(f"regexp_matches(\"{name}\", '{_STRIPPED_BY_PYTHON}')"
                              for name, _ in stripped)).fetchone()[0]:
            return False  # white space at an edge that Python strips and trim(' ') keeps
        for name, kind in r.columns_of("code", "municipality_current"):
            values = _strings(con, f'select distinct "{name}" from {r.cut}')
            if not (ALLOWED_CODES[name] if kind == "code" else valid_codes).issuperset(values):
                return False
        if r.rtype in END_AFTER_START:
            # the two converted values side by side first: with the comparison in the same query,
            # DuckDB joined the two lookups to each other (667M rows, 29 s at 3M citizens)
            end, begin = END_AFTER_START[r.rtype]
            kind = dict(r.columns_of(*CONVERTED_KINDS))
            con.execute(f"create or replace temp table cpr_order_{r.rtype} as select "
                        f"e.value as end_value, b.value as begin_value from {r.cut} c "
                        f"left join cpr_converted_{kind[end]} e on e.raw = c.\"{end}\" "
                        f"left join cpr_converted_{kind[begin]} b on b.raw = c.\"{begin}\"")
            reversed_ = con.execute(f"select count(*) from cpr_order_{r.rtype} "
                                    "where end_value < begin_value").fetchone()[0]
            con.execute(f"drop table cpr_order_{r.rtype}")
            if reversed_:
                return False
    return True
