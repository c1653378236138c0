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

from core.history import person_name, reason_code, register_reason

from .models import ChecklistItem, ChecklistTick, Partnership, Phase, PhaseTransition

# The reason a move gives in the partnership's history, stored as a code and
# shown in the reader's language (core.history.reason_text).
PHASE_REASON = "pps.phase"
register_reason(PHASE_REASON, lambda number: _("Naar fase %(number)s") % {"number": number})

# Codes of the ValidationErrors below, so a form can put the message next to
# the field it is about (the target phase or the reason).
SAME_PHASE = "same_phase"
SKIPS_PHASE = "skips_phase"
REASON_REQUIRED = "reason_required"
PHASE_CHANGED = "phase_changed"


def all_phases() -> list[Phase]:
    return list(Phase.objects.order_by("number"))


@dataclass
class ChecklistEntry:
    item: ChecklistItem
    tick: ChecklistTick | None  # who ticked it and when
    done: bool


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
    return Checklist(
        phase,
        [ChecklistEntry(item, ticks.get(item.pk), item.pk in ticks) for item in items],
    )


def set_tick(partnership: Partnership, item: ChecklistItem, done: bool, user) -> None:
    if done:
        ChecklistTick.objects.get_or_create(
            partnership=partnership, item=item, defaults={"ticked_by": user}
        )
    else:
        for tick in ChecklistTick.objects.filter(partnership=partnership, item=item):
            tick.delete()  # one by one, so the audit trail records it


@dataclass
class ChecklistInput:
    """What a checklist form sent: the phase it showed, the item ids ticked
    when it was sent, and (when the form says so) those that were ticked when
    it was shown."""

    phase: Phase
    ticked: set[str]
    shown: set[str] | None = None


def save_checklist(partnership: Partnership, sent: ChecklistInput, user) -> int:
    """Apply a checklist form; returns how many ticks changed.

    Only what the user changed is changed: an item she left as the form
    showed it keeps whatever is stored now, so a form opened before someone
    else ticked an item does not untick it. Without ``shown`` the form's
    state is taken as a whole. Items of another phase are ignored, and so
    are items the portal ticks by the facts (``ChecklistItem.fact``)."""
    changed = 0
    for entry in checklist_for(partnership, sent.phase).entries:
        if entry.item.fact:
            continue  # ticked by the facts only (partnerships.checklist)
        key = str(entry.item.pk)
        wanted = key in sent.ticked
        if sent.shown is not None and wanted == (key in sent.shown):
            continue
        if wanted != entry.done:
            set_tick(partnership, entry.item, wanted, user)
            changed += 1
    return changed


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


def moved_meanwhile(partnership: Partnership) -> ValidationError:
    """The refusal of a move made from a page that showed an earlier phase."""
    last = (
        PhaseTransition.objects.filter(partnership=partnership)
        .select_related("moved_by")
        .order_by("-moved_at", "-pk")
        .first()
    )
    who = last.moved_by if last else None
    if who is not None:
        message = _(
            "De samenwerking is intussen verplaatst naar fase %(phase)s door %(name)s. "
            "Uw verplaatsing is niet uitgevoerd; kijk of die nog nodig is."
        ) % {"phase": partnership.phase, "name": person_name(who)}
    else:
        message = _(
            "De samenwerking is intussen verplaatst naar fase %(phase)s. "
            "Uw verplaatsing is niet uitgevoerd; kijk of die nog nodig is."
        ) % {"phase": partnership.phase}
    return ValidationError(message, code=PHASE_CHANGED)


@transaction.atomic
def move(
    partnership: Partnership,
    to_phase: Phase,
    user,
    reason: str = "",
    *,
    expected_phase: Phase | None = None,
) -> PhaseTransition:
    """Move to ``to_phase``, or raise ValidationError (in Dutch).

    ``expected_phase`` is the phase the user saw when she chose the move: if
    the partnership is no longer there, someone else moved it in between and
    this move is refused (code PHASE_CHANGED). The check runs under a lock
    on the partnership's row, so of two concurrent moves exactly one wins."""
    # No join in the locking query: on PostgreSQL a row updated while this
    # one waited is re-checked against the join and would vanish.
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if expected_phase is not None and locked.phase_id != expected_phase.pk:
        partnership.phase = locked.phase
        raise moved_meanwhile(locked)
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
    locked._change_reason = reason_code(PHASE_REASON, to_phase.number)
    locked.save(update_fields=["phase", "updated_at"])
    partnership.phase = to_phase
    return transition


@dataclass
class MoveOutcome:
    transition: PhaseTransition | None = None
    ticks_changed: int = 0
    error: ValidationError | None = None


@transaction.atomic
def save_checklist_and_move(
    partnership: Partnership,
    user,
    *,
    checklist: ChecklistInput | None = None,
    to_phase: Phase | None = None,
    reason: str = "",
    expected_phase: Phase | None = None,
) -> MoveOutcome:
    """The phase page's one form: first the ticks it sent, then the move, in
    one transaction, so a checklist ticked and then "Verplaatsen" pressed
    counts as done. The ticks are kept when the move is refused (the refusal
    comes back as ``error``); ``to_phase`` None saves only the ticks."""
    # The partnership's row first, so concurrent requests queue up here.
    list(Partnership.objects.select_for_update().filter(pk=partnership.pk).values_list("pk"))
    outcome = MoveOutcome()
    if checklist is not None:
        outcome.ticks_changed = save_checklist(partnership, checklist, user)
    if to_phase is None:
        return outcome
    try:
        outcome.transition = move(
            partnership, to_phase, user, reason, expected_phase=expected_phase
        )
    except ValidationError as error:  # move() rolled back to its savepoint
        outcome.error = error
    return outcome
