"""Partners of a partnership: adding an organisation, its role, status,
motives and contributions."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from core.concurrency import save_if_current
from core.forms import initial_from_typed, typed_values
from core.links import with_query
from organisations.search import MAX_QUERY_LENGTH, find, option_label

from .. import summary
from ..forms.participants import ContributionFormSet, ParticipationForm, addable_organisations
from .common import confirm_delete, form_page, load_partnership


def _draft_key(partnership) -> str:
    return f"partner-concept-{partnership.pk}"


def participation_add(request, pk):
    """Add a partner: the organisation chosen with a search (on the server,
    so it works without JavaScript; ``static/js/organisation-picker.js``
    searches as one types). "Zoeken" shows the form again with the
    organisations found; "Nieuwe organisatie" keeps what was typed in the
    session, opens the register's form and comes back with the new
    organisation chosen."""
    partnership = load_partnership(request, pk, edit=True)
    params = request.POST if request.method == "POST" else request.GET
    search = params.get("zoek", "")[:MAX_QUERY_LENGTH]
    here = reverse("partnerships:participation_add", args=[partnership.pk])
    form_kwargs = {"partnership": partnership, "user": request.user, "search": search}
    if request.method == "POST" and "nieuwe_organisatie" in request.POST:
        request.session[_draft_key(partnership)] = typed_values(ParticipationForm, request.POST)
        return redirect(
            with_query(
                reverse("organisations:create"),
                next=with_query(here, concept=1),
                naam=search,
            )
        )
    if request.method == "POST" and "zoeken" in request.POST:
        typed = typed_values(ParticipationForm, request.POST)
        form = ParticipationForm(
            initial=initial_from_typed(ParticipationForm, typed), **form_kwargs
        )
    elif request.method == "POST":
        form = ParticipationForm(request.POST, **form_kwargs)
        if form.is_valid():
            participation = form.save()
            request.session.pop(_draft_key(partnership), None)
            messages.success(
                request,
                _("%(organisation)s is toegevoegd.") % {"organisation": participation.organisation},
            )
            return redirect(
                "partnerships:participation_edit",
                pk=partnership.pk,
                participation_pk=participation.pk,
            )
    else:
        initial = {}
        if request.GET.get("concept"):
            draft = request.session.get(_draft_key(partnership))
            if isinstance(draft, dict):
                initial = initial_from_typed(ParticipationForm, draft)
        if request.GET.get("organisatie"):
            # Back from the register's form with the new organisation.
            initial["organisation"] = request.GET["organisatie"]
        form = ParticipationForm(initial=initial, **form_kwargs)
    return form_page(
        request,
        partnership,
        form,
        _("Partner toevoegen"),
        intro=_("Kies een organisatie uit het partnerregister van uw regio."),
        form_body="partnerships/participants/_participation_add_fields.html",
        picker_url=reverse("partnerships:organisation_options", args=[partnership.pk]),
        submit_label=_("Toevoegen"),
    )


def organisation_options(request, pk):
    """The organisations the add-partner form offers for a search, as JSON
    for the picker's script: at most ``MAX_RESULTS`` (one query)."""
    partnership = load_partnership(request, pk, edit=True)
    found = find(
        addable_organisations(partnership, request.user),
        request.GET.get("zoek", "")[:MAX_QUERY_LENGTH],
    )
    return JsonResponse(
        {
            "results": [
                {"id": organisation.pk, "label": option_label(organisation)}
                for organisation in found.organisations
            ],
            "more": found.more,
            "status": found.status,
        }
    )


def participation_edit(request, pk, participation_pk):
    partnership = load_partnership(request, pk, edit=True)
    participation = get_object_or_404(
        partnership.participations.select_related("organisation"), pk=participation_pk
    )
    form = ParticipationForm(request.POST or None, instance=participation, partnership=partnership)
    formset = ContributionFormSet(request.POST or None, instance=participation, prefix="inbreng")

    def save():
        form.save()
        formset.save()

    if (
        request.method == "POST"
        and form.is_valid()
        and formset.is_valid()
        and save_if_current(form, save, [formset])
    ):
        messages.success(request, _("De wijzigingen zijn opgeslagen."))
        return redirect(partnership)
    contributions = [f.instance for f in formset.forms if f.instance.pk]
    return render(
        request,
        "partnerships/participants/participation_edit.html",
        {
            "partnership": partnership,
            "participation": participation,
            "form": form,
            "formset": formset,
            "totals": summary.contribution_totals(contributions),
        },
        status=409 if form.conflict else 200,
    )


def participation_delete(request, pk, participation_pk):
    partnership = load_partnership(request, pk, edit=True)
    participation = get_object_or_404(
        partnership.participations.select_related("organisation"), pk=participation_pk
    )
    if participation.assessments.exists():
        messages.error(
            request,
            _(
                "Deze partner heeft afwegingen en kan niet worden verwijderd. Zet de status op ‘Teruggetrokken’."
            ),
        )
        return redirect(
            "partnerships:participation_edit", pk=partnership.pk, participation_pk=participation.pk
        )
    if request.method == "POST":
        participation.delete()
        messages.success(request, _("De partner is verwijderd uit de samenwerking."))
        return redirect(partnership)
    linked = participation.goals.count() + participation.agreements.count()
    return confirm_delete(
        request,
        partnership,
        _("Partner verwijderen"),
        str(participation.organisation),
        warning=_("De doelen en afspraken van deze partner worden ook verwijderd (%(count)s).")
        % {"count": linked}
        if linked
        else "",
    )


urlpatterns = [
    path(
        "samenwerkingen/<int:pk>/partners/toevoegen/", participation_add, name="participation_add"
    ),
    path(
        "samenwerkingen/<int:pk>/partners/organisaties/",
        organisation_options,
        name="organisation_options",
    ),
    path(
        "samenwerkingen/<int:pk>/partners/<int:participation_pk>/",
        participation_edit,
        name="participation_edit",
    ),
    path(
        "samenwerkingen/<int:pk>/partners/<int:participation_pk>/verwijderen/",
        participation_delete,
        name="participation_delete",
    ),
]
