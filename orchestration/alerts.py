"""Loud failures: run failures, quarantines and stale deliveries go to a configurable channel
(a webhook or e-mail over SMTP) and always to the log. Messages are CPR-masked.

Dagster decides *when* (the run-failure sensor, the freshness checks and their alert sensor in
``defs/nightly/jobs.py``; the CLI calls ``handle_failed_run`` too); this module only delivers.
E-mail uses the standard library's ``smtplib`` with the SMTP settings (STARTTLS, implicit TLS or
none; login with a password read from a file only the service can read).
"""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
import urllib.request
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from orchestration.settings import Settings
from sources.masking import mask_cprs_in_text

log = logging.getLogger("kommunelager.alerts")
TIMEOUT_SECONDS = 10


class AlertConfigError(RuntimeError):
    """The alert channel is configured wrongly (e.g. an SMTP password file others can read)."""


def smtp_password(path: Path | None) -> str | None:
    if path is None:
        return None
    if not path.is_file():
        raise AlertConfigError(f"The SMTP password file {path} is missing (KOMMUNELAGER_ALERT_SMTP_PASSWORD_FILE).")
    if path.stat().st_mode & 0o077:
        raise AlertConfigError(f"The SMTP password file {path} is readable by others: chmod 600 it.")
    return path.read_text(encoding="utf-8").strip()


def alert_message(settings: Settings, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.alert_email_from
    message["To"] = settings.alert_email_to
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.alert_email_from.rpartition("@")[2] or None)
    message.set_content(body)
    return message


def send_email(settings: Settings, message: EmailMessage) -> None:
    host, port, tls = settings.alert_smtp_host, settings.alert_smtp_port, settings.alert_smtp_tls
    password = smtp_password(settings.alert_smtp_password_file)
    context = ssl.create_default_context()
    if tls == "ssl":
        smtp = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT_SECONDS, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=TIMEOUT_SECONDS)
    with smtp:
        if tls == "starttls":
            smtp.starttls(context=context)  # fails loudly if the server cannot: no silent plain text
        if settings.alert_smtp_user:
            if password is None:
                raise AlertConfigError("KOMMUNELAGER_ALERT_SMTP_USER is set but no password file is.")
            smtp.login(settings.alert_smtp_user, password)
        smtp.send_message(message)


def send_alert(settings: Settings, subject: str, body: str) -> list[str]:
    """Send to every configured channel; returns the channels used (the log always)."""
    subject, body = mask_cprs_in_text(subject), mask_cprs_in_text(body)
    log.error("%s\n%s", subject, body)
    used = ["log"]
    if settings.alert_webhook_url:
        request = urllib.request.Request(
            settings.alert_webhook_url, data=json.dumps({"subject": subject, "text": body}).encode(),
            headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):
            pass
        used.append("webhook")
    if settings.alert_smtp_host and settings.alert_email_to:
        send_email(settings, alert_message(settings, subject, body))
        used.append("email")
    return used
