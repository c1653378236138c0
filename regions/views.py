"""The look's stylesheet and logo: public (a partner answering by link has
no account; colours and logos are no secret), each at an address made of
its content, so a browser keeps them for a year and the server reads no
database to answer (the page's own request has done that)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.urls import path, register_converter
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from core.storage import private_storage

from .branding import colours_from_spec, css_for, logo_kind
from .models import logo_storage_name

YEAR = 365 * 24 * 60 * 60


class SpecConverter:
    # Four colours, six hex digits each or "x" (not set): see colours_from_spec.
    regex = "(?:[0-9a-f]{6}|x)(?:-(?:[0-9a-f]{6}|x)){3}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class DigestConverter(SpecConverter):
    regex = "[0-9a-f]{16}"


class ExtensionConverter(SpecConverter):
    regex = "png|jpg|webp"


register_converter(SpecConverter, "lookspec")
register_converter(DigestConverter, "digest")
register_converter(ExtensionConverter, "lookext")


def _forever(response):
    patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_not_required
@require_safe
def stylesheet(request, spec):
    """``:root`` with the custom properties; a 404 for colours no look could
    have (a pair half set, too little contrast)."""
    colours = colours_from_spec(spec)
    if colours is None:
        raise Http404
    return _forever(HttpResponse(css_for(colours), content_type="text/css; charset=utf-8"))


@login_not_required
@require_safe
def logo(request, digest, extension):
    """A logo, stored under the digest of its content (``Branding.logo``)."""
    storage = private_storage()
    name = logo_storage_name(digest, extension)
    try:
        with storage.open(name, "rb") as file:
            data = file.read()
    except (FileNotFoundError, OSError):
        raise Http404 from None
    kind = logo_kind(data)
    if kind is None or kind[0] != extension:
        raise Http404
    response = HttpResponse(data, content_type=kind[1])
    response["Content-Disposition"] = "inline"
    return _forever(response)


app_name = "branding"
urlpatterns = [
    path("huisstijl/<lookspec:spec>.css", stylesheet, name="stylesheet"),
    path("huisstijl/logo/<digest:digest>.<lookext:extension>", logo, name="logo"),
]
