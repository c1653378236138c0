"""The look's stylesheet and logo answered before the session, the login and
the rest of the middleware: like static files they belong to no one, and a
page's request for them should cost no session or user lookup (a page asks
for both at once, beside its own request)."""

from django.http import Http404, HttpResponseNotFound
from django.urls import Resolver404, resolve

from .views import logo, stylesheet

PREFIX = "/huisstijl/"


class LookAssetsMiddleware:
    """Place right after WhiteNoise (``settings.MIDDLEWARE``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return HttpResponseNotFound(b"", content_type="text/plain")
        if match.func not in (stylesheet, logo):
            return self.get_response(request)
        try:
            return match.func(request, *match.args, **match.kwargs)
        except Http404:
            return HttpResponseNotFound(b"", content_type="text/plain")
