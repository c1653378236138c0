"""A partnership's phase: guidance, checklist, decisions and notes, moving on or back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scoping import can_edit_partnership, get_partnership_for_user

from .. import phases as phase_rules
from ..forms.phases import PhaseMoveForm, PhaseNoteForm
from ..models import Partnership, PhaseNote, PhaseTransition


def _load(request, pk, *, edit=False):
    return get_partnership_for_user(
        request.user,
        pk,
        edit=edit,
        queryset=Partnership.objects.select_related("phase", "lead_municipality", "theme"),
    )


def _phase_or_404(phases, number):
    for phase in phases:
        if phase.number == number:
            return phase
    raise Http404


def phase_page(request, pk, number=None, *, move_form=None, note_form=None, status=200):
    partnership = _load(request, pk)
    phases = phase_rules.all_phases()
    phase = _phase_or_404(phases, number or partnership.phase.number)
    can_edit = can_edit_partnership(request.user, partnership)
    is_current = phase.number == partnership.phase.number
    context = {
        "partnership": partnership,
        "phases": phases,
        "phase": phase,
        "is_current": is_current,
        "can_edit": can_edit,
        "checklist": phase_rules.checklist_for(partnership, phase),
        "notes": list(
            PhaseNote.objects.filter(partnership=partnership, phase=phase).select_related("author")
        ),
        "note_form": note_form or PhaseNoteForm(),
        "move_form": move_form
        or (PhaseMoveForm(partnership=partnership, phases=phases) if is_current else None),
        "transitions": list(
            PhaseTransition.objects.filter(partnership=partnership)
            .select_related("from_phase", "to_phase", "moved_by")
            .order_by("moved_at", "pk")
        ),
    }
    return render(request, "partnerships/phases/phase.html", context, status=status)


@require_POST
def checklist_save(request, pk, number):
    partnership = _load(request, pk, edit=True)
    phase = _phase_or_404(phase_rules.all_phases(), number)
    checklist = phase_rules.checklist_for(partnership, phase)
    ticked = set(request.POST.getlist("items"))
    for entry in checklist.entries:
        wanted = str(entry.item.pk) in ticked
        if wanted != entry.done:
            phase_rules.set_tick(partnership, entry.item, wanted, request.user)
    messages.success(request, _("De checklist is opgeslagen."))
    return redirect("partnerships:phase_detail", pk=partnership.pk, number=phase.number)


@require_POST
def note_add(request, pk, number):
    partnership = _load(request, pk, edit=True)
    phase = _phase_or_404(phase_rules.all_phases(), number)
    form = PhaseNoteForm(request.POST)
    if not form.is_valid():
        return phase_page(request, pk, number, note_form=form)
    note = form.save(commit=False)
    note.partnership, note.phase, note.author = partnership, phase, request.user
    note.save()
    messages.success(request, _("Vastgelegd."))
    return redirect(
        reverse("partnerships:phase_detail", args=[partnership.pk, phase.number]) + "#notities"
    )


@require_POST
def phase_move(request, pk):
    partnership = _load(request, pk, edit=True)
    phases = phase_rules.all_phases()
    form = PhaseMoveForm(request.POST, partnership=partnership, phases=phases)
    if form.is_valid():
        target = _phase_or_404(phases, form.cleaned_data["to_phase"])
        try:
            phase_rules.move(partnership, target, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De samenwerking is nu in fase %(phase)s.") % {"phase": target},
            )
            return redirect(partnership)
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
