"""The dbt project as Dagster sees it, kept small: dagster-dbt reads target/manifest.json when the
definitions are imported, so the manifest is (re)built here whenever a dbt file is newer."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from dagster_dbt import DbtProject

from orchestration.settings import DBT_PROJECT_DIR, Settings, load_settings

kommunelager_dbt = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def _newest_source_mtime(project_dir: Path) -> float:
    newest = 0.0
    for folder in ("models", "seeds", "macros", "tests"):
        for path in (project_dir / folder).rglob("*"):
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    for name in ("dbt_project.yml", "profiles.yml"):
        if (project_dir / name).exists():
            newest = max(newest, (project_dir / name).stat().st_mtime)
    return newest


def code_version(project_dir: Path = DBT_PROJECT_DIR) -> str:
    """A hash of every file the dbt project's results can depend on (models, macros, seeds and
    dbt_project.yml): the var `code_version`, part of the fingerprint that lets a fiscal year's
    family composition be kept from one night to the next (macros/family_years_kept.sql). It
    changes only with the code, so dbt's partial parse stays valid between nights."""
    digest = hashlib.sha256()
    paths = [p for folder in ("models", "macros", "seeds") for p in (project_dir / folder).rglob("*") if p.is_file()]
    for path in sorted(paths + [project_dir / "dbt_project.yml"]):
        digest.update(path.relative_to(project_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def dbt_vars(settings: Settings, **business_vars) -> dict:
    """The vars of a dbt invocation: the build file's absolute path (profiles.yml reads it as
    `build_db` and resolves nothing itself), DuckDB's settings and the business vars of the run."""
    duckdb = settings.duckdb_config
    return {"build_db": str(settings.build_db), "duckdb_memory_limit": duckdb["memory_limit"],
            "duckdb_threads": duckdb["threads"], "duckdb_temp_dir": duckdb["temp_directory"], **business_vars}


def ensure_manifest() -> Path:
    """Run `dbt parse` when the manifest is missing or older than any dbt source file (~3 s)."""
    manifest = kommunelager_dbt.manifest_path
    if manifest.exists() and manifest.stat().st_mtime >= _newest_source_mtime(DBT_PROJECT_DIR):
        return manifest
    dbt = Path(sys.executable).with_name("dbt")
    env = {**os.environ, "DO_NOT_TRACK": "1"}  # a child's environment, ours is untouched
    completed = subprocess.run(
        [str(dbt), "parse", "--quiet", "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
         "--vars", json.dumps(dbt_vars(load_settings()))],
        cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{completed.stdout}\n{completed.stderr}")
    return manifest


ensure_manifest()
