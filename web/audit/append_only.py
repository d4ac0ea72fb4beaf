"""Database triggers that make a table append-only, on SQLite and PostgreSQL: the audit store and
the decision events refuse UPDATE and DELETE whatever client writes to them (worklist.md)."""

from django.db import migrations


def _sqlite(table: str) -> list[str]:
    return [f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""
            for verb in ("UPDATE", "DELETE")]


def _postgresql(table: str) -> list[str]:
    return [
        f"""CREATE FUNCTION {table}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{table} is append-only'; END $$""",
        f"""CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_refuse_change()""",
        f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION {table}_refuse_change()""",
    ]


def append_only(table: str) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements = {"sqlite": _sqlite, "postgresql": _postgresql}.get(vendor)
        if statements is None:
            raise RuntimeError(f"no append-only trigger for the {vendor} database")
        for sql in statements(table):
            schema_editor.execute(sql)

    return migrations.RunPython(forwards, migrations.RunPython.noop)
