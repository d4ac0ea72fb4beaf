"""The row-level rules the GX suites leave to the readers (``expectations.suites.READER_RULES``):
for each, a reader rejects a row that breaks it, naming the file, the line and the field, and
does not load the row. One rule in one place: these are the tests that used to be dirty GX cases.
"""

from __future__ import annotations

import pytest

from expectations.suites import READER_RULES
from sources.cases.reader import READERS as CASE_READERS
from sources.economy.reader import READERS as ECONOMY_READERS
from sources.findings import ReadReport, Severity
from sources.folkeregister.layout import format_record
from sources.folkeregister.reader import read_cpr_extract
from sources.raw_tables import raw_table
from tests.sources.folkeregister import cpr_files as c

P, Q = c.PERSON, c.SPOUSE

# --- CPR extract: one good record per type; a case changes one field of it ------------------
CPR_GOOD = {
    "persons": ("001", {"cpr": P, "current_cpr": P, "status_code": "01",
                        "status_start_at": "198001010000", "sex": "M",
                        "birth_date": "1980-01-01"}),
    "current_addresses": ("002", {"cpr": P, "municipality_code": "0851", "road_code": "0042",
                                  "moved_in_at": "201005011200"}),
    "address_texts": ("003", {"cpr": P, "postal_code": "9000"}),
    "names": ("008", {"cpr": P, "first_names": "Anna", "last_name": "Hansen"}),
    "civil_status": ("012", {"cpr": P, "civil_status_code": "G", "spouse_cpr": Q,
                             "valid_from_at": "200506040000"}),
    "children": ("014", {"cpr": P, "child_cpr": c.CHILD}),
    "parents": ("015", {"cpr": P, "mother_cpr": c.MOTHER, "father_cpr": c.FATHER,
                        "mother_valid_from": "1980-01-01", "father_valid_from": "1980-01-01"}),
    "address_history": ("023", {"cpr": P, "correction_code": " ", "municipality_code": "0851",
                                "road_code": "0100", "moved_in_at": "200001010000",
                                "moved_out_at": "201004300000"}),
    "civil_status_history": ("029", {"cpr": P, "correction_code": " ",
                                     "civil_status_code": "G", "spouse_cpr": Q,
                                     "valid_from_at": "200506040000",
                                     "valid_to_at": "201001010000"}),
}

# (table, field, change) ; the bad record is line 2 (after the 000 start record)
CPR_CASES = [
    ("persons", "cpr", {"cpr": "3213801234"}),
    ("persons", "cpr", {"cpr": " " * 10}),
    ("persons", "current_cpr", {"current_cpr": "61018O4321"}),
    ("persons", "current_cpr", {"current_cpr": "0101\u00b901234"}),  # "¹" is no CPR digit
    ("persons", "status_code", {"status_code": "02"}),
    ("persons", "status_code", {"status_code": "  "}),
    ("persons", "sex", {"sex": "X"}),
    ("persons", "birth_date", {"birth_date": "1980-02-30"}),
    ("current_addresses", "cpr", {"cpr": "12345678  "}),
    ("current_addresses", "municipality_code", {"municipality_code": "0999"}),
    ("current_addresses", "municipality_code", {"municipality_code": "    "}),
    ("address_texts", "cpr", {"cpr": "abcdefghij"}),
    ("names", "cpr", {"cpr": " " * 10}),
    ("civil_status", "cpr", {"cpr": "0000000000"}),
    ("civil_status", "civil_status_code", {"civil_status_code": "X"}),
    ("civil_status", "spouse_cpr", {"spouse_cpr": "123456789X"}),
    ("children", "cpr", {"cpr": "3213801234"}),
    ("children", "child_cpr", {"child_cpr": "12345"}),
    ("parents", "cpr", {"cpr": "3213801234"}),
    ("parents", "mother_cpr", {"mother_cpr": "12345"}),
    ("parents", "father_cpr", {"father_cpr": "3002801234"}),
    ("address_history", "cpr", {"cpr": "3213801234"}),
    ("address_history", "correction_code", {"correction_code": "X"}),
    ("address_history", "moved_out_at", {"moved_out_at": "199812310000"}),
    ("civil_status_history", "cpr", {"cpr": "3213801234"}),
    ("civil_status_history", "correction_code", {"correction_code": "X"}),
    ("civil_status_history", "civil_status_code", {"civil_status_code": "Z"}),
    ("civil_status_history", "spouse_cpr", {"spouse_cpr": "99999"}),
    ("civil_status_history", "valid_to_at", {"valid_to_at": "197912310000"}),
]

