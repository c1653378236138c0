"""The end report (eindrapportage) of a partnership, as PDF: its course (the
phases on the timeline), its goals and indicators against their targets, the
contributions of every party summed, the evaluation rounds and their trend,
its decisions and its lessons.

What goes in it is plain data (:func:`build_end_report`, a fixed number of
queries however many rounds, goals or partners); the template renders it
through ``core.pdf`` (tagged PDF/A-3u), always in Dutch. No personal data of
respondents: the evaluation is read per side (``partnership_trend`` is
anonymous) and an action taken by a person shows as the public side.

It is made on every download, not stored: lessons are written after the
ending too, so an ended partnership's end report still grows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.pdf import render_pdf
from evaluation import results as evaluation
from evaluation.actions import ActionRow, action_rows, actions_of
from evaluation.radar import PRINT, RadarDrawing
from evaluation.report import band_rules
from evaluation.scoring import Bands, SideCount, Trend
from lessons.models import Lesson
from partnerships.models import (
    Contribution,
    Goal,
    Indicator,
    Participation,
    Partnership,
    PhaseTransition,
    with_latest_measurements,
)
from regions.branding import look_for_municipality, pdf_context, pdf_css

from .models import Decision

TEMPLATE = "decisions/end_report.html"


@dataclass
class Move:
    on: date
    from_phase: str  # "" for the start
    to_phase: str
    reason: str
    backwards: bool


@dataclass
class IndicatorRow:
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    target_date: date
    latest: Decimal | None
    measured_on: date | None
    measurements: int
    reached: bool | None  # None: not measured

    @property
    def status(self) -> str:
        if self.reached is None:
            return _("niet gemeten")
        return _("gehaald") if self.reached else _("niet gehaald")


@dataclass
class GoalRow:
    level: str
    title: str
    partner: str
    indicators: list[IndicatorRow]


@dataclass
class PartyRow:
    name: str
    role: str
    status: str
    hours: Decimal
    euros: Decimal
    what: list[str]  # the contributions' descriptions


@dataclass
class RoundRow:
    title: str
    period_start: date
    period_end: date
    closed_on: date | None
    sides: list[SideCount]


@dataclass
class LessonRow:
    title: str
    phases: list[str]
    what_worked: str
    what_did_not: str
    advice: str


@dataclass
class EndReport:
    title: str
    filename: str
    date: date
    partnership: Partnership
    participating: list[str]
    timeline: list[Move]
    goals: list[GoalRow]
    parties: list[PartyRow]
    total_hours: Decimal
    total_euros: Decimal
    rounds: list[RoundRow]
    trend: Trend
    trend_radars: list[RadarDrawing]
    band_rules: list[str]
    actions: list[ActionRow]
    decisions: list[Decision]
    lessons: list[LessonRow]

    @property
    def decision(self) -> Decision | None:
        """The last decision (for an ended partnership: its ending)."""
        return self.decisions[-1] if self.decisions else None


def reached(baseline: Decimal, target: Decimal, value: Decimal | None) -> bool | None:
    """Is ``target`` reached by ``value``? Upwards when the target is above
    the baseline (more is better), downwards when below (e.g. fewer children
    with overweight)."""
    if value is None:
        return None
    return value >= target if target >= baseline else value <= target


def _timeline(partnership) -> list[Move]:
    """1 query."""
    moves = (
        PhaseTransition.objects.filter(partnership=partnership)
        .select_related("from_phase", "to_phase", "decision")
        .order_by("moved_at", "pk")
    )
    return [
        Move(
            on=timezone.localtime(move.moved_at).date(),
            from_phase=str(move.from_phase) if move.from_phase_id else "",
            to_phase=str(move.to_phase),
            reason=f"{move.reason_heading} {move.reason}".strip(),
            backwards=move.is_backwards,
        )
        for move in moves
    ]


def _goals(partnership) -> list[GoalRow]:
    """3 queries: the goals (with their partner), their indicators (with the
    number of measurements) and each indicator's latest measurement."""
    indicators = with_latest_measurements(Indicator.objects.order_by("target_date", "pk"), 1)
    goals = (
        Goal.objects.filter(partnership=partnership)
        .select_related("participation__organisation")
        .prefetch_related(Prefetch("indicators", queryset=indicators))
        .order_by("level", "pk")
    )
    rows = []
    for goal in goals:
        indicator_rows = []
        for indicator in goal.indicators.all():
            latest = indicator.latest_measurements[0] if indicator.latest_measurements else None
            value = latest.value if latest else None
            indicator_rows.append(
                IndicatorRow(
                    name=indicator.name,
                    unit=indicator.unit,
                    baseline=indicator.baseline,
                    target=indicator.target,
                    target_date=indicator.target_date,
                    latest=value,
                    measured_on=latest.measured_on if latest else None,
                    measurements=indicator.measurement_count,
                    reached=reached(indicator.baseline, indicator.target, value),
                )
            )
        rows.append(
            GoalRow(
                level=goal.get_level_display(),
                title=goal.title,
                partner=str(goal.participation.organisation) if goal.participation_id else "",
                indicators=indicator_rows,
            )
        )
    return rows


