"""A partnership's phase: guidance, checklist, decisions and notes, moving on
or back, and the timeline of every move.

The rules live in ``partnerships.phases``; these views only show them and
hand them what the officer typed."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import phases as phase_rules
from ..forms.phases import PhaseMoveForm, PhaseNoteForm
from ..models import PhaseNote, PhaseTransition, Status
from ..querysets import can_edit_partnership
from .common import load_partnership


def _phase_or_404(phases, number):
    for phase in phases:
        if phase.number == number:
            return phase
    raise Http404


def phase_page(
    request, pk, number=None, *, move_form=None, note_form=None, move_conflict="", status=200
):
    """The phase ``number`` (the current phase when ``number`` is None).

    Also the page a failed note or move is shown on again (status 200, with
    the bound form and its Dutch errors). A fixed number of queries, however
    many notes and moves the partnership has."""
    partnership = load_partnership(request, pk)
    phases = phase_rules.all_phases()
    phase = _phase_or_404(phases, partnership.phase.number if number is None else number)
    can_edit = can_edit_partnership(request.user, partnership)
    is_current = phase.number == partnership.phase.number
    if can_edit and is_current and move_form is None:
        move_form = PhaseMoveForm(partnership=partnership, phases=phases)
    context = {
        "partnership": partnership,
        "phases": phases,
        "phase": phase,
        "is_current": is_current,
        "is_ended": partnership.status == Status.ENDED,
        "can_edit": can_edit,
        "checklist": phase_rules.checklist_for(partnership, phase),
        "notes": list(
            PhaseNote.objects.filter(partnership=partnership, phase=phase).select_related("author")
        ),
        "note_form": (note_form or PhaseNoteForm()) if can_edit else None,
        "move_form": move_form if can_edit and is_current else None,
        "move_conflict": move_conflict,
        "transitions": list(
            PhaseTransition.objects.filter(partnership=partnership)
            # "decision": a move a decision made names it (decisions app).
            .select_related("from_phase", "to_phase", "moved_by", "decision")
            .order_by("moved_at", "pk")
        ),
    }
    return render(request, "partnerships/phases/phase.html", context, status=status)


def _posted_checklist(request, phase):
    """The checkboxes a checklist form sent for ``phase``. A form that says
    which items were ticked when it was shown ("shown", with the marker
    "checklist_shown") changes only what its user changed."""
    return phase_rules.ChecklistInput(
        phase=phase,
        ticked=set(request.POST.getlist("items")),
        shown=set(request.POST.getlist("shown")) if "checklist_shown" in request.POST else None,
    )


@require_POST
def checklist_save(request, pk, number):
    """One POST saves every checkbox of the phase: ticks what was ticked,
    unticks what was unticked (each change lands in the audit trail)."""
    partnership = load_partnership(request, pk, edit=True)
    phase = _phase_or_404(phase_rules.all_phases(), number)
    outcome = phase_rules.save_checklist_and_move(
        partnership, request.user, checklist=_posted_checklist(request, phase)
    )
    if outcome.ticks_changed:
        messages.success(request, _("De checklist is opgeslagen."))
    else:
        messages.info(request, _("Er was niets gewijzigd aan de checklist."))
    return redirect("partnerships:phase_detail", pk=partnership.pk, number=phase.number)


@require_POST
def note_add(request, pk, number):
    partnership = load_partnership(request, pk, edit=True)
    phase = _phase_or_404(phase_rules.all_phases(), number)
    form = PhaseNoteForm(request.POST)
    if not form.is_valid():
        return phase_page(request, pk, number, note_form=form)
    note = form.save(commit=False)
    note.partnership, note.phase, note.author = partnership, phase, request.user
    note.save()
    messages.success(
        request,
        _("%(kind)s vastgelegd bij fase %(number)s.")
        % {"kind": note.get_kind_display(), "number": phase.number},
    )
    return redirect(
        reverse("partnerships:phase_detail", args=[partnership.pk, phase.number]) + "#notities"
    )


@require_POST
def phase_move(request, pk):
    """The move, with the checklist of the same form: its ticks are saved
    first (also when the move is refused), then the move is tried."""
    partnership = load_partnership(request, pk, edit=True)
    phases = phase_rules.all_phases()
    form = PhaseMoveForm(request.POST, partnership=partnership, phases=phases)
    checklist = None
    if request.POST.get("checklist_phase", "").isdigit():
        number = int(request.POST["checklist_phase"])
        shown = next((p for p in phases if p.number == number), None)
        checklist = _posted_checklist(request, shown) if shown else None
    valid = form.is_valid()
    outcome = phase_rules.save_checklist_and_move(
        partnership,
        request.user,
        checklist=checklist,
        to_phase=_phase_or_404(phases, form.cleaned_data["to_phase"]) if valid else None,
        reason=form.cleaned_data["reason"] if valid else "",
        expected_phase=form.expected_phase() if valid else None,
    )
    if outcome.ticks_changed:
        messages.success(request, _("De checklist is opgeslagen."))
    if outcome.transition is not None:
        target = outcome.transition.to_phase
        messages.success(request, _("De samenwerking is nu in fase %(phase)s.") % {"phase": target})
        return redirect(partnership)
    if outcome.error is not None and outcome.error.code == phase_rules.PHASE_CHANGED:
        # Someone else moved it in between: the page of the phase it is in
        # now, with a fresh move form that keeps the typed reason.
        partnership.refresh_from_db(fields=["phase"])
        fresh = PhaseMoveForm(
            initial={"reason": form.cleaned_data["reason"]}, partnership=partnership, phases=phases
        )
        return phase_page(
            request, pk, move_form=fresh, move_conflict=outcome.error.messages[0], status=409
        )
    if outcome.error is not None:
        form.add_rule_error(outcome.error)
    return phase_page(request, pk, move_form=form)


urlpatterns = [
    path("samenwerkingen/<int:pk>/fase/", phase_page, name="phase"),
    path("samenwerkingen/<int:pk>/fase/<int:number>/", phase_page, name="phase_detail"),
    path(
        "samenwerkingen/<int:pk>/fase/<int:number>/checklist/",
        checklist_save,
        name="checklist_save",
    ),
    path("samenwerkingen/<int:pk>/fase/<int:number>/notities/", note_add, name="phase_note_add"),
    path("samenwerkingen/<int:pk>/fase/verplaatsen/", phase_move, name="phase_move"),
]
