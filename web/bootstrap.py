"""Django for processes that are not the web server: the command line and the nightly run."""

from __future__ import annotations

import os


def setup_django() -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "web.config.settings")
    django.setup()


def migrate(verbosity: int = 0) -> None:
    """Create or bring the web page's own database (users, decisions, audit) up to date."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
