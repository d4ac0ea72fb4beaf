from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "web.audit"
    label = "audit"
    verbose_name = "Revisionsspor"

    def ready(self):
        from web.audit import signals  # noqa: F401  (login, logout and failed login are audited)