def _parties(partnership) -> list[PartyRow]:
    """2 queries: the partners and their contributions."""
    participations = (
        Participation.objects.filter(partnership=partnership)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("contributions", queryset=Contribution.objects.order_by("type", "pk"))
        )
        .order_by("organisation__name", "pk")
    )
    rows = []
    for participation in participations:
        contributions = list(participation.contributions.all())
        rows.append(
            PartyRow(
                name=participation.organisation.name,
                role=participation.get_role_display(),
                status=participation.get_status_display(),
                hours=sum((c.hours or Decimal(0) for c in contributions), Decimal(0)),
                euros=sum((c.euros or Decimal(0) for c in contributions), Decimal(0)),
                what=[f"{c.get_type_display()}: {c.description}" for c in contributions],
            )
        )
    return rows


def _lessons(partnership) -> list[LessonRow]:
    """2 queries: the lessons and their phases."""
    lessons = (
        Lesson.objects.filter(partnership=partnership)
        .prefetch_related("phases")
        .order_by("created_at", "pk")
    )
    return [
        LessonRow(
            title=lesson.title,
            phases=[str(p) for p in sorted(lesson.phases.all(), key=lambda p: p.number)],
            what_worked=lesson.what_worked,
            what_did_not=lesson.what_did_not,
            advice=lesson.advice,
        )
        for lesson in lessons
    ]


def build_end_report(partnership: Partnership) -> EndReport:
    """Everything the end report shows, in 17 queries however many phases,
    goals, partners, rounds, actions, decisions or lessons (1 when there is
    no closed round: the trend's 5 become 1)."""
    partnership = Partnership.objects.select_related(
        "lead_municipality__branding", "lead_municipality__region__branding", "theme", "phase"
    ).get(pk=partnership.pk)  # 1
    participating = [str(m) for m in partnership.participating_municipalities.order_by("name")]
    timeline = _timeline(partnership)  # 1
    goals = _goals(partnership)  # 3
    parties = _parties(partnership)  # 2
    trend = evaluation.partnership_trend(partnership)  # 5 (1 without closed rounds)
    radars = [chart.drawn(PRINT) for chart in evaluation.trend_radars(trend) if chart.drawable]
    # 1; a person only as the public side: the board reads no names
    actions = action_rows(actions_of(partnership), named=False, today=timezone.localdate())
    decisions = list(
        Decision.objects.filter(partnership=partnership)
        .select_related("from_phase", "to_phase")
        .order_by("decided_on", "recorded_at", "pk")
    )  # 1
    lessons = _lessons(partnership)  # 2
    today = timezone.localdate()
    bands = (
        evaluation.bands_of(trend.rounds[-1].instrument) if trend.rounds else Bands()
    )  # loaded with the rounds
    return EndReport(
        title=_("Eindrapportage %(partnership)s") % {"partnership": partnership.name},
        filename="eindrapportage-{}-{}.pdf".format(
            slugify(partnership.name)[:60].strip("-") or "samenwerking", today.isoformat()
        ),
        date=today,
        partnership=partnership,
        participating=participating,
        timeline=timeline,
        goals=goals,
        parties=parties,
        total_hours=sum((p.hours for p in parties), Decimal(0)),
        total_euros=sum((p.euros for p in parties), Decimal(0)),
        rounds=[
            RoundRow(
                title=round.title,
                period_start=round.period_start,
                period_end=round.period_end,
                closed_on=timezone.localtime(round.closed_at).date() if round.closed_at else None,
                sides=list(result.sides),
            )
            for round, result in zip(trend.rounds, trend.results, strict=True)
        ],
        trend=trend.trend,
        trend_radars=radars,
        band_rules=band_rules(bands),
        actions=actions,
        decisions=decisions,
        lessons=lessons,
    )


def render_end_report(partnership: Partnership) -> tuple[str, bytes]:
    """(file name, PDF) of the end report, in Dutch whatever the interface."""
    with translation.override("nl"):
        report = build_end_report(partnership)
        look = look_for_municipality(report.partnership.lead_municipality)
        _html, pdf = render_pdf(
            TEMPLATE, {"report": report, **pdf_context(look)}, css=pdf_css(look)
        )
    return report.filename, pdf
