"""What a partnership's page shows of its records, gathered in prepared
queries and its lists written as HTML in Python.

The page is the portal's busiest. Its queries are fixed but for the
partnership's key, so each is compiled once per process
(``core.prepared``) and reads only the columns the page shows, as plain
values. Its lists (partners, goals and indicators, agreements, activities,
changes, the phases and next steps) are written here with ``format_html``
rather than by template tags per row: the same markup, without a template
node per value. The texts are the template's own (the same message ids)."""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.template.defaultfilters import capfirst, date, floatformat
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from core.history import moment
from core.numbers import format_decimal, format_euros
from core.prepared import Bundle
from core.translations import in_language, language_columns
from organisations.models import Organisation

from . import summary
from .models import (
    Activity,
    Agreement,
    ChecklistItem,
    ChecklistTick,
    Contribution,
    Goal,
    Participation,
    Partnership,
    Phase,
    latest_measurement,
)

DAY = "j F Y"
NEXT_STEPS = 5
RECENT_ACTIVITIES = 5


def _labels(model, name: str) -> dict:
    """A field's choices as ``{value: label}`` (labels translated when read)."""
    return dict(model._meta.get_field(name).flatchoices)


def _label(labels: dict, value) -> str:
    """As ``get_FOO_display``: the choice's label, else the value itself."""
    return str(labels.get(value, value))


def _block(message: str, **values) -> SafeString:
    """A ``{% blocktranslate %}``: the translated text as it is, the values escaped."""
    return mark_safe(message % {key: conditional_escape(v) for key, v in values.items()})  # noqa: S308


# --- Partners -----------------------------------------------------------------


def _partners(key):
    return (
        Participation.objects.filter(partnership=key)
        .order_by("organisation__name")
        .values_list(
            "pk", "organisation_id", "organisation__name", "organisation__sector", "role", "status"
        )
    )


# Newest first, as the model's ordering; each partner's latest that the reader may see.
def _assessments(key):
    return (
        Participation._meta.get_field("assessments")
        .related_model.objects.filter(participation__partnership=key)
        .order_by("-created_at", "-pk")
        .values_list("participation_id", "pk", "kind", "status", "outcome")
    )


def _contributions(key):
    return (
        Contribution.objects.filter(participation__partnership=key)
        .order_by("type", "pk")
        .values_list("type", "hours", "euros")
    )


ContributionRow = namedtuple("ContributionRow", "type hours euros")


@dataclass
class OrganisationRow:
    pk: int
    name: str
    sector: str

    def __str__(self):
        return self.name


@dataclass
class Partner:
    pk: int
    organisation: OrganisationRow
    role: str
    status: str
    latest_assessment: object = None  # an (unsaved) assessment: the latest the reader sees
    has_final_assessment: bool = False


def partners(rows: dict, drafts: bool) -> list[Partner]:
    """The partners (withdrawn ones too), each with the latest assessment the
    reader may see (``drafts``: also those not yet finalised), from ``lists``' rows."""
    found = {
        pk: Partner(pk, OrganisationRow(organisation_id, name, sector), role, status)
        for pk, organisation_id, name, sector, role, status in rows["partners"]
    }
    if found:
        assessment = Participation._meta.get_field("assessments").related_model
        for participation_id, pk, kind, status, outcome in rows["assessments"]:
            partner = found[participation_id]
            row = assessment(pk=pk, kind=kind, status=status, outcome=outcome)
            partner.has_final_assessment = partner.has_final_assessment or row.is_final
            if partner.latest_assessment is None and (drafts or row.is_final):
                partner.latest_assessment = row
    return list(found.values())


def contribution_totals(rows: dict) -> list[summary.ContributionTotal]:
    return summary.contribution_totals([ContributionRow(*row) for row in rows["contributions"]])


def unassessed_private_partners(found: list[Partner]) -> list[OrganisationRow]:
    """Active private partners without a finalised assessment."""
    return [
        p.organisation for p in summary.active_private_partners(found) if not p.has_final_assessment
    ]


