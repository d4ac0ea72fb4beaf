"""Write, audit, publish (``shared/spec/operations.md``, worklist.md §1): after every blocking
check passed, the private working copy is published as two files, in one step:

- the identity file (person_key → CPR number, name, address; 0600 in a 0700 folder), first;
- the analysts' file, holding only the schemas ``marts``, ``reference`` and ``ops``: dbt builds
  them in the analysts' part of the build (a file of its own, ``analysts_part_of``), publishing
  adds the pipeline's own ops tables and moves that file, never copying the marts.

Each is written next to its target and swapped in by one atomic rename; the previous file is kept
in its own history folder. The identity file goes first: for a moment analysts may see the old
analysts' file with the new identities, where a person key missing from the identities shows as
"ukendt person" — never a new analysts' file whose keys the old identities lack silently.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import duckdb

from orchestration.defs.publish.comments import copy_comments
from orchestration.settings import analysts_part_of
from serving.state_db import make_private_dir

PUBLISHED_SCHEMAS = ("marts", "reference", "ops")
IDENTITY_TABLE = "person_identity"  # in the identity file's default schema
IDENTITY_SOURCE = "restricted.person_identity"  # where dbt builds it in the working copy
ANALYSTS_PREFIX, IDENTITY_PREFIX = "kommunelager", "identity"
BUILD_ALIAS = "working_copy"  # the build attached to the analysts' part (whose own name may be "build…")
ANALYSTS_FILE_MODE, ANALYSTS_DIR_MODE = 0o644, 0o755  # readable by analysts and the web page

logger = logging.getLogger(__name__)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _fresh(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


# What a night keeps of the served file in its analysts' part: the family members of the fiscal
# years whose inputs did not change, and their ledger (dbt_project/macros/family_years_kept.sql).
KEPT_FROM_SERVED = (("marts", "bridge_family_person"), ("ops", "family_years_built"))


def start_analysts_part(published: Path, part: Path, duckdb_config: dict[str, str] | None = None) -> None:
    """Start the night's analysts' part from the served file, holding only ``KEPT_FROM_SERVED``:
    dbt decides year by year which of the bridge's rows still hold and rebuilds every other
    relation. A copy, so the served file stays as it is until publishing replaces it (issue #14:
    the bridge's 15.7M rows at 1M citizens took 13–17 s to write every night). No served file
    (a first night) or one that cannot be read or copied: the part starts empty."""
    _fresh(part)
    if not published.exists():
        return
    try:
        _keep_from_served(published, part, duckdb_config)
    except (OSError, duckdb.Error) as error:  # unreadable, or no room: the night builds every year
        _fresh(part)
        logger.warning("the served file %s could not give this night its family members (%s); "
                       "the night builds every fiscal year", published, error)


def _keep_from_served(published: Path, part: Path, duckdb_config: dict[str, str] | None) -> None:
    shutil.copyfile(published, part)
    con = duckdb.connect(str(part), config=duckdb_config or {})
    try:
        relations = con.execute(
            "select 'view', schema_name, view_name from duckdb_views() where database_name = current_database() "
            "and not internal union all select 'table', schema_name, table_name from duckdb_tables() "
            "where database_name = current_database() order by 1 desc").fetchall()  # views first
        for kind, schema, name in relations:
            if (schema, name) not in KEPT_FROM_SERVED:
                con.execute(f"drop {kind} {_quote(schema)}.{_quote(name)}")
        con.execute("checkpoint")
    finally:
        con.close()


def write_analysts_file(build_db: Path, target: Path, duckdb_config: dict[str, str] | None = None) -> Path:
    """Make the analysts' part of the build (``analysts_part_of``: dbt built marts, reference
    and ops there, with their comments) the new file ``target``: the relations of the published
    schemas that only the build has — the pipeline's own ``ops`` tables and views — are added
    with their comments, then the file is moved, not copied (issue #14: the copy of every table
    was 21.5 s at 1M citizens). Nothing else of the build — raw, staging, intermediate,
    restricted — goes. ``duckdb_config`` is the run's ceiling, threads and spill folder."""
    part = analysts_part_of(build_db)
    if not part.exists():  # never an analysts' file without its marts
        raise FileNotFoundError(f"the analysts' part of the build is missing ({part}): dbt builds it in the "
                                "night's run, and a publish moves it away; run the whole night again")
    con = duckdb.connect(str(part), config=duckdb_config or {})
    try:
        con.execute(f"attach {_literal(str(build_db))} as {BUILD_ALIAS} (read_only)")
        schemas = ", ".join(_literal(s) for s in PUBLISHED_SCHEMAS)
        stray = con.execute(
            "select schema_name || '.' || table_name from duckdb_tables() where database_name = current_database() "
            f"and schema_name not in ({schemas}) union all select schema_name || '.' || view_name from duckdb_views() "
            f"where database_name = current_database() and not internal and schema_name not in ({schemas})").fetchall()
        if stray:  # a model given `database: analysts` outside the served schemas: never serve it
            raise RuntimeError(f"the analysts' part of the build {part} holds relations outside "
                               f"{', '.join(PUBLISHED_SCHEMAS)}: {', '.join(sorted(r for (r,) in stray))}; "
                               "build them in the private build (dbt_project.yml) and run again")
        present = set(con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = current_database() "
            "union all select schema_name, view_name from duckdb_views() "
            "where database_name = current_database() and not internal").fetchall())
        tables = con.execute(
            f"select schema_name, table_name from duckdb_tables() where database_name = '{BUILD_ALIAS}' "
            f"and schema_name in ({schemas}) order by 1, 2").fetchall()
        views = con.execute(
            f"select schema_name, view_name, sql from duckdb_views() where database_name = '{BUILD_ALIAS}' "
            f"and not internal and schema_name in ({schemas}) order by 1, 2").fetchall()
        for schema in PUBLISHED_SCHEMAS:
            con.execute(f"create schema if not exists {_quote(schema)}")
        for schema, table in tables:
            if (schema, table) not in present:
                name = f"{_quote(schema)}.{_quote(table)}"
                con.execute(f"create table {name} as select * from {BUILD_ALIAS}.{name}")
        con.execute(f"detach {BUILD_ALIAS}")
        for schema, view, sql in views:  # their SQL names tables of the same schemas, now in this file
            if (schema, view) not in present:
                con.execute(sql)
        copy_comments(con, build_db, PUBLISHED_SCHEMAS)  # CREATE TABLE AS and CREATE VIEW drop them
        con.execute("checkpoint")
    finally:
        con.close()
    _fresh(target)
    shutil.move(part, target)  # a rename: the build and the warehouse folder share var/
    return target


