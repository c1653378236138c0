"""Pages of the admin that belong to no app: the texts without an English
translation (``core.translations``)."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .translations import missing_translations


def missing_translations_view(request):
    """Every text with a Dutch and no English text, with a link to where the
    beheerder writes it; English readers see the Dutch text until then."""
    context = {
        **admin.site.each_context(request),
        "title": _("Ontbrekende Engelse vertalingen"),
        "missing": list(missing_translations()),
    }
    return TemplateResponse(request, "core/missing_translations.html", context)
