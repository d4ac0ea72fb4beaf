from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from web.audit.models import Action
from web.audit.services import client_address, record


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(Action.LOGIN, username=user.get_username(), client=client_address(request))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, username=user.get_username(), client=client_address(request))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record(Action.LOGIN_FAILED, username=str(credentials.get("username", ""))[:150],
           client=client_address(request))
