"""Turning a batch of framed records of one type into a validated raw-table DataFrame.

Each record type has a column plan, derived once from ``layout.FIELDS`` and the raw-table
contract: which slice of the record a column is and how it is converted and checked. A batch is
processed column by column (one slice and one conversion over all records) rather than record
by record, which is what keeps the reader fast.

Row errors (the record is dropped and ``report.rows_rejected`` counts it): an invalid CPR number
in the record's PNR or in a non-blank other CPR field (PNRGAELD, AEGTEPNR, child, PNRMOR,
PNRFAR; ``0000000000`` counts as blank there), a date/timestamp that is not a real date, an
unknown municipality code in 002 KOMKOD (the current municipality; history codes are never
checked), an unknown code in STATUS, KOEN, CIVST or ANNKOR, an end before its start in 023/029.

023/029 records with ANNKOR ``A`` are dropped before validation (counted in records_read, not
yielded); ``K``, ``Æ`` and blank are kept with ``correction_code``.
"""

from __future__ import annotations

from itertools import count
from operator import itemgetter

import pandas as pd

from sources.findings import ReadReport
from sources.folkeregister.conversion import (
    CONVERTED_KINDS,
    EXPECTED_FORMAT,
    convert_column,
    count_without_modulus_11,
    invalid_cpr_indexes,
    stripped_or_none,
)
from sources.folkeregister.layout import FIELDS, RECORD_TABLES
from sources.masking import mask_cpr
from sources.raw_tables import raw_table

# CPR's own field names, for the reason texts (the Finding's field is the warehouse name).
CPR_NAMES: dict[tuple[str, str], str] = {
    ("000", "production_date"): "PRODDTO",
    ("000", "previous_production_date"): "PRODDTOFORRIG",
    ("001", "cpr"): "PNR", ("001", "current_cpr"): "PNRGAELD", ("001", "status_code"): "STATUS",
    ("001", "status_start_at"): "STATUSHAENSTART", ("001", "sex"): "KOEN",
    ("001", "birth_date"): "FOED_DT",
    ("002", "municipality_code"): "KOMKOD", ("002", "moved_in_at"): "TILFLYDTO",
    ("002", "moved_to_municipality_at"): "TILFLYKOMDTO",
    ("002", "left_previous_municipality_at"): "FRAFLYKOMDTO",
    ("012", "civil_status_code"): "CIVST", ("012", "spouse_cpr"): "AEGTEPNR",
    ("012", "valid_from_at"): "HAENSTART-CIVILSTAND",
    ("014", "child_cpr"): "child PNR",
    ("015", "mother_cpr"): "PNRMOR", ("015", "father_cpr"): "PNRFAR",
    ("015", "mother_valid_from"): "MOR_DT", ("015", "father_valid_from"): "FAR_DT",
    ("023", "correction_code"): "ANNKOR", ("023", "moved_in_at"): "TILFLYDTO",
    ("023", "moved_out_at"): "FRAFLYDTO",
    ("029", "correction_code"): "ANNKOR", ("029", "civil_status_code"): "CIVST",
    ("029", "spouse_cpr"): "AEGTEPNR", ("029", "valid_from_at"): "HAENSTART",
    ("029", "valid_to_at"): "HAENSLUT",
}

ALLOWED_CODES: dict[str, frozenset] = {
    "status_code": frozenset({"01", "03", "05", "07", "20", "30", "50", "60", "70", "80", "90"}),
    "sex": frozenset({"M", "K", None}),
    "civil_status_code": frozenset({"U", "G", "F", "E", "P", "O", "L", "D", None}),
    "correction_code": frozenset({"K", "Æ", None}),  # "A" records are dropped before this
}
# (end, start) pairs that must not be reversed
END_AFTER_START = {"023": ("moved_out_at", "moved_in_at"), "029": ("valid_to_at", "valid_from_at")}

_TIMESTAMP_SUFFIX = "_at"
_OTHER_CPRS = {"current_cpr", "spouse_cpr", "child_cpr", "mother_cpr", "father_cpr"}
_DATES10 = {"birth_date", "mother_valid_from", "father_valid_from"}
_STAR = "*".__eq__  # the "uncertain" flags are a star or blank


def _kind(rtype: str, name: str) -> str:
    """How a column is converted and checked (see ``BatchBuilder.build``)."""
    if name == "cpr":
        return "cpr"
    if name in _OTHER_CPRS:
        return "cpr_other"
    if name.endswith("_uncertain"):
        return "flag"
    if name.endswith(_TIMESTAMP_SUFFIX):
        return "ts12"
    if name in _DATES10:
        return "date10"
    if name == "house_number":
        return "house"
    if name == "floor":
        return "floor"
    if name == "door":
        return "door"
    if name in ALLOWED_CODES:
        return "code"
    if name == "municipality_code" and rtype == "002":
        return "municipality_current"
    return "text"


def _plan(rtype: str) -> tuple[str, list[tuple[str, str, int, int]]]:
    """(raw table, [(column, kind, slice start, slice end)]) of a record type."""
    table = RECORD_TABLES[rtype]
    fields = {f.name: f for f in FIELDS[rtype]}
    cols = raw_table("folkeregister", table).column_names[:-2]  # without lineage
    plan = []
    for name in cols:
        f = fields[name]  # KeyError here = layout and raw-table contract disagree
        plan.append((name, _kind(rtype, name), f.start - 1, f.start - 1 + f.length))
    return table, plan


