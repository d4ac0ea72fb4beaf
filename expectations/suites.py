"""One Great Expectations 1.x suite per raw table, built in code.

One rule in one place: the readers (``sources/``) enforce every row-level rule they can see in
one record (required fields, real dates, CPR numbers, known codes and municipality codes,
function-code shape, an end not before its start) and reject such a row with file, line and
field, so these suites do **not** check those again (``READER_RULES`` lists them; README.md in
this folder is the table of which rule lives where). The suites keep what no reader guarantees:

- the table as a whole: the column list, a row count of at least 1 for the tables a delivery can
  never leave empty;
- ranges the readers do not check (birth date within what a CPR number can encode, fiscal year
  2000-2100, dranst 1-9, prices and shares not negative, weekly hours > 0);
- shapes of fields the readers keep as free text (road codes, postal codes, historical
  municipality codes: 4 digits; grouping 3 digits; art ``D.D``);
- nulls the readers let through (a blank CIVST, a blank child PNR, a blank history KOMKOD);
- pairs no reader relates (a grant closed before it started, the extract's production dates);
- the ``extracts`` row, which the CPR reader builds itself.

Uniqueness and cross-table rules are dbt tests (cheap in SQL); the suites stay row-local so the
runner can validate a table chunk by chunk. Table-level expectations (the row count, the column
list) are evaluated once per table by :mod:`expectations.runner`.

GX is imported lazily (about 3 s): nothing here imports it at module import time.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sources.raw_tables import BY_KEY, RawTable, raw_table

if TYPE_CHECKING:  # pragma: no cover
    import great_expectations as gx

FOUR_DIGITS_REGEX = r"^\d{4}$"

# Every date a CPR number can encode (century rule: 1858-01-01 .. 2057-12-31). Static on purpose:
# a suite must give the same verdict on a rerun of the same delivery.
BIRTH_DATE_MIN = dt.datetime(1858, 1, 1)
BIRTH_DATE_MAX = dt.datetime(2057, 12, 31)

# Tables a delivery can never leave empty.
NEVER_EMPTY = {
    ("folkeregister", "extracts"),  # a delivery has one or more CPR extract files
    ("folkeregister", "persons"),
    ("economy", "postings"),
    ("economy", "budgets"),
    ("cases", "grants"),
    ("cases", "providers"),
}


# --- small builders: (expectation class name, kwargs) ----------------------------------------
Spec = tuple[str, dict[str, Any]]


def not_null(*columns: str) -> list[Spec]:
    return [("ExpectColumnValuesToNotBeNull", {"column": c}) for c in columns]


def matches(column: str, regex: str) -> list[Spec]:
    return [("ExpectColumnValuesToMatchRegex", {"column": column, "regex": regex})]


def between(column: str, min_value: Any = None, max_value: Any = None, **kw: Any) -> list[Spec]:
    return [("ExpectColumnValuesToBeBetween",
             {"column": column, "min_value": min_value, "max_value": max_value, **kw})]


def ends_after_start(end: str, start: str) -> list[Spec]:
    """``end >= start`` where both are present."""
    return [("ExpectColumnPairValuesAToBeGreaterThanB",
             {"column_A": end, "column_B": start, "or_equal": True,
              "ignore_row_if": "either_value_is_missing"})]


def _rules(source: str, table: str) -> list[Spec]:
    """The row-level rules of one table that no reader guarantees (``READER_RULES`` lists the
    ones a reader does; README.md in this folder says which rule lives where)."""
    match (source, table):
        case ("folkeregister", "extracts"):  # one row per file, built by the reader itself
            return [
                *not_null("production_date"),
                ("ExpectColumnPairValuesAToBeGreaterThanB",
                 {"column_A": "production_date", "column_B": "previous_production_date",
                  "or_equal": False, "ignore_row_if": "either_value_is_missing"}),
                *between("declared_count", 0), *between("records_read", 0),
                *between("records_skipped", 0),
            ]
        case ("folkeregister", "persons"):
            # the reader checks a real date, not the range a CPR number can encode
            return between("birth_date", BIRTH_DATE_MIN, BIRTH_DATE_MAX)
        case ("folkeregister", "current_addresses"):
            return [
                *matches("road_code", FOUR_DIGITS_REGEX),
                *matches("previous_municipality_code", FOUR_DIGITS_REGEX),
            ]
        case ("folkeregister", "address_texts"):
            return matches("postal_code", FOUR_DIGITS_REGEX)
        case ("folkeregister", "names"):
            return []
        case ("folkeregister", "civil_status"):
            return not_null("civil_status_code")  # the reader lets a blank CIVST through
        case ("folkeregister", "children"):
            return not_null("child_cpr")  # the reader reads a blank child PNR as null
        case ("folkeregister", "parents"):
            return []
        case ("folkeregister", "address_history"):
            return [
                *not_null("municipality_code"),
                *matches("municipality_code", FOUR_DIGITS_REGEX),  # pre-2007 codes allowed
                *matches("road_code", FOUR_DIGITS_REGEX),
            ]
        case ("folkeregister", "civil_status_history"):
            return not_null("civil_status_code")
        case ("economy", "postings"):
            return [
                *between("fiscal_year", 2000, 2100),
                *between("dranst", 1, 9),
                *matches("grouping", r"^\d{3}$"),
                *matches("art", r"^\d\.\d$"),
            ]
        case ("economy", "budgets"):
            return between("fiscal_year", 2000, 2100)
        case ("cases", "grants"):
            return [
                *between("price", 0),
                *between("hours_per_week", 0, strict_min=True),
                *ends_after_start("case_closed_date", "start_date"),
            ]
        case ("cases", "providers"):
            return []
        case ("cases", "pupils"):
            return []
        case ("cases", "pensions"):
            return between("municipal_share_per_month", 0)
    raise KeyError(f"no suite for raw table {source}.{table}")


# The row-level rules a reader enforces (it rejects the row, naming file, line and field), so
# no suite checks them again: (table, column) -> the rule, as README.md words it. Each has a
# reader test rejecting such a row (tests/expectations/test_reader_rules.py).
READER_RULES: dict[tuple[str, str], dict[str, str]] = {
    ("folkeregister", "persons"): {
        "cpr": "required, a valid CPR number", "current_cpr": "a valid CPR number",
        "status_code": "required, a known STATUS code", "sex": "a known KOEN code",
        "birth_date": "a real date",
    },
    ("folkeregister", "current_addresses"): {
        "cpr": "required, a valid CPR number",
        "municipality_code": "required, a known current municipality code",
    },
    ("folkeregister", "address_texts"): {"cpr": "required, a valid CPR number"},
    ("folkeregister", "names"): {"cpr": "required, a valid CPR number"},
    ("folkeregister", "civil_status"): {
        "cpr": "required, a valid CPR number", "civil_status_code": "a known CIVST code",
        "spouse_cpr": "a valid CPR number",
    },
    ("folkeregister", "children"): {
        "cpr": "required, a valid CPR number", "child_cpr": "a valid CPR number",
    },
    ("folkeregister", "parents"): {
        "cpr": "required, a valid CPR number", "mother_cpr": "a valid CPR number",
        "father_cpr": "a valid CPR number",
    },
    ("folkeregister", "address_history"): {
        "cpr": "required, a valid CPR number",
        "correction_code": "a known ANNKOR code (A records dropped)",
        "moved_out_at": "not before moved_in_at",
    },
    ("folkeregister", "civil_status_history"): {
        "cpr": "required, a valid CPR number",
        "correction_code": "a known ANNKOR code (A records dropped)",
        "civil_status_code": "a known CIVST code", "spouse_cpr": "a valid CPR number",
        "valid_to_at": "not before valid_from_at",
    },
    ("economy", "postings"): {
        "posting_id": "required", "posting_date": "required, a real date",
        "fiscal_year": "required, an integer", "function_code": "required, H.HH.FF",
        "dranst": "required, an integer", "art": "required", "amount": "required, a decimal",
        "cpr": "a valid CPR number",
        "counterparty_municipality_code": "a known current municipality code",
        "service_period_end": "not before service_period_start",
    },
    ("economy", "budgets"): {
        "fiscal_year": "required, an integer", "function_code": "required, H.HH.FF",
        "corrected_budget": "required, a decimal",
    },
    ("cases", "grants"): {
        "grant_id": "required", "case_id": "required", "cpr": "required, a valid CPR number",
        "area": "required, one of the areas", "function_code": "H.HH.FF",
        "start_date": "required, a real date", "end_date": "not before start_date",
        "price_unit": "one of the price units",
        "acting_municipality_code": "a known current municipality code",
        "paying_municipality_code": "a known current municipality code",
        "placed_by_municipality_code": "a known current municipality code",
        "case_status": "required, open or closed",
    },
    ("cases", "providers"): {
        "provider_id": "required", "provider_type": "required, one of the provider types",
        "municipality_code": "a known current municipality code", "road_code": "4 digits",
    },
    ("cases", "pupils"): {
        "cpr": "required, a valid CPR number", "school_id": "required",
        "school_municipality_code": "a known current municipality code",
        "enrolment_type": "required, one of the enrolment types",
        "start_date": "required, a real date", "end_date": "not before start_date",
    },
    ("cases", "pensions"): {
        "cpr": "required, a valid CPR number", "pension_type": "required, one of the types",
        "awarded_date": "required, a real date",
        "awarding_municipality_code": "a known current municipality code",
        "paying_municipality_code": "a known current municipality code",
        "end_date": "not before awarded_date",
    },
}


def _table_rules(t: RawTable) -> list[Spec]:
    rules: list[Spec] = [("ExpectTableColumnsToMatchOrderedList", {"column_list": t.column_names})]
    if t.asset_key in NEVER_EMPTY:
        rules.append(("ExpectTableRowCountToBeBetween", {"min_value": 1, "max_value": None}))
    return rules


def suite_name(source: str, table: str) -> str:
    return f"raw_{source}.{table}"


def suite_for(source: str, table: str) -> "gx.ExpectationSuite":
    """A new, unsaved suite for the raw table ``raw_<source>.<table>`` (all 15 tables)."""
    import great_expectations as gx

    t = raw_table(source, table)  # KeyError for an unknown table
    suite = gx.ExpectationSuite(name=suite_name(source, table))
    for class_name, kwargs in _table_rules(t) + _rules(source, table):
        suite.add_expectation(getattr(gx.expectations, class_name)(**kwargs))
    return suite


def all_suites() -> dict[tuple[str, str], "gx.ExpectationSuite"]:
    return {key: suite_for(*key) for key in BY_KEY}
