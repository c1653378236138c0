"""The audit trail of a partnership and everything that belongs to it,
as one feed: the newest changes first, a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import TextField, Value
from django.db.models.functions import Cast, Substr

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

# model, lookup from its historical row to the partnership id, the field that
# names the record (may follow a relation)
TRACKED = [
    (Partnership, "id", "name"),
    (Participation, "partnership_id", "organisation__name"),
    (Contribution, "participation__partnership_id", "description"),
    (Goal, "partnership_id", "title"),
    (Agreement, "partnership_id", "title"),
    (Activity, "partnership_id", "title"),
    (ChecklistTick, "partnership_id", "item__text"),
    (PhaseNote, "partnership_id", "text"),
]
FIELDS = (
    "history_date",
    "history_type",
    "label",
    "what",
    "history_user__username",
    "history_user__first_name",
    "history_user__last_name",
)


@dataclass
class Change:
    date: object
    user_name: str
    action: str
    what: str
    label: str


def recent_changes(partnership, limit: int = 12) -> list[Change]:
    """The newest changes to the partnership and its parts: one query (a
    UNION over the history tables), plain values, newest first."""
    participations = Participation.objects.filter(partnership=partnership).values("pk")
    parts = []
    for index, (model, lookup, label_field) in enumerate(TRACKED):
        history = model.history.model.objects.all()
        if "__" in lookup:
            history = history.filter(participation_id__in=participations)
        else:
            history = history.filter(**{lookup: partnership.pk})
        parts.append(
            history.annotate(label=Substr(Cast(label_field, TextField()), 1, 80), what=Value(index))
            .values(*FIELDS)
            .order_by()
        )
    rows = parts[0].union(*parts[1:], all=True).order_by("-history_date")[:limit]
    changes = []
    for row in rows:
        first, last = row["history_user__first_name"], row["history_user__last_name"]
        full_name = f"{first or ''} {last or ''}".strip()
        changes.append(
            Change(
                date=row["history_date"],
                user_name=full_name or row["history_user__username"] or "",
                action=str(CHANGE_LABELS.get(row["history_type"], row["history_type"])),
                what=str(TRACKED[row["what"]][0]._meta.verbose_name),
                label=row["label"] or "",
            )
        )
    return changes
