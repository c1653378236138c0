"""Checklist items ticked by the facts, not by hand.

Some items of the phase 6 and 7 checklists are things the portal knows
itself: an evaluation round was closed, a decision was recorded, lessons were
written (``ChecklistItem.fact``). The apps that own those facts (above this
one) call :func:`tick_fact` when the fact comes true and :func:`untick_fact`
when it no longer holds; the checklist form never changes such an item
(``phases.save_checklist``). Each tick lands in the audit trail and raises the
partnership's revision like any other (``ChecklistTick`` is a record of the
partnership)."""

from __future__ import annotations

from .models import ChecklistFact, ChecklistItem, ChecklistTick


def fact_items(fact: str):
    return ChecklistItem.objects.filter(fact=fact, is_active=True)


def tick_fact(partnership, fact: str, user=None) -> int:
    """Tick the active items of ``fact`` for ``partnership`` (those not ticked
    yet); returns how many were ticked now. ``user`` is who made the fact
    true (the officer who closed the round, recorded the decision, wrote the
    lesson)."""
    if fact not in ChecklistFact.values:
        raise ValueError(f"unknown checklist fact: {fact!r}")
    ticked = 0
    for item in fact_items(fact):
        _tick, created = ChecklistTick.objects.get_or_create(
            partnership=partnership, item=item, defaults={"ticked_by": user}
        )
        ticked += created
    return ticked


def untick_fact(partnership, fact: str) -> int:
    """Untick the items of ``fact`` for ``partnership`` (the fact no longer
    holds); returns how many ticks were removed."""
    if fact not in ChecklistFact.values:
        raise ValueError(f"unknown checklist fact: {fact!r}")
    removed = 0
    for tick in ChecklistTick.objects.filter(partnership=partnership, item__fact=fact):
        tick.delete()  # one by one, so the audit trail records it
        removed += 1
    return removed
