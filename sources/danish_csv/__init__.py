"""The Danish CSV dialect of every economy and case file (``shared/spec/sources.md``).

``;`` separator, ``"`` quoting, a header row, decimal comma, no thousands separator, dates
``DD.MM.YYYY``, empty = null; UTF-8 (with or without BOM) or Windows-1252, detected, never
guessed silently wrong.

- ``encoding``: :func:`detect_encoding` streams the file once and names the byte offset of
  undecodable input; :class:`CsvStructuralError`.
- ``records``: :func:`iter_records` streams ``(first line, fields)`` records; the readers and the
  manifest row count (``sources.delivery``, :func:`count_records`) frame records the same way.
- ``kinds`` (with ``vectorised``): the column kinds (``TEXT``, ``DATE``, ``DECIMAL``, ``CPR``,
  ...), each validating and normalising a whole array of values at once.
- ``declarations``: :class:`Column`, :class:`RowRule` and :class:`CsvFile` declare a file.
- ``validation`` and ``reader``: :func:`read_csv` reads a declared file in batches, validates
  each batch vectorised (pandas/numpy over the distinct values of a column, never per-field
  Python calls), reports every failing field of every rejected row as a row error, drops those
  rows and yields the valid rows normalised to what DuckDB casts directly (dates
  ``YYYY-MM-DD``, decimals with ``.``, bools as Python bools, ``None`` for empty).
- ``duckdb_load``: :func:`load_with_duckdb`, the fast path the ingest tries first: DuckDB parses
  and loads a whole file where that is exact (the same kinds' checks on the distinct values) and
  otherwise leaves the file to :func:`read_csv`, which reports it.
"""

from sources.danish_csv.declarations import (
    Column, CsvFile, RowRule, end_before_start, required_when,
)
from sources.danish_csv.encoding import CHUNK_BYTES, CsvStructuralError, detect_encoding
from sources.danish_csv.kinds import (
    BOOL, CPR, DATE, DECIMAL, FUNCTION_CODE, HOUSE_NUMBER, INT, MUNICIPALITY_CODE, ROAD_CODE,
    TEXT, Kind, decimal_kind, enum, valid_cpr_mask,
)
from sources.danish_csv.reader import read_csv
from sources.danish_csv.records import (
    DELIMITER, QUOTECHAR, count_records, header_difference, iter_records,
)
from sources.danish_csv.validation import validate_batch
from sources.danish_csv.vectorised import fullmatch_mask

__all__ = [
    "BOOL", "CHUNK_BYTES", "CPR", "DATE", "DECIMAL", "DELIMITER", "FUNCTION_CODE",
    "HOUSE_NUMBER", "INT", "MUNICIPALITY_CODE", "QUOTECHAR", "ROAD_CODE", "TEXT", "Column",
    "CsvFile", "CsvStructuralError", "Kind", "RowRule", "count_records", "decimal_kind",
    "detect_encoding", "end_before_start", "enum", "fullmatch_mask", "header_difference",
    "iter_records", "read_csv", "required_when", "valid_cpr_mask", "validate_batch",
]
