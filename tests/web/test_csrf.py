"""CSRF protection on every form: without the token a POST is refused (403); with the token from
the page it goes through."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import PASSWORD


def _token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.fixture
def strict(users, served):
    return Client(enforce_csrf_checks=True)


def test_the_login_form_needs_its_token(strict):
    assert strict.post(reverse("login"), {"username": "admin", "password": PASSWORD}).status_code == 403
    token = _token(strict.get(reverse("login")).content.decode())
    assert strict.post(reverse("login"), {"username": "admin", "password": PASSWORD,
                                          "csrfmiddlewaretoken": token}).status_code == 302


@pytest.mark.parametrize("username,page,form,url,data", [
    ("kontrollant", lambda s: reverse("flag", args=[s.children_flag]), "decision",
     lambda s: reverse("decide", args=[s.children_flag]), {"status": "under behandling"}),
    ("kontrollant", lambda s: reverse("flag", args=[s.children_flag]), "reveal",
     lambda s: reverse("reveal_cpr", args=[s.children_flag]), {"reason": "Opkrævning hos kommunen"}),
    ("admin", lambda s: reverse("users"), "users",
     lambda s: reverse("users"), {"username": "ny", "role": "analyst"}),
    ("admin", lambda s: reverse("user_edit", args=["analytiker"]), "user_edit",
     lambda s: reverse("user_edit", args=["analytiker"]), {"role": "analyst", "is_active": "on"}),
    ("analytiker", lambda s: reverse("worklist"), "logout", lambda s: reverse("logout"), {}),
], ids=["decision", "reveal", "add user", "change user", "logout"])
def test_every_form_needs_its_token(strict, users, served, username, page, form, url, data):
    strict.force_login(users[username], backend="django.contrib.auth.backends.ModelBackend")
    assert strict.post(url(served), data).status_code == 403
    token = _token(strict.get(page(served)).content.decode())
    assert strict.post(url(served), {**data, "csrfmiddlewaretoken": token}).status_code in (200, 302)