def partners_html(partnership, found: list[Partner], can_edit: bool) -> SafeString:
    sectors = _labels(Organisation, "sector")
    roles = _labels(Participation, "role")
    statuses = _labels(Participation, "status")
    items = []
    for partner in found:
        organisation = partner.organisation
        latest = partner.latest_assessment
        assessed = ""
        if latest is not None:
            shown = latest.get_status_display()
            if latest.outcome:
                shown = f"{shown}, {latest.outcome_label()}"
            assessed = format_html(
                ' <br><span class="small">{} <a href="{}">{}<span class="visually-hidden"> ({})</span></a></span>',
                _("Afweging:"),
                reverse("assessment:detail", args=[latest.pk]),
                shown,
                _block(_("afweging van %(organisation)s"), organisation=organisation.name),
            )
        edit = ""
        if can_edit:
            edit = format_html(
                ' <a class="small ms-1" href="{}">{}<span class="visually-hidden"> {}</span></a>',
                reverse("partnerships:participation_edit", args=[partnership.pk, partner.pk]),
                _("bewerken"),
                organisation.name,
            )
        items.append(
            format_html(
                '<li class="mb-2"><a href="{}">{}</a> <span class="text-body-secondary">'
                "· {} · {} · {}</span>{}{}</li>",
                reverse("organisations:detail", args=[organisation.pk]),
                organisation.name,
                _label(sectors, organisation.sector),
                _label(roles, partner.role),
                _label(statuses, partner.status),
                assessed,
                edit,
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - each item made by format_html


def totals_html(totals) -> SafeString:
    return format_html_join(
        "",
        '<tr><th scope="row">{}</th><td class="text-end">{}</td><td class="text-end">{}</td></tr>',
        ((t.label, floatformat(t.hours, "-1g"), format_euros(t.euros)) for t in totals),
    )


# --- Goals and their indicators -------------------------------------------------


# A goal without indicators is one row with empty indicator columns.
def _goals(key):
    return (
        Goal.objects.filter(partnership=key)
        .annotate(**latest_measurement("indicators"))
        .order_by("level", "pk", "indicators__target_date", "indicators__pk")
        .values_list(
            "pk",
            "level",
            "title",
            "participation__organisation__name",
            "indicators__pk",
            "indicators__name",
            "indicators__unit",
            "indicators__baseline",
            "indicators__target",
            "indicators__target_date",
            "latest_value",
            "latest_date",
        )
    )


IndicatorRow = namedtuple("IndicatorRow", "name unit baseline target target_date progress")


@dataclass
class GoalRow:
    level: str
    title: str
    organisation: str | None
    indicators: list


def goals(rows: dict) -> list[GoalRow]:
    """The goals in the model's order, each with its indicators and their
    progress toward the target (one query)."""
    found: dict[int, GoalRow] = {}
    for (
        pk,
        level,
        title,
        organisation,
        indicator,
        name,
        unit,
        baseline,
        target,
        target_date,
        value,
        measured_on,
    ) in rows["goals"]:
        goal = found.get(pk)
        if goal is None:
            goal = found[pk] = GoalRow(level, title, organisation, [])
        if indicator is not None:
            row = IndicatorRow(name, unit, baseline, target, target_date, None)
            progress = summary.progress_toward(row, value, measured_on)
            goal.indicators.append(row._replace(progress=progress))
    return list(found.values())


def _indicator_html(indicator: IndicatorRow) -> SafeString:
    progress = indicator.progress
    if progress.latest_value is not None:
        measured = _block(
            _(
                "Laatste meting %(value)s %(unit)s (%(date)s): %(percent)s%% van de weg naar "
                "het doel."
            ),
            value=format_decimal(progress.latest_value),
            unit=indicator.unit,
            date=date(progress.latest_date, DAY),
            percent=progress.percent,
        )
    else:
        measured = _("Nog geen meting.")
    return format_html(
        '<div class="small ms-3">{}: {} {}, {} {} {} {} {}. {}</div>',
        indicator.name,
        _("nulmeting"),
        format_decimal(indicator.baseline),
        _("streefwaarde"),
        format_decimal(indicator.target),
        indicator.unit,
        _("op"),
        date(indicator.target_date, DAY),
        measured,
    )


def goals_html(found: list[GoalRow]) -> SafeString:
    """The goals grouped by level, as ``{% regroup %}`` does (runs of one level)."""
    levels = _labels(Goal, "level")
    parts = []
    current = None
    for goal in found:
        label = _label(levels, goal.level)
        if label != current:
            if current is not None:
                parts.append("</ul>")
            parts.append(
                format_html('<h3 class="h6 mt-3">{}</h3><ul class="list-unstyled">', label)
            )
            current = label
        partner = ""
        if goal.organisation is not None:
            partner = format_html(
                ' <span class="text-body-secondary">({})</span>', goal.organisation
            )
        parts.append(
            format_html(
                '<li class="mb-2"><strong>{}</strong>{}{}</li>',
                goal.title,
                partner,
                mark_safe("".join(_indicator_html(i) for i in goal.indicators)),  # noqa: S308
            )
        )
    if current is not None:
        parts.append("</ul>")
    return mark_safe("".join(parts))  # noqa: S308 - each part made by format_html


# --- The phase: its steps and checklist ---------------------------------------------


# Plain querysets of the translated models: django-modeltranslation's own
# would reorder the columns of ``values_list()``.
def _phases(key):
    return QuerySet(Phase).order_by("number").values_list("number", *language_columns("name"))


def _checklist(key):
    return (
        QuerySet(ChecklistItem)
        .filter(phase__partnerships=key, is_active=True)
        .annotate(ticked=Exists(ChecklistTick.objects.filter(partnership=key, item=OuterRef("pk"))))
        .order_by("order", "pk")
        .values_list("ticked", *language_columns("text"))
    )


@dataclass
class ChecklistSummary:
    done_count: int
    total: int
    next_steps: list[str]

    @property
    def percent(self) -> int:  # as phases.Checklist.percent
        return round(100 * self.done_count / self.total) if self.total else 100


def checklist(lists: dict) -> ChecklistSummary:
    """How far the checklist of the partnership's phase is, and its first
    open items (one query)."""
    columns = language_columns("text")
    rows = lists["checklist"]
    open_items = [
        in_language(dict(zip(columns, texts, strict=True)), "text")
        for ticked, *texts in rows
        if not ticked
    ]
    return ChecklistSummary(len(rows) - len(open_items), len(rows), open_items[:NEXT_STEPS])


def phases_html(partnership, rows: dict) -> SafeString:
    columns = language_columns("name")
    current = partnership.phase.number
    items = []
    for number, *names in rows["phases"]:
        name = in_language(dict(zip(columns, names, strict=True)), "name")
        if number < current:
            state = 'class="done"'
        elif number == current:
            state = 'class="current" aria-current="step"'
        else:
            state = 'class=""'
        items.append(
            format_html(
                '<li {}><span class="phase-number">{}</span> <span class="phase-name">{}</span></li>',
                mark_safe(state),  # noqa: S308 - one of three fixed texts
                number,
                name,
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - each item made by format_html


def next_steps_html(steps: list[str]) -> SafeString:
    return format_html_join("", "<li>{}</li>", ((text,) for text in steps))


# --- Gemeenten taking part, agreements, activities, changes ----------------------------


def _municipalities(key):
    return (
        Partnership.participating_municipalities.through.objects.filter(partnership=key)
        .order_by("municipality__name")
        .values_list("municipality__name")
    )


def _agreements(key):
    return (
        Agreement.objects.filter(partnership=key)
        .order_by("participation__organisation__name", "pk")
        .values_list("title", "participation_id", "participation__organisation__name", "signed_on")
    )


def _activities(key):
    return (
        Activity.objects.filter(
            pk__in=Activity.objects.filter(partnership=key)
            .order_by("-date", "-pk")
            .values("pk")[:RECENT_ACTIVITIES]
        )
        .order_by("-date", "-pk")
        .values_list("date", "kind", "title")
    )


# All of them in one query, compiled once per process.
_LISTS = Bundle(
    partners=_partners,
    assessments=_assessments,
    contributions=_contributions,
    goals=_goals,
    checklist=_checklist,
    phases=_phases,
    municipalities=_municipalities,
    agreements=_agreements,
    activities=_activities,
)


def lists(partnership) -> dict[str, list[tuple]]:
    """The rows of every list on the page, by name (one query)."""
    return _LISTS.rows(partnership.pk)


def municipalities(rows: dict) -> list[str]:
    return [name for (name,) in rows["municipalities"]]


def agreements_html(rows: dict) -> SafeString:
    items = []
    for title, participation, organisation, signed_on in rows["agreements"]:
        who = organisation if participation is not None else _("hele samenwerking")
        if signed_on is not None:
            signed = _block(_("getekend op %(date)s"), date=date(signed_on, DAY))
        else:
            signed = _("nog niet getekend")
        items.append(
            format_html(
                '<li>{} <span class="text-body-secondary">({}; {})</span></li>', title, who, signed
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - each item made by format_html


def activities_html(rows: dict) -> SafeString:
    kinds = _labels(Activity, "kind")
    return format_html_join(
        "",
        '<li><time datetime="{}">{}</time>: {}, {}</li>',
        (
            (date(day, "Y-m-d"), date(day, DAY), _label(kinds, kind), title)
            for day, kind, title in rows["activities"]
        ),
    )


def changes_html(changes) -> SafeString:
    items = []
    for change in changes:
        label = format_html(": “{}”", change.label) if change.label else ""
        by = ""
        if change.user_name:
            by = format_html(" {}", _block(_("door %(name)s"), name=change.user_name))
        items.append(
            format_html(
                '<li><time datetime="{}">{}</time>: {} {}{}{}</li>',
                date(localtime(change.date), "Y-m-d\\TH:iO"),
                moment(change.date),
                capfirst(change.what),
                change.action,
                label,
                by,
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - each item made by format_html
