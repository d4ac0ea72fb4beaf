"""Brugere (admin only): list, add, change role and areas, deactivate."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from web.accounts.forms import UserChangeForm, UserCreateForm
from web.accounts.roles import requires
from web.accounts.services import UserChangeError, change_user, create_user
from web.audit.services import client_address
from web.worklist.reference import area_choices


@require_http_methods(["GET", "POST"])
@requires("manage_users")
def user_list(request):
    choices = area_choices()
    form = UserCreateForm(request.POST or None, area_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, password = create_user(data["username"], data["role"], data["areas"], data["password"] or None,
                                         actor=request.user.get_username(), client=client_address(request))
        except UserChangeError as error:
            form.add_error(None, str(error))
        else:
            if data["password"]:
                messages.success(request, f"Brugeren {user.get_username()} er oprettet.")
            else:
                messages.success(request, f"Brugeren {user.get_username()} er oprettet med adgangskoden "
                                          f"{password} (vises kun nu).")
            return redirect("users")
    users = get_user_model().objects.select_related("profile").order_by("username")
    return render(request, "accounts/users.html", {"form": form, "users": users, "area_names": dict(choices)})


@require_http_methods(["GET", "POST"])
@requires("manage_users")
def user_edit(request, username):
    User = get_user_model()
    try:
        user = User.objects.select_related("profile").get(username=username)
    except User.DoesNotExist:
        raise Http404 from None
    profile = getattr(user, "profile", None)
    initial = {"role": profile.role if profile else "", "areas": profile.areas if profile else [],
               "is_active": user.is_active}
    form = UserChangeForm(request.POST or None, initial=initial, area_choices=area_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change_user(username, actor=request.user.get_username(), client=client_address(request),
                        role=data["role"], areas=data["areas"], active=data["is_active"])
        except UserChangeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Brugeren {username} er ændret.")
            return redirect("users")
    return render(request, "accounts/user_edit.html", {"form": form, "edited": user})
