"""A night starts its analysts' part from the served file with only what it may keep (the
family members and their ledger, ``KEPT_FROM_SERVED``): every other relation is dbt's to build
again, and the served file stays exactly as it was until publishing replaces it."""

import hashlib

import duckdb

from orchestration.defs.publish.publishing import KEPT_FROM_SERVED, start_analysts_part
from tests.orchestration.working_copy import fresh_database, relation_comments


def _served(path):
    con = fresh_database(path, ("marts", "reference", "ops"))
    con.execute("create table marts.bridge_family_person as select range as fiscal_year, 'p' || range as person_key "
                "from range(2022, 2027)")
    con.execute("create table ops.family_years_built as select 2026 as fiscal_year, 'f' as inputs_fingerprint")
    con.execute("create table marts.dim_family as select 1 as family_key")
    con.execute("create view marts.dim_family_current as select * from marts.dim_family")
    con.execute("create table reference.areas as select 'school' as area")
    con.execute("create table ops.runs as select 'r1' as run_id")
    con.close()
    return path


def _relations(path):
    return sorted(relation_comments(path))


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_part_holds_the_kept_relations_only_and_the_served_file_is_untouched(tmp_path):
    served = _served(tmp_path / "served.duckdb")
    before = _digest(served)
    part = tmp_path / "build.analysts.duckdb"
    part.write_bytes(b"the last night's part, failed half-way")

    start_analysts_part(served, part)

    assert _relations(part) == sorted(KEPT_FROM_SERVED)
    con = duckdb.connect(str(part), read_only=True)
    assert con.execute("select count(*), min(person_key) from marts.bridge_family_person").fetchone() == (5, "p2022")
    con.close()
    assert _digest(served) == before
    assert len(_relations(served)) == 6


def test_without_a_served_file_the_part_starts_empty(tmp_path):
    part = tmp_path / "build.analysts.duckdb"
    part.write_bytes(b"the last night's part")
    start_analysts_part(tmp_path / "never_served.duckdb", part)
    assert not part.exists()


def test_a_served_file_that_cannot_be_read_leaves_the_part_empty(tmp_path, caplog):
    """Not a DuckDB file (a test's stand-in, a damaged disk): the night builds every year rather
    than failing, and says so."""
    served = tmp_path / "served.duckdb"
    served.write_bytes(b"not a database")
    part = tmp_path / "build.analysts.duckdb"
    start_analysts_part(served, part)
    assert not part.exists()
    assert served.read_bytes() == b"not a database"
    assert "builds every fiscal year" in caplog.text
