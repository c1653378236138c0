"""Agreements (afspraken), with the signed document stored privately."""

from django.contrib import messages
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.concurrency import save_if_current

from ..forms.agreements import AgreementForm
from ..models import Agreement
from ..querysets import can_edit_partnership, get_related_for_user
from .common import confirm_delete, form_page, load_partnership


def _list_url(partnership):
    return reverse("partnerships:agreements", args=[partnership.pk])


def agreement_list(request, pk):
    """The agreements with the whole partnership first, then per partner (one query)."""
    partnership = load_partnership(request, pk)
    agreements = list(
        Agreement.objects.filter(partnership=partnership)
        .select_related("participation__organisation")
        .order_by(F("participation__organisation__name").asc(nulls_first=True), "pk")
    )
    return render(
        request,
        "partnerships/agreements/agreement_list.html",
        {
            "partnership": partnership,
            "whole": [a for a in agreements if a.participation_id is None],
            "per_partner": [a for a in agreements if a.participation_id is not None],
            "can_edit": can_edit_partnership(request.user, partnership),
        },
    )


def agreement_edit(request, pk, agreement_pk=None):
    partnership = load_partnership(request, pk, edit=True)
    agreement = get_object_or_404(partnership.agreements, pk=agreement_pk) if agreement_pk else None
    form = AgreementForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=agreement,
        partnership=partnership,
    )
    upload = request.FILES.get("document") if request.method == "POST" else None

    def save():
        saved = form.save(commit=False)
        if upload:
            # Keep the name the user knows; the file itself gets a random name.
            saved.document_name = upload.name
        elif not saved.document:
            saved.document_name = ""
        saved.save()  # a replaced or cleared file is removed after the commit (the model)

    if request.method == "POST" and form.is_valid() and save_if_current(form, save):
        messages.success(request, _("De afspraak is opgeslagen."))
        return redirect(_list_url(partnership))
    return form_page(
        request,
        partnership,
        form,
        _("Afspraak bewerken") if agreement else _("Afspraak toevoegen"),
        cancel_url=_list_url(partnership),
        multipart=True,
        intro=_(
            "Leg vast wie wat doet, met hoeveel tijd en geld, en wat buiten de samenwerking valt. "
            "Het getekende document is alleen zichtbaar voor wie de samenwerking mag zien."
        ),
    )


def agreement_delete(request, pk, agreement_pk):
    partnership = load_partnership(request, pk, edit=True)
    agreement = get_object_or_404(partnership.agreements, pk=agreement_pk)
    if request.method == "POST":
        agreement.delete()  # its file is removed after the commit (the model)
        messages.success(request, _("De afspraak is verwijderd."))
        return redirect(_list_url(partnership))
    return confirm_delete(
        request,
        partnership,
        _("Afspraak verwijderen"),
        agreement.title,
        cancel_url=_list_url(partnership),
        warning=_("Een opgeslagen document wordt ook verwijderd.") if agreement.document else "",
    )


@never_cache
def agreement_document(request, pk, agreement_pk):
    """The signed document, only for those who may see the partnership."""
    agreement = get_related_for_user(request.user, Agreement, agreement_pk)
    if agreement.partnership_id != pk or not agreement.document:
        raise Http404
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=agreement.document_name or "overeenkomst"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("samenwerkingen/<int:pk>/afspraken/", agreement_list, name="agreements"),
    path("samenwerkingen/<int:pk>/afspraken/nieuw/", agreement_edit, name="agreement_add"),
    path(
        "samenwerkingen/<int:pk>/afspraken/<int:agreement_pk>/",
        agreement_edit,
        name="agreement_edit",
    ),
    path(
        "samenwerkingen/<int:pk>/afspraken/<int:agreement_pk>/verwijderen/",
        agreement_delete,
        name="agreement_delete",
    ),
    path(
        "samenwerkingen/<int:pk>/afspraken/<int:agreement_pk>/document/",
        agreement_document,
        name="agreement_document",
    ),
]
