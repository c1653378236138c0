"""An absolute lifetime for a session: however active, a login lasts at most
``settings.SESSION_MAX_AGE_HOURS`` hours (the idle timeout is Django's
``SESSION_COOKIE_AGE``)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import ngettext

SESSION_KEY = "login_at"


@receiver(user_logged_in, dispatch_uid="accounts.sessions.remember_login_time")
def remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = int(time.time())


class SessionLifetimeMiddleware:
    """Logs out a session older than its absolute lifetime; the next page
    (the login page) says why. Must come after the authentication and message
    middleware, and before the views' login check runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SESSION_KEY)
            now = int(time.time())
            hours = settings.SESSION_MAX_AGE_HOURS
            if started is None:
                # A session from before this rule: its lifetime starts now.
                request.session[SESSION_KEY] = now
            elif now - started > hours * 3600:
                logout(request)
                messages.info(
                    request,
                    ngettext(
                        "U bent na %(hours)d uur automatisch uitgelogd. Log opnieuw in.",
                        "U bent na %(hours)d uur automatisch uitgelogd. Log opnieuw in.",
                        hours,
                    )
                    % {"hours": hours},
                )
        return self.get_response(request)