PLANS: dict[str, tuple[str, list[tuple[str, str, int, int]]]] = {
    rtype: _plan(rtype) for rtype in RECORD_TABLES
}
_ANNKOR_POS = {
    rtype: next(f.start - 1 for f in FIELDS[rtype] if f.name == "correction_code")
    for rtype in ("023", "029")
}


class BatchBuilder:
    """Builds the DataFrames of one file; row errors go to ``report``."""

    def __init__(self, report: ReadReport, source_file: str,
                 valid_municipality_codes: frozenset[str]) -> None:
        self.report = report
        self.source_file = source_file
        self.valid_codes = valid_municipality_codes
        self.persons_without_mod11 = 0  # 001 records yielded whose CPR number fails modulus 11
        self.annulled = 0  # 023/029 records with ANNKOR A (dropped)

    def build(self, rtype: str, recs: list[str], locs: list[int],
              offs: list[int] | None) -> pd.DataFrame | None:
        """One DataFrame of ``rtype`` records, None when none is left; ``locs`` are their
        source_line values, ``offs`` their byte offsets (stream mode; findings name offsets
        there, line mode: None)."""
        report = self.report
        if rtype in _ANNKOR_POS:
            p = _ANNKOR_POS[rtype]
            codes = [r[p:p + 1] for r in recs]
            if "A" in codes:
                keep = [i for i, c in enumerate(codes) if c != "A"]
                self.annulled += len(recs) - len(keep)
                recs = [recs[i] for i in keep]
                locs = [locs[i] for i in keep]
                if offs is not None:
                    offs = [offs[i] for i in keep]
                if not recs:
                    return None
        table, plan = PLANS[rtype]
        data: dict[str, list] = {}
        errors: list[tuple[int, str, str]] = []  # (index, field, reason)
        for name, kind, a, b in plan:
            label = f"record {rtype}: {CPR_NAMES.get((rtype, name), name)}"
            if kind == "flag":
                data[name] = list(map(_STAR, map(itemgetter(slice(a, a + 1)), recs)))
                continue
            raw = list(map(itemgetter(slice(a, b)), recs))
            if kind == "text":
                data[name] = stripped_or_none(raw)
            elif kind in CONVERTED_KINDS:
                values, bad = convert_column(raw, kind)
                for i in bad:
                    errors.append((i, name, f"{label} {raw[i].strip()!r} is not a valid "
                                            f"{'date' if kind == 'date10' else 'timestamp'} "
                                            f"({EXPECTED_FORMAT[kind]})"))
                data[name] = values
            elif kind == "cpr":
                for i in invalid_cpr_indexes(raw):
                    shown = mask_cpr(raw[i]) if raw[i].strip() else "blank"
                    errors.append((i, name, f"{label} {shown} is not a valid CPR number"))
                data[name] = raw
            elif kind == "cpr_other":
                values = stripped_or_none(raw)
                if "0000000000" in values:
                    values = [None if v == "0000000000" else v for v in values]
                for i in invalid_cpr_indexes(values):
                    errors.append((i, name, f"{label} {mask_cpr(values[i])} is not a valid "
                                            f"CPR number"))
                data[name] = values
            elif kind == "code" or kind == "municipality_current":
                values = stripped_or_none(raw)
                allowed = ALLOWED_CODES[name] if kind == "code" else self.valid_codes
                what = "known code" if kind == "code" else "known current municipality code"
                for i, v in ([] if allowed.issuperset(values) else enumerate(values)):
                    if v not in allowed:
                        reason = f"{label} {v!r} is not a {what}" if v else f"{label} is blank"
                        errors.append((i, name, reason))
                data[name] = values
            else:  # pragma: no cover - plans only use the kinds above
                raise AssertionError(kind)
        if rtype in END_AFTER_START:
            end, start = END_AFTER_START[rtype]
            bad_rows = {i for i, _, _ in errors}
            for i, e, s in zip(count(), data[end], data[start]):
                if i not in bad_rows and e and s and e < s:
                    errors.append((i, end, f"record {rtype}: {CPR_NAMES[(rtype, end)]} {e} is "
                                           f"before {CPR_NAMES[(rtype, start)]} {s}"))
        if errors:
            errors.sort(key=itemgetter(0))
            for i, fname, reason in errors:
                where = {"line": locs[i]} if offs is None else {"offset": offs[i]}
                report.row_error(reason, field=fname, **where)
            rejected = {i for i, _, _ in errors}
            report.rows_rejected += len(rejected)
            keep = [i for i in range(len(recs)) if i not in rejected]
            if not keep:
                return None
            data = {k: [v[i] for i in keep] for k, v in data.items()}
            locs = [locs[i] for i in keep]
        if rtype == "001":
            self.persons_without_mod11 += count_without_modulus_11(data["cpr"])
        data["source_file"] = [self.source_file] * len(locs)
        data["source_line"] = locs
        df = pd.DataFrame(data, dtype=object)
        df["source_line"] = df["source_line"].astype("int64")
        return df
