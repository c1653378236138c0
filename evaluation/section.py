"""The "Evaluatie" section of a partnership's page: its latest rounds and
its unfinished actions, read in one query.

The partnership's page is the portal's busiest; its section of evaluations
costs one query, however many rounds and actions: the latest rounds and the
unfinished actions are two parts of one ``UNION ALL`` with the same
columns, turned back into (unsaved) ``EvaluationRound`` and ``Action``
objects that carry what the section shows, nothing more."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import CharField, DateField, F, IntegerField, Value

from accounts.models import User
from core.prepared import Prepared
from organisations.models import Organisation
from partnerships.models import Participation

from .actions import mark_overdue
from .models import Action, ActionStatus, EvaluationRound

LATEST_ROUNDS = 3

_ROUND, _ACTION = "r", "a"


def _none(field):
    return Value(None, output_field=field)


# The columns of both parts, in order: (name, of a round, of an action).
_COLUMNS = (
    (
        "s_kind",
        lambda: Value(_ROUND, output_field=CharField()),
        lambda: Value(_ACTION, output_field=CharField()),
    ),
    ("s_pk", lambda: F("pk"), lambda: F("pk")),
    ("s_text", lambda: F("title"), lambda: F("what")),
    ("s_status", lambda: F("status"), lambda: F("status")),
    ("s_date", lambda: F("closes_on"), lambda: F("due_date")),
    ("s_version", lambda: F("version"), lambda: F("version")),
    ("s_round_id", lambda: _none(IntegerField()), lambda: F("round_id")),
    ("s_round_title", lambda: _none(CharField()), lambda: F("round__title")),
    ("s_user_id", lambda: _none(IntegerField()), lambda: F("owner_user_id")),
    ("s_user_first", lambda: _none(CharField()), lambda: F("owner_user__first_name")),
    ("s_user_last", lambda: _none(CharField()), lambda: F("owner_user__last_name")),
    ("s_username", lambda: _none(CharField()), lambda: F("owner_user__username")),
    ("s_participation_id", lambda: _none(IntegerField()), lambda: F("owner_participation_id")),
    (
        "s_organisation",
        lambda: _none(CharField()),
        lambda: F("owner_participation__organisation__name"),
    ),
    ("s_order", lambda: F("created_at"), lambda: F("created_at")),
)
_NAMES = [name for name, _r, _a in _COLUMNS]


@dataclass
class Section:
    rounds: list[EvaluationRound]  # the latest, newest first
    actions: list[Action]  # unfinished, by date; ``overdue`` marked
    overdue: int


def _part(queryset, which: int):
    columns = {name: column[which]() for name, *column in _COLUMNS}
    return queryset.order_by().annotate(**columns).values_list(*_NAMES)


def _section_query(key):
    latest = (
        EvaluationRound.objects.filter(partnership=key)
        .order_by("-created_at", "-pk")
        .values("pk")[:LATEST_ROUNDS]
    )
    rounds_part = _part(EvaluationRound.objects.filter(pk__in=latest), 0)
    actions_part = _part(
        Action.objects.filter(partnership=key).exclude(
            status__in=[ActionStatus.DONE, ActionStatus.DROPPED]
        ),
        1,
    )
    return rounds_part.union(actions_part, all=True)


# Compiled once per process (core.prepared): the same SQL for every partnership.
_SECTION = Prepared(_section_query)


def section(partnership) -> Section:
    """The latest rounds and the unfinished actions of ``partnership`` (one query)."""
    rounds, actions = [], []
    for row in _SECTION.rows(partnership.pk):
        values = dict(zip(_NAMES, row, strict=True))
        if values["s_kind"] == _ROUND:
            rounds.append((values["s_order"], values["s_pk"], _round(partnership, values)))
        else:
            actions.append(_action(partnership, values))
    rounds.sort(key=lambda item: item[:2], reverse=True)
    actions.sort(key=lambda a: (a.due_date is None, a.due_date, a.pk))
    actions = mark_overdue(actions)
    return Section(
        rounds=[r for *_key, r in rounds],
        actions=actions,
        overdue=sum(1 for a in actions if a.overdue),
    )


def _round(partnership, values) -> EvaluationRound:
    return EvaluationRound(
        pk=values["s_pk"],
        partnership=partnership,
        title=values["s_text"],
        status=values["s_status"],
        closes_on=_date(values["s_date"]),
    )


def _action(partnership, values) -> Action:
    action = Action(
        pk=values["s_pk"],
        partnership=partnership,
        what=values["s_text"],
        status=values["s_status"],
        due_date=_date(values["s_date"]),
        version=values["s_version"],
    )
    if values["s_round_id"] is not None:
        action.round = EvaluationRound(
            pk=values["s_round_id"], partnership=partnership, title=values["s_round_title"]
        )
    if values["s_user_id"] is not None:
        action.owner_user = User(
            pk=values["s_user_id"],
            first_name=values["s_user_first"],
            last_name=values["s_user_last"],
            username=values["s_username"],
        )
    if values["s_participation_id"] is not None:
        action.owner_participation = Participation(
            pk=values["s_participation_id"],
            partnership=partnership,
            organisation=Organisation(name=values["s_organisation"]),
        )
    return action


def _date(value):
    """A date column of a union comes back as text on SQLite."""
    if isinstance(value, str):
        return DateField().to_python(value)
    return value
