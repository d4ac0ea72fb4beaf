"""Dagster's SQLite event log, with one engine per database file instead of one per event.

A night writes about 1,700 Dagster events (a materialization, a check result, a step output per
dbt node). The stock ``SqliteEventLogStorage`` creates a SQLAlchemy engine, opens the file and
disposes of both for every write, and an asset event writes two files (the run's and the
cross-run index): about 15 ms an event on the benchmark machine, more than the commit itself.
Keeping one engine (and its pooled connection) per file makes that about 3-4 ms with the same
files, the same transactions and the same commits (docs/benchmarks.md, issue #14).

Everything else (schema, migrations, the cross-run index, watching a run) is Dagster's own
storage: this class only overrides how a connection is obtained. Several processes (the nightly
run, ``kommunelager ui``) may still use one file: SQLite's locks and busy timeout arbitrate, as
before; a pooled connection holds no lock between transactions.

``dagster.yaml`` names it (``orchestration.cli`` writes that file for a new Dagster home)::

    event_log_storage:
      module: orchestration.event_log_storage
      class: PooledSqliteEventLogStorage

A long-lived reader (the Dagster UI browsing many runs) would otherwise keep a file open for
every run it looked at: only the most recently used ``ENGINES_KEPT`` engines stay.

``base_dir`` may be given; by default it is Dagster's own place, ``$DAGSTER_HOME/history/runs``.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from dagster._config import Field, StringSource
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from dagster._serdes import ConfigurableClassData
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection, Engine

ENGINES_KEPT = 8  # the night uses two (its run's file and the index)


class PooledSqliteEventLogStorage(SqliteEventLogStorage):
    """``SqliteEventLogStorage`` that keeps one engine per shard (run file or index file)."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None):
        self._engines: OrderedDict[str, Engine] = OrderedDict()
        super().__init__(base_dir, inst_data=inst_data)

    @classmethod
    def config_type(cls):
        return {"base_dir": Field(StringSource, is_required=False)}

    @classmethod
    def from_config_value(cls, inst_data: ConfigurableClassData | None, config_value) -> PooledSqliteEventLogStorage:
        base_dir = config_value.get("base_dir") or os.path.join(
            os.environ["DAGSTER_HOME"], "history", "runs")
        return cls(base_dir, inst_data=inst_data)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        # Same lock, initialisation and transaction as the stock _connect; only the engine stays.
        with self._db_lock:
            engine = self._engines.get(shard)
            if engine is None:
                engine = create_engine(self.conn_string_for_shard(shard),
                                       connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})
                self._engines[shard] = engine
                if len(self._engines) > ENGINES_KEPT:  # not in use: every use holds the lock
                    self._engines.popitem(last=False)[1].dispose()
            self._engines.move_to_end(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn:
                with conn.begin():
                    yield conn

    def _dispose_engines(self) -> None:
        with self._db_lock:
            engines, self._engines = list(self._engines.values()), OrderedDict()
        for engine in engines:
            engine.dispose()

    def wipe(self) -> None:
        # wipe deletes the run files: no open connection may outlive them
        self._dispose_engines()
        super().wipe()

    def dispose(self) -> None:
        self._dispose_engines()
        super().dispose()
