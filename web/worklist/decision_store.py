"""Reading the decision store: the newest event per flag. Used by the pages and by each nightly run
(through ``web.decision_export``), so "a flag's status is its newest event" is decided here only."""

from __future__ import annotations

from django.db.models import Max

from web.worklist.models import Decision


def newest_decisions(flag_ids=None):
    """QuerySet of the newest decision event of each flag (optionally only these flags)."""
    newest = Decision.objects.values("flag_id")
    if flag_ids is not None:
        newest = newest.filter(flag_id__in=list(flag_ids))
    newest_ids = newest.annotate(newest_id=Max("id")).values("newest_id")
    return Decision.objects.filter(id__in=newest_ids)


def current_decision_rows() -> list[tuple]:
    """(flag_id, status, recovered_amount_dkk, decided_at) of every flag with a decision."""
    return list(newest_decisions().values_list("flag_id", "status", "recovered_amount_dkk", "decided_at"))
