"""Django for processes that are not the web server: the command line and the nightly run."""

from __future__ import annotations

import os
from pathlib import Path


def setup_django() -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.config.settings")
    django.setup()


def migrate(verbosity: int = 0) -> None:
    """Create or bring the web page's own database (users, decisions, audit) up to date."""
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    database = settings.DATABASES["default"]
    sqlite_file = Path(database["NAME"]) if database["ENGINE"].endswith("sqlite3") else None
    if sqlite_file is not None:
        sqlite_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # var/state is private
        sqlite_file.touch(mode=0o600, exist_ok=True)
        sqlite_file.chmod(0o600)
    call_command("migrate", interactive=False, verbosity=verbosity)
