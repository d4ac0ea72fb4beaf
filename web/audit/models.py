"""The append-only audit store (worklist.md, Audit): one row per event; the database itself refuses
UPDATE and DELETE (triggers in migration 0002), and the app has no edit path."""

from django.db import models


class Action(models.TextChoices):
    LOGIN = "login", "Log ind"
    LOGIN_FAILED = "login_failed", "Mislykket log ind"
    LOGOUT = "logout", "Log ud"
    FLAG_VIEW = "flag_view", "Flag vist"
    CPR_REVEAL = "cpr_reveal", "CPR vist"
    DECISION = "decision", "Afgørelse"
    EXPORT = "export", "Eksport"
    USER_CHANGE = "user_change", "Brugerændring"
    REFUSED = "refused", "Afvist adgang"
    CLI_REIDENTIFICATION = "cli_reidentification", "CPR udleveret (kommandolinje)"


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)  # UTC (USE_TZ)
    username = models.CharField(max_length=150, db_index=True)  # not a foreign key: users come and go
    action = models.CharField(max_length=32, choices=Action.choices, db_index=True)
    object_ref = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    client_address = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("audit events are append-only")
