"""What the dashboard counts of each partnership, its *facts*: read for any
set of partnerships in one query, and kept in the cache per partnership and
revision, so that after a change only the partnership that changed is read
again, whatever filters the dashboard is asked for.

A partnership's facts hold nothing but its own records and the names they
show, which is exactly what raises its ``revision``
(``partnerships.revision``); the reader's language (a theme's name) is part
of their key (``core.cache.cached_each``). What depends on the day or on
the reader (overdue, quiet, what she may see) is not a fact: ``figures``
decides it when it counts them.

The query is a ``core.prepared.Bundle`` over a list of keys: compiled once
per process, one ``UNION ALL`` for one partnership or for thousands."""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from assessment.models import Assessment, AssessmentStatus
from core import cache
from core.lookups import OneOf
from core.prepared import Bundle
from core.translations import text_in_language
from evaluation.models import Action, ActionStatus, EvaluationRound, Respondent, RoundStatus
from organisations.models import PRIVATE_SECTORS
from partnerships.models import (
    Activity,
    Agreement,
    Contribution,
    Indicator,
    Measurement,
    Participation,
    ParticipationStatus,
    Partnership,
)

from . import follow_up

# The columns of a partnership's row, in the order the query reads them.
ROW = (
    "pk",
    "name",
    "status",
    "phase_id",
    "theme_id",
    "theme_label",
    "lead_municipality_id",
    "lead_municipality__name",
    "last_activity_at",
    "latest_activity",
    "private",
    "unassessed",
    *follow_up.ROW_FIELDS,
    *follow_up.ROW_ANNOTATIONS,
)


class Facts(NamedTuple):
    """One partnership's facts, as plain tuples (kept in the cache: quick to
    read back for a few hundred partnerships at once; and never changed, as
    each process shares what it keeps). ``row``: its own
    fields and counts (the columns of ``ROW``:
    ``latest_activity`` the date of its latest activity, ``private`` its
    private partners not withdrawn, ``unassessed`` those of them without a
    finalised assessment); the other lists are tuples, by key:

    * ``assessments``: (key, status, outcome, submitted_at, organisation's name);
    * ``contributions``: (type, hours, euros);
    * ``indicators`` without a measurement: (key, name, target date);
    * ``agreements`` not signed: (key, title);
    * ``actions`` neither done nor dropped: (key, what, due date, round's key, round's title);
    * ``rounds`` open: (key, title, closing date, invited, finished)."""

    row: tuple
    assessments: tuple
    contributions: tuple
    indicators: tuple
    agreements: tuple
    actions: tuple
    rounds: tuple


def _number_of(queryset, outer="partnership"):
    """The number of rows of ``queryset`` (related to the row by ``outer``:
    ``OuterRef``) as a column, 0 when none."""
    return Coalesce(
        Subquery(queryset.order_by().values(outer).annotate(n=Count("pk")).values("n")),
        0,
    )


def _rows(keys):
    private = Participation.objects.filter(
        partnership=OuterRef("pk"), organisation__sector__in=PRIVATE_SECTORS
    ).exclude(status=ParticipationStatus.WITHDRAWN)
    final = Assessment.objects.filter(participation=OuterRef("pk"), status=AssessmentStatus.FINAL)
    latest = Activity.objects.filter(partnership=OuterRef("pk")).order_by("-date").values("date")
    return (
        QuerySet(Partnership)
        .filter(OneOf(F("pk"), keys))
        .annotate(
            # The theme's name in the reader's language (the facts are kept per language).
            theme_label=text_in_language("theme__name"),
            latest_activity=Subquery(latest[:1]),
            private=_number_of(private),
            unassessed=_number_of(private.exclude(Exists(final))),
            **follow_up.row_annotations(),
        )
        .order_by("pk")
        .values_list(*ROW)
    )


def _assessments(keys):
    return (
        QuerySet(Assessment)
        .filter(OneOf(F("participation__partnership_id"), keys))
        .order_by("participation__partnership_id", "pk")
        .values_list(
            "participation__partnership_id",
            "pk",
            "status",
            "outcome",
            "submitted_at",
            "participation__organisation__name",
        )
    )


def _contributions(keys):
    return (
        QuerySet(Contribution)
        .filter(OneOf(F("participation__partnership_id"), keys))
        .order_by("participation__partnership_id", "pk")
        .values_list("participation__partnership_id", "type", "hours", "euros")
    )


def _indicators(keys):
    return (
        QuerySet(Indicator)
        .filter(OneOf(F("goal__partnership_id"), keys))
        .exclude(Exists(Measurement.objects.filter(indicator=OuterRef("pk"))))
        .order_by("goal__partnership_id", "pk")
        .values_list("goal__partnership_id", "pk", "name", "target_date")
    )


def _agreements(keys):
    return (
        QuerySet(Agreement)
        .filter(OneOf(F("partnership_id"), keys), signed_on__isnull=True)
        .order_by("partnership_id", "pk")
        .values_list("partnership_id", "pk", "title")
    )


def _actions(keys):
    return (
        QuerySet(Action)
        .filter(OneOf(F("partnership_id"), keys))
        .exclude(status__in=[ActionStatus.DONE, ActionStatus.DROPPED])
        .order_by("partnership_id", "pk")
        .values_list("partnership_id", "pk", "what", "due_date", "round_id", "round__title")
    )


def _respondents(condition):
    """The number of the round's respondents that meet ``condition``, as a column."""
    return _number_of(Respondent.objects.filter(condition, round=OuterRef("pk")), "round")


def _rounds(keys):
    # One who answered counts as invited.
    invited = _respondents(Q(invited_at__isnull=False) | Q(submitted_at__isnull=False))
    finished = _respondents(Q(submitted_at__isnull=False))
    return (
        QuerySet(EvaluationRound)
        .filter(OneOf(F("partnership_id"), keys), status=RoundStatus.OPEN)
        .annotate(invited=invited, finished=finished)
        .order_by("partnership_id", "pk")
        .values_list("partnership_id", "pk", "title", "closes_on", "invited", "finished")
    )


# Every part in one query, compiled once per process.
_FACTS = Bundle(
    many=True,
    rows=_rows,
    assessments=_assessments,
    contributions=_contributions,
    indicators=_indicators,
    agreements=_agreements,
    actions=_actions,
    rounds=_rounds,
)


def read(keys: list[int]) -> dict[int, Facts]:
    """The facts of the partnerships with these ``keys``, from the database
    (one query)."""
    found = _FACTS.rows(keys)
    parts = {row[0]: (row, [], [], [], [], [], []) for row in found["rows"]}
    for index, name in enumerate(Facts._fields[1:], start=1):
        for partnership, *values in found[name]:
            parts[partnership][index].append(tuple(values))
    # Tuples all through: one partnership's facts are shared by every request
    # of the process that keeps them (core.cache.cached_each), never changed.
    return {key: Facts(row, *map(tuple, lists)) for key, (row, *lists) in parts.items()}


def facts_of(members) -> dict[int, Facts]:
    """The facts of the partnerships ``members`` ((key, revision) pairs),
    from the cache where they are kept for that revision, the rest from the
    database (one query for all that are missing)."""
    return cache.cached_each("dashboard-facts", dict(members), read, layout=(ROW, Facts._fields))
