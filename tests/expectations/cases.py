"""Clean rows per raw table and the dirty variants each suite must catch.

CPR numbers here are day + 60 replacement numbers only (never a real person's number).
"""

from __future__ import annotations

import datetime as dt

D = dt.date
TS = dt.datetime

NOT_NULL = "expect_column_values_to_not_be_null"
REGEX = "expect_column_values_to_match_regex"
BETWEEN = "expect_column_values_to_be_between"
PAIR = "expect_column_pair_values_a_to_be_greater_than_b"

CPR_A, CPR_B, CPR_C = "6101804321", "6202854322", "7003104323"

CLEAN: dict[tuple[str, str], list[dict]] = {
    ("folkeregister", "extracts"): [dict(
        production_date=D(2026, 11, 22), previous_production_date=D(2026, 11, 21),
        declared_count=10, records_read=10, records_skipped=0, record_002_variant="002",
    ), dict(production_date=D(2026, 11, 22), previous_production_date=None, declared_count=3,
            records_read=3, records_skipped=1)],
    ("folkeregister", "persons"): [dict(
        cpr=CPR_A, current_cpr=None, status_code="01", status_start_at=TS(1980, 1, 1, 12, 0),
        status_start_uncertain=False, sex="K", birth_date=D(1980, 1, 1),
        birth_date_uncertain=False,
    ), dict(cpr=CPR_B, current_cpr=CPR_C, status_code="60", sex="M",
            birth_date=D(1985, 2, 2))],
    ("folkeregister", "current_addresses"): [dict(
        cpr=CPR_A, municipality_code="0851", road_code="1234", house_number="16", floor="1",
        door="tv", moved_in_at=TS(2010, 5, 1), moved_to_municipality_at=TS(2010, 5, 1),
        previous_municipality_code="0101", left_previous_municipality_at=TS(2010, 5, 1),
    ), dict(cpr=CPR_B, municipality_code="0010", road_code=None)],
    ("folkeregister", "address_texts"): [dict(
        cpr=CPR_A, standard_address="Industrivænget 4,1 tv", postal_code="9000",
        postal_district="Aalborg",
    )],
    ("folkeregister", "names"): [dict(cpr=CPR_A, first_names="Anne", last_name="Hansen")],
    ("folkeregister", "civil_status"): [dict(
        cpr=CPR_A, civil_status_code="G", spouse_cpr=CPR_B, valid_from_at=TS(2005, 6, 1),
    ), dict(cpr=CPR_C, civil_status_code="U")],
    ("folkeregister", "children"): [dict(cpr=CPR_A, child_cpr=CPR_C)],
    ("folkeregister", "parents"): [dict(
        cpr=CPR_C, mother_cpr=CPR_A, mother_valid_from=D(2010, 3, 10), father_cpr=None,
    )],
    ("folkeregister", "address_history"): [dict(
        cpr=CPR_A, correction_code=None, municipality_code="0003", road_code="0042",
        house_number="7", moved_in_at=TS(1999, 1, 1), moved_out_at=TS(2010, 4, 30),
    ), dict(cpr=CPR_A, correction_code="K", municipality_code="0851", moved_in_at=TS(2010, 5, 1),
            moved_out_at=TS(2010, 5, 1)), dict(cpr=CPR_B, correction_code="Æ",
                                               municipality_code="0851")],
    ("folkeregister", "civil_status_history"): [dict(
        cpr=CPR_A, correction_code=None, civil_status_code="U", valid_from_at=TS(1980, 1, 1),
        valid_to_at=TS(2005, 6, 1),
    ), dict(cpr=CPR_A, correction_code="K", civil_status_code="G", spouse_cpr=CPR_B,
            valid_from_at=TS(2005, 6, 1))],
    ("economy", "postings"): [dict(
        posting_id="P1", posting_date=D(2026, 3, 1), fiscal_year=2026, function_code="5.28.20",
        dranst=1, grouping="001", art="5.2", cost_center="CC1", amount=12500.50, cpr=CPR_A,
        case_ref="G1", counterparty_municipality_code=None,
        service_period_start=D(2026, 3, 1), service_period_end=D(2026, 3, 31), text="Husleje",
    ), dict(posting_id="P2", posting_date=D(2026, 3, 2), fiscal_year=2026,
            function_code="5.28.20", dranst=2, art="7.7", amount=-300.0,
            counterparty_municipality_code="0101")],
    ("economy", "budgets"): [dict(fiscal_year=2026, function_code="5.28.20",
                                  corrected_budget=12_000_000)],
    ("cases", "grants"): [dict(
        grant_id="G1", case_id="C1", cpr=CPR_A, area="children", legal_basis="SEL §52 stk. 3 nr. 7",
        benefit_type_code="ANB", provider_id="PR1", function_code="5.28.20",
        start_date=D(2026, 1, 1), end_date=D(2026, 12, 31), price=2100.0, price_unit="day",
        acting_municipality_code="0851", paying_municipality_code="0851",
        placed_by_municipality_code="0101", case_status="open",
    ), dict(grant_id="G2", case_id="C2", cpr=CPR_B, area="elderly", start_date=D(2025, 1, 1),
            end_date=None, price=450.0, price_unit="hour", hours_per_week=3.5,
            case_status="closed", case_closed_date=D(2025, 6, 30))],
    ("cases", "providers"): [dict(
        provider_id="PR1", name="Opholdsstedet Lærkereden", provider_type="opholdssted",
        municipality_code="0851", road_code="1234", house_number="16", residential=True,
    ), dict(provider_id="PR2", name="Ambulant", provider_type="ambulant", residential=False)],
    ("cases", "pupils"): [dict(
        cpr=CPR_C, school_id="S1", school_name="Vestre Skole", school_municipality_code="0851",
        enrolment_type="normal", start_date=D(2020, 8, 10), end_date=None,
    )],
    ("cases", "pensions"): [dict(
        cpr=CPR_B, pension_type="foertidspension", awarded_date=D(2004, 3, 1),
        awarding_municipality_code="0003", paying_municipality_code="0851",
        municipal_share_per_month=4200.0, status="active", end_date=None,
    )],
}

