"""The web page under Django's test client: one temporary installation for the whole web suite
(Django's settings are global to the process), a served analysts' file and identity file with a
handful of flags in the published schema, and one user per role.

The database is SQLite, or PostgreSQL when KOMMUNELAGER_DATABASE_URL is set (CI runs both)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_VAR = Path(tempfile.mkdtemp(prefix="kommunelager-web-")) / "var"


def _configure_django() -> None:
    """Django reads the installation's settings once, at setup: point them at a temporary var dir
    and put the environment back, so the rest of the suite sees it untouched."""
    saved = {k: os.environ.get(k) for k in ("KOMMUNELAGER_VAR_DIR", "DJANGO_SETTINGS_MODULE")}
    os.environ["KOMMUNELAGER_VAR_DIR"] = str(_VAR)
    os.environ["DJANGO_SETTINGS_MODULE"] = "web.config.settings"
    import django

    django.setup()
    for key, value in saved.items():
        if key == "DJANGO_SETTINGS_MODULE":
            continue  # pytest-django looks for it
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


_configure_django()

from tests.web.warehouse_fixture import write_served_files  # noqa: E402

PASSWORD = "korrekt-hest-batteri-42"


@pytest.fixture(scope="session")
def served(django_db_blocker):
    from django.conf import settings

    return write_served_files(Path(settings.KOMMUNELAGER["published_db"]),
                              Path(settings.KOMMUNELAGER["identity_db"]))


@pytest.fixture
def users(db):
    from web.accounts.services import create_user

    made = {}
    for username, role, areas in (("kontrollant", "controller", ["children"]), ("kontrol_alle", "controller", []),
                                  ("analytiker", "analyst", []), ("admin", "admin", [])):
        made[username] = create_user(username, role, areas, PASSWORD, actor="test")[0]
    return made


@pytest.fixture
def login(client, users, served):
    def log_in(username: str):
        client.force_login(users[username], backend="django.contrib.auth.backends.ModelBackend")
        return client

    return log_in


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2's real cost belongs in production, not in a hundred test logins."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