def write_identity_file(build_db: Path, target: Path, duckdb_config: dict[str, str] | None = None) -> Path:
    """``person_identity`` in the default schema of a new file ``target`` (0600): consumers
    ``attach '<identity_db>' as restricted (read_only)`` and read ``restricted.person_identity``."""
    _fresh(target)
    con = duckdb.connect(str(target), config=duckdb_config or {})
    try:
        os.chmod(target, 0o600)  # at once; the folder is 0700 anyway
        con.execute(f"attach {_literal(str(build_db))} as build (read_only)")
        con.execute(f"create table {IDENTITY_TABLE} as select person_key, cpr, name, address, postal_code, "
                    f"postal_district from build.{IDENTITY_SOURCE}")
        con.execute("detach build")
        con.execute("checkpoint")
    finally:
        con.close()
    os.chmod(target, 0o600)
    return target


def replace_keeping_history(new_file: Path, target: Path, history_dir: Path, prefix: str, label: str,
                            keep: int) -> Path | None:
    """Atomically make ``new_file`` the file at ``target``; keep the previous one in
    ``history_dir`` as ``<prefix>-<label>.duckdb``. The previous file is hard-linked (same bytes,
    same mode, no copy) before the rename, so a reader that has it open keeps a consistent file,
    and a crash at any point leaves either the old or the new file in place."""
    kept = None
    if target.exists():
        kept = history_dir / f"{prefix}-{label}.duckdb"
        n = 1
        while kept.exists():
            n += 1
            kept = history_dir / f"{prefix}-{label}-{n}.duckdb"
        os.link(target, kept)
    os.replace(new_file, target)
    _prune(history_dir, prefix, keep)
    return kept


