from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@login_not_required
@never_cache
@require_GET
def health(request):
    """For the load balancer: 200 when the application and its database answer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


# The accessibility statement: when it was drawn up and last reviewed (a
# change to what it says, or a new round of checks, moves these dates).
STATEMENT_DRAWN_UP = date(2026, 12, 2)
STATEMENT_REVIEWED = date(2026, 12, 2)


@login_not_required
@require_GET
def accessibility_statement(request):
    """The toegankelijkheidsverklaring (required of Dutch government sites),
    after the model statement of digitoegankelijk.nl; for everyone, also
    without logging in."""
    return render(
        request,
        "core/accessibility_statement.html",
        {
            "drawn_up": STATEMENT_DRAWN_UP,
            "reviewed": STATEMENT_REVIEWED,
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        },
    )


def csrf_failure(request, reason=""):
    """A Dutch page instead of Django's English one when a form has expired."""
    return render(request, "403_csrf.html", status=403)


@never_cache
@require_GET
def session_check(request):
    """The smallest logged-in page: the same middleware and session as every
    page, nothing else. Answers whether the session is still alive (and is
    the benchmark's baseline)."""
    return HttpResponse("ok", content_type="text/plain")
