"""Recording a decision (form, confirmation, record) and reading one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.history import history_entries
from partnerships.models import Partnership
from partnerships.querysets import get_partnership_for_user, get_related_for_user

from . import recording
from .end_report import render_end_report
from .forms import DecisionForm
from .models import Decision, Option

app_name = "decisions"


def _page(request, partnership, form, *, confirm=False, conflict="", status=200):
    context = {"partnership": partnership, "form": form, "confirm": confirm, "conflict": conflict}
    if confirm:
        decision = form.decision()
        context["decision"] = decision
        context["target_number"] = recording.target_phase_number(
            decision.option, decision.to_phase, partnership.phase.number
        )
    return render(request, "decisions/decision_form.html", context, status=status)


def decision_record(request, pk):
    """Step 1: the form. Step 2 (the form was valid): what will be recorded
    and its effects, with "Definitief vastleggen". Step 3: recorded."""
    partnership = get_partnership_for_user(
        request.user,
        pk,
        edit=True,  # the lead gemeente's officers; nobody once it is closed
        queryset=Partnership.objects.select_related("phase", "lead_municipality"),
    )
    if not recording.may_record(partnership):
        messages.error(request, _("Een besluit over het vervolg wordt genomen in fase 6 of 7."))
        return redirect(partnership)
    if request.method != "POST":
        form = DecisionForm(
            initial={"seen": recording.latest_decision_pk(partnership)},
            partnership=partnership,
            user=request.user,
        )
        return _page(request, partnership, form)
    form = DecisionForm(request.POST, request.FILES, partnership=partnership, user=request.user)
    if not form.is_valid():
        return _page(request, partnership, form)
    form.stage_upload()
    if "confirmed" not in request.POST or "back" in request.POST:
        return _page(request, partnership, form, confirm="back" not in request.POST)
    try:
        decision = recording.record(
            partnership, form.decision(), request.user, seen=form.cleaned_data["seen"]
        )
    except ValidationError as error:
        if error.code != recording.STALE:
            messages.error(request, error.messages[0])
            return redirect(partnership)
        # Someone recorded a decision since this page was opened: the form
        # again, with what was typed, now after that decision.
        data = request.POST.copy()
        data["seen"] = recording.latest_decision_pk(partnership)
        fresh = DecisionForm(data, partnership=partnership, user=request.user)
        fresh.is_valid()
        return _page(request, partnership, fresh, conflict=error.messages[0], status=409)
    if decision.option == Option.END:
        messages.success(
            request,
            _(
                "Het besluit is vastgelegd. De samenwerking is beëindigd. Leg ook de geleerde lessen vast."
            ),
        )
    else:
        messages.success(
            request,
            _("Het besluit is vastgelegd. De samenwerking is nu in fase %(phase)s.")
            % {"phase": partnership.phase},
        )
    return redirect(decision)


def decision_detail(request, pk):
    visible = Partnership.objects.visible_to(request.user).values("pk")
    decision = get_object_or_404(
        Decision.objects.filter(partnership__in=visible).select_related(
            "partnership", "from_phase", "to_phase", "recorded_by"
        ),
        pk=pk,
    )
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "decision": decision,
            "partnership": decision.partnership,
            "history": history_entries(decision),
        },
    )


@never_cache
def notice_document(request, pk):
    """The notice letter, only for those who may see the partnership."""
    decision = get_related_for_user(request.user, Decision, pk)
    if not decision.notice_document:
        raise Http404
    try:
        handle = decision.notice_document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=decision.notice_document_name or "opzegging"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
def end_report(request, pk):
    """The end report as PDF, for everyone who may see the partnership (an
    outsider gets a 404), once a decision is recorded."""
    partnership = get_partnership_for_user(request.user, pk)
    if not Decision.objects.filter(partnership=partnership).exists():
        raise Http404
    filename, pdf = render_end_report(partnership)
    response = HttpResponse(pdf, content_type="application/pdf")
    # The file name is a slug (ASCII, no quotes), safe in the header as is.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


urlpatterns = [
    path("samenwerkingen/<int:pk>/besluit/", decision_record, name="record"),
    path("besluiten/<int:pk>/", decision_detail, name="detail"),
    path("besluiten/<int:pk>/opzegging/", notice_document, name="notice_document"),
    path("samenwerkingen/<int:pk>/eindrapportage.pdf", end_report, name="end_report"),
]
