"""The results of evaluation rounds, gathered from the database with a fixed
number of queries and computed by the pure :mod:`evaluation.scoring`.

* :func:`round_results` (``round``, ``anonymous=False``) → ``scoring.RoundResult``:
  6 queries (the instrument's categories, statements and open questions, the
  answers to statements and to open questions, the respondents), however
  many respondents. ``anonymous=True`` reads a named round
  as if it were not named (the PDF for the partners: no names, the minimum
  group size applies).
* :func:`partnership_trend` (``partnership``) → :class:`TrendResults`: the
  closed rounds of a partnership, oldest first, with their results and
  ``scoring.trend`` over them: 5 queries however many rounds.
* :func:`results_state` (``user``, ``round``): whether ``user`` (who may see
  the partnership) sees the results: ``FINAL`` once the round is closed,
  ``PROVISIONAL`` for the lead gemeente's officers while it is open,
  ``None`` otherwise.
* :func:`round_radar`, :func:`trend_radars`: the radar charts of a round
  (both sides) and of a trend (one chart per side, one polygon per round).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import scoring
from .models import (
    Category,
    EvaluationRound,
    OpenAnswer,
    OpenQuestion,
    Respondent,
    RoundStatus,
    Statement,
    StatementAnswer,
)
from .querysets import can_run_round
from .radar import RadarChart, Series

FINAL = "final"
PROVISIONAL = "provisional"
TREND_ROUNDS = 4  # rounds drawn in a trend's chart (the table shows all)


def results_state(user, round: EvaluationRound) -> str | None:
    if round.status == RoundStatus.CLOSED:
        return FINAL
    if round.status == RoundStatus.OPEN and can_run_round(user, round):
        return PROVISIONAL
    return None


def bands_of(version) -> scoring.Bands:
    return scoring.Bands(version.strong_from, version.attention_from, version.difference_from)


def _category_specs(version_ids) -> dict[int, list[scoring.CategorySpec]]:
    """The categories with their statements per instrument version (2 queries)."""
    categories = Category.objects.filter(version_id__in=version_ids).prefetch_related(
        Prefetch("statements", queryset=Statement.objects.order_by("order", "code"))
    )
    specs = defaultdict(list)
    for category in categories.order_by("order", "code"):
        specs[category.version_id].append(
            scoring.CategorySpec(
                category.pk,
                category.code,
                category.title,
                category.short_title,
                tuple(
                    scoring.StatementSpec(s.pk, s.code, s.text) for s in category.statements.all()
                ),
            )
        )
    return specs


def _group(respondent: Respondent) -> tuple[str, str]:
    """The key and name of the group a respondent's answers count in."""
    if respondent.organisation_id:
        return f"organisatie:{respondent.organisation_id}", respondent.organisation.name
    if respondent.municipality_id:
        return f"gemeente:{respondent.municipality_id}", str(respondent.municipality)
    if respondent.region_id:
        return f"regio:{respondent.region_id}", str(respondent.region)
    return f"{respondent.side}:overig", _("Overig")


def _respondents(round_ids, *, texts: bool) -> dict[int, list[scoring.RespondentData]]:
    """Everyone asked in the rounds, with their answers (2 or 3 queries)."""
    scores = defaultdict(dict)
    for respondent_id, statement_id, score in StatementAnswer.objects.filter(
        respondent__round_id__in=round_ids
    ).values_list("respondent_id", "statement_id", "score"):
        scores[respondent_id][statement_id] = score
    answers = defaultdict(dict)
    if texts:
        for respondent_id, question_id, text in OpenAnswer.objects.filter(
            respondent__round_id__in=round_ids
        ).values_list("respondent_id", "question_id", "text"):
            answers[respondent_id][question_id] = text
    people = Respondent.objects.filter(round_id__in=round_ids).select_related(
        "user", "contact", "municipality", "region", "organisation"
    )
    found = defaultdict(list)
    for respondent in people.order_by("side", "pk"):
        key, label = _group(respondent)
        found[respondent.round_id].append(
            scoring.RespondentData(
                id=respondent.pk,
                side=respondent.side,
                group=key,
                group_label=label,
                name=str(respondent),
                scores=scores.get(respondent.pk, {}),
                texts=answers.get(respondent.pk, {}),
            )
        )
    return found


def round_results(round: EvaluationRound, *, anonymous: bool = False) -> scoring.RoundResult:
    """The results of ``round`` (load its ``instrument`` with it): 1-2
    categories and their statements, 3 open questions, 4 answers to
    statements, 5 answers to open questions, 6 respondents (with their
    user, contact person and group)."""
    categories = _category_specs([round.instrument_id])[round.instrument_id]
    questions = [
        scoring.QuestionSpec(q.pk, q.code, q.text)
        for q in OpenQuestion.objects.filter(version_id=round.instrument_id).order_by(
            "order", "code"
        )
    ]
    respondents = _respondents([round.pk], texts=True)[round.pk]
    return scoring.score_round(
        categories,
        questions,
        respondents,
        bands_of(round.instrument),
        named=round.named and not anonymous,
    )


