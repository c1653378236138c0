"""The audit trail of a record, made readable.

django-simple-history records every change to a domain record (who, when,
the whole row). ``history_entries`` turns those rows into what a person wants
to read: per change, who made it, when, and which fields went from what to
what, with field names as the interface shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

CHANGE_LABELS = {"+": _("aangemaakt"), "~": _("gewijzigd"), "-": _("verwijderd")}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: object
    user: object
    kind: str
    label: str
    changes: list[FieldChange] = field(default_factory=list)
    reason: str = ""


def _display(model_field, value) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("ja") if value else _("nee"))
    return str(value)


def history_entries(instance, limit: int = 25) -> list[HistoryEntry]:
    """The newest ``limit`` changes of ``instance``, newest first.

    Two queries: the history rows with their users, and, when foreign keys
    changed, one query per related model to show names instead of numbers."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    model = type(instance)
    pairs = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            changes = delta.changes
        pairs.append((record, changes))

    # Resolve foreign key ids to names in one query per related model.
    fk_ids: dict[type, set] = {}
    for _record, changes in pairs:
        for change in changes:
            model_field = model._meta.get_field(change.field)
            if model_field.is_relation:
                related = model_field.related_model
                fk_ids.setdefault(related, set()).update(
                    v for v in (change.old, change.new) if v is not None
                )
    names = {
        related: {obj.pk: str(obj) for obj in related._default_manager.filter(pk__in=ids)}
        for related, ids in fk_ids.items()
    }

    entries = []
    for record, changes in pairs:
        entry = HistoryEntry(
            date=record.history_date,
            user=record.history_user,
            kind=record.history_type,
            label=str(CHANGE_LABELS.get(record.history_type, record.history_type)),
            reason=record.history_change_reason or "",
        )
        for change in changes:
            model_field = model._meta.get_field(change.field)
            if model_field.is_relation:
                lookup = names.get(model_field.related_model, {})
                old = lookup.get(change.old, "—" if change.old is None else str(change.old))
                new = lookup.get(change.new, "—" if change.new is None else str(change.new))
            else:
                old, new = _display(model_field, change.old), _display(model_field, change.new)
            entry.changes.append(FieldChange(str(model_field.verbose_name), old, new))
        entries.append(entry)
    return entries
