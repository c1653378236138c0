"""Who may see and run an evaluation's records: one idea, in one place.

A round and an action belong to a partnership and follow its scope
(``Partnership.objects.visible_to``): whoever may see the partnership sees
its rounds, who answered (never a person's answers, see
:func:`sees_persons`) and its actions; only officers of the lead gemeente
start, change, open and close rounds and record actions
(:func:`can_run_round`, which is ``can_edit_partnership``). An outsider gets
a 404, someone in scope who may not change it a 403.

Every view fetches a round through :func:`get_round_for_user` and an action
through :func:`get_action_for_user`, never by its primary key alone.

A respondent without an account reaches only her own invitation, through
its token (``evaluation.tokens``), never through these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from partnerships.querysets import can_edit_partnership


def _visible_partnerships(user):
    from partnerships.models import Partnership

    return Partnership.objects.visible_to(user).values("pk")


class EvaluationRoundQuerySet(QuerySet):
    def visible_to(self, user) -> EvaluationRoundQuerySet:
        return self.filter(partnership__in=_visible_partnerships(user))


class ActionQuerySet(QuerySet):
    def visible_to(self, user) -> ActionQuerySet:
        return self.filter(partnership__in=_visible_partnerships(user))


def can_run_round(user, partnership_or_round) -> bool:
    """Start, change, open and close rounds, record and change actions: the
    lead gemeente's officers (a partnership, a round or an action)."""
    partnership = getattr(partnership_or_round, "partnership", partnership_or_round)
    return can_edit_partnership(user, partnership)


def sees_persons(user, evaluation_round) -> bool:
    """May ``user`` see a person's answers (scores per person, names at open
    answers)? Only in a round "op naam", and only those who run it.

    AVG: a respondent of a named round agreed, in the invitation, that the
    lead of the partnership (de trekker) sees what she answered; that is
    all she agreed to. So the lead gemeente's officers, who talk the
    results through with the partners, see answers per person; everyone
    else who may see the partnership (participating gemeenten, the region's
    coordinators) sees the same round as if it were not named: per side
    and group, a group only from two respondents on. The round's report
    for the partners is always anonymous (``evaluation.report``)."""
    return evaluation_round.named and can_run_round(user, evaluation_round)


def get_round_for_user(user, pk, *, edit=False, queryset=None):
    """The round with its partnership, lead gemeente and instrument (one
    query), or a 404 for an outsider; with ``edit=True`` a 403 for someone
    who may see it but not run it."""
    from .models import EvaluationRound

    base = queryset if queryset is not None else EvaluationRound.objects.all()
    evaluation_round = get_object_or_404(
        base.visible_to(user).select_related(
            "partnership__lead_municipality__region", "instrument"
        ),
        pk=pk,
    )
    if edit and not can_run_round(user, evaluation_round):
        raise PermissionDenied
    return evaluation_round


def get_action_for_user(user, pk, *, edit=False):
    """The action with its partnership (one query), or a 404 for an
    outsider; with ``edit=True`` a 403 for someone who may not change it."""
    from .models import Action

    action = get_object_or_404(
        Action.objects.visible_to(user).select_related("partnership__lead_municipality"), pk=pk
    )
    if edit and not can_run_round(user, action):
        raise PermissionDenied
    return action


def get_partnership_for_user(user, pk, *, edit=False):
    """The partnership whose evaluations a page shows, with its lead
    gemeente and region (one query); 404 for an outsider, with ``edit=True``
    403 for someone who may not run its rounds."""
    from partnerships.models import Partnership
    from partnerships.querysets import get_partnership_for_user as get_partnership

    return get_partnership(
        user,
        pk,
        edit=edit,
        queryset=Partnership.objects.select_related("lead_municipality__region"),
    )
