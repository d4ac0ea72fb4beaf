"""Validating a batch of records against a declared file, column by column, vectorised.

Every failing field of every rejected row is reported, so a supplier fixes a file in one round
rather than one error per delivery.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from sources.danish_csv.declarations import Column, CsvFile
from sources.findings import ReadReport


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
        if col.kind.check is None:  # free text has nothing to check; empty still means null
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
    # (line, column position, field, reason): sorted, the errors read in the file's order.
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
        # A field already reported invalid or missing is None in `norm`; a rule on it would
        # only report the same field a second time.
        bad = rule.bad(norm) & ~field_bad[rule.field]
        for i in np.flatnonzero(bad):
            errors.append((int(line_arr[i]), positions[rule.field], rule.field, rule.reason))
        rejected |= bad
    errors.sort()
    for line, _, name, reason in errors:
        report.row_error(reason, line=line, field=name)
    report.rows_rejected += int(rejected.sum())
    return norm, ~rejected