# --- CSV files: the good row of each file; a case changes one field of it --------------------
CSV_GOOD = {
    ("economy", "postings"): {
        "posting_id": "P1", "posting_date": "15.03.2025", "fiscal_year": "2025",
        "function_code": "5.28.20", "dranst": "1", "grouping": "001", "art": "5.2",
        "cost_center": "CC1", "amount": "-1234,56", "cpr": "6101901234", "case_ref": "G1",
        "counterparty_municipality_code": "", "service_period_start": "01.03.2025",
        "service_period_end": "31.03.2025", "text": "Hjælp til ophold",
    },
    ("economy", "budgets"): {"fiscal_year": "2025", "function_code": "5.28.20",
                             "corrected_budget": "1000,00"},
    ("cases", "grants"): {
        "grant_id": "B1", "case_id": "S1", "cpr": "6101101234", "area": "children",
        "legal_basis": "SEL §52", "benefit_type_code": "ANB", "benefit_type_name": "Anbringelse",
        "provider_id": "T1", "function_code": "5.28.20", "start_date": "01.01.2025",
        "end_date": "", "price": "2345,50", "price_unit": "day", "hours_per_week": "",
        "acting_municipality_code": "0851", "paying_municipality_code": "0851",
        "placed_by_municipality_code": "0101", "case_status": "open", "case_closed_date": "",
        "caseworker_id": "CW1", "department": "Børn og Familie",
    },
    ("cases", "providers"): {
        "provider_id": "T1", "name": "Søhøj", "provider_type": "opholdssted",
        "municipality_code": "0851", "road_code": "0042", "house_number": "016",
        "residential": "true",
    },
    ("cases", "pupils"): {
        "cpr": "6101151234", "school_id": "SK1", "school_name": "Østre Skole",
        "school_municipality_code": "0851", "enrolment_type": "special",
        "start_date": "01.08.2024", "end_date": "",
    },
    ("cases", "pensions"): {
        "cpr": "6101701234", "pension_type": "foertidspension", "awarded_date": "01.06.2020",
        "awarding_municipality_code": "0851", "paying_municipality_code": "0101",
        "municipal_share_per_month": "5123,45", "status": "active", "end_date": "",
    },
}

