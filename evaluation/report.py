"""The evaluation report of one closed round, as PDF for the partners:
what goes in it, as plain data. No personal data of respondents: the round
is read as not named (no names, the minimum group size applies) whatever
its setting. Rendered through ``core.pdf`` (tagged PDF/A-3u), always in Dutch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.pdf import render_pdf
from regions.branding import Look, look_for_municipality, pdf_context, pdf_css

from . import results as evaluation
from . import scoring
from .actions import ActionRow, action_rows, actions_of
from .models import EvaluationRound
from .radar import PRINT, RadarDrawing


@dataclass
class EvaluationReport:
    title: str
    filename: str
    municipality: str
    partnership_name: str
    partnership_theme: str
    round_title: str
    period_start: date
    period_end: date
    closes_on: date
    closed_on: date | None
    date: date
    instrument: str
    result: scoring.RoundResult
    radar: RadarDrawing | None
    band_rules: list[str]
    actions: list[ActionRow]
    look: Look | None = None  # the lead gemeente's look (huisstijl)


def band_rules(bands: scoring.Bands) -> list[str]:
    one = lambda value: number_format(value, 1)  # noqa: E731
    return [
        _("Gemiddelde vanaf %(strong)s: sterk.") % {"strong": one(bands.strong_from)},
        _("Vanaf %(attention)s tot %(strong)s: aandacht.")
        % {"attention": one(bands.attention_from), "strong": one(bands.strong_from)},
        _("Onder %(attention)s: zorg.") % {"attention": one(bands.attention_from)},
        _(
            "Het gemiddelde is dat van alle antwoorden 1 tot 5 op de stellingen van de categorie, "
            "afgerond op één decimaal; ‘weet niet’ telt niet mee. Het afgeronde getal bepaalt de "
            "uitkomst."
        ),
        _(
            "Verschil = private kant min publieke kant; vanaf %(difference)s (in beide richtingen) "
            "is het gemarkeerd."
        )
        % {"difference": one(bands.difference_from)},
        _(
            "Een kant of groep staat pas apart vanaf %(minimum)s respondenten die antwoordden; "
            "anders tellen hun antwoorden alleen mee in het geheel."
        )
        % {"minimum": scoring.MIN_GROUP},
    ]


def build_report(round: EvaluationRound) -> EvaluationReport:
    """Everything the report shows: 8 queries (the round, its results, its
    actions), however many respondents."""
    round = EvaluationRound.objects.select_related(
        "partnership__lead_municipality__branding",
        "partnership__lead_municipality__region__branding",
        "partnership__theme",
        "instrument",
    ).get(pk=round.pk)
    partnership = round.partnership
    result = evaluation.round_results(round, anonymous=True)
    chart = evaluation.round_radar(result, key="radar-rapport")
    today = timezone.localdate()
    actions = action_rows(actions_of(partnership, round=round), today=today)
    closed_on = timezone.localtime(round.closed_at).date() if round.closed_at else None
    filename = "evaluatie-{}-{}-{}.pdf".format(
        slugify(partnership.name)[:40].strip("-") or "samenwerking",
        slugify(round.title)[:40].strip("-") or "ronde",
        (closed_on or today).isoformat(),
    )
    return EvaluationReport(
        title=_("Evaluatie %(round)s — %(partnership)s")
        % {"round": round.title, "partnership": partnership.name},
        filename=filename,
        municipality=str(partnership.lead_municipality),
        partnership_name=partnership.name,
        partnership_theme=str(partnership.theme) if partnership.theme_id else "",
        round_title=round.title,
        period_start=round.period_start,
        period_end=round.period_end,
        closes_on=round.closes_on,
        closed_on=closed_on,
        date=today,
        instrument=str(round.instrument),
        result=result,
        radar=chart.drawn(PRINT) if chart.drawable else None,
        band_rules=band_rules(result.bands),
        actions=actions,
        look=look_for_municipality(partnership.lead_municipality),
    )


def render_report(round: EvaluationRound) -> tuple[str, bytes]:
    """(file name, PDF) of the round's report, in Dutch."""
    with translation.override("nl"):
        report = build_report(round)
        _html, pdf = render_pdf(
            "evaluation/report.html",
            {"report": report, **pdf_context(report.look)},
            css=pdf_css(report.look),
        )
    return report.filename, pdf
