"""Read-only access to the served files. Each request attaches the analysts' file afresh to an
in-memory DuckDB, so a newly published file is read without a restart and a reader never holds a
lock that could block publishing (publishing is a rename; an open reader keeps the old inode)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from django.conf import settings


class NoWarehouse(Exception):
    """No analysts' file has been published yet."""


def analysts_file() -> Path:
    return Path(settings.KOMMUNELAGER["published_db"])


def file_identity(path: Path) -> tuple[int, int]:
    """Changes when a new file is published (a rename gives a new inode)."""
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


@contextmanager
def warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory connection with the analysts' file attached read-only as ``wh``."""
    path = analysts_file()
    if not path.exists():
        raise NoWarehouse(str(path))
    con = duckdb.connect(":memory:", config={"threads": 2})
    try:
        con.execute(f"attach {_quoted(path)} as wh (read_only)")
        yield con
    finally:
        con.close()


def has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return con.execute("select count(*) from duckdb_tables() where database_name = 'wh' and schema_name = ? "
                       "and table_name = ?", [schema, table]).fetchone()[0] > 0


def rows(con: duckdb.DuckDBPyConnection, sql: str, params=()) -> list[dict]:
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def identity_of(person_key: str) -> dict | None:
    """CPR number, name and address of one person from the restricted identity file (None when
    the key is not there: shown as "ukendt person"). Call only after the reveal is audited."""
    path = Path(settings.KOMMUNELAGER["identity_db"])
    if not path.exists():
        return None
    con = duckdb.connect(str(path), read_only=True)
    try:
        table = con.execute("select schema_name from duckdb_tables() where database_name = current_database() "
                            "and table_name = 'person_identity' order by schema_name = 'main' desc limit 1").fetchone()
        if table is None:
            return None
        found = rows(con, f"select cpr, name, address, postal_code from {table[0]}.person_identity "
                          "where person_key = ?", [person_key])
        return found[0] if found else None
    finally:
        con.close()