CSV_CASES = [
    (("economy", "postings"), "posting_id", {"posting_id": ""}),
    (("economy", "postings"), "posting_date", {"posting_date": ""}),
    (("economy", "postings"), "posting_date", {"posting_date": "30.02.2025"}),
    (("economy", "postings"), "fiscal_year", {"fiscal_year": ""}),
    (("economy", "postings"), "fiscal_year", {"fiscal_year": "2025a"}),
    (("economy", "postings"), "function_code", {"function_code": "5.28.2"}),
    (("economy", "postings"), "function_code", {"function_code": ""}),
    (("economy", "postings"), "dranst", {"dranst": ""}),
    (("economy", "postings"), "art", {"art": ""}),
    (("economy", "postings"), "amount", {"amount": ""}),
    (("economy", "postings"), "amount", {"amount": "1.234,50"}),
    (("economy", "postings"), "cpr", {"cpr": "61018043"}),
    (("economy", "postings"), "counterparty_municipality_code",
     {"counterparty_municipality_code": "1234"}),
    (("economy", "postings"), "service_period_end", {"service_period_end": "28.02.2025"}),
    (("economy", "budgets"), "fiscal_year", {"fiscal_year": ""}),
    (("economy", "budgets"), "function_code", {"function_code": ""}),
    (("economy", "budgets"), "corrected_budget", {"corrected_budget": ""}),
    (("cases", "grants"), "grant_id", {"grant_id": ""}),
    (("cases", "grants"), "case_id", {"case_id": ""}),
    (("cases", "grants"), "cpr", {"cpr": ""}),
    (("cases", "grants"), "cpr", {"cpr": "3201101234"}),
    (("cases", "grants"), "area", {"area": "kids"}),
    (("cases", "grants"), "function_code", {"function_code": "52820"}),
    (("cases", "grants"), "start_date", {"start_date": ""}),
    (("cases", "grants"), "end_date", {"end_date": "31.12.2024"}),
    (("cases", "grants"), "price_unit", {"price_unit": "week"}),
    (("cases", "grants"), "acting_municipality_code", {"acting_municipality_code": "0999"}),
    (("cases", "grants"), "paying_municipality_code", {"paying_municipality_code": "0999"}),
    (("cases", "grants"), "placed_by_municipality_code",
     {"placed_by_municipality_code": "0999"}),
    (("cases", "grants"), "case_status", {"case_status": "pending"}),
    (("cases", "providers"), "provider_id", {"provider_id": ""}),
    (("cases", "providers"), "provider_type", {"provider_type": "hotel"}),
    (("cases", "providers"), "municipality_code", {"municipality_code": "0000"}),
    (("cases", "providers"), "road_code", {"road_code": "A1"}),
    (("cases", "pupils"), "cpr", {"cpr": ""}),
    (("cases", "pupils"), "school_id", {"school_id": ""}),
    (("cases", "pupils"), "school_municipality_code", {"school_municipality_code": "0999"}),
    (("cases", "pupils"), "enrolment_type", {"enrolment_type": "evening"}),
    (("cases", "pupils"), "start_date", {"start_date": ""}),
    (("cases", "pupils"), "end_date", {"end_date": "09.08.2020"}),
    (("cases", "pensions"), "cpr", {"cpr": "61017012"}),
    (("cases", "pensions"), "pension_type", {"pension_type": "folkepension"}),
    (("cases", "pensions"), "awarded_date", {"awarded_date": ""}),
    (("cases", "pensions"), "awarding_municipality_code", {"awarding_municipality_code": "851"}),
    (("cases", "pensions"), "paying_municipality_code", {"paying_municipality_code": "0999"}),
    (("cases", "pensions"), "end_date", {"end_date": "28.02.2004"}),
]


def _rejected_once(report: ReadReport, file: str, line: int, field: str) -> None:
    rows = report.of(Severity.ROW)
    assert report.rows_rejected == 1, [str(f) for f in report.findings]
    assert any(f.file == file and f.line == line and f.field == field for f in rows), \
        [str(f) for f in rows]
    assert not report.of(Severity.STRUCTURAL)


@pytest.mark.parametrize("table,field,change", CPR_CASES,
                         ids=[f"{t}-{f}-{i}" for i, (t, f, _) in enumerate(CPR_CASES)])
def test_cpr_reader_rejects(tmp_path, table, field, change):
    rtype, good = CPR_GOOD[table]
    records = [format_record(rtype, good), format_record(rtype, {**good, **change})]
    path = c.write(tmp_path / "cpr.txt", c.extract(records))
    report = ReadReport(file="folkeregister/cpr.txt")
    loaded = [df for name, df in read_cpr_extract(path, report, relative_name=report.file)
              if name == table]
    _rejected_once(report, "folkeregister/cpr.txt", 3, field)
    assert sum(len(df) for df in loaded) == 1  # the good record only


@pytest.mark.parametrize("key,field,change", CSV_CASES,
                         ids=[f"{k[1]}-{f}-{i}" for i, (k, f, _) in enumerate(CSV_CASES)])
def test_csv_reader_rejects(tmp_path, key, field, change):
    source, table = key
    cols = [n for n, _ in raw_table(source, table).columns]
    good = CSV_GOOD[key]
    lines = [";".join(cols), ";".join(good[c] for c in cols),
             ";".join({**good, **change}[c] for c in cols)]
    path = tmp_path / f"{table}.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    readers = ECONOMY_READERS if source == "economy" else CASE_READERS
    report = ReadReport(file=f"{source}/{table}.csv")
    frames = list(readers[table](path, report, relative_name=report.file))
    _rejected_once(report, f"{source}/{table}.csv", 3, field)
    assert sum(len(df) for df in frames) == 1  # the good row only


def test_every_rule_left_to_a_reader_has_a_rejecting_case():
    covered = {(("folkeregister", t), f) for t, f, _ in CPR_CASES}
    covered |= {(k, f) for k, f, _ in CSV_CASES}
    assert {(k, f) for k, fields in READER_RULES.items() for f in fields} == covered
