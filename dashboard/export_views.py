"""The downloads of the filtered list of partnerships (CSV and Excel; the
rows and files are made by ``exports.py``).

The portal keeps a file it made (``core.cache``) until the partnerships it
holds change (``partnerships.revision.state_of_pairs``: also a name they
show), or the filters, the language or the day: a file per language, its
headers and values in that language (``exports.py``, which keeps each
partnership's row per revision too)."""

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.scoping import scope_for
from core import cache
from partnerships.revision import state_of_pairs

from . import exports


def _filename(extension):
    # In the download's language, as its headers ("partnerships-2026-12-02.csv").
    name = slugify(_("samenwerkingen"))  # outside the f-string, where xgettext reads it
    return f"{name}-{timezone.localdate().isoformat()}.{extension}"


def _export(request, name, make) -> bytes:
    """The export's file, from the cache when the same one was made already:
    the partnerships it holds are read once, for the key and the rows."""
    user = request.user
    chosen = exports.chosen_partnerships(user, request.GET)
    members = exports.export_members(chosen)
    return cache.cached_file(
        f"export-{name}",
        lambda: [state_of_pairs(members), scope_for(user).key, sorted(request.GET.lists())],
        lambda: make(exports.export_rows(chosen, members)),
    )


@require_GET
def export_csv(request):
    response = HttpResponse(
        _export(request, "csv", exports.csv_bytes), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@require_GET
def export_xlsx(request):
    response = HttpResponse(
        _export(request, "xlsx", exports.xlsx_bytes),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response


urlpatterns = [
    path("samenwerkingen/export.csv", export_csv, name="export_csv"),
    path("samenwerkingen/export.xlsx", export_xlsx, name="export_xlsx"),
]