@dataclass
class TrendResults:
    rounds: list[EvaluationRound]  # closed, oldest first
    results: list[scoring.RoundResult]
    trend: scoring.Trend


def partnership_trend(partnership) -> TrendResults:
    """The closed rounds of ``partnership`` side by side: 1 rounds (with
    their instrument), 2-3 categories and statements, 4 answers, 5
    respondents. Always anonymous (a trend compares sides, not people)."""
    rounds = list(
        EvaluationRound.objects.filter(partnership=partnership, status=RoundStatus.CLOSED)
        .select_related("instrument")
        .order_by("period_end", "closed_at", "pk")
    )
    if not rounds:
        return TrendResults([], [], scoring.trend([]))
    specs = _category_specs({r.instrument_id for r in rounds})
    respondents = _respondents([r.pk for r in rounds], texts=False)
    results = [
        scoring.score_round(
            specs.get(r.instrument_id, []),
            (),
            respondents.get(r.pk, []),
            bands_of(r.instrument),
        )
        for r in rounds
    ]
    return TrendResults(
        rounds,
        results,
        scoring.trend([(r.title, res) for r, res in zip(rounds, results, strict=True)]),
    )


# --- Texts and charts ----------------------------------------------------------------


def side_label(side: str | None) -> str:
    if side == scoring.PUBLIC:
        return _("Publieke kant")
    if side == scoring.PRIVATE:
        return _("Private kant")
    return _("Beide kanten samen")


def band_label(band: str | None) -> str:
    return {
        scoring.STRONG: _("sterk"),
        scoring.ATTENTION: _("aandacht"),
        scoring.CONCERN: _("zorg"),
    }.get(band, "")


def round_radar(result: scoring.RoundResult, key: str = "radar") -> RadarChart:
    """Both sides of one round on the categories' axes."""
    series = []
    for index, side in enumerate(scoring.SIDES):
        if result.side_count(side).shown:
            series.append(
                Series(
                    side_label(side),
                    tuple(c.side(side).value for c in result.categories),
                    style=index,
                )
            )
    return RadarChart(
        key=key,
        title=_("Gemiddelde per categorie, publieke en private kant"),
        axes=tuple(c.short_title for c in result.categories),
        series=tuple(series),
        description=_(
            "Radardiagram met per categorie het gemiddelde (1 tot 5) van de publieke kant "
            "(doorgetrokken lijn, ronde punten) en de private kant (gestreepte lijn, vierkante "
            "punten). De rode stippellijnen zijn de grenzen %(attention)s (aandacht) en "
            "%(strong)s (sterk). De cijfers staan in de tabel."
        )
        % {
            "attention": _decimal(result.bands.attention_from),
            "strong": _decimal(result.bands.strong_from),
        },
        marked=(result.bands.attention_from, result.bands.strong_from),
    )


def trend_radars(trend_results: TrendResults) -> list[RadarChart]:
    """Per side one chart, one polygon per round (the latest rounds: at most
    :data:`TREND_ROUNDS`, the newest drawn with a solid line)."""
    trend = trend_results.trend
    if not trend.rows:
        return []
    shown = list(range(len(trend.rounds)))[-TREND_ROUNDS:]
    charts = []
    for side in scoring.SIDES:
        series = []
        for style, index in enumerate(reversed(shown)):
            values = tuple(
                (
                    row.points[index].public
                    if side == scoring.PUBLIC
                    else row.points[index].private
                ).value
                if row.points[index] is not None
                else None
                for row in trend.rows
            )
            if any(v is not None for v in values):
                series.append(Series(trend.rounds[index], values, style=style))
        charts.append(
            RadarChart(
                key=f"trend-{side}",
                title=_("%(side)s: gemiddelde per categorie per ronde")
                % {"side": side_label(side)},
                axes=tuple(row.short_title for row in trend.rows),
                series=tuple(reversed(series)),
                description=_(
                    "Radardiagram met per categorie het gemiddelde (1 tot 5) van de %(side)s in "
                    "elke ronde; elke ronde heeft een eigen lijn en vorm van de punten, de "
                    "nieuwste een doorgetrokken lijn met ronde punten. De cijfers staan in de tabel."
                )
                % {"side": side_label(side).lower()},
            )
        )
    return charts


def _decimal(value) -> str:
    return number_format(value, 1)
