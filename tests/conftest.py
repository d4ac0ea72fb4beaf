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
    from orchestration.settings import load_settings

    monkeypatch.setenv("KOMMUNELAGER_VAR_DIR", str(var))
    monkeypatch.setenv("DAGSTER_HOME", str(var / "dagster_home"))
    monkeypatch.setenv("DO_NOT_TRACK", "1")
    settings = load_settings()
    settings.dagster_home.mkdir(parents=True)
    (settings.dagster_home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    settings.person_key_secret_file.parent.mkdir(parents=True)
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
