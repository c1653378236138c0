"""The PDF advice to the college van B en W: what goes in it, as plain data.

``build_report`` gathers everything the template needs with a fixed number of
queries; the template only lays it out (open-forms does the same with its
submission report)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Answer, Assessment, AssessmentKind, Outcome, ThemeNote
from .scoring import ScoreResult, score, specs_for_version

# The chart: one bar per theme; reference lines at the band limits.
CHART_WIDTH = 460
CHART_LABEL_WIDTH = 170
CHART_BAR_HEIGHT = 18
CHART_GAP = 8


@dataclass
class QuestionRow:
    code: str
    text: str
    answer: str
    explanation: str


@dataclass
class ThemeSection:
    code: str
    title: str
    is_knockout: bool
    questions: list[QuestionRow] = field(default_factory=list)
    notes: str = ""


@dataclass
class ChartBar:
    label: str
    percent: float
    y: int
    width: float


@dataclass
class Report:
    assessment: Assessment
    result: ScoreResult
    municipality: str
    date: date
    subject: str
    advice: str
    decision_points: list[str]
    outcome_label: str
    sections: list[ThemeSection]
    chart_bars: list[ChartBar]
    chart_height: int
    chart_lines: list[tuple[int, float]]  # (percent, x)
    is_final: bool
    filename: str
    title: str


def _advice(assessment: Assessment, outcome: str, partner: str, partnership: str) -> str:
    if assessment.kind == AssessmentKind.REASSESSMENT:
        texts = {
            Outcome.COLLABORATE: _(
                "Het advies is de samenwerking met %(partner)s in %(partnership)s voort te zetten."
            ),
            Outcome.CONDITIONS: _(
                "Het advies is de samenwerking met %(partner)s in %(partnership)s voort te zetten met de maatregelen in dit advies."
            ),
            Outcome.DECLINE: _(
                "Het advies is de samenwerking met %(partner)s in %(partnership)s te beëindigen."
            ),
        }
    else:
        texts = {
            Outcome.COLLABORATE: _(
                "Het advies is met %(partner)s samen te werken in %(partnership)s."
            ),
            Outcome.CONDITIONS: _(
                "Het advies is met %(partner)s samen te werken in %(partnership)s onder de voorwaarden in dit advies."
            ),
            Outcome.DECLINE: _(
                "Het advies is niet met %(partner)s samen te werken in %(partnership)s."
            ),
        }
    return texts[outcome] % {"partner": partner, "partnership": partnership}


def _decision_points(assessment: Assessment, outcome: str, partner: str) -> list[str]:
    if outcome == Outcome.DECLINE:
        if assessment.kind == AssessmentKind.REASSESSMENT:
            first = _("In te stemmen met het beëindigen van de samenwerking met %(partner)s.")
        else:
            first = _("In te stemmen met het besluit niet met %(partner)s samen te werken.")
        return [
            first % {"partner": partner},
            _("De wethouder te mandateren de partner hierover te informeren."),
        ]
    points = [
        (
            _("In te stemmen met het voortzetten van de samenwerking met %(partner)s.")
            if assessment.kind == AssessmentKind.REASSESSMENT
            else _("In te stemmen met de samenwerking met %(partner)s.")
        )
        % {"partner": partner}
    ]
    if outcome == Outcome.CONDITIONS:
        points.append(
            _(
                "De voorwaarden in dit advies vast te leggen in de samenwerkingsovereenkomst of het convenant."
            )
        )
    points.append(
        _("De wethouder te mandateren de overeenkomst namens de gemeente te ondertekenen.")
    )
    points.append(
        _(
            "De samenwerking jaarlijks te laten evalueren en de uitkomst aan het college voor te leggen."
        )
    )
    return points


def build_report(assessment: Assessment) -> Report:
    """Everything the advice shows (5 queries after the assessment itself)."""
    themes, bands = specs_for_version(assessment.version)
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(assessment=assessment).select_related("option")
    }
    result = score(themes, bands, {qid: a.option_id for qid, a in answers.items()})
    notes = {n.theme_id: n.notes for n in ThemeNote.objects.filter(assessment=assessment)}

    sections = []
    for theme in themes:
        section = ThemeSection(
            theme.code, theme.title, theme.is_knockout, notes=notes.get(theme.id, "")
        )
        for question in theme.questions:
            answer = answers.get(question.id)
            section.questions.append(
                QuestionRow(
                    question.code,
                    question.text,
                    answer.option.label if answer and answer.option else _("niet beantwoord"),
                    answer.explanation if answer else "",
                )
            )
        sections.append(section)

    participation = assessment.participation
    partner = participation.organisation.name
    partnership = participation.partnership
    outcome = assessment.outcome or result.outcome
    is_final = assessment.is_final
    when = timezone.localtime(assessment.finalised_at).date() if is_final else timezone.localdate()

    bars = []
    for index, theme_score in enumerate(result.themes):
        percent = float(theme_score.percent)
        bars.append(
            ChartBar(
                f"{theme_score.code}. {theme_score.title}",
                percent,
                index * (CHART_BAR_HEIGHT + CHART_GAP),
                (CHART_WIDTH - CHART_LABEL_WIDTH) * percent / 100,
            )
        )
    chart_lines = sorted(
        {
            (
                int(b.min_total),
                CHART_LABEL_WIDTH + (CHART_WIDTH - CHART_LABEL_WIDTH) * float(b.min_total) / 100,
            )
            for b in bands
            if 0 < b.min_total < 100
        }
    )
    filename = "advies-afweging-{}-{}-{}{}.pdf".format(
        slugify(partner)[:40],
        slugify(partnership.name)[:40],
        when.isoformat(),
        "" if is_final else "-concept",
    )
    subject = _("Afweging samenwerking met %(partner)s – %(partnership)s") % {
        "partner": partner,
        "partnership": partnership.name,
    }
    return Report(
        assessment=assessment,
        result=result,
        municipality=str(partnership.lead_municipality),
        date=when,
        subject=subject,
        advice=_advice(assessment, outcome, partner, partnership.name),
        decision_points=_decision_points(assessment, outcome, partner),
        outcome_label=assessment.outcome_label(outcome),
        sections=sections,
        chart_bars=bars,
        chart_height=max(1, len(bars)) * (CHART_BAR_HEIGHT + CHART_GAP) + 20,
        chart_lines=chart_lines,
        is_final=is_final,
        filename=filename,
        title=_("Advies aan het college: %(subject)s") % {"subject": subject},
    )
