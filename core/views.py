from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
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


def csrf_failure(request, reason=""):
    """A Dutch page instead of Django's English one when a form has expired."""
    from django.shortcuts import render

    return render(request, "403_csrf.html", status=403)


@never_cache
@require_GET
def session_check(request):
    """The smallest logged-in page: the same middleware and session as every
    page, nothing else. Answers whether the session is still alive (and is
    the benchmark's baseline)."""
    return HttpResponse("ok", content_type="text/plain")
