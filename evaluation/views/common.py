"""Fetching an evaluation's records through the partnership's scope: an
outsider gets a 404; ``edit=True`` gives a 403 to someone who may see the
partnership but not change it (only the lead gemeente's officers change)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partnerships.models import Partnership
from partnerships.querysets import can_edit_partnership

from ..models import Action, EvaluationRound


def _visible(user):
    return Partnership.objects.visible_to(user).values("pk")


def load_round(user, pk) -> EvaluationRound:
    """The round with its partnership and instrument (one query)."""
    return get_object_or_404(
        EvaluationRound.objects.filter(partnership__in=_visible(user)).select_related(
            "partnership__lead_municipality", "instrument"
        ),
        pk=pk,
    )


def load_action(user, pk, *, edit=False) -> Action:
    action = get_object_or_404(
        Action.objects.filter(partnership__in=_visible(user)).select_related(
            "partnership__lead_municipality"
        ),
        pk=pk,
    )
    if edit and not can_edit_partnership(user, action.partnership):
        raise PermissionDenied
    return action
