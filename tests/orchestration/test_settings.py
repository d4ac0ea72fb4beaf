"""One rule for paths (.env.example): settings resolve every path once, to an absolute path, and
dbt gets the build file from the pipeline — profiles.yml resolves nothing itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from orchestration.settings import DBT_PROJECT_DIR, REPO_DIR, load_settings

ENV_EXAMPLE = REPO_DIR / ".env.example"
PATH_PROPERTIES = ("var_dir", "landing_dir", "dagster_home", "person_key_secret_file", "build_dir", "build_db",
                   "warehouse_dir", "published_db", "history_dir", "restricted_dir", "identity_db",
                   "identity_history_dir", "state_dir", "state_db", "web_db", "secrets_dir",
                   "web_secret_key_file", "quarantine_dir", "run_dir")


def documented_values() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.split("#", 1)[0].strip()
    return values


@pytest.fixture
def from_env_example(tmp_path, monkeypatch):
    """The documented values, relative as written, loaded from a temporary current directory."""
    for name, value in documented_values().items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    return tmp_path



def dbt_profile_credential(settings, field: str):
    """One field of the profile's credentials as dbt itself renders profiles.yml with the
    pipeline's vars, in a child process started in dbt_project/ as dbt runs."""
    from orchestration.dbt_project import dbt_vars

    script = (
        "import json, sys\n"
        "from argparse import Namespace\n"
        "from dbt.flags import set_from_args\n"
        "set_from_args(Namespace(profiles_dir='.'), None)\n"
        "from dbt.config.runtime import load_profile\n"
        "credentials = load_profile('.', json.loads(sys.argv[1]), None, None).credentials\n"
        "print(json.dumps(getattr(credentials, sys.argv[2]), default=lambda o: o.to_dict()))\n")
    done = subprocess.run([sys.executable, "-c", script, json.dumps(dbt_vars(settings)), field],
                          cwd=DBT_PROJECT_DIR, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_env_example_lists_every_setting():
    assert set(documented_values()) >= {
        "KOMMUNELAGER_VAR_DIR", "KOMMUNELAGER_LANDING_DIR", "DAGSTER_HOME", "KOMMUNELAGER_PERSON_KEY_SECRET_FILE",
        "KOMMUNELAGER_DATABASE_URL", "KOMMUNELAGER_WEB_HOST", "KOMMUNELAGER_WEB_PORT", "KOMMUNELAGER_WEB_PATH_PREFIX"}


def test_documented_relative_paths_become_absolute_against_the_current_directory(from_env_example):
    settings = load_settings()
    for name in PATH_PROPERTIES:
        path = getattr(settings, name)
        assert isinstance(path, Path) and path.is_absolute(), name
        assert path.is_relative_to(from_env_example.resolve()), name
    assert settings.build_db == from_env_example.resolve() / "var" / "build" / "building.duckdb"
    assert settings.identity_db == from_env_example.resolve() / "var" / "restricted" / "identity.duckdb"
    assert settings.web_db == from_env_example.resolve() / "var" / "state" / "web.sqlite3"
    assert settings.web_secret_key_file == from_env_example.resolve() / "var" / "secrets" / "web_secret_key"
    assert (settings.database_url, settings.web_host, settings.web_port, settings.web_path_prefix) == \
        (None, "127.0.0.1", 8000, "")


def test_web_settings_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("KOMMUNELAGER_DATABASE_URL", "postgresql://u:p@db/kommunelager")
    monkeypatch.setenv("KOMMUNELAGER_WEB_HOST", "0.0.0.0")
    monkeypatch.setenv("KOMMUNELAGER_WEB_PORT", "8080")
    monkeypatch.setenv("KOMMUNELAGER_WEB_PATH_PREFIX", "/kommunelager")
    settings = load_settings()
    assert (settings.database_url, settings.web_host, settings.web_port, settings.web_path_prefix) == \
        ("postgresql://u:p@db/kommunelager", "0.0.0.0", 8080, "/kommunelager")


def test_dbt_profile_gets_the_same_absolute_build_path(from_env_example):
    settings = load_settings()
    assert dbt_profile_credential(settings, "path") == str(settings.build_db)


def test_dbt_builds_the_served_schemas_in_the_analysts_part_publishing_moves(from_env_example):
    # profiles.yml and settings.analysts_part_of name the same file: dbt writes it, publishing moves it
    settings = load_settings()
    attached = dbt_profile_credential(settings, "attach")
    assert [(a["path"], a["alias"]) for a in attached] == [
        (str(settings.analysts_build_db), "analysts"), (str(settings.family_years_build_db), "family_years")]
    assert settings.analysts_build_db.parent == settings.build_dir, "private until published"
    assert settings.family_years_build_db.parent == settings.build_dir, "private: it holds CPR numbers"


def test_the_command_line_hands_dagster_an_absolute_home(from_env_example, monkeypatch):
    import os

    from orchestration.cli import _prepare_process

    monkeypatch.setenv("DAGSTER_HOME", "./var/dagster_home")
    _prepare_process(load_settings())
    assert os.environ["DAGSTER_HOME"] == str(from_env_example.resolve() / "var" / "dagster_home")
    assert (from_env_example / "var" / "dagster_home" / "dagster.yaml").exists()


def test_duckdb_settings_reach_dbt_and_the_pipelines_connections(from_env_example, monkeypatch, tmp_path):
    """One place for DuckDB's ceiling, threads and spill folder: dbt's profile (rendered by dbt)
    and the warehouse resource's connections both open with them."""
    import duckdb

    from orchestration.resources import WarehouseResource

    monkeypatch.setenv("KOMMUNELAGER_DUCKDB_MEMORY_LIMIT", "1500MB")
    monkeypatch.setenv("KOMMUNELAGER_DUCKDB_THREADS", "1")
    settings = load_settings()
    assert settings.duckdb_temp_dir.parent == settings.build_dir, "spilled pages stay in the private folder"
    profile_settings = dbt_profile_credential(settings, "config_options")
    assert profile_settings["memory_limit"] == "1500MB"
    assert str(profile_settings["threads"]) == "1"
    assert profile_settings["temp_directory"] == str(settings.duckdb_temp_dir)

    warehouse = WarehouseResource(
        build_db=str(tmp_path / "build" / "b.duckdb"), published_db="p", history_dir="h", identity_db="i",
        identity_history_dir="ih", state_db="s", run_dir="r", duckdb_memory_limit=settings.duckdb_memory_limit,
        duckdb_threads=settings.duckdb_threads, duckdb_temp_dir=str(settings.duckdb_temp_dir))
    with warehouse.connect() as con:
        got = con.execute("select current_setting('memory_limit'), current_setting('threads'), "
                          "current_setting('temp_directory')").fetchone()
    expected_limit = duckdb.connect(config={"memory_limit": "1500MB"}).execute(
        "select current_setting('memory_limit')").fetchone()[0]
    assert got == (expected_limit, 1, str(settings.duckdb_temp_dir))


def test_a_bad_duckdb_memory_limit_names_the_setting(monkeypatch):
    monkeypatch.setenv("KOMMUNELAGER_DUCKDB_MEMORY_LIMIT", "lots")
    with pytest.raises(ValueError, match="KOMMUNELAGER_DUCKDB_MEMORY_LIMIT"):
        load_settings()
