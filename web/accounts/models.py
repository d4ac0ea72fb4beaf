"""A user's role and areas. Django's own User keeps name, hashed password and active flag."""

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    CONTROLLER = "controller", "Controller"
    ANALYST = "analyst", "Analytiker"
    ADMIN = "admin", "Administrator"


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="profile")
    role = models.CharField(max_length=16, choices=Role.choices)
    # A controller's areas (the flags' `area` values); empty = every area.
    areas = models.JSONField(default=list, blank=True)

    def __str__(self):
        return f"{self.user.get_username()} ({self.get_role_display()})"
