"""Log ind (worklist.md): 5 failed attempts lock the account for 15 minutes; idle sessions end
after 30 minutes; logins, failures and logouts are audited."""

from __future__ import annotations

import datetime as dt

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import PASSWORD
from web.audit.models import AuditEvent


def _log_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_right_password_logs_in_and_is_audited(client, users, served):
    response = _log_in(client, "analytiker", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("worklist")
    assert AuditEvent.objects.filter(action="login", username="analytiker").count() == 1
    client.post(reverse("logout"))
    assert AuditEvent.objects.filter(action="logout", username="analytiker").count() == 1
    assert client.get(reverse("worklist")).status_code == 302


def test_five_failures_lock_the_account_for_15_minutes(client, users, served):
    for _ in range(4):
        assert _log_in(client, "kontrollant", "forkert").status_code == 200  # the form again, with an error
    assert _log_in(client, "kontrollant", "forkert").status_code == 429  # the fifth locks
    locked = _log_in(client, "kontrollant", PASSWORD)  # even the right password is refused now
    assert locked.status_code == 429 and "spærret" in locked.content.decode()
    assert AuditEvent.objects.filter(action="login_failed", username="kontrollant").count() >= 5
    # another account is not affected
    assert _log_in(client, "analytiker", PASSWORD).status_code == 302

    from axes.models import AccessAttempt

    # 15 minutes later the lock is over (attempts are dated by the database; move them back)
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=15, seconds=1))
    client.post(reverse("logout"))
    assert _log_in(client, "kontrollant", PASSWORD).status_code == 302


def test_four_failures_do_not_lock(client, users, served):
    for _ in range(4):
        _log_in(client, "kontrollant", "forkert")
    assert _log_in(client, "kontrollant", PASSWORD).status_code == 302


def test_an_idle_session_ends_after_30_minutes_and_activity_keeps_it(client, users, served):
    assert _log_in(client, "analytiker", PASSWORD).status_code == 302
    assert client.get(reverse("worklist")).status_code == 200
    session = Session.objects.get()
    remaining = session.expire_date - timezone.now()
    assert dt.timedelta(minutes=29) < remaining <= dt.timedelta(minutes=30)
    # 30 minutes without a request: the session has expired
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("worklist"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_each_request_moves_the_idle_deadline(client, users, served):
    _log_in(client, "analytiker", PASSWORD)
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(minutes=1))
    assert client.get(reverse("worklist")).status_code == 200
    assert Session.objects.get().expire_date - timezone.now() > dt.timedelta(minutes=29)


def test_a_deactivated_user_cannot_log_in(client, users, served):
    from web.accounts.services import change_user

    change_user("analytiker", actor="test", active=False)
    assert _log_in(client, "analytiker", PASSWORD).status_code == 200
