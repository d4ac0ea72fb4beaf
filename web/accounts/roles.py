"""Who may do what: the roles table of worklist.md, in one place. Views ask `may()` or use
`@requires(...)`; a refusal is audited and answered 403."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied

from web.accounts.models import Role

# action → roles allowed (worklist.md, Roles)
PERMISSIONS: dict[str, frozenset[str]] = {
    "view_flags": frozenset({Role.CONTROLLER, Role.ANALYST, Role.ADMIN}),
    "view_overview": frozenset({Role.CONTROLLER, Role.ANALYST, Role.ADMIN}),
    "export": frozenset({Role.CONTROLLER, Role.ANALYST}),
    "decide": frozenset({Role.CONTROLLER}),
    "reveal_cpr": frozenset({Role.CONTROLLER}),
    "manage_users": frozenset({Role.ADMIN}),
    "read_audit": frozenset({Role.ADMIN}),
}


def role_of(user) -> str | None:
    if not user.is_authenticated or not user.is_active:
        return None
    profile = getattr(user, "profile", None)
    return profile.role if profile is not None else None


def may(user, action: str) -> bool:
    return role_of(user) in PERMISSIONS[action]


def visible_areas(user) -> list[str] | None:
    """The areas whose flags the user sees: a list for a controller limited to areas, else None (all)."""
    if role_of(user) == Role.CONTROLLER and user.profile.areas:
        return list(user.profile.areas)
    return None


def requires(action: str):
    """Refuse (403, audited) a request whose user's role may not do ``action``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not may(request.user, action):
                from web.audit.models import Action
                from web.audit.services import record_request

                record_request(request, Action.REFUSED, object_ref=request.path[:200], detail={"action": action})
                raise PermissionDenied(action)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def role_context(request) -> dict:
    """Template context: what the menu may offer."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"can": {action: may(user, action) for action in PERMISSIONS}, "user_role": role_of(user)}
