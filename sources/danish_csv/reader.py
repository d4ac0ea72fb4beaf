"""Reading a declared CSV file in batches of valid, normalised rows.

Rows with errors are reported (one row error per failing field) and dropped; structural
problems (encoding, header, quoting) are reported and end the reading.
"""

from __future__ import annotations

import csv
import gc
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from sources.danish_csv.declarations import CsvFile
from sources.danish_csv.encoding import CsvStructuralError, detect_encoding
from sources.danish_csv.records import dialect_reader, header_difference
from sources.danish_csv.validation import validate_batch
from sources.findings import ReadReport


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
        # Framed inline, not through records.iter_records (same line numbering), so that the
        # batch loop below makes no per-record call beyond the csv module's.
        reader = dialect_reader(f)
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
                field_count_errors: list[tuple[int, str]] = []
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
                        elif rec:  # blank lines are not records; anything else is a row
                            n_read += 1
                            field_count_errors.append(
                                (prev + 1, f"expected {width} fields, found {len(rec)}"))
                        prev = reader.line_num
                    report.rows_read += n_read
                    report.rows_rejected += len(field_count_errors)
                    if rows:
                        frame = _valid_rows_frame(rows, lines, spec, report, source_file,
                                                  lineage, field_count_errors)
                    else:
                        for line, reason in field_count_errors:
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


def _valid_rows_frame(rows: list[list[str]], lines: list[int], spec: CsvFile,
                      report: ReadReport, source_file: str, lineage: bool,
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
