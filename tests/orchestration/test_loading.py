"""The raw tables are loaded in committed steps (DuckDB keeps uncommitted rows in memory) and a
source whose reading fails leaves its tables empty, never half loaded."""

import duckdb
import pandas as pd
import pytest

from orchestration.defs.ingest.loading import append_batch, loading
from sources.raw_tables import tables_of

TABLES = tables_of("cases")
TABLE = TABLES[0]


def _batch(first_line: int, rows: int) -> pd.DataFrame:
    frame = pd.DataFrame({c: [None] * rows for c in TABLE.column_names})
    frame["source_file"] = "cases/test.csv"
    frame["source_line"] = range(first_line, first_line + rows)
    return frame


def _count(con) -> int:
    return con.execute(f"select count(*) from {TABLE.qualified_name}").fetchone()[0]


@pytest.fixture
def con(tmp_path):
    with duckdb.connect(str(tmp_path / "build.duckdb")) as con:
        yield con


def test_rows_are_committed_every_so_many_rows(con):
    other = con.cursor()  # sees committed rows only
    seen = []
    with loading(con, TABLES, commit_every_rows=5) as loaded:
        for start in (1, 4, 7, 10):
            loaded(append_batch(con, TABLE, _batch(start, 3)))
            seen.append(_count(other))
    assert seen == [0, 6, 6, 12]
    assert _count(other) == 12


def test_failed_reading_leaves_the_tables_empty(con):
    with loading(con, TABLES) as loaded:
        loaded(append_batch(con, TABLE, _batch(1, 4)))
    assert _count(con) == 4

    with pytest.raises(ValueError, match="line 9"):
        with loading(con, TABLES, commit_every_rows=5) as loaded:
            for start in (1, 4, 7):
                loaded(append_batch(con, TABLE, _batch(start, 3)))
            raise ValueError("cases/test.csv line 9: unreadable")
    assert _count(con) == 0
    assert _count(con.cursor()) == 0
