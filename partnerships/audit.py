"""The audit trail of a partnership and everything that belongs to it,
as one feed: the newest changes first, a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from core.history import CHANGE_LABELS

from .models import (
    Activity,
    Agreement,
    ChecklistTick,
    Contribution,
    Goal,
    Participation,
    Partnership,
    PhaseNote,
)

# model, lookup from its historical row to the partnership id, related row
# that names the record (joined in the same query)
TRACKED = [
    (Partnership, "id", None),
    (Participation, "partnership_id", "organisation"),
    (Contribution, "participation__partnership_id", None),
    (Goal, "partnership_id", None),
    (Agreement, "partnership_id", None),
    (Activity, "partnership_id", None),
    (ChecklistTick, "partnership_id", "item"),
    (PhaseNote, "partnership_id", None),
]


@dataclass
class Change:
    date: object
    user: object
    action: str
    what: str
    label: str


def recent_changes(partnership, limit: int = 12) -> list[Change]:
    """One query per tracked model, each limited, merged by date."""
    changes = []
    for model, lookup, related in TRACKED:
        history = model.history.model.objects.select_related(
            "history_user", *([related] if related else [])
        )
        if "__" in lookup:
            ids = Participation.objects.filter(partnership=partnership).values("pk")
            history = history.filter(participation_id__in=ids)
        else:
            history = history.filter(**{lookup: partnership.pk})
        for record in history.order_by("-history_date")[:limit]:
            changes.append(
                Change(
                    date=record.history_date,
                    user=record.history_user,
                    action=str(CHANGE_LABELS.get(record.history_type, record.history_type)),
                    what=str(model._meta.verbose_name),
                    label=_label(record, related),
                )
            )
    changes.sort(key=lambda c: c.date, reverse=True)
    return changes[:limit]


def _label(record, related) -> str:
    if related:
        return str(getattr(record, related, "") or "")[:80]
    for name in ("title", "name", "description", "text"):
        value = getattr(record, name, None)
        if value:
            return str(value)[:80]
    return ""
