"""Writing audit events: the one function every part of the web page (and the command line)
calls. Every text is masked for CPR numbers (``DDMMYY-XXXX``) before it is stored."""

from __future__ import annotations

import json

from sources.masking import mask_cprs_in_text
from web.audit.models import Action, AuditEvent


def client_address(request) -> str:
    """The address the request came from (REMOTE_ADDR; a reverse proxy should set it right)."""
    return (request.META.get("REMOTE_ADDR") or "") if request is not None else ""


def record(action: Action | str, *, username: str, object_ref: str = "", reason: str = "",
           client: str = "", detail: dict | None = None) -> AuditEvent:
    masked_detail = json.loads(mask_cprs_in_text(json.dumps(detail or {}, ensure_ascii=False, default=str)))
    return AuditEvent.objects.create(
        action=str(action), username=mask_cprs_in_text(username)[:150],
        object_ref=mask_cprs_in_text(object_ref)[:200], reason=mask_cprs_in_text(reason),
        client_address=client[:64], detail=masked_detail)


def record_request(request, action: Action | str, *, object_ref: str = "", reason: str = "",
                   detail: dict | None = None) -> AuditEvent:
    user = getattr(request, "user", None)
    username = user.get_username() if user is not None and user.is_authenticated else "(anonym)"
    return record(action, username=username, object_ref=object_ref, reason=reason,
                  client=client_address(request), detail=detail)
