"""A round's results, its open answers, and the trend of a partnership's
rounds. Everyone who may see the partnership sees them once the round is
closed; the lead gemeente's officers also while it is open ("voorlopig").
Answers per person (a round "op naam") only for the lead gemeente's
officers (``querysets.sees_persons``: what the respondents agreed to).
The numbers come from ``evaluation.results`` (a fixed number of queries)."""

from django.shortcuts import render
from django.urls import path

from .. import results as evaluation
from ..actions import actions_of, mark_overdue, with_status_forms
from ..querysets import can_run_round, get_partnership_for_user, get_round_for_user, sees_persons
from ..radar import SCREEN


def round_results_view(request, pk):
    """The results: means per category and side with the difference, the
    radar chart with its table, groups, per person (named rounds), the
    spread per statement, and the actions agreed on this round."""
    round = get_round_for_user(request.user, pk)
    state = evaluation.results_state(request.user, round)
    can_edit = can_run_round(request.user, round)
    actions = mark_overdue(actions_of(round.partnership, round=round))
    context = {
        "round": round,
        "partnership": round.partnership,
        "state": state,
        "provisional": state == evaluation.PROVISIONAL,
        "persons": sees_persons(request.user, round),
        "can_edit": can_edit,
        "actions": with_status_forms(actions) if can_edit else actions,
    }
    if state is not None:
        result = evaluation.round_results(round, anonymous=not context["persons"])
        chart = evaluation.round_radar(result)
        context.update(
            result=result,
            radar=chart.drawn(SCREEN) if chart.drawable else None,
        )
    return render(request, "evaluation/results/round.html", context)


def open_answers_view(request, pk):
    """The answers to the open questions, per question and side, without
    names (unless the round is named)."""
    round = get_round_for_user(request.user, pk)
    state = evaluation.results_state(request.user, round)
    context = {
        "round": round,
        "partnership": round.partnership,
        "state": state,
        "provisional": state == evaluation.PROVISIONAL,
        "persons": sees_persons(request.user, round),
    }
    if state is not None:
        context["result"] = evaluation.round_results(round, anonymous=not context["persons"])
    return render(request, "evaluation/results/open_answers.html", context)


def trend_view(request, pk):
    """The closed rounds of a partnership side by side: per side a radar
    chart with one polygon per round, and the means per category and round."""
    partnership = get_partnership_for_user(request.user, pk)
    trend = evaluation.partnership_trend(partnership)
    radars = [chart.drawn(SCREEN) for chart in evaluation.trend_radars(trend) if chart.drawable]
    return render(
        request,
        "evaluation/results/trend.html",
        {
            "partnership": partnership,
            "trend": trend.trend,
            "rounds": trend.rounds,
            "radars": radars,
        },
    )


urlpatterns = [
    path("evaluaties/<int:pk>/uitkomsten/", round_results_view, name="round_results"),
    path("evaluaties/<int:pk>/open-antwoorden/", open_answers_view, name="open_answers"),
    path("samenwerkingen/<int:pk>/evaluaties/trend/", trend_view, name="trend"),
]
