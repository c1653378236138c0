"""Recording a decision, with its effects, in one transaction.

* beëindigen: the partnership moves to phase 7 (when it is in 6), gets status
  "beëindigd" and is closed (``Partnership.closed_at``): it leaves the active
  counts and becomes read-only; an ending is final.
* doorgaan met aanpassingen, verduurzamen: the partnership moves to the phase
  the decision names (4, 5 or 6) and is active.
* heronderhandelen: back to phase 3, active.

Each move goes through ``partnerships.phases.move``, so the timeline records
it with the decision as its reason. The phase 7 checklist item "besloten" is
ticked by the fact (``partnerships.checklist``).

A decision is taken in phase 6 or 7. Two officers recording at once, or one
recording from a page opened before someone else's decision, cannot both
succeed: the partnership's row is locked, and the decision the form was
opened after (``seen``) must still be the latest."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.history import person_name, register_reason
from partnerships import phases as phase_rules
from partnerships.checklist import tick_fact
from partnerships.models import ChecklistFact, Partnership, Phase, Status

from .models import Decision, Option

DECISION_PHASES = (6, 7)
CONTINUE_PHASES = (4, 5, 6)
RENEGOTIATE_PHASE = 3
END_PHASE = 7

# The reasons a decision gives in the partnership's history, stored as codes
# and shown in the reader's language (core.history.reason_text).
ENDED_REASON = "pps.decision.ended"
CONTINUED_REASON = "pps.decision.continued"
register_reason(ENDED_REASON, lambda _argument: _("Beëindigd bij besluit"))
register_reason(CONTINUED_REASON, lambda _argument: _("Gaat door bij besluit"))

# Codes of the refusals.
CLOSED = "closed"
STALE = "stale"
WRONG_PHASE = "wrong_phase"


def may_record(partnership) -> bool:
    """Is this partnership where a decision is taken (no query, given its phase)?"""
    return partnership.closed_at is None and partnership.phase.number in DECISION_PHASES


def latest_decision_pk(partnership) -> int:
    return (
        Decision.objects.filter(partnership=partnership)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
        or 0
    )


def target_phase_number(option: str, to_phase: Phase | None, current: int) -> int:
    if option == Option.END:
        return max(current, END_PHASE)
    if option == Option.RENEGOTIATE:
        return RENEGOTIATE_PHASE
    return to_phase.number


def _stale(latest: Decision) -> ValidationError:
    return ValidationError(
        _(
            "Intussen heeft %(name)s al een besluit vastgelegd (%(option)s, %(date)s). Uw "
            "besluit is niet vastgelegd; bekijk eerst het besluit dat er nu ligt."
        )
        % {
            "name": person_name(latest.recorded_by) or _("iemand anders"),
            "option": latest.option_label,
            "date": date_format(latest.decided_on),
        },
        code=STALE,
    )


def _move_reason(decision: Decision) -> str:
    """The move stores the reasons as the decision-makers wrote them; the
    heading ("Besluit: …") is written when read, in the reader's language
    (``PhaseTransition.reason_heading``, ``Decision.move_heading``)."""
    return Truncator(decision.reasons).chars(2000)


@transaction.atomic
def record(partnership: Partnership, decision: Decision, user, *, seen: int) -> Decision:
    """Store ``decision`` (unsaved, as the form filled it) for ``partnership``
    with its effects, or raise ValidationError (in Dutch, with a code)."""
    # No join in the locking query (see partnerships.phases.move).
    locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if locked.closed_at is not None:
        raise ValidationError(
            _("Deze samenwerking is al beëindigd; een beëindiging is definitief."), code=CLOSED
        )
    latest = latest_decision_pk(locked)
    if latest != seen:
        raise _stale(Decision.objects.select_related("recorded_by").get(pk=latest))
    current = Phase.objects.get(pk=locked.phase_id)
    if current.number not in DECISION_PHASES:
        raise ValidationError(
            _("Een besluit over het vervolg wordt genomen in fase 6 of 7."), code=WRONG_PHASE
        )
    decision.partnership = locked
    decision.from_phase = current
    decision.recorded_by = user
    number = target_phase_number(decision.option, decision.to_phase, current.number)
    target = current if number == current.number else Phase.objects.get(number=number)
    decision.to_phase = None if decision.option == Option.END else target
    if target != current:
        decision.transition = phase_rules.move(
            locked, target, user, _move_reason(decision), expected_phase=current
        )
    if decision.option == Option.END:
        locked.status = Status.ENDED
        locked.closed_at = timezone.now()
        locked._change_reason = ENDED_REASON
        locked.save(update_fields=["status", "closed_at", "updated_at"])
    elif locked.status != Status.ACTIVE:
        locked.status = Status.ACTIVE
        locked._change_reason = CONTINUED_REASON
        locked.save(update_fields=["status", "updated_at"])
    decision.save()
    tick_fact(locked, ChecklistFact.DECISION_RECORDED, user)
    partnership.phase, partnership.status = locked.phase, locked.status
    partnership.closed_at = locked.closed_at
    return decision
