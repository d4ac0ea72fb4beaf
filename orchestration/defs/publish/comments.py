"""The documentation analysts read in their tools: DuckDB comments (``COMMENT ON TABLE/VIEW/COLUMN``).

dbt writes each served model's and seed's description as a comment in the build (``persist_docs``
in dbt_project.yml). Publishing recreates every table with ``CREATE TABLE AS`` and every view from
its SQL, and neither carries a comment over; ``copy_comments`` copies them, for tables and views
alike, after the analysts' file holds its relations. Tables and views that the pipeline writes
outside dbt (``ops``) get the Danish texts of ``PIPELINE_COMMENTS`` when the build has none.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

SOURCE_ALIAS = "comments_source"

# Relations of `ops` written by the pipeline itself, not by dbt: {(schema, relation): (text, {column: text})}.
PIPELINE_COMMENTS: dict[tuple[str, str], tuple[str, dict[str, str]]] = {
    ("ops", "runs"): (
        "Kørselsloggen: én række pr. natlig kørsel, også den der offentliggjorde denne fil.",
        {"run_id": "Kørslens id (Dagster).", "delivery_date": "Dato for den levering, kørslen læste.",
         "as_of": "Kørslens skæringsdato (den dato, reglerne regner som »i dag«).",
         "started_at": "Tidspunkt, kørslen startede (UTC).", "finished_at": "Tidspunkt, kørslen sluttede (UTC).",
         "status": "Udfald: published (offentliggjort), failed (fejlet) eller quarantined (leveringen sat i karantæne).",
         "rows_per_source": "Antal rækker pr. kildetabel (JSON).",
         "rows_rejected": "Antal afviste rækker i leveringen (se ops.rejected_records).",
         "checks_passed": "Antal datakvalitetskontroller, der bestod.",
         "checks_failed": "Antal datakvalitetskontroller, der fejlede.",
         "message": "Fejlbesked eller bemærkning; tom, når alt gik godt."}),
    ("ops", "delivery"): (
        "Den levering, denne fil er bygget af: én række.",
        {"delivery_date": "Leveringens dato.", "as_of": "Kørslens skæringsdato.",
         "municipality_code": "Vores kommunes kommunekode.",
         "folkeregister_mode": "Hvordan folkeregisteret blev leveret: status (fuldt statusudtræk) eller change (ændringsudtræk)."}),
    ("ops", "delivery_findings"): (
        "Fund i leveringen: afviste rækker og fejlede forventninger, én række pr. fund.",
        {"delivery_date": "Leveringens dato.", "source_file": "Den fil, fundet er i.",
         "line": "Linjenummer i filen; tom for fund om hele filen.", "byte_offset": "Position i filen (byte).",
         "field": "Feltet, fundet gælder.", "severity": "Alvor: row (rækken blev afvist), warning (advarsel) eller info (til orientering).",
         "reason": "Hvorfor (på engelsk)."}),
    ("ops", "rejected_records"): (
        "Afviste rækker i leveringen (levering, fil, linje, felt, årsag): rækker, der ikke kom med i lageret.",
        {"delivery": "Leveringens dato.", "file": "Den fil, rækken kom fra.", "line": "Linjenummer i filen.",
         "byte_offset": "Position i filen (byte).", "field": "Det felt, der var galt.",
         "reason": "Hvorfor rækken blev afvist (på engelsk)."}),
}


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def copy_comments(con: duckdb.DuckDBPyConnection, build_db: Path, schemas: tuple[str, ...]) -> int:
    """Copy the comments of the build's relations and columns in ``schemas`` onto the relations of
    the same name in ``con``'s database (the new analysts' file); relations only the build has are
    skipped. Returns the number of comments written."""
    in_schemas = ", ".join(_literal(s) for s in schemas)
    con.execute(f"attach {_literal(str(build_db))} as {SOURCE_ALIAS} (read_only)")
    try:
        relations = con.execute(
            "select schema_name, table_name, 'table', comment, database_name from duckdb_tables() "
            f"where schema_name in ({in_schemas}) union all "
            "select schema_name, view_name, 'view', comment, database_name from duckdb_views() "
            f"where not internal and schema_name in ({in_schemas})").fetchall()
        columns = con.execute(
            "select schema_name, table_name, column_name, comment, database_name from duckdb_columns() "
            f"where schema_name in ({in_schemas})").fetchall()
    finally:
        con.execute(f"detach {SOURCE_ALIAS}")
    target_db = con.execute("select current_database()").fetchone()[0]
    kinds = {(s, t): k for s, t, k, _, db in relations if db == target_db}
    built = {(s, t): c for s, t, _, c, db in relations if db == SOURCE_ALIAS and c}
    built_columns = {(s, t, c): x for s, t, c, x, db in columns if db == SOURCE_ALIAS and x}
    for (schema, table), (text, column_texts) in PIPELINE_COMMENTS.items():
        built.setdefault((schema, table), text)
        for column, column_text in column_texts.items():
            built_columns.setdefault((schema, table, column), column_text)
    target_columns = {(s, t, c) for s, t, c, _, db in columns if db == target_db}
    statements = [f"comment on {kinds[key]} {_quote(key[0])}.{_quote(key[1])} is {_literal(text)}"
                  for key, text in built.items() if key in kinds]
    statements += [f"comment on column {_quote(s)}.{_quote(t)}.{_quote(c)} is {_literal(text)}"
                   for (s, t, c), text in built_columns.items() if (s, t, c) in target_columns and (s, t) in kinds]
    for statement in statements:
        con.execute(statement)
    return len(statements)
