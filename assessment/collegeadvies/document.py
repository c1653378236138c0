"""The whole collegeadvies as plain data, for the PDF (via the template) and
the .docx alike.

``build_advice`` gathers what the portal knows (the assessment and its
scores through ``report.build_report``, the partnership's agreements, goals
and every party's contributions, an earlier decision on this partner), drafts
every section (``drafts``) and takes the officer's own text where she wrote
one. A fixed number of queries, however many answers, goals or
contributions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from organisations.models import Organisation
from partnerships.models import (
    Agreement,
    CollaborationFunction,
    Contribution,
    Goal,
    GoalLevel,
    Participation,
    ParticipationStatus,
    Phase,
)
from regions.branding import Look, look_for_municipality, pdf_context
from regions.models import Municipality

from ..models import (
    AdviceSettings,
    AdviceText,
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    Outcome,
)
from ..report import Report, build_report
from . import drafts
from .text import Block, blocks, items


@dataclass
class Section:
    key: str
    heading: str
    text: str
    blocks: list[Block]
    edited: bool  # the officer's own text, not the portal's draft


@dataclass
class FinanceRow:
    party: str
    type: str
    description: str
    hours: str
    euros: str
    is_partner: bool
    is_own: bool


@dataclass
class Advice:
    report: Report  # the Afwegingskader with every answer: Bijlage 1
    is_final: bool
    date: date
    municipality: str  # "Gemeente Zwolle", or the name the gemeente set
    logo: str  # a data: URL, or ""
    header: list[tuple[str, str]]  # (label, value) in the order of the letterhead
    subject: str
    running_subject: str  # the subject in the header of every page, short
    decision_points: list[str]
    sections: list[Section]  # everything after "Voorgesteld besluit", in order
    conditions_heading: str
    conditions: list[Block]
    remark: list[Block]  # the coordinator's remark at the finalisation
    show_conditions: bool
    finance_rows: list[FinanceRow]
    finance_total_hours: str
    finance_total_euros: str
    annexes: list[str]
    drafts: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # what the officer wrote, by key
    contributions: list = field(default_factory=list)  # drafts.Contribution, the table's rows
    look: Look | None = None  # the lead gemeente's look (huisstijl): colours, a logo

    @property
    def filename(self) -> str:
        return self.report.filename

    @property
    def docx_filename(self) -> str:
        return self.report.filename.removesuffix(".pdf") + ".docx"

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def _agreements(partnership_id: int, participation_id: int) -> list[drafts.Agreement]:
    return [
        drafts.Agreement(a.title, a.signed_on, a.signed_by, a.participation_id is not None)
        for a in Agreement.objects.filter(partnership_id=partnership_id)
        .filter(Q(participation_id=participation_id) | Q(participation__isnull=True))
        .order_by(F("signed_on").asc(nulls_last=True), "pk")
    ]


def _goals(partnership_id: int) -> list[drafts.Goal]:
    goals = []
    for goal in (
        Goal.objects.filter(partnership_id=partnership_id, level=GoalLevel.JOINT)
        .prefetch_related("indicators")
        .order_by("pk")
    ):
        goals.append(
            drafts.Goal(
                goal.title,
                [
                    _("%(name)s: van %(baseline)s naar %(target)s (%(unit)s), uiterlijk %(date)s")
                    % {
                        "name": i.name,
                        "baseline": drafts.hours(i.baseline),
                        "target": drafts.hours(i.target),
                        "unit": i.unit,
                        "date": drafts.day(i.target_date),
                    }
                    for i in goal.indicators.all()
                ],
            )
        )
    return goals


def _contributions(partnership_id: int, participation_id: int, own) -> list[drafts.Contribution]:
    rows = [
        drafts.Contribution(
            c.participation.organisation.name,
            c.get_type_display(),
            c.description,
            c.hours,
            c.euros,
            is_partner=c.participation_id == participation_id,
        )
        for c in Contribution.objects.filter(participation__partnership_id=partnership_id)
        .exclude(participation__status=ParticipationStatus.WITHDRAWN)
        .select_related("participation__organisation")
        .order_by("participation__organisation__name", "type", "pk")
    ]
    if own is not None:
        rows.insert(0, own)
    return rows


def _previous(report: Report) -> tuple[date, str] | None:
    """The last decision on this partner before this one."""
    earlier = Assessment.objects.filter(
        participation_id=report.participation_id,
        status=AssessmentStatus.FINAL,
        finalised_at__isnull=False,
    ).exclude(pk=report.assessment_id)
    if report.finalised_at:
        earlier = earlier.filter(finalised_at__date__lte=report.finalised_at)
    earlier = earlier.order_by("-finalised_at").first()
    if earlier is None:
        return None
    return timezone.localtime(earlier.finalised_at).date(), earlier.outcome_label()


def gather(report: Report, text=None, settings=None) -> drafts.Facts:
    """The facts the drafts are written from (6 queries besides the report's)."""
    participation = (
        Participation.objects.select_related("partnership", "organisation")
        .only(
            "status",
            "joined_on",
            "motives",
            "partnership__function",
            "partnership__organisational_form",
            "partnership__organisational_form_other",
            "partnership__start_date",
            "partnership__planned_end_date",
            "partnership__phase_id",
            "organisation__sector",
        )
        .get(pk=report.participation_id)
    )
    partnership = participation.partnership
    next_phase = (
        Phase.objects.filter(
            number__gt=Phase.objects.filter(pk=partnership.phase_id).values("number")[:1]
        )
        .order_by("number")
        .values_list("name", flat=True)
        .first()
    )
    sections = (
        [report.knockout_section, *report.sections] if report.knockout_section else report.sections
    )
    concerns, knockouts, themes = [], [], []
    rows = {r.code: r for r in report.theme_rows}
    for section in sections:
        for q in section.questions:
            if section.is_knockout and q.triggered:
                answer = drafts.Answer(q.code, q.text, q.answer, q.explanation, knockout=True)
                concerns.append(answer)
                knockouts.append(answer)
            elif not section.is_knockout and q.answer in ("Deels", "Nee"):
                concerns.append(drafts.Answer(q.code, q.text, q.answer, q.explanation))
        row = rows.get(section.code)
        if row is not None:
            themes.append(
                drafts.ThemeScore(
                    row.code,
                    row.title,
                    row.percent,
                    row.percent_display,
                    [q.text for q in section.questions if q.answer == "Ja"],
                )
            )
    own = None
    if text is not None and (text.own_hours is not None or text.own_euros is not None):
        own = drafts.Contribution(
            _("Gemeente %(name)s") % {"name": report.municipality},
            _("Eigen inbreng"),
            text.own_description,
            text.own_hours,
            text.own_euros,
            is_own=True,
        )
    return drafts.Facts(
        municipality=report.municipality,
        partner=report.partner_name,
        partner_sector=report.partner_sector,
        partner_is_private=Organisation(sector=participation.organisation.sector).is_private,
        partner_city=report.partner_city,
        partnership=report.partnership_name,
        theme=report.partnership_theme,
        societal_goal=report.societal_goal,
        phase=report.phase,
        next_phase=next_phase or "",
        organisational_form=partnership.organisational_form_label,
        is_procurement=partnership.function == CollaborationFunction.PROCUREMENT,
        start_date=partnership.start_date,
        planned_end_date=partnership.planned_end_date,
        partner_status=participation.status,
        partner_status_label=participation.get_status_display(),
        joined_on=participation.joined_on,
        motives=participation.motive_labels,
        kind=report.kind,
        outcome=report.outcome,
        outcome_label=report.outcome_label,
        is_final=report.is_final,
        decided_on=report.finalised_at,
        total_display=report.total_display,
        knocked_out=report.result.knocked_out,
        reason=report.reason,
        unresolved=report.unresolved,
        conditions=report.conditions,
        review_remark=report.review_remark,
        questionnaire=report.version,
        themes=themes,
        concerns=concerns,
        knockouts=knockouts,
        agreements=_agreements(partnership.pk, participation.pk),
        goals=_goals(partnership.pk),
        contributions=_contributions(partnership.pk, participation.pk, own),
        previous=_previous(report) if report.kind == AssessmentKind.REASSESSMENT else None,
        confidential=bool(text and text.confidential),
        confidential_ground=text.confidential_ground if text else "",
        policy=settings.policy if settings else "",
    )


def _header(advice_date, report: Report, text, settings) -> list[tuple[str, str]]:
    used = settings.header_fields if settings else None
    rows = [
        ("municipality", _("Gemeente"), report.municipality),
        ("case_number", _("Zaaknummer"), text.case_number if text else ""),
        ("date", _("Datum"), drafts.day(advice_date)),
        ("author", _("Steller"), (text.author_name if text else "") or report.author),
        ("department", _("Afdeling"), text.department if text else ""),
        ("portfolio_holder", _("Portefeuillehouder"), text.portfolio_holder if text else ""),
        (
            "meeting",
            _("Collegevergadering"),
            drafts.day(text.meeting_date) if text and text.meeting_date else "",
        ),
        (
            "confidentiality",
            _("Openbaarheid"),
            (
                _("Geheim, op grond van: %(ground)s") % {"ground": text.confidential_ground}
                if text and text.confidential
                else _("Openbaar")
            ),
        ),
    ]
    return [
        (label, value or "—")
        for key, label, value in rows
        if used is None or key in used or key in ("municipality", "date")
    ]


def _finance_rows(contributions: list[drafts.Contribution]) -> list[FinanceRow]:
    return [
        FinanceRow(
            c.party,
            c.type,
            c.description,
            drafts.hours(c.hours) if c.hours is not None else "",
            drafts.euros(c.euros) if c.euros is not None else "",
            c.is_partner,
            c.is_own,
        )
        for c in contributions
    ]


def frozen_contributions(contributions: list[drafts.Contribution]) -> list[dict]:
    """The finances table as stored with a frozen text (JSON)."""
    return [
        {
            "party": c.party,
            "type": c.type,
            "description": c.description,
            "hours": None if c.hours is None else str(c.hours),
            "euros": None if c.euros is None else str(c.euros),
            "is_partner": c.is_partner,
            "is_own": c.is_own,
        }
        for c in contributions
    ]


def _thawed(rows: list[dict]) -> list[drafts.Contribution]:
    return [
        drafts.Contribution(
            **{
                **row,
                "hours": None if row["hours"] is None else Decimal(row["hours"]),
                "euros": None if row["euros"] is None else Decimal(row["euros"]),
            }
        )
        for row in rows
    ]


def build_advice(assessment: Assessment, text=None, settings=None, look=None) -> Advice:
    """The collegeadvies of ``assessment``; ``text`` the officer's advice text
    (an ``AdviceText``, or None), ``settings`` the gemeente's. A finalised
    assessment's frozen text comes as it was frozen, drafts and finances too."""
    report = build_report(assessment)
    facts = gather(report, text, settings)
    frozen = report.is_final and text is not None and text.frozen_at is not None
    if frozen:
        drafted = {key: getattr(text, f"draft_{key}") for key in drafts.SECTION_KEYS}
        contributions = _thawed(text.frozen_finances)
    else:
        drafted = drafts.draft_all(facts, report.advice)
        contributions = facts.contributions
    texts = {key: (getattr(text, key, "") or "") for key in drafts.SECTION_KEYS} if text else {}
    chosen = {key: texts.get(key, "").strip() or drafted[key] for key in drafts.SECTION_KEYS}
    sections = [
        Section(
            key,
            str(heading),
            chosen[key],
            blocks(chosen[key]),
            bool(texts.get(key, "").strip()) and texts[key].strip() != drafted[key],
        )
        for key, heading in drafts.SECTIONS
        if key not in ("subject", "decision")
    ]
    subject = " ".join(chosen["subject"].split())
    name = (settings.display_name if settings else "") or _("Gemeente %(name)s") % {
        "name": report.municipality
    }
    return Advice(
        report=report,
        is_final=report.is_final,
        date=report.date,
        municipality=name,
        logo=settings.logo_data_url() if settings else "",
        header=_header(report.date, report, text, settings),
        subject=subject,
        running_subject=Truncator(subject).chars(90),
        decision_points=items(chosen["decision"]),
        sections=sections,
        conditions_heading=report.conditions_heading,
        conditions=blocks(report.conditions),
        remark=blocks(report.review_remark) if report.is_final else [],
        show_conditions=report.outcome == Outcome.CONDITIONS,
        finance_rows=_finance_rows(contributions),
        finance_total_hours=drafts.hours(sum((c.hours or 0 for c in contributions), Decimal(0))),
        finance_total_euros=drafts.euros(sum((c.euros or 0 for c in contributions), Decimal(0))),
        annexes=[_("Bijlage 1: Afwegingskader ‘Samenwerken of niet?’, met elk antwoord")],
        drafts=drafted,
        texts=texts,
        contributions=contributions,
        look=look,
    )


def load_advice(assessment: Assessment) -> Advice:
    """The collegeadvies as it stands: with the officer's text, the
    gemeente's settings and its look (2 queries more than ``build_advice``)."""
    text = AdviceText.objects.filter(assessment_id=assessment.pk).first()
    municipality = (
        Municipality.objects.select_related("advice_settings", "branding", "region__branding")
        .filter(led_partnerships__participations__assessments=assessment.pk)
        .first()
    )
    try:
        settings = municipality.advice_settings if municipality else None
    except AdviceSettings.DoesNotExist:
        settings = None
    return build_advice(assessment, text, settings, look_for_municipality(municipality))


def template_context(advice: Advice) -> dict:
    """The template's context; its colours go to ``render_pdf`` as
    ``pdf_css(advice.look)``."""
    return {"advice": advice, "report": advice.report, **pdf_context(advice.look)}


TEMPLATE = "assessment/report.html"
