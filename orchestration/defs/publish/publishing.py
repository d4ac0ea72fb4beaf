"""Write, audit, publish (``shared/spec/operations.md``): the working copy replaces the served file
by one atomic rename, after every blocking check passed; earlier published files are kept."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb


def publish_file(build_db: Path, published_db: Path, history_dir: Path, label: str, keep: int) -> Path | None:
    """Atomically make ``build_db`` the served file; keep the previous one in ``history_dir``.

    Returns the history copy of the previous file (None on the first publish). The previous file
    is hard-linked (same bytes, no copy) before the rename, so a reader that has it open keeps a
    consistent file, and a crash at any point leaves either the old or the new file served.
    """
    con = duckdb.connect(str(build_db))
    try:
        con.execute("checkpoint")  # fold the WAL in: the renamed file must stand alone
    finally:
        con.close()
    history_dir.mkdir(parents=True, exist_ok=True)
    kept = None
    if published_db.exists():
        kept = history_dir / f"kommunelager-{label}.duckdb"
        n = 1
        while kept.exists():
            n += 1
            kept = history_dir / f"kommunelager-{label}-{n}.duckdb"
        os.link(published_db, kept)
    os.replace(build_db, published_db)
    _prune(history_dir, keep)
    return kept


def _prune(history_dir: Path, keep: int) -> None:
    copies = sorted(history_dir.glob("kommunelager-*.duckdb"), key=lambda p: p.stat().st_mtime_ns)
    for old in copies[: max(0, len(copies) - keep)]:
        old.unlink()


def rollback(published_db: Path, history_dir: Path) -> Path:
    """Serve the newest kept copy again (operations' rollback); returns the file restored."""
    copies = sorted(history_dir.glob("kommunelager-*.duckdb"), key=lambda p: p.stat().st_mtime_ns)
    if not copies:
        raise FileNotFoundError(f"no published copy kept in {history_dir}")
    newest = copies[-1]
    os.replace(newest, published_db)
    return published_db
