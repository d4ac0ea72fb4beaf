"""Publish and state as one recoverable step (issue #12, item 3; docs/decisions.md).

The published files used to be renamed before the run log, the CPR register and the flag history
were written: a crash between them served the new night while the state said the previous one.
Now a publish journal row in the state database brackets the whole step:

1. the new identity and analysts' files are written and synced next to their targets (``.new``);
2. one state transaction stores before-images of the state tables a publish changes (the
   register's tables renamed aside, copies of the others) and the journal row, status ``pending``;
3. the run log, the register and the flag history are written; status ``state_written``;
4. the two renames; status ``done`` and the before-images are dropped.

``recover_publish`` runs at the start of every run, under the run lock: a ``pending`` row (crash
in 2–3) is rolled back from the before-images; a ``state_written`` row (crash in 3–4) is completed
when both new files are in place or still ready beside their targets, otherwise rolled back.
A file is recognised by its inode, which a rename keeps.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from orchestration.defs.ingest.register import REGISTER_TABLES, save_register
from orchestration.defs.publish.publishing import (
    ANALYSTS_PREFIX, IDENTITY_PREFIX, prepare_publish, replace_keeping_history,
)
from orchestration.defs.publish.run_log import record_run
from orchestration.defs.state.history import record_published_flags
from serving.state_db import connect_state, has_table

# Every state table a publish changes, as (schema, table). The register is replaced whole, so its
# before-image is the table itself, renamed aside in its schema (DuckDB renames only within one):
# copying the 8.6M rows of 1M citizens took 3.9 s a night. The others are updated in place; their
# before-images are copies in publish_undo.
REPLACED_TABLES = [("register", t.table) for t in REGISTER_TABLES]
UPDATED_TABLES = [("register", "applied_extracts"), ("main", "flag_history"), ("main", "flag_runs")]
CHANGED_TABLES = REPLACED_TABLES + UPDATED_TABLES
ASIDE = "__before_publish"
# Test-only: names a point where the publish kills its own process (SIGKILL, like a power cut),
# so a test can prove that recovery makes state and files agree. Unset in every installation.
CRASH_HOOK = "KOMMUNELAGER_TEST_CRASH_AT"


@dataclass(frozen=True)
class Targets:
    """Where a publish puts its two files and keeps their previous copies."""

    published_db: Path
    history_dir: Path
    identity_db: Path
    identity_history_dir: Path
    keep: int = 7
    # the run's DuckDB ceiling, threads and spill folder (WarehouseResource.duckdb_config): the
    # copy into the new files is the run's biggest read outside dbt and stays under the setting
    duckdb_config: dict[str, str] = field(default_factory=dict)


def _crash_point(name: str) -> None:
    if os.environ.get(CRASH_HOOK) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _undo_name(schema: str, table: str) -> str:
    return f"publish_undo.{schema}__{table}"


def _save_before_images(state: duckdb.DuckDBPyConnection) -> None:
    state.execute("create schema if not exists publish_undo")
    for schema, table in REPLACED_TABLES:
        state.execute(f"drop table if exists {schema}.{table}{ASIDE}")
        if has_table(state, schema, table):
            state.execute(f"alter table {schema}.{table} rename to {table}{ASIDE}")
    for schema, table in UPDATED_TABLES:
        state.execute(f"drop table if exists {_undo_name(schema, table)}")
        if has_table(state, schema, table):
            state.execute(f"create table {_undo_name(schema, table)} as select * from {schema}.{table}")


def _restore_before_images(state: duckdb.DuckDBPyConnection) -> None:
    state.execute("begin")
    for schema, table in CHANGED_TABLES:
        state.execute(f"drop table if exists {schema}.{table}")
        if has_table(state, schema, f"{table}{ASIDE}"):
            state.execute(f"alter table {schema}.{table}{ASIDE} rename to {table}")
        elif has_table(state, "publish_undo", f"{schema}__{table}"):  # also a journal row from
            # before the register was set aside by renaming
            state.execute(f"create table {schema}.{table} as select * from {_undo_name(schema, table)}")
    state.execute("commit")


def _drop_before_images(state: duckdb.DuckDBPyConnection) -> None:
    for schema, table in REPLACED_TABLES:
        state.execute(f"drop table if exists {schema}.{table}{ASIDE}")
    state.execute("drop schema if exists publish_undo cascade")


def publish_and_record(build_db: Path, targets: Targets, state_db: Path, *, label: str, run: dict) -> tuple[Path | None, int]:
    """Publish the working copy and record it in the state, recoverably. ``run`` holds the
    ``record_run`` arguments (run_id, delivery_date, as_of, started_at, rows_per_source, ...).
    Returns the kept previous analysts' file and the number of flags recorded."""
    identity_new, analysts_new = prepare_publish(build_db, targets.published_db, targets.history_dir,
                                                 targets.identity_db, targets.identity_history_dir,
                                                 targets.duckdb_config)
    with connect_state(state_db) as state:
        state.execute("begin")
        _save_before_images(state)
        state.execute("insert into publish_journal values (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)",
                      [run["run_id"], run["delivery_date"], label, targets.keep,
                       str(identity_new), str(targets.identity_db), str(targets.identity_history_dir),
                       identity_new.stat().st_ino, str(analysts_new), str(targets.published_db),
                       str(targets.history_dir), analysts_new.stat().st_ino, _now()])
        state.execute("commit")
        _crash_point("after-journal")
        record_run(state, status="published", **run)
        save_register(build_db, state, run["delivery_date"])
        flags = record_published_flags(state, analysts_new)  # the file about to be served
        state.execute("update publish_journal set status = 'state_written' where run_id = ? and status = 'pending'",
                      [run["run_id"]])
    _crash_point("after-state")
    kept = _complete(state_db, run["run_id"])
    return kept, flags


