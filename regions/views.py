"""The look's stylesheet and logo: public (a partner answering by link has
no account; colours and logos are no secret), each at an address that
changes with its content, so a browser keeps them for a year."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.urls import path, register_converter
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from .branding import logo_kind, look_for
from .models import Branding

YEAR = 365 * 24 * 60 * 60


class DigestConverter:
    regex = "[0-9a-f]{16}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class KindConverter(DigestConverter):
    regex = "gemeente|regio"


register_converter(DigestConverter, "digest")
register_converter(KindConverter, "lookkind")


class ExtensionConverter(DigestConverter):
    regex = "png|jpg|webp"


register_converter(ExtensionConverter, "lookext")


def _forever(response):
    patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_not_required
@require_safe
def stylesheet(request, kind, pk, digest):
    """``:root`` with the look's custom properties; a 404 for an unknown
    gemeente or region, or an address whose values are no longer current."""
    look = look_for(kind, pk)
    if look is None or not look.colours or look.digest != digest:
        raise Http404
    return _forever(HttpResponse(look.css(), content_type="text/css; charset=utf-8"))


@login_not_required
@require_safe
def logo(request, pk, digest, extension):
    branding = Branding.objects.filter(pk=pk, logo_digest=digest).first()
    if branding is None or branding.logo_extension != extension:
        raise Http404
    data = branding.logo_bytes()
    kind = logo_kind(data)
    if kind is None:
        raise Http404
    response = HttpResponse(data, content_type=kind[1])
    response["Content-Disposition"] = "inline"
    return _forever(response)


app_name = "branding"
urlpatterns = [
    path(
        "huisstijl/<lookkind:kind>-<int:pk>-<digest:digest>.css",
        stylesheet,
        name="stylesheet",
    ),
    path(
        "huisstijl/logo/<int:pk>-<digest:digest>.<lookext:extension>",
        logo,
        name="logo",
    ),
]
