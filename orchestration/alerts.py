"""Loud failures: run failures, quarantines and stale deliveries go to a configurable channel
(a webhook or e-mail over SMTP) and always to the log. Messages are CPR-masked."""

from __future__ import annotations

import json
import logging
import smtplib
import urllib.request
from email.message import EmailMessage

from orchestration.settings import Settings
from sources.masking import mask_cprs_in_text

log = logging.getLogger("kommunelager.alerts")


def send_alert(settings: Settings, subject: str, body: str) -> list[str]:
    """Send to every configured channel; returns the channels used (the log always)."""
    subject, body = mask_cprs_in_text(subject), mask_cprs_in_text(body)
    log.error("%s\n%s", subject, body)
    used = ["log"]
    if settings.alert_webhook_url:
        request = urllib.request.Request(
            settings.alert_webhook_url, data=json.dumps({"subject": subject, "text": body}).encode(),
            headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=10):
            pass
        used.append("webhook")
    if settings.alert_smtp_host and settings.alert_email_to:
        message = EmailMessage()
        message["Subject"], message["To"], message["From"] = subject, settings.alert_email_to, "kommunelager"
        message.set_content(body)
        with smtplib.SMTP(settings.alert_smtp_host, timeout=10) as smtp:
            smtp.send_message(message)
        used.append("email")
    return used
