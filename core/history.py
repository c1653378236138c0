"""The audit trail of a record, made readable.

django-simple-history records every change to a domain record (who, when,
the whole row). ``history_entries`` turns those rows into what a person wants
to read: per change, who made it, when, and which fields went from what to
what, with field names as the interface shows them, and values as a person
writes them: names of people (not usernames), local time in words ("2 december
2026 om 14:05"), dates as dates, numbers with the language's decimal comma,
labels of choices, ja/nee, names of related records.

Bookkeeping is never shown (:func:`is_bookkeeping`): counters for caches and
optimistic locking (``revision``, ``version``), times of change
(``created_at``, ``updated_at``, ``last_activity_at``) and any field that is not
edited by people (``editable=False``). A change that touched only such fields
(a save that changed nothing anyone wrote) is not listed at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CHANGE_LABELS = {"+": _("aangemaakt"), "~": _("gewijzigd"), "-": _("verwijderd")}

# The reasons the system gives for a change (``history_change_reason``) are
# stored as a code, with an argument after a colon ("pps.phase:3"), and shown
# in the reader's language; the app that writes one registers how it reads
# (``register_reason``). A stored text without a registered code (older rows,
# a text a person wrote) is shown as it is.
_REASONS: dict = {}


def register_reason(code: str, render) -> None:
    """``render(argument)`` gives the text of the reason ``code`` in the
    active language."""
    _REASONS[code] = render


def reason_code(code: str, argument="") -> str:
    """What to store as ``history_change_reason`` for the reason ``code``."""
    return f"{code}:{argument}" if argument != "" else code


def reason_text(stored: str) -> str:
    """A stored reason in the reader's language."""
    code, _sep, argument = (stored or "").partition(":")
    render = _REASONS.get(code)
    return str(render(argument)) if render else (stored or "")


# Fields that keep the books, by name, on whatever model they are: counters
# (caches, optimistic locking) and the times of change. A relation of that
# name is a domain fact (an assessment's ``version`` is its questionnaire's).
BOOKKEEPING_NAMES = frozenset(
    {"revision", "version", "created_at", "updated_at", "last_activity_at"}
)
# A ``~`` row whose predecessor is not among the rows read cannot be compared;
# read this many rows per entry shown, so saves that changed nothing can be skipped.
ROWS_PER_ENTRY = 4


def is_bookkeeping(model_field) -> bool:
    """Whether ``model_field`` only keeps the books (never shown in a history)."""
    if not getattr(model_field, "editable", True):  # auto_now(_add), counters
        return True
    return model_field.name in BOOKKEEPING_NAMES and not model_field.is_relation


def shown_fields(model) -> list:
    """The fields of ``model`` a history shows, in the model's order."""
    return [
        model_field
        for model_field in model._meta.concrete_fields
        if not model_field.primary_key and not is_bookkeeping(model_field)
    ]


def person_name(user) -> str:
    """A person as the interface names her: her full name, else her username."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def moment(value) -> str:
    """A point in time in local time, in words: "2 december 2026 om 14:05"."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return gettext("%(date)s om %(time)s") % {
        "date": formats.date_format(value, "j F Y"),
        "time": formats.time_format(value, "H:i"),
    }


def _display(model_field, value) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("ja") if value else _("nee"))
    if isinstance(model_field, models.DateTimeField) and isinstance(value, datetime):
        return moment(value)
    if isinstance(model_field, models.DateField) and isinstance(value, date):
        return formats.date_format(value, "j F Y")
    if isinstance(
        model_field, models.DecimalField | models.FloatField | models.IntegerField
    ) and not isinstance(value, bool):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(model_field, models.FileField):
        return os.path.basename(str(value)) or "—"
    return str(value)


def _related_name(obj) -> str:
    if obj._meta.label == settings.AUTH_USER_MODEL:
        return person_name(obj)
    return str(obj)


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
    oldest: object = None  # of the rows an entry of several saved rows stands for

    @property
    def user_name(self) -> str:
        return person_name(self.user)


