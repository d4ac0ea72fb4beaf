"""One Great Expectations 1.x suite per raw table, built in code.

The readers reject malformed rows (bad dates, invalid CPR numbers, unknown codes) before the load,
so these suites are the *second line*: they look at each loaded table as a whole and catch what a
row parser cannot see or what a reader bug lets through. Rules, per table:

- key columns not null (``posting_id``, ``grant_id``, ``cpr`` of every CPR table, ...);
- accepted value sets (area, price unit, CPR status / civil status / sex / correction codes, ...);
- shapes: CPR numbers 10 digits, function codes ``H.HH.FF``, municipality and road codes 4 digits;
- current municipality fields (grants, pupils, pensions' payer, providers, postings' counterparty,
  CPR's current address) must be in the valid set (the 98 plus CPR's special codes, from the dbt
  seeds); historical fields (address history, previous municipality, a pension's awarding
  municipality) may carry pre-2007 codes, so they only need 4 digits;
- ranges (fiscal year 2000-2100, dranst 1-9, prices and counts not negative, weekly hours > 0);
- end >= start for every period (nulls ignored: an open end is fine);
- a row count of at least 1 for the tables a delivery can never leave empty.

Uniqueness and cross-table rules are dbt tests (cheap in SQL); the suites stay row-local so the
runner can validate a table chunk by chunk. Table-level expectations (the row count, the column
list) are evaluated once per table by :mod:`expectations.runner`.

GX is imported lazily (about 3 s): nothing here imports it at module import time.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sources.raw_tables import BY_KEY, RawTable, raw_table
from sources.reference import valid_current_municipality_codes

if TYPE_CHECKING:  # pragma: no cover
    import great_expectations as gx

CPR_REGEX = r"^\d{10}$"
FUNCTION_CODE_REGEX = r"^\d\.\d{2}\.\d{2}$"
FOUR_DIGITS_REGEX = r"^\d{4}$"

CPR_STATUS_CODES = ["01", "03", "05", "07", "20", "30", "50", "60", "70", "80", "90"]
SEXES = ["M", "K"]
CIVIL_STATUS_CODES = ["U", "G", "F", "E", "P", "O", "L", "D"]
# ANNKOR: blank (the reader gives None; "" tolerated), K corrected, Æ technical. A (annulled) is
# dropped by the reader, so an A here is a reader bug.
CORRECTION_CODES = ["", "K", "Æ"]
GRANT_AREAS = ["children", "adults", "disability", "pension", "employment", "school", "elderly"]
PRICE_UNITS = ["day", "month", "hour", "once"]
CASE_STATUSES = ["open", "closed"]
PROVIDER_TYPES = [
    "opholdssted", "doegninstitution", "plejefamilie", "botilbud", "ambulant", "school", "other",
]
ENROLMENT_TYPES = ["normal", "special", "sfo"]
PENSION_TYPES = ["foertidspension", "seniorpension"]

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


def in_set(column: str, values: list[str] | frozenset[str]) -> list[Spec]:
    return [("ExpectColumnValuesToBeInSet", {"column": column, "value_set": sorted(values)})]


def matches(column: str, regex: str) -> list[Spec]:
    return [("ExpectColumnValuesToMatchRegex", {"column": column, "regex": regex})]


def cpr(column: str, *, required: bool = False) -> list[Spec]:
    return (not_null(column) if required else []) + matches(column, CPR_REGEX)


def between(column: str, min_value: Any = None, max_value: Any = None, **kw: Any) -> list[Spec]:
    return [("ExpectColumnValuesToBeBetween",
             {"column": column, "min_value": min_value, "max_value": max_value, **kw})]


def ends_after_start(end: str, start: str) -> list[Spec]:
    """``end >= start`` where both are present."""
    return [("ExpectColumnPairValuesAToBeGreaterThanB",
             {"column_A": end, "column_B": start, "or_equal": True,
              "ignore_row_if": "either_value_is_missing"})]


def current_municipality(column: str) -> list[Spec]:
    return in_set(column, valid_current_municipality_codes())


def _rules(source: str, table: str) -> list[Spec]:
    """The row-level rules of one table."""
    match (source, table):
        case ("folkeregister", "extracts"):
            return [
                *not_null("production_date"),
                ("ExpectColumnPairValuesAToBeGreaterThanB",
                 {"column_A": "production_date", "column_B": "previous_production_date",
                  "or_equal": False, "ignore_row_if": "either_value_is_missing"}),
                *between("declared_count", 0), *between("records_read", 0),
                *between("records_skipped", 0),
            ]
        case ("folkeregister", "persons"):
            return [
                *cpr("cpr", required=True), *cpr("current_cpr"),
                *not_null("status_code"), *in_set("status_code", CPR_STATUS_CODES),
                *in_set("sex", SEXES),
                *between("birth_date", BIRTH_DATE_MIN, BIRTH_DATE_MAX),
            ]
        case ("folkeregister", "current_addresses"):
            return [
                *cpr("cpr", required=True),
                # Status 20 persons have a 002 with an administrative code (0010-0019) and no road.
                *not_null("municipality_code"),
                *current_municipality("municipality_code"),
                *matches("road_code", FOUR_DIGITS_REGEX),
                *matches("previous_municipality_code", FOUR_DIGITS_REGEX),
            ]
        case ("folkeregister", "address_texts"):
            return [*cpr("cpr", required=True), *matches("postal_code", FOUR_DIGITS_REGEX)]
        case ("folkeregister", "names"):
            return cpr("cpr", required=True)
        case ("folkeregister", "civil_status"):
            return [
                *cpr("cpr", required=True),
                *not_null("civil_status_code"),
                *in_set("civil_status_code", CIVIL_STATUS_CODES),
                *cpr("spouse_cpr"),
            ]
        case ("folkeregister", "children"):
            return [*cpr("cpr", required=True), *cpr("child_cpr", required=True)]
        case ("folkeregister", "parents"):
            return [*cpr("cpr", required=True), *cpr("mother_cpr"), *cpr("father_cpr")]
        case ("folkeregister", "address_history"):
            return [
                *cpr("cpr", required=True),
                *in_set("correction_code", CORRECTION_CODES),
                *not_null("municipality_code"),
                *matches("municipality_code", FOUR_DIGITS_REGEX),  # pre-2007 codes allowed
                *matches("road_code", FOUR_DIGITS_REGEX),
                *ends_after_start("moved_out_at", "moved_in_at"),
            ]
        case ("folkeregister", "civil_status_history"):
            return [
                *cpr("cpr", required=True),
                *in_set("correction_code", CORRECTION_CODES),
                *not_null("civil_status_code"),
                *in_set("civil_status_code", CIVIL_STATUS_CODES),
                *cpr("spouse_cpr"),
                *ends_after_start("valid_to_at", "valid_from_at"),
            ]
        case ("economy", "postings"):
            return [
                *not_null("posting_id", "posting_date", "fiscal_year", "function_code", "dranst",
                          "art", "amount"),
                *between("fiscal_year", 2000, 2100),
                *matches("function_code", FUNCTION_CODE_REGEX),
                *between("dranst", 1, 9),
                *matches("grouping", r"^\d{3}$"),
                *matches("art", r"^\d\.\d$"),
                *cpr("cpr"),
                *current_municipality("counterparty_municipality_code"),
                *ends_after_start("service_period_end", "service_period_start"),
            ]
        case ("economy", "budgets"):
            return [
                *not_null("fiscal_year", "function_code", "corrected_budget"),
                *between("fiscal_year", 2000, 2100),
                *matches("function_code", FUNCTION_CODE_REGEX),
            ]
        case ("cases", "grants"):
            return [
                *not_null("grant_id", "case_id", "start_date"),
                *cpr("cpr", required=True),
                *in_set("area", GRANT_AREAS),
                *matches("function_code", FUNCTION_CODE_REGEX),
                *ends_after_start("end_date", "start_date"),
                *between("price", 0),
                *in_set("price_unit", PRICE_UNITS),
                *between("hours_per_week", 0, strict_min=True),
                *current_municipality("acting_municipality_code"),
                *current_municipality("paying_municipality_code"),
                *current_municipality("placed_by_municipality_code"),
                *in_set("case_status", CASE_STATUSES),
                *ends_after_start("case_closed_date", "start_date"),
            ]
        case ("cases", "providers"):
            return [
                *not_null("provider_id"),
                *in_set("provider_type", PROVIDER_TYPES),
                *current_municipality("municipality_code"),
                *matches("road_code", FOUR_DIGITS_REGEX),
            ]
        case ("cases", "pupils"):
            return [
                *cpr("cpr", required=True),
                *not_null("school_id", "start_date"),
                *current_municipality("school_municipality_code"),
                *in_set("enrolment_type", ENROLMENT_TYPES),
                *ends_after_start("end_date", "start_date"),
            ]
        case ("cases", "pensions"):
            return [
                *cpr("cpr", required=True),
                *not_null("pension_type", "awarded_date"),
                *in_set("pension_type", PENSION_TYPES),
                *matches("awarding_municipality_code", FOUR_DIGITS_REGEX),  # may predate 2007
                *current_municipality("paying_municipality_code"),
                *between("municipal_share_per_month", 0),
                *ends_after_start("end_date", "awarded_date"),
            ]
    raise KeyError(f"no suite for raw table {source}.{table}")


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
