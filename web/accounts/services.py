"""Adding and changing users: shared by the Brugere page and `kommunelager users`. Every change is
audited as `user_change` with who made it."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from web.accounts.models import Profile, Role
from web.audit.models import Action
from web.audit.services import record


class UserChangeError(ValueError):
    """A change that cannot be made; the message is Danish and safe to show."""


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def _clean_areas(areas) -> list[str]:
    return sorted({a.strip() for a in (areas or []) if a and a.strip()})


@transaction.atomic
def create_user(username: str, role: str, areas=(), password: str | None = None, *, actor: str,
                client: str = "") -> tuple[object, str]:
    User = get_user_model()
    username = username.strip()
    if not username:
        raise UserChangeError("Brugernavn mangler.")
    if role not in Role.values:
        raise UserChangeError(f"Ukendt rolle: {role}.")
    if User.objects.filter(username=username).exists():
        raise UserChangeError(f"Brugeren {username} findes allerede.")
    password = password or generate_password()
    user = User(username=username)
    try:
        validate_password(password, user)
    except Exception as error:  # ValidationError: its messages are Danish
        raise UserChangeError(" ".join(getattr(error, "messages", [str(error)]))) from None
    user.set_password(password)
    user.save()
    Profile.objects.create(user=user, role=role, areas=_clean_areas(areas) if role == Role.CONTROLLER else [])
    record(Action.USER_CHANGE, username=actor, object_ref=f"user:{username}", client=client,
           detail={"change": "created", "role": role, "areas": _clean_areas(areas)})
    return user, password


@transaction.atomic
def change_user(username: str, *, actor: str, client: str = "", role: str | None = None, areas=None,
                active: bool | None = None, password: str | None = None) -> object:
    User = get_user_model()
    try:
        user = User.objects.select_related("profile").get(username=username)
    except User.DoesNotExist:
        raise UserChangeError(f"Brugeren {username} findes ikke.") from None
    profile = Profile.objects.get_or_create(user=user, defaults={"role": role or Role.ANALYST})[0]
    changes = {}
    if role is not None and role != profile.role:
        if role not in Role.values:
            raise UserChangeError(f"Ukendt rolle: {role}.")
        changes["role"] = [profile.role, role]
        profile.role = role
    if areas is not None and _clean_areas(areas) != profile.areas:
        changes["areas"] = [profile.areas, _clean_areas(areas)]
        profile.areas = _clean_areas(areas)
    if profile.role != Role.CONTROLLER and profile.areas:
        changes["areas"] = [profile.areas, []]
        profile.areas = []
    if active is not None and active != user.is_active:
        changes["active"] = [user.is_active, active]
        user.is_active = active
    if password is not None:
        try:
            validate_password(password, user)
        except Exception as error:
            raise UserChangeError(" ".join(getattr(error, "messages", [str(error)]))) from None
        user.set_password(password)
        changes["password"] = "set"
    if changes:
        profile.save()
        user.save()
        record(Action.USER_CHANGE, username=actor, object_ref=f"user:{username}", client=client,
               detail={"change": "updated", **changes})
    return user
