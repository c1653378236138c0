"""The PDF advice to the college van B en W: what goes in it, as plain data.

``build_report`` gathers everything the template needs with a fixed number of
queries (7, however many answers there are); the template only lays it out
(open-forms does the same with its submission report). Numbers are formatted
here too, so the figures in the text, the table and the chart are the same
strings a reader recomputes by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.charts import Bar, BarChart, Tick

from .models import Answer, Assessment, AssessmentKind, Outcome, ThemeNote
from .scoring import BandSpec, ScoreResult, ThemeSpec, score, specs_for_version


def percent_text(value: Decimal) -> str:
    """A percentage as shown everywhere in the advice: one decimal, Dutch comma."""
    return number_format(value, 1)


def _decimals(value: Decimal) -> int:
    return max(0, -value.normalize().as_tuple().exponent)


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@dataclass
class QuestionRow:
    code: str
    text: str
    answer: str  # the chosen label, or "niet beantwoord"
    points: str  # "2 van 2", "telt niet" (Onbekend), "" for knock-outs
    explanation: str
    triggered: bool = False  # a knock-out answered "ja"


@dataclass
class ThemeRow:
    """One row of the score table, with the figures as shown."""

    code: str
    title: str
    points: int
    max_points: int
    percent: Decimal
    weight: Decimal
    weighted: Decimal
    percent_display: str
    weight_display: str
    weighted_display: str


@dataclass
class ThemeSection:
    code: str
    title: str
    is_knockout: bool
    questions: list[QuestionRow] = field(default_factory=list)
    notes: str = ""
    score: ThemeRow | None = None


@dataclass
class Report:
    assessment_id: int
    participation_id: int
    kind: str
    is_final: bool
    is_reassessment: bool
    status_label: str
    # Letterhead
    municipality: str
    date: date
    subject: str
    title: str
    filename: str
    # The advice
    outcome: str
    outcome_label: str
    advice: str
    reason: str
    unresolved: list[str]
    # The partner and the partnership
    partner_name: str
    partner_kvk: str
    partner_sector: str
    partner_city: str
    partnership_name: str
    partnership_theme: str
    societal_goal: str
    phase: str
    kind_label: str
    # The scores
    result: ScoreResult
    theme_rows: list[ThemeRow]
    total_display: str
    weight_sum_display: str
    weighted_sum_display: str
    points_legend: str
    band_rules: list[str]
    chart: BarChart  # drawn at the width of the text ("print-page")
    knockout_section: ThemeSection | None
    sections: list[ThemeSection]  # the scored themes
    conditions_heading: str
    conditions: str
    # Colophon
    questionnaire: str
    version: str
    author: str
    reviewer: str
    submitted_at: date | None
    finalised_at: date | None
    review_remark: str


# --- Texts --------------------------------------------------------------------


def _outcome_label(kind: str, outcome: str) -> str:
    return Assessment(kind=kind).outcome_label(outcome)


def _advice(kind: str, outcome: str, partner: str, partnership: str) -> str:
    names = {"partner": partner, "partnership": partnership}
    if kind == AssessmentKind.REASSESSMENT:
        texts = {
            Outcome.COLLABORATE: _(
                "Het advies is om met %(partner)s door te gaan in de samenwerking %(partnership)s."
            ),
            Outcome.CONDITIONS: _(
                "Het advies is om met %(partner)s door te gaan met maatregelen in de "
                "samenwerking %(partnership)s."
            ),
            Outcome.DECLINE: _(
                "Het advies is om de deelname van %(partner)s aan de samenwerking "
                "%(partnership)s te beëindigen."
            ),
        }
    else:
        texts = {
            Outcome.COLLABORATE: _(
                "Het advies is om met %(partner)s samen te werken in de samenwerking "
                "%(partnership)s."
            ),
            Outcome.CONDITIONS: _(
                "Het advies is om met %(partner)s samen te werken onder voorwaarden in de "
                "samenwerking %(partnership)s."
            ),
            Outcome.DECLINE: _(
                "Het advies is om niet met %(partner)s samen te werken in de samenwerking "
                "%(partnership)s."
            ),
        }
    return texts[outcome] % names


def _points_legend(themes: list[ThemeSpec]) -> str:
    """The points per answer of this version, e.g. "Ja = 2, Deels = 1, Nee = 0"."""
    seen: dict[str, int | None] = {}
    for theme in themes:
        if theme.is_knockout:
            continue
        for question in theme.questions:
            if question.is_knockout:
                continue
            for option in question.options:
                seen.setdefault(option.label, None if option.is_unknown else option.points)
    parts = [
        _("%(label)s = %(points)s") % {"label": label, "points": points}
        for label, points in seen.items()
        if points is not None
    ]
    parts += [
        _("%(label)s telt niet (los het op vóór de vaststelling)") % {"label": label}
        for label, points in seen.items()
        if points is None
    ]
    return "; ".join(parts)


def _band_rules(kind: str, bands: list[BandSpec]) -> list[str]:
    rules = [
        _("Een uitsluitingsgrond met ‘Ja’ geeft altijd: %(label)s.")
        % {"label": _outcome_label(kind, Outcome.DECLINE)}
    ]
    for band in sorted(bands, key=lambda b: b.min_total, reverse=True):
        label = _outcome_label(kind, band.outcome)
        if band.min_total <= 0:
            rules.append(_("Anders: %(label)s.") % {"label": label})
        elif band.min_theme is not None:
            rules.append(
                _("%(label)s: totaalscore vanaf %(total)s%% en geen thema onder %(theme)s%%.")
                % {
                    "label": label,
                    "total": number_format(band.min_total, _decimals(band.min_total)),
                    "theme": number_format(band.min_theme, _decimals(band.min_theme)),
                }
            )
        else:
            rules.append(
                _("%(label)s: totaalscore vanaf %(total)s%%.")
                % {
                    "label": label,
                    "total": number_format(band.min_total, _decimals(band.min_total)),
                }
            )
    return rules


def _reason(kind: str, result: ScoreResult) -> str:
    if result.knocked_out:
        codes = ", ".join(k.code for k in result.knockouts if k.triggered)
        return _(
            "Uitsluitingsgrond %(codes)s is met ‘Ja’ beantwoord; daarmee is de uitkomst "
            "‘%(label)s’, wat de score ook is."
        ) % {"codes": codes, "label": _outcome_label(kind, Outcome.DECLINE)}
    if result.lowest_theme is None:
        return ""
    lowest = [t for t in result.themes if t.percent == result.lowest_theme.percent]
    if len(lowest) == len(result.themes) and len(lowest) > 1:
        return _("Totaalscore %(total)s%%; alle thema's scoren %(lowest)s%%.") % {
            "total": percent_text(result.total_percent),
            "lowest": percent_text(result.lowest_theme.percent),
        }
    if len(lowest) > 1:
        names = [f"{t.code}. {t.title}" for t in lowest]
        return _("Totaalscore %(total)s%%; laagste thema's %(names)s met elk %(lowest)s%%.") % {
            "total": percent_text(result.total_percent),
            "names": _("%(first)s en %(last)s")
            % {"first": ", ".join(names[:-1]), "last": names[-1]},
            "lowest": percent_text(result.lowest_theme.percent),
        }
    return _("Totaalscore %(total)s%%; laagste thema %(code)s. %(title)s met %(lowest)s%%.") % {
        "total": percent_text(result.total_percent),
        "code": result.lowest_theme.code,
        "title": result.lowest_theme.title,
        "lowest": percent_text(result.lowest_theme.percent),
    }


# --- Numbers ------------------------------------------------------------------


def _theme_rows(result: ScoreResult) -> tuple[list[ThemeRow], int]:
    weight_places = max((_decimals(t.weight) for t in result.themes), default=0)
    weighted_places = 1 + weight_places  # weight × a percentage with one decimal
    rows = [
        ThemeRow(
            t.code,
            t.title,
            t.points,
            t.max_points,
            t.percent,
            t.weight,
            t.weighted,
            percent_text(t.percent),
            number_format(t.weight, weight_places),
            number_format(t.weighted, weighted_places),
        )
        for t in result.themes
    ]
    return rows, weight_places


def _chart(rows: list[ThemeRow], result: ScoreResult, bands: list[BandSpec]) -> BarChart:
    """The score per theme and the total, on a scale of 0 to 100 % with a
    line at every limit of the bands."""
    bars = [
        Bar(f"{r.code}. {r.title}", r.percent, display=f"{percent_text(r.percent)}%") for r in rows
    ]
    if rows:
        total = result.total_percent
        display = f"{percent_text(total)}%"
        if result.knocked_out:  # never shown as if it were a good result
            display = _("%(total)s (telt niet: uitsluitingsgrond)") % {"total": display}
        bars.append(Bar(_("Totaalscore"), total, display=display, emphasis=True))
    limits = {Decimal(0), Decimal(100)}
    limits |= {b.min_total for b in bands if 0 < b.min_total < 100}
    limits |= {b.min_theme for b in bands if b.min_theme is not None and 0 < b.min_theme < 100}
    ticks = [
        Tick(v, f"{number_format(v, _decimals(v))}%", marked=0 < v < 100) for v in sorted(limits)
    ]
    return BarChart(
        _("Score per thema"),
        bars,
        scale=Decimal(100),
        ticks=ticks,
        description=_(
            "Staafdiagram van de score per thema en de totaalscore; de cijfers staan in de "
            "tabel hieronder."
        ),
    )


# --- Building -----------------------------------------------------------------


def _sections(
    themes: list[ThemeSpec], answers: dict, notes: dict, rows: dict[str, ThemeRow]
) -> list[ThemeSection]:
    sections = []
    for theme in themes:
        section = ThemeSection(
            theme.code,
            theme.title,
            theme.is_knockout,
            notes=notes.get(theme.id, ""),
            score=rows.get(theme.code),
        )
        for question in theme.questions:
            answer = answers.get(question.id)
            option = answer.option if answer else None
            knockout = theme.is_knockout or question.is_knockout
            if knockout or option is None:
                points = ""
            elif option.is_unknown or option.points is None:
                points = _("telt niet")
            else:
                points = _("%(points)s van %(max)s") % {
                    "points": option.points,
                    "max": question.max_points,
                }
            section.questions.append(
                QuestionRow(
                    question.code,
                    question.text,
                    option.label if option else _("niet beantwoord"),
                    points,
                    answer.explanation if answer else "",
                    bool(knockout and option and option.triggers_knockout),
                )
            )
        sections.append(section)
    return sections


def build_report(assessment: Assessment) -> Report:
    """Everything the advice shows: 5 queries, however many answers."""
    assessment = Assessment.objects.select_related(
        "participation__organisation",
        "participation__partnership__lead_municipality",
        "participation__partnership__phase",
        "participation__partnership__theme",
        "version__questionnaire",
        "author",
        "reviewer",
    ).get(pk=assessment.pk)
    themes, bands = specs_for_version(assessment.version)
    answers = {
        a.question_id: a
        for a in Answer.objects.filter(assessment=assessment).select_related("option")
    }
    result = score(themes, bands, {qid: a.option_id for qid, a in answers.items()})
    notes = {n.theme_id: n.notes for n in ThemeNote.objects.filter(assessment=assessment)}

    organisation = assessment.participation.organisation
    partnership = assessment.participation.partnership
    partner = organisation.name
    kind = assessment.kind
    # A final assessment keeps the outcome it was finalised with.
    outcome = assessment.outcome if assessment.is_final and assessment.outcome else result.outcome
    is_final = assessment.is_final
    when = timezone.localtime(assessment.finalised_at).date() if is_final else timezone.localdate()

    rows, weight_places = _theme_rows(result)
    sections = _sections(themes, answers, notes, {r.code: r for r in rows})
    knockout_section = next((s for s in sections if s.is_knockout), None)

    filename = "advies-afweging-{}-{}-{}{}.pdf".format(
        slugify(partner)[:40].strip("-") or "partner",
        slugify(partnership.name)[:40].strip("-") or "samenwerking",
        when.isoformat(),
        "" if is_final else "-concept",
    )
    subject = _("Afweging samenwerking met %(partner)s — %(partnership)s") % {
        "partner": partner,
        "partnership": partnership.name,
    }
    is_reassessment = kind == AssessmentKind.REASSESSMENT
    return Report(
        assessment_id=assessment.pk,
        participation_id=assessment.participation_id,
        kind=kind,
        is_final=is_final,
        is_reassessment=is_reassessment,
        status_label=assessment.get_status_display(),
        municipality=str(partnership.lead_municipality),
        date=when,
        subject=subject,
        title=_("Advies aan het college: %(subject)s") % {"subject": subject},
        filename=filename,
        outcome=outcome,
        outcome_label=assessment.outcome_label(outcome),
        advice=_advice(kind, outcome, partner, partnership.name),
        reason=_reason(kind, result),
        unresolved=result.unresolved,
        partner_name=partner,
        partner_kvk=organisation.kvk_number,
        partner_sector=organisation.get_sector_display(),
        partner_city=organisation.city,
        partnership_name=partnership.name,
        partnership_theme=str(partnership.theme) if partnership.theme_id else "",
        societal_goal=partnership.societal_goal,
        phase=str(partnership.phase) if partnership.phase_id else "",
        kind_label=assessment.get_kind_display(),
        result=result,
        theme_rows=rows,
        total_display=percent_text(result.total_percent),
        weight_sum_display=number_format(result.weight_sum, weight_places),
        weighted_sum_display=number_format(result.weighted_sum, weight_places + 1),
        points_legend=_points_legend(themes),
        band_rules=_band_rules(kind, bands),
        chart=_chart(rows, result, bands),
        knockout_section=knockout_section,
        sections=[s for s in sections if not s.is_knockout],
        conditions_heading=_("Maatregelen") if is_reassessment else _("Voorwaarden"),
        conditions=assessment.conditions,
        questionnaire=assessment.version.questionnaire.name,
        version=str(assessment.version),
        author=_person(assessment.author),
        reviewer=_person(assessment.reviewer),
        submitted_at=(
            timezone.localtime(assessment.submitted_at).date() if assessment.submitted_at else None
        ),
        finalised_at=(
            timezone.localtime(assessment.finalised_at).date() if assessment.finalised_at else None
        ),
        review_remark=assessment.review_remark,
    )
