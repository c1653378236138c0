"""The audit trail of a partnership and everything that belongs to it,
as one feed: the newest changes first, a fixed number of queries.

A save that changed nothing a person wrote (only bookkeeping such as
``updated_at`` or a version counter, see ``core.history.is_bookkeeping``) is
no change and is left out: each row is compared, in the database, with the
record's previous row on the fields a history shows."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Func, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Substr
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.history import CHANGE_LABELS, shown_fields
from core.prepared import Statement
from core.translations import active_language, text_in_language

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
# Labels that are texts in two languages (core.translations): read in the
# reader's language, falling back to the Dutch one.
TRANSLATED_LABELS = {"item__text"}
# What each history table gives, then who made the change: joined once, to
# the feed's few rows (a join in each of the eight parts cost PostgreSQL more
# to plan than the whole query takes to run).
PARTS = ("history_date", "history_type", "label", "what", "history_user_id")
FIELDS = (*PARTS, "username", "first_name", "last_name")


@dataclass
class Change:
    date: object
    user_name: str
    action: str
    what: str
    label: str


class _Joined(Func):
    """Texts joined with ``||``, flat (Concat nests a function call per part,
    too deep for SQLite's parser with a dozen fields)."""

    template = "(%(expressions)s)"
    arg_joiner = " || "
    output_field = TextField()


def _written(model):
    """What the people wrote in a history row of ``model``, as one text."""
    parts = []
    for model_field in shown_fields(model):
        parts += [Coalesce(Cast(model_field.attname, TextField()), Value("\u2205")), Value("|")]
    return _Joined(*parts)


def _with_a_change(history, model):
    """The rows of ``history`` that created or deleted the record or changed
    what people wrote in it (compared with the record's previous row)."""
    previous = (
        model.history.model.objects.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .annotate(written=_written(model))
        .values("written")[:1]
    )
    # No previous row reads as "" (a row's text is never empty: it holds the separators).
    return history.annotate(
        written=_written(model), written_before=Coalesce(Subquery(previous), Value(""))
    ).filter(
        ~Q(history_type="~") | ~Q(written=F("written_before")) | Q(history_change_reason__gt="")
    )


# Stands for the partnership's key while the query is compiled (see _feed_sql).
_PARTNERSHIP = -7_301_946_285


def _label(label_field: str):
    if label_field in TRANSLATED_LABELS:
        return text_in_language(label_field)  # the language is part of _feed_sql's key
    return Cast(label_field, TextField())


@functools.cache
def _feed_sql(vendor: str, limit: int, language: str) -> tuple[str, tuple]:
    """The feed's SQL and parameters, with :data:`_PARTNERSHIP` where the
    partnership's key goes. Compiling this UNION of eight history tables
    (each row compared with its previous one, field by field) costs Django
    more than the database takes to run it, and the SQL is the same for every
    partnership: it is compiled once per process, database vendor and
    language (the checklist items are named in the reader's language)."""
    participations = Participation.objects.filter(partnership=_PARTNERSHIP).values("pk")
    parts = []
    for index, (model, lookup, label_field) in enumerate(TRACKED):
        history = model.history.model.objects.all()
        if "__" in lookup:
            history = history.filter(participation_id__in=participations)
        else:
            history = history.filter(**{lookup: _PARTNERSHIP})
        history = _with_a_change(history, model)
        parts.append(
            history.annotate(label=Substr(_label(label_field), 1, 80), what=Value(index))
            .values(*PARTS)
            .order_by()
        )
    feed = parts[0].union(*parts[1:], all=True).order_by("-history_date")[:limit]
    sql, params = feed.query.sql_with_params()
    assert _PARTNERSHIP in params, "the partnership's key is a parameter"
    # Who made each of the feed's rows, joined once outside the UNION.
    users = Partnership.history.model._meta.get_field("history_user").related_model._meta
    name = connection.ops.quote_name
    person = ", ".join(
        f"person.{name(users.get_field(field).column)} AS {name(field)}"
        for field in FIELDS[len(PARTS) :]
    )
    # Only the models' names go into the SQL, quoted by the database's rule.
    sql = (
        f"SELECT feed.*, {person} FROM ({sql}) feed "  # noqa: S608 - values stay parameters
        f"LEFT OUTER JOIN {name(users.db_table)} person "
        f"ON person.{name(users.pk.column)} = feed.history_user_id "
        "ORDER BY feed.history_date DESC"
    )
    return sql, tuple(params)


@functools.cache
def _feed_statement(vendor: str, limit: int, language: str) -> Statement:
    """The feed as a :class:`core.prepared.Statement`: on PostgreSQL its
    fixed values written in, so the driver does not parse its long SQL
    again on every request."""
    return Statement(*_feed_sql(vendor, limit, language), marker=_PARTNERSHIP)


def _moment(value):
    """A time as the ORM would give it: aware (SQLite hands the raw query a
    naive time in UTC, or its text)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value


def recent_changes(partnership, limit: int = 12) -> list[Change]:
    """The newest changes to the partnership and its parts: one query (a
    UNION over the history tables), plain values, newest first."""
    statement = _feed_statement(connection.vendor, limit, active_language())
    # Its columns: the UNION's parts, then who made the change (FIELDS, in order).
    rows = [dict(zip(FIELDS, row, strict=True)) for row in statement.run(partnership.pk)]
    changes = []
    for row in rows:
        first, last = row["first_name"], row["last_name"]
        full_name = f"{first or ''} {last or ''}".strip()
        changes.append(
            Change(
                date=_moment(row["history_date"]),
                # As core.history.person_name: the full name, else the username.
                user_name=full_name or row["username"] or "",
                action=str(CHANGE_LABELS.get(row["history_type"], row["history_type"])),
                what=str(TRACKED[row["what"]][0]._meta.verbose_name),
                label=row["label"] or "",
            )
        )
    return changes
