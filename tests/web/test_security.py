"""The security baseline of worklist.md: DEBUG off, secret key from a 0600 file, cookie flags,
X-Frame-Options, a Content-Security-Policy without inline script, Danish error pages that echo
nothing, no CPR number in URLs, titles or log lines."""

from __future__ import annotations

import logging
import re
import stat
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.web.conftest import PASSWORD


def test_debug_is_off_and_the_secret_key_comes_from_a_private_file():
    assert settings.DEBUG is False
    key_file = Path(settings.INSTALLATION.web_secret_key_file)
    assert key_file.read_text().strip() == settings.SECRET_KEY and len(settings.SECRET_KEY) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_headers_forbid_framing_inline_script_and_caching(login, served):
    response = login("analytiker").get(reverse("worklist"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script_or_style_and_load_nothing_from_outside(login, served):
    client = login("kontrollant")
    for url in (reverse("worklist"), reverse("flag", args=[served.children_flag]), reverse("overview")):
        page = client.get(url).content.decode()
        assert "<script" not in page and " style=" not in page and "<style" not in page, url
        assert not re.search(r'(src|href)="(https?:)?//', page), url


def test_the_stylesheet_is_served_by_the_app(client, db):
    response = client.get(settings.STATIC_URL + "web/site.css")
    assert response.status_code == 200 and b"--brand" in b"".join(response.streaming_content)


def test_session_and_csrf_cookies_are_httponly_lax_and_secure_behind_https(client, users, served):
    page = client.get(reverse("login"))
    csrf = page.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["httponly"] and csrf["samesite"] == "Lax" and not csrf["secure"]
    response = client.post(reverse("login"), {"username": "admin", "password": PASSWORD})
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["samesite"] == "Lax" and not session["secure"]
    client.post(reverse("logout"))
    response = client.post(reverse("login"), {"username": "admin", "password": PASSWORD},
                           HTTP_X_FORWARDED_PROTO="https")
    assert response.cookies[settings.SESSION_COOKIE_NAME]["secure"]


def test_error_pages_are_danish_and_echo_nothing(login, served):
    response = login("analytiker").get("/flag/6101804321/")
    page = response.content.decode()
    assert response.status_code == 404 and "Siden findes ikke" in page and "6101804321" not in page


def test_log_lines_mask_cpr_numbers(caplog):
    from web.config.security import MaskCprFilter

    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: /x/%s/", ("6101804321",),
                               None)
    MaskCprFilter().filter(record)
    assert record.getMessage() == "Not Found: /x/610180-XXXX/"
    handlers = logging.getLogger().handlers
    assert any(isinstance(f, MaskCprFilter) for h in handlers for f in h.filters)


def test_password_validators_are_on(login, served):
    response = login("admin").post(reverse("users"), {"username": "svag", "role": "analyst", "password": "1234"})
    assert response.status_code == 200 and "svag" not in [u for u in response.context["users"].values_list(
        "username", flat=True)]


def test_the_suite_runs_on_the_configured_database(db):
    """The PostgreSQL pass of CI really is on PostgreSQL (and the default on SQLite)."""
    from django.db import connection

    expected = "postgresql" if settings.INSTALLATION.database_url else "sqlite"
    assert connection.vendor == expected
