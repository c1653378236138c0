"""Starting an assessment: from a partner's page, or from "Nieuwe afweging"
under Afwegingen (choose the partnership, then the partner)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scoping import scope_for
from partnerships.models import Partnership
from partnerships.views.common import load_partnership

from .. import workflow
from ..forms import NewAssessmentForm, PartnershipChoiceForm, StartForm


def _begin(request, participation, kind):
    """Start the assessment and open its first theme (the knock-outs); a
    refusal (no published questionnaire) goes back to the partnership."""
    try:
        assessment = workflow.start(participation, request.user, kind)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(participation.partnership)
    messages.success(request, _("De afweging is gestart. Begin met de uitsluitingsgronden."))
    first = assessment.version.themes.order_by("order", "code").first()
    return redirect("assessment:theme", pk=assessment.pk, code=first.code)


@require_POST
def start(request, pk, participation_pk):
    partnership = load_partnership(request, pk, edit=True)
    participation = get_object_or_404(partnership.participations, pk=participation_pk)
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies de soort afweging."))
        return redirect(
            "partnerships:participation_edit", pk=partnership.pk, participation_pk=participation.pk
        )
    return _begin(request, participation, form.cleaned_data["kind"])


def startable_partnerships(user):
    """The partnerships ``user`` may start an assessment for: those her
    gemeente leads and that have not ended (``can_edit_partnership``)."""
    scope = scope_for(user)
    if scope.kind != "municipality":
        return Partnership.objects.none()
    return Partnership.objects.visible_to(user).filter(
        lead_municipality_id=scope.municipality_id, closed_at__isnull=True
    )


def new_assessment(request):
    """ "Nieuwe afweging": choose the partnership (``?samenwerking=``), then
    the partner and the kind; then the assessment starts as from the
    partner's page. Works without JavaScript (two plain forms). Only an
    officer of the lead gemeente starts an assessment (403 for others); a
    partnership she may not see is a 404."""
    if scope_for(request.user).kind != "municipality":
        raise PermissionDenied
    chosen = request.GET.get("samenwerking")
    if not chosen:
        if request.method == "POST":
            raise PermissionDenied  # the partner is chosen after the partnership
        # Sent without a choice, the form says so.
        choice = PartnershipChoiceForm(
            request.GET if "samenwerking" in request.GET else None,
            partnerships=startable_partnerships(request.user),
        )
        return render(request, "assessment/new_assessment.html", {"choice": choice})
    if not (chosen.isascii() and chosen.isdigit() and 0 < int(chosen) < 2**63):
        raise Http404
    partnership = load_partnership(request, int(chosen), edit=True)
    form = NewAssessmentForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        return _begin(request, form.cleaned_data["participation"], form.cleaned_data["kind"])
    return render(
        request,
        "assessment/new_assessment.html",
        {"partnership": partnership, "form": form},
    )


urlpatterns = [
    path(
        "samenwerkingen/<int:pk>/partners/<int:participation_pk>/afweging/",
        start,
        name="start",
    ),
    path("afwegingen/nieuw/", new_assessment, name="new"),
]
