"""The rules of the seven phases (Vos & Tjemkes).

Every partnership is in exactly one phase. It moves on to the next phase when
the checklist of its current phase is done, or earlier with a written reason;
it may move back to any earlier phase, always with a reason. Every move is
recorded (who, when, why)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import ChecklistItem, ChecklistTick, Partnership, Phase, PhaseTransition

# Codes of the ValidationErrors below, so a form can put the message next to
# the field it is about (the target phase or the reason).
SAME_PHASE = "same_phase"
SKIPS_PHASE = "skips_phase"
REASON_REQUIRED = "reason_required"


def all_phases() -> list[Phase]:
    return list(Phase.objects.order_by("number"))


@dataclass
class ChecklistEntry:
    item: ChecklistItem
    tick: ChecklistTick | None

    @property
    def done(self) -> bool:
        return self.tick is not None


@dataclass
class Checklist:
    phase: Phase
    entries: list[ChecklistEntry] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.entries)

    @property
    def done_count(self) -> int:
        return sum(1 for e in self.entries if e.done)

    @property
    def is_complete(self) -> bool:
        return self.done_count == self.total

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 100


def checklist_for(partnership: Partnership, phase: Phase) -> Checklist:
    """The active checklist items of ``phase`` and which are ticked (2 queries)."""
    items = list(ChecklistItem.objects.filter(phase=phase, is_active=True).order_by("order", "pk"))
    ticks = {
        t.item_id: t
        for t in ChecklistTick.objects.filter(
            partnership=partnership, item__in=[i.pk for i in items]
        ).select_related("ticked_by")
    }
    return Checklist(phase, [ChecklistEntry(item, ticks.get(item.pk)) for item in items])


def set_tick(partnership: Partnership, item: ChecklistItem, done: bool, user) -> None:
    if done:
        ChecklistTick.objects.get_or_create(
            partnership=partnership, item=item, defaults={"ticked_by": user}
        )
    else:
        for tick in ChecklistTick.objects.filter(partnership=partnership, item=item):
            tick.delete()  # one by one, so the audit trail records it


def check_move(partnership: Partnership, to_phase: Phase, reason: str, checklist: Checklist):
    """Raise ValidationError (in Dutch) when the move is not allowed."""
    current = partnership.phase.number
    reason = (reason or "").strip()
    if to_phase.number == current:
        raise ValidationError(_("De samenwerking is al in deze fase."), code=SAME_PHASE)
    if to_phase.number > current + 1:
        raise ValidationError(
            _("Een samenwerking gaat één fase tegelijk vooruit; sla geen fase over."),
            code=SKIPS_PHASE,
        )
    if to_phase.number < current and not reason:
        raise ValidationError(
            _("Schrijf op waarom de samenwerking een fase terug gaat."), code=REASON_REQUIRED
        )
    if to_phase.number == current + 1 and not checklist.is_complete and not reason:
        raise ValidationError(
            _(
                "De checklist van deze fase is nog niet af (%(done)s van %(total)s). "
                "Schrijf op waarom de samenwerking toch verder gaat."
            )
            % {"done": checklist.done_count, "total": checklist.total},
            code=REASON_REQUIRED,
        )


@transaction.atomic
def move(partnership: Partnership, to_phase: Phase, user, reason: str = "") -> PhaseTransition:
    # Lock the row: two officers moving at once must not both succeed.
    locked = Partnership.objects.select_for_update().select_related("phase").get(pk=partnership.pk)
    checklist = checklist_for(locked, locked.phase)
    check_move(locked, to_phase, reason, checklist)
    transition = PhaseTransition.objects.create(
        partnership=locked,
        from_phase=locked.phase,
        to_phase=to_phase,
        reason=(reason or "").strip(),
        checklist_complete=checklist.is_complete,
        moved_by=user,
    )
    locked.phase = to_phase
    locked._change_reason = _("Naar fase %(number)s") % {"number": to_phase.number}
    locked.save(update_fields=["phase", "updated_at"])
    partnership.phase = to_phase
    return transition
