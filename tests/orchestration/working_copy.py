"""Working copies as a night leaves them, for the publishing tests: the private build and, beside
it, the analysts' part in which dbt builds the served schemas (profiles.yml)."""

from pathlib import Path

import duckdb


def fresh_database(path: Path, schemas: tuple[str, ...]) -> duckdb.DuckDBPyConnection:
    """A new DuckDB file at ``path`` (any earlier one removed) with ``schemas``, open for writing."""
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    for schema in schemas:
        con.execute(f"create schema {schema}")
    return con


def relation_comments(path: Path) -> dict[tuple[str, str], str | None]:
    """(schema, name) → comment of every table and view in the DuckDB file at ``path``."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return dict(((schema, name), comment) for schema, name, comment in con.execute(
            "select schema_name, table_name, comment from duckdb_tables() union all "
            "select schema_name, view_name, comment from duckdb_views() where not internal").fetchall())
    finally:
        con.close()