# (table, changes to the first clean row, (expectation, column) that must fail)
# Only rules no reader enforces are in the suites (``expectations/suites.py``); the rules a
# reader enforces are shown rejected by the readers in test_reader_rules.py.
DIRTY: list[tuple[tuple[str, str], dict, tuple[str, str]]] = [
    (("folkeregister", "extracts"), {"production_date": None}, (NOT_NULL, "production_date")),
    (("folkeregister", "extracts"), {"previous_production_date": D(2026, 11, 23)},
     (PAIR, "production_date,previous_production_date")),
    (("folkeregister", "extracts"), {"records_read": -1}, (BETWEEN, "records_read")),
    (("folkeregister", "extracts"), {"declared_count": -1}, (BETWEEN, "declared_count")),
    (("folkeregister", "extracts"), {"records_skipped": -1}, (BETWEEN, "records_skipped")),
    (("folkeregister", "persons"), {"birth_date": D(2060, 1, 1)}, (BETWEEN, "birth_date")),
    (("folkeregister", "current_addresses"), {"road_code": "12"}, (REGEX, "road_code")),
    (("folkeregister", "current_addresses"), {"previous_municipality_code": "85"},
     (REGEX, "previous_municipality_code")),
    (("folkeregister", "address_texts"), {"postal_code": "900"}, (REGEX, "postal_code")),
    (("folkeregister", "civil_status"), {"civil_status_code": None},
     (NOT_NULL, "civil_status_code")),
    (("folkeregister", "children"), {"child_cpr": None}, (NOT_NULL, "child_cpr")),
    (("folkeregister", "address_history"), {"municipality_code": "3"},
     (REGEX, "municipality_code")),
    (("folkeregister", "address_history"), {"municipality_code": None},
     (NOT_NULL, "municipality_code")),
    (("folkeregister", "address_history"), {"road_code": "A1"}, (REGEX, "road_code")),
    (("folkeregister", "civil_status_history"), {"civil_status_code": None},
     (NOT_NULL, "civil_status_code")),
    (("economy", "postings"), {"fiscal_year": 1999}, (BETWEEN, "fiscal_year")),
    (("economy", "postings"), {"dranst": 0}, (BETWEEN, "dranst")),
    (("economy", "postings"), {"grouping": "01"}, (REGEX, "grouping")),
    (("economy", "postings"), {"art": "4"}, (REGEX, "art")),
    (("economy", "budgets"), {"fiscal_year": 2101}, (BETWEEN, "fiscal_year")),
    (("cases", "grants"), {"price": -1.0}, (BETWEEN, "price")),
    (("cases", "grants"), {"hours_per_week": 0.0}, (BETWEEN, "hours_per_week")),
    (("cases", "grants"), {"case_closed_date": D(2025, 12, 1)},
     (PAIR, "case_closed_date,start_date")),
    (("cases", "pensions"), {"municipal_share_per_month": -1.0},
     (BETWEEN, "municipal_share_per_month")),
]
