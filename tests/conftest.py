"""Shared fixtures: every test that runs the pipeline gets its own installation in a temp folder."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest

DELIVERY_DATE = dt.date(2026, 11, 22)


def make_installation(var, monkeypatch):
    """A fresh installation under ``var``: var dir, landing folder, Dagster home (telemetry
    off), secret.

    The environment is the installation's interface (orchestration/settings.py), and the dbt
    subprocess inherits it, so tests set it exactly like an operator would."""
    from orchestration.dagster_home import prepare_dagster_home
    from orchestration.settings import load_settings

    monkeypatch.setenv("KOMMUNELAGER_VAR_DIR", str(var))
    monkeypatch.setenv("DAGSTER_HOME", str(var / "dagster_home"))
    monkeypatch.setenv("DO_NOT_TRACK", "1")
    settings = load_settings()
    prepare_dagster_home(settings.dagster_home)
    settings.person_key_secret_file.parent.mkdir(parents=True, mode=0o700)
    settings.person_key_secret_file.write_text(secrets.token_hex(32))
    return settings


@pytest.fixture
def installation(tmp_path, monkeypatch):
    """A fresh installation for one test."""
    return make_installation(tmp_path / "var", monkeypatch)


@pytest.fixture(scope="module")
def module_installation(tmp_path_factory):
    """A fresh installation shared by the tests of one module (one pipeline run, many questions)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield make_installation(tmp_path_factory.mktemp("installation") / "var", monkeypatch)


def connect_published(settings, *, identities: bool = False, build: bool = False):
    """A read-only connection to the analysts' file, as analysts get it. ``identities`` attaches
    the identity file as ``restricted`` (so ``restricted.person_identity`` reads it, as the
    controllers' tools do); ``build`` attaches the private working copy as ``build`` (raw tables
    for reconciliation: tests only, never served)."""
    import duckdb

    con = duckdb.connect(str(settings.published_db), read_only=True)
    if identities:
        con.execute(f"attach '{settings.identity_db}' as restricted (read_only)")
    if build:
        con.execute(f"attach '{settings.build_db}' as build (read_only)")
    return con