def history_entries(instance, limit: int = 25) -> list[HistoryEntry]:
    """The newest ``limit`` changes of ``instance``, newest first.

    Two queries: the history rows with their users, and, when foreign keys
    changed, one query per related model to show names instead of numbers."""
    model = type(instance)
    fields = shown_fields(model)
    order = {model_field.name: index for index, model_field in enumerate(fields)}
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : ROWS_PER_ENTRY * limit + 1
        ]
    )
    truncated = len(records) > ROWS_PER_ENTRY * limit
    tracked = {f.name for f in instance.history.model.tracked_fields} & set(order)
    pairs = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if record.history_type == "~" and previous is None and truncated:
            break  # its predecessor was not read: cannot tell what it changed
        if record.history_type == "~" and previous is not None:
            delta = record.diff_against(
                previous, included_fields=tracked, foreign_keys_are_objs=False
            )
            changes = sorted(delta.changes, key=lambda change: order[change.field])
            if not changes and not record.history_change_reason:
                continue  # only bookkeeping changed
        pairs.append((record, changes))
        if len(pairs) == limit:
            break

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
        related: {obj.pk: _related_name(obj) for obj in related._default_manager.filter(pk__in=ids)}
        for related, ids in fk_ids.items()
    }

    entries = []
    for record, changes in pairs:
        entry = HistoryEntry(
            date=record.history_date,
            user=record.history_user,
            kind=record.history_type,
            label=str(CHANGE_LABELS.get(record.history_type, record.history_type)),
            reason=reason_text(record.history_change_reason),
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


# --- A record's history together with that of its parts ---------------------------


@dataclass
class Part:
    """Records that belong to a whole and whose changes show in its history
    (an assessment's answers and theme notes): their historical rows, the
    fields shown, and how a row names its field (``label(row, field)``, e.g.
    "vraag B1, antwoord"). Foreign keys among ``fields`` must be selected with
    the rows (``select_related``), so naming them costs no query."""

    rows: object  # a queryset of historical rows
    fields: list[str]
    label: object


# Changes to parts by one person this close together are one save (one
# theme page stores several answers and a note, one row each).
SAVE_SECONDS = 5


def _part_value(row, model_field) -> str:
    if model_field.is_relation:
        related = getattr(row, model_field.name)
        return "—" if related is None else _related_name(related)
    return _display(model_field, getattr(row, model_field.attname))


def _part_changes(part: Part, row, previous) -> list[FieldChange]:
    """What ``row`` changed of its record (created: from nothing; deleted: to nothing)."""
    before, after = (row, None) if row.history_type == "-" else (previous, row)
    changes = []
    for name in part.fields:
        model_field = row.instance_type._meta.get_field(name)
        old = "—" if before is None else _part_value(before, model_field)
        new = "—" if after is None else _part_value(after, model_field)
        if old != new:
            changes.append(FieldChange(str(part.label(row, model_field)), old, new))
    return changes


def _part_entries(part: Part, limit: int):
    """The newest changes of one part as entries (one per save), and the time
    before which they are incomplete (None when all rows were read). One query."""
    cap = ROWS_PER_ENTRY * limit
    records = list(
        part.rows.select_related("history_user").order_by("-history_date", "-history_id")[: cap + 1]
    )
    truncated = len(records) > cap
    records = records[:cap]
    # The row each one follows, among those read (per record of the part).
    previous_of = {}
    last = {}
    for record in reversed(records):
        previous_of[record.history_id] = last.get(record.id)
        last[record.id] = record
    entries: list[HistoryEntry] = []
    for record in records:
        previous = previous_of[record.history_id]
        if record.history_type == "~" and previous is None:
            continue  # its predecessor was not read: cannot tell what it changed
        changes = _part_changes(part, record, previous)
        reason = reason_text(record.history_change_reason)
        if not changes and not reason:
            continue
        entry = entries[-1] if entries else None
        if (
            entry is not None
            and entry.user == record.history_user
            and entry.reason == reason
            and (entry.oldest - record.history_date).total_seconds() <= SAVE_SECONDS
        ):
            entry.oldest = record.history_date
            if not reason:
                entry.changes[:0] = changes  # oldest first within one save
            continue
        entries.append(
            HistoryEntry(
                date=record.history_date,
                user=record.history_user,
                kind="~",
                label=str(CHANGE_LABELS["~"]),
                # Copies made at once (a correction) are named by their reason.
                changes=[] if reason else changes,
                reason=reason,
                oldest=record.history_date,
            )
        )
    horizon = records[-1].history_date if truncated and records else None
    return entries, horizon


def history_with_parts(instance, parts: list[Part], limit: int = 25) -> list[HistoryEntry]:
    """The newest ``limit`` changes of ``instance`` and of its ``parts``,
    newest first: what ``history_entries`` shows, and the parts' changes, one
    entry per save. A fixed number of queries: those of ``history_entries``
    and one per part, however long the history."""
    own = history_entries(instance, limit)
    horizons = [own[-1].date] if len(own) == limit else []
    entries = list(own)
    for part in parts:
        part_entries, horizon = _part_entries(part, limit)
        entries.extend(part_entries)
        if horizon is not None:
            horizons.append(horizon)
    if horizons:  # older than what one of them could read: perhaps incomplete
        entries = [entry for entry in entries if entry.date >= max(horizons)]
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries[:limit]
