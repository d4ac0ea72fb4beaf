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