def _sync(path: Path) -> None:
    """Flush a file (or a folder's entries) to the disk: the journal may only say "ready" for
    files that survive a power cut."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def prepare_publish(build_db: Path, published_db: Path, history_dir: Path, identity_db: Path,
                    identity_history_dir: Path, duckdb_config: dict[str, str] | None = None) -> tuple[Path, Path]:
    """Write the new identity and analysts' files next to their targets (``.<name>.new``),
    synced, not yet served, under the run's DuckDB settings. Returns (identity_new, analysts_new)."""
    con = duckdb.connect(str(build_db), config=duckdb_config or {})
    try:
        con.execute("checkpoint")  # fold the WAL in before other connections read the file
    finally:
        con.close()
    make_private_dir(identity_db.parent)
    make_private_dir(identity_history_dir)
    # Runs build under a 077 umask (the working copy holds every CPR number); the analysts' side
    # is for analysts and the web page, so its folders and file get their modes explicitly.
    for folder in (published_db.parent, history_dir):
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, ANALYSTS_DIR_MODE)
    identity_new = write_identity_file(build_db, identity_db.with_name(f".{identity_db.name}.new"), duckdb_config)
    analysts_new = write_analysts_file(build_db, published_db.with_name(f".{published_db.name}.new"), duckdb_config)
    os.chmod(analysts_new, ANALYSTS_FILE_MODE)
    for path in (identity_new, analysts_new, identity_db.parent, published_db.parent):
        _sync(path)
    return identity_new, analysts_new


def publish_files(build_db: Path, *, published_db: Path, history_dir: Path, identity_db: Path,
                  identity_history_dir: Path, label: str, keep: int) -> tuple[Path | None, Path | None]:
    """Publish the working copy as the identity file, then the analysts' file, without touching
    the state (the pipeline publishes through ``journal.publish_and_record``). Returns the
    history copies of the previous analysts' and identity files (None on the first publish)."""
    identity_new, analysts_new = prepare_publish(build_db, published_db, history_dir, identity_db,
                                                 identity_history_dir)
    kept_identity = replace_keeping_history(identity_new, identity_db, identity_history_dir,
                                            IDENTITY_PREFIX, label, keep)
    kept = replace_keeping_history(analysts_new, published_db, history_dir, ANALYSTS_PREFIX, label, keep)
    return kept, kept_identity


def _copies(history_dir: Path, prefix: str) -> list[Path]:
    if not history_dir.exists():
        return []
    return sorted(history_dir.glob(f"{prefix}-*.duckdb"), key=lambda p: p.stat().st_mtime_ns)


def _prune(history_dir: Path, prefix: str, keep: int) -> None:
    copies = _copies(history_dir, prefix)
    for old in copies[: max(0, len(copies) - keep)]:
        old.unlink()


def rollback(published_db: Path, history_dir: Path, identity_db: Path | None = None,
             identity_history_dir: Path | None = None) -> Path:
    """Serve the newest kept copies again (operations' rollback), identity first as on publish;
    returns the analysts' file restored."""
    copies = _copies(history_dir, ANALYSTS_PREFIX)
    if not copies:
        raise FileNotFoundError(f"no published copy kept in {history_dir}")
    if identity_db is not None and identity_history_dir is not None:
        identities = _copies(identity_history_dir, IDENTITY_PREFIX)
        if identities:
            os.replace(identities[-1], identity_db)
    os.replace(copies[-1], published_db)
    return published_db
