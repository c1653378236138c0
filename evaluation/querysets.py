"""Which evaluation rounds a user may see and run.

A round belongs to a partnership and follows its scope
(``Partnership.objects.visible_to``): whoever may see the partnership sees its
rounds and who answered (never the answers of a person, unless the round is
named); only officers of the lead gemeente start, change, open and close them
(``can_edit_partnership``). An outsider gets a 404.

A respondent without an account reaches only her own invitation, through
its token (``evaluation.tokens``), never through these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from partnerships.querysets import can_edit_partnership


class EvaluationRoundQuerySet(QuerySet):
    def visible_to(self, user) -> EvaluationRoundQuerySet:
        from partnerships.models import Partnership

        return self.filter(partnership__in=Partnership.objects.visible_to(user).values("pk"))


def can_run_round(user, evaluation_round) -> bool:
    return can_edit_partnership(user, evaluation_round.partnership)


def get_round_for_user(user, pk, *, edit=False, queryset=None):
    """The round, or a 404 for an outsider; with ``edit=True`` a 403 for
    someone who may see it but not run it."""
    from .models import EvaluationRound

    base = queryset if queryset is not None else EvaluationRound.objects.all()
    evaluation_round = get_object_or_404(
        base.visible_to(user).select_related("partnership__lead_municipality__region"), pk=pk
    )
    if edit and not can_run_round(user, evaluation_round):
        raise PermissionDenied
    return evaluation_round
