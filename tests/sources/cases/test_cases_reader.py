"""Case-system readers: grants, providers, pupils, pensions (sources.md, "Case systems")."""

from __future__ import annotations

import pandas as pd
import pytest

from sources.cases.reader import (
    READERS, read_grants, read_pensions, read_providers, read_pupils,
)
from sources.findings import ReadReport, Severity
from sources.raw_tables import raw_table

GOOD = {
    "grants": {
        "grant_id": "B1", "case_id": "S1", "cpr": "6101101234", "area": "children",
        "legal_basis": "SEL §52 stk. 3 nr. 7", "benefit_type_code": "ANB",
        "benefit_type_name": "Anbringelse på opholdssted", "provider_id": "T1",
        "function_code": "5.28.20", "start_date": "01.01.2025", "end_date": "",
        "price": "2345,50", "price_unit": "day", "hours_per_week": "",
        "acting_municipality_code": "0851", "paying_municipality_code": "0851",
        "placed_by_municipality_code": "0101", "case_status": "open", "case_closed_date": "",
        "caseworker_id": "CW1", "department": "Børn og Familie",
    },
    "providers": {
        "provider_id": "T1", "name": "Opholdsstedet Søhøj", "provider_type": "opholdssted",
        "municipality_code": "0851", "road_code": "0042", "house_number": "016",
        "residential": "true",
    },
    "pupils": {
        "cpr": "6101151234", "school_id": "SK1", "school_name": "Østre Skole",
        "school_municipality_code": "0851", "enrolment_type": "special",
        "start_date": "01.08.2024", "end_date": "",
    },
    "pensions": {
        "cpr": "6101701234", "pension_type": "foertidspension", "awarded_date": "01.06.2020",
        "awarding_municipality_code": "0851", "paying_municipality_code": "0101",
        "municipal_share_per_month": "5123,45", "status": "active", "end_date": "",
    },
}
READ = {"grants": read_grants, "providers": read_providers, "pupils": read_pupils,
        "pensions": read_pensions}


def header(table):
    return [n for n, _ in raw_table("cases", table).columns]


def write(tmp_path, table, rows, encoding="utf-8"):
    cols = header(table)
    lines = [";".join(cols)] + [";".join({**GOOD[table], **r}[c] for c in cols) for r in rows]
    p = tmp_path / f"{table}.csv"
    p.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return p


def read(table, p):
    report = ReadReport(f"cases/{table}.csv")
    frames = list(READ[table](p, report, relative_name=f"cases/{table}.csv"))
    return (pd.concat(frames, ignore_index=True) if frames else None), report


@pytest.mark.parametrize("table", list(GOOD))
@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_good_files(tmp_path, table, encoding):
    df, report = read(table, write(tmp_path, table, [{}], encoding))
    assert report.findings == [] and report.rows_read == 1 and len(df) == 1
    assert list(df.columns) == raw_table("cases", table).column_names
    assert df.iloc[0]["source_file"] == f"cases/{table}.csv"


def test_grant_values_normalised(tmp_path):
    df, _ = read("grants", write(tmp_path, "grants", [{}]))
    row = df.iloc[0]
    assert row["price"] == "2345.50" and row["start_date"] == "2025-01-01"
    assert row["end_date"] is None and row["department"] == "Børn og Familie"
    assert row["legal_basis"] == "SEL §52 stk. 3 nr. 7"


def test_grant_row_errors(tmp_path):
    p = write(tmp_path, "grants", [
        {"end_date": "31.12.2024"},                               # 2 end before start
        {"area": "health"},                                       # 3 enum
        {"price_unit": "hour"},                                   # 4 hours_per_week missing
        {"price_unit": "hour", "hours_per_week": "7,5"},           # 5 ok
        {"paying_municipality_code": "0852"},                     # 6 unknown municipality
        {"case_status": "pending", "cpr": "0000000000"},          # 7 two errors
        {"start_date": "2025-01-01", "end_date": "01.01.2024"},   # 8 bad date only
    ])
    df, report = read("grants", p)
    assert len(df) == 1 and df.iloc[0]["hours_per_week"] == "7.5"
    rows = report.of(Severity.ROW)
    assert [(f.line, f.field) for f in rows] == [
        (2, "end_date"), (3, "area"), (4, "hours_per_week"), (6, "paying_municipality_code"),
        (7, "cpr"), (7, "case_status"), (8, "start_date"),
    ]
    assert "end date before start date" in rows[0].reason
    assert "0000000000" not in rows[4].reason and "000000-XXXX" in rows[4].reason
    assert all(f.file == "cases/grants.csv" for f in rows)
    assert report.rows_rejected == 6


def test_providers(tmp_path):
    p = write(tmp_path, "providers", [
        {},
        {"provider_id": "T2", "residential": "false", "road_code": "", "house_number": "",
         "provider_type": "ambulant", "municipality_code": ""},
        {"provider_id": "T3", "residential": "ja"},
        {"provider_id": "T4", "road_code": "42", "house_number": "077A"},
        {"provider_id": "T5", "provider_type": "hospital"},
    ])
    df, report = read("providers", p)
    assert df["residential"].tolist() == [True, False]
    assert df.iloc[0]["house_number"] == "16" and df.iloc[0]["road_code"] == "0042"
    assert df.iloc[0]["name"] == "Opholdsstedet Søhøj"
    assert df.iloc[1]["road_code"] is None
    assert [(f.line, f.field) for f in report.findings] == [
        (4, "residential"), (5, "road_code"), (6, "provider_type")]


def test_pupils(tmp_path):
    p = write(tmp_path, "pupils", [
        {}, {"enrolment_type": "private"}, {"end_date": "31.07.2024"},
        {"school_municipality_code": "12"}])
    df, report = read("pupils", p)
    assert len(df) == 1 and df.iloc[0]["school_name"] == "Østre Skole"
    assert [(f.line, f.field) for f in report.findings] == [
        (3, "enrolment_type"), (4, "end_date"), (5, "school_municipality_code")]


def test_pensions(tmp_path):
    p = write(tmp_path, "pensions", [
        {}, {"pension_type": "folkepension"}, {"end_date": "01.01.2019"},
        {"municipal_share_per_month": "5.123,45"}, {"cpr": ""}])
    df, report = read("pensions", p)
    assert len(df) == 1 and df.iloc[0]["municipal_share_per_month"] == "5123.45"
    assert [(f.line, f.field) for f in report.findings] == [
        (3, "pension_type"), (4, "end_date"), (5, "municipal_share_per_month"), (6, "cpr")]


def test_header_mismatch_is_structural(tmp_path):
    p = tmp_path / "pupils.csv"
    cols = header("pupils")
    p.write_text(";".join([cols[1], cols[0], *cols[2:]]) + "\r\n", encoding="utf-8")
    df, report = read("pupils", p)
    assert df is None
    [f] = report.findings
    assert f.severity is Severity.STRUCTURAL and "wrong order" in f.reason
    assert f.file == "cases/pupils.csv" and "pupils.csv" in f.reason


def test_readers_registry():
    assert READERS == {"grants": read_grants, "providers": read_providers,
                       "pupils": read_pupils, "pensions": read_pensions}
