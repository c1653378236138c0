"""Partners of a partnership: adding an organisation, its role, status,
motives and contributions."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from core.concurrency import save_if_current

from .. import summary
from ..forms.participants import ContributionFormSet, ParticipationForm
from .common import confirm_delete, form_page, load_partnership


def participation_add(request, pk):
    partnership = load_partnership(request, pk, edit=True)
    form = ParticipationForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        participation = form.save()
        messages.success(
            request,
            _("%(organisation)s is toegevoegd.") % {"organisation": participation.organisation},
        )
        return redirect(
            "partnerships:participation_edit", pk=partnership.pk, participation_pk=participation.pk
        )
    back = reverse("partnerships:participation_add", args=[partnership.pk])
    return form_page(
        request,
        partnership,
        form,
        _("Partner toevoegen"),
        intro=_("Kies een organisatie uit het partnerregister. Staat zij er nog niet in?"),
        intro_link=f"{reverse('organisations:create')}?next={back}",
        intro_link_label=_("Voeg haar toe aan het partnerregister"),
        submit_label=_("Toevoegen"),
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
