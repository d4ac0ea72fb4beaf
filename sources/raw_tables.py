"""The raw tables: the contract between the readers, the loader, GX suites and dbt sources.

One entry per raw table, keyed ``(source, table)`` exactly like the dbt source and the Dagster
asset key. Readers yield pandas DataFrames with exactly these columns (values as strings,
already validated and normalised, ``None`` for empty); the loader creates the DuckDB table in
schema ``raw_<source>`` with these types and lets DuckDB cast (a CSV file DuckDB can read exactly
is loaded by DuckDB itself, ``sources/danish_csv/duckdb_load.py``, into the same table). Every table also carries
``source_file`` (path relative to the delivery folder) and ``source_line`` (1-based line of the
record's first line; for CPR files the 1-based record number).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RawTable:
    source: str
    table: str
    columns: tuple[tuple[str, str], ...]  # (name, DuckDB type), without the lineage columns

    @property
    def schema(self) -> str:
        return f"raw_{self.source}"

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.table}"

    @property
    def asset_key(self) -> tuple[str, str]:
        return (self.source, self.table)

    @property
    def all_columns(self) -> tuple[tuple[str, str], ...]:
        return self.columns + LINEAGE_COLUMNS

    @property
    def column_names(self) -> list[str]:
        return [name for name, _ in self.all_columns]


LINEAGE_COLUMNS = (("source_file", "VARCHAR"), ("source_line", "BIGINT"))

T, D, TS, B, I, M = "VARCHAR", "DATE", "TIMESTAMP", "BOOLEAN", "INTEGER", "DECIMAL(18,2)"

RAW_TABLES: tuple[RawTable, ...] = (
    # --- folkeregister: one table per CPR record type used (sources.md) -------------------
    RawTable("folkeregister", "extracts", (
        ("production_date", D), ("previous_production_date", D), ("declared_count", I),
        ("records_read", I), ("records_skipped", I), ("record_002_variant", T),
    )),
    RawTable("folkeregister", "persons", (  # 001
        ("cpr", T), ("current_cpr", T), ("status_code", T), ("status_start_at", TS),
        ("status_start_uncertain", B), ("sex", T), ("birth_date", D), ("birth_date_uncertain", B),
    )),
    RawTable("folkeregister", "current_addresses", (  # 002
        ("cpr", T), ("municipality_code", T), ("road_code", T), ("house_number", T),
        ("floor", T), ("door", T), ("moved_in_at", TS), ("moved_in_uncertain", B),
        ("moved_to_municipality_at", TS), ("moved_to_municipality_uncertain", B),
        ("previous_municipality_code", T), ("left_previous_municipality_at", TS),
    )),
    RawTable("folkeregister", "address_texts", (  # 003
        ("cpr", T), ("standard_address", T), ("postal_code", T), ("postal_district", T),
    )),
    RawTable("folkeregister", "names", (("cpr", T), ("first_names", T), ("last_name", T))),  # 008
    RawTable("folkeregister", "civil_status", (  # 012
        ("cpr", T), ("civil_status_code", T), ("spouse_cpr", T), ("valid_from_at", TS),
        ("valid_from_uncertain", B),
    )),
    RawTable("folkeregister", "children", (("cpr", T), ("child_cpr", T))),  # 014
    RawTable("folkeregister", "parents", (  # 015
        ("cpr", T), ("mother_cpr", T), ("mother_valid_from", D), ("father_cpr", T),
        ("father_valid_from", D),
    )),
    RawTable("folkeregister", "address_history", (  # 023, annulled (A) records dropped
        ("cpr", T), ("correction_code", T), ("municipality_code", T), ("road_code", T),
        ("house_number", T), ("floor", T), ("door", T), ("moved_in_at", TS),
        ("moved_in_uncertain", B), ("moved_out_at", TS), ("moved_out_uncertain", B),
    )),
    RawTable("folkeregister", "civil_status_history", (  # 029, annulled (A) records dropped
        ("cpr", T), ("correction_code", T), ("civil_status_code", T), ("spouse_cpr", T),
        ("valid_from_at", TS), ("valid_from_uncertain", B), ("valid_to_at", TS),
        ("valid_to_uncertain", B),
    )),
    # --- economy -----------------------------------------------------------------------------
    RawTable("economy", "postings", (
        ("posting_id", T), ("posting_date", D), ("fiscal_year", I), ("function_code", T),
        ("dranst", I), ("grouping", T), ("art", T), ("cost_center", T), ("amount", M),
        ("cpr", T), ("case_ref", T), ("counterparty_municipality_code", T),
        ("service_period_start", D), ("service_period_end", D), ("text", T),
    )),
    RawTable("economy", "budgets", (
        ("fiscal_year", I), ("function_code", T), ("corrected_budget", M),
    )),
    # --- case systems ------------------------------------------------------------------------
    RawTable("cases", "grants", (
        ("grant_id", T), ("case_id", T), ("cpr", T), ("area", T), ("legal_basis", T),
        ("benefit_type_code", T), ("benefit_type_name", T), ("provider_id", T),
        ("function_code", T), ("start_date", D), ("end_date", D), ("price", M),
        ("price_unit", T), ("hours_per_week", "DECIMAL(9,2)"), ("acting_municipality_code", T),
        ("paying_municipality_code", T), ("placed_by_municipality_code", T),
        ("case_status", T), ("case_closed_date", D), ("caseworker_id", T), ("department", T),
    )),
    RawTable("cases", "providers", (
        ("provider_id", T), ("name", T), ("provider_type", T), ("municipality_code", T),
        ("road_code", T), ("house_number", T), ("residential", B),
    )),
    RawTable("cases", "pupils", (
        ("cpr", T), ("school_id", T), ("school_name", T), ("school_municipality_code", T),
        ("enrolment_type", T), ("start_date", D), ("end_date", D),
    )),
    RawTable("cases", "pensions", (
        ("cpr", T), ("pension_type", T), ("awarded_date", D), ("awarding_municipality_code", T),
        ("paying_municipality_code", T), ("municipal_share_per_month", M), ("status", T),
        ("end_date", D),
    )),
)

BY_KEY: dict[tuple[str, str], RawTable] = {t.asset_key: t for t in RAW_TABLES}


def raw_table(source: str, table: str) -> RawTable:
    return BY_KEY[(source, table)]


def tables_of(source: str) -> list[RawTable]:
    return [t for t in RAW_TABLES if t.source == source]


def create_raw_tables(con, tables: tuple[RawTable, ...] | list[RawTable] = RAW_TABLES) -> None:
    """Create the (empty) raw schemas and tables on a DuckDB connection, replacing old ones."""
    for t in tables:
        con.execute(f"create schema if not exists {t.schema}")
        cols = ", ".join(f'"{name}" {type_}' for name, type_ in t.all_columns)
        con.execute(f"create or replace table {t.qualified_name} ({cols})")