def _in_place(target: Path, inode: int) -> bool:
    return target.exists() and target.stat().st_ino == inode


def _ready(new_file: Path, inode: int) -> bool:
    return new_file.exists() and new_file.stat().st_ino == inode


def _journal_row(state: duckdb.DuckDBPyConnection, run_id: str) -> dict:
    cur = state.execute("select * from publish_journal where run_id = ? and status in ('pending', 'state_written')",
                        [run_id])
    names = [d[0] for d in cur.description]
    return dict(zip(names, cur.fetchone()))


def _complete(state_db: Path, run_id: str) -> Path | None:
    """Serve the journal's new files (those not yet in place) and close the journal row."""
    with connect_state(state_db) as state:
        row = _journal_row(state, run_id)
    kept = None
    if not _in_place(Path(row["identity_target"]), row["identity_inode"]):
        replace_keeping_history(Path(row["identity_new"]), Path(row["identity_target"]),
                                Path(row["identity_history"]), IDENTITY_PREFIX, row["label"], row["keep"])
    _crash_point("after-identity")
    if not _in_place(Path(row["analysts_target"]), row["analysts_inode"]):
        kept = replace_keeping_history(Path(row["analysts_new"]), Path(row["analysts_target"]),
                                       Path(row["analysts_history"]), ANALYSTS_PREFIX, row["label"], row["keep"])
    with connect_state(state_db) as state:
        state.execute("begin")
        state.execute("update publish_journal set status = 'done', finished_at = ? where run_id = ?", [_now(), run_id])
        _drop_before_images(state)
        state.execute("commit")
    return kept


def _roll_back(state_db: Path, row: dict, why: str) -> None:
    with connect_state(state_db) as state:
        _restore_before_images(state)
        record_run(state, run_id=row["run_id"], delivery_date=str(row["delivery_date"]), as_of=None,
                   started_at=None, status="failed", message=why)
        state.execute("begin")
        state.execute("update publish_journal set status = 'rolled_back', finished_at = ? where run_id = ?",
                      [_now(), row["run_id"]])
        _drop_before_images(state)
        state.execute("commit")
    for new_file in (Path(row["identity_new"]), Path(row["analysts_new"])):
        new_file.unlink(missing_ok=True)


def recover_publish(state_db: Path) -> str | None:
    """Finish or undo a publish a crash interrupted; returns what was done (None: nothing to do).
    Call under the run lock, before anything else of a run."""
    if not state_db.exists():
        return None
    with connect_state(state_db) as state:
        runs = [r for (r,) in state.execute(
            "select run_id from publish_journal where status in ('pending', 'state_written')").fetchall()]
        rows = [_journal_row(state, r) for r in runs]
    done = []
    for row in rows:
        complete = row["status"] == "state_written" and all(
            _in_place(Path(row[f"{f}_target"]), row[f"{f}_inode"]) or _ready(Path(row[f"{f}_new"]), row[f"{f}_inode"])
            for f in ("identity", "analysts"))
        if complete:
            _complete(state_db, row["run_id"])
            done.append(f"completed the interrupted publish of delivery {row['delivery_date']} (run {row['run_id'][:8]})")
        else:
            _roll_back(state_db, row, "the publish was interrupted before the new files were served; "
                                      "the state was rolled back to the previous night: run this delivery again")
            done.append(f"rolled back the interrupted publish of delivery {row['delivery_date']} "
                        f"(run {row['run_id'][:8]}); run it again")
    return "; ".join(done) or None
