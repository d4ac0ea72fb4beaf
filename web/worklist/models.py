"""Decisions on flags (worklist.md, Decisions): events, never updated or deleted (a database
trigger refuses it); a flag's status is its newest event. They hang on flag_id and live outside
the warehouse, so no rebuild touches them."""

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    NEW = "ny", "Ny"
    IN_PROGRESS = "under behandling", "Under behandling"
    RECOVERED = "opkrævet", "Opkrævet"
    PARTLY_RECOVERED = "delvist opkrævet", "Delvist opkrævet"
    REJECTED_NOT_RELEVANT = "afvist - ikke relevant", "Afvist - ikke relevant"
    REJECTED_TIME_BARRED = "afvist - forældet", "Afvist - forældet"


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)
NEEDS_AMOUNT = (Status.RECOVERED, Status.PARTLY_RECOVERED)
NEEDS_COMMENT = (Status.REJECTED_NOT_RELEVANT, Status.REJECTED_TIME_BARRED)


class Decision(models.Model):
    flag_id = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=32, choices=Status.choices)
    comment = models.TextField(blank=True)
    recovered_amount_dkk = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="decisions_responsible")
    follow_up_date = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="decisions_made")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("decisions are events: append a new one instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("decisions are events and are never deleted")
