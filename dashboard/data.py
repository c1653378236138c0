"""Gathers everything the dashboard (page, PDF) shows for one user and filter."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.scoping import scope_for, visible_municipalities
from assessment.models import Assessment, AssessmentStatus
from core import fragments, freshness
from partnerships.filters import filter_partnerships
from partnerships.forms.partnership import DashboardFilterForm
from partnerships.models import Partnership, Phase, Status

from . import summary


@dataclass
class Dashboard:
    form: DashboardFilterForm
    total: int
    total_url: str
    review_url: str
    charts: list
    assessment_status: summary.Chart
    assessment_outcome: summary.Chart
    contributions: list
    attention: dict
    filter_query: str
    filter_labels: list


def _list_url(base_query: dict, **extra) -> str:
    return reverse("partnerships:list") + "?" + urlencode({**base_query, **extra})


def filter_form(user, params) -> DashboardFilterForm:
    return DashboardFilterForm(params or None, municipalities=visible_municipalities(user))


def build(user, params, form: DashboardFilterForm | None = None) -> Dashboard:
    form = form or filter_form(user, params)
    filters = form.filters()
    partnerships = filter_partnerships(Partnership.objects.visible_to(user), **filters)
    # Every number links to the list it counts: the partnership list and the
    # assessments' list understand the same filters.
    base = {
        name: value.isoformat() if hasattr(value, "isoformat") else getattr(value, "pk", value)
        for name, value in filters.items()
    }
    scope = scope_for(user)

    def chart(title, rows, key, linked=lambda value: True):
        return summary.Chart(
            title,
            [
                summary.Bar(str(label), n, _list_url(base, **{key: value}) if linked(value) else "")
                for value, label, n in rows
            ],
        )

    phases = list(Phase.objects.values_list("pk", "number", "name"))
    counted = summary.partnership_counts(partnerships, [pk for pk, _n, _name in phases])
    charts = [
        chart(
            _("Samenwerkingen per fase"),
            [(pk, f"{number}. {name}", counted["phase"][pk]) for pk, number, name in phases],
            "phase",
        ),
        chart(
            _("Samenwerkingen per thema"),
            summary.counts(partnerships, "theme_id", "theme__name"),
            "theme",
        ),
        chart(
            _("Samenwerkingen per trekkende gemeente"),
            summary.counts(partnerships, "lead_municipality_id", "lead_municipality__name"),
            "lead",
            # An officer's list filters on her own gemeente only; the others
            # lead partnerships she takes part in.
            lambda pk: scope.kind != "municipality" or pk == scope.municipality_id,
        ),
        chart(
            _("Samenwerkingen per status"),
            [(value, label, counted["status"][value]) for value, label in Status.choices],
            "status",
        ),
    ]
    # Only what the user may open: no drafts of partnerships her gemeente only takes part in.
    assessments = Assessment.objects.visible_to(user).filter(
        participation__partnership__in=partnerships.values("pk")
    )
    assessments_by_status, by_outcome = summary.assessment_counts(assessments)
    queue = reverse("assessment:list")

    def queue_url(**extra):
        return f"{queue}?{urlencode({**base, **extra})}"

    status_chart = summary.Chart(
        _("Afwegingen per status"),
        [
            summary.Bar(str(label), n, queue_url(status=value))
            for value, label, n in assessments_by_status
        ],
    )
    outcome_chart = summary.Chart(
        _("Vastgestelde afwegingen per uitkomst"),
        [
            summary.Bar(str(label), n, queue_url(status=AssessmentStatus.FINAL, outcome=value))
            for value, label, n in by_outcome
        ],
    )
    labels = [f"{form.fields[k].label}: {v}" for k, v in filters.items()]
    return Dashboard(
        form=form,
        total=counted["total"],
        total_url=_list_url(base),
        review_url=queue_url(status=AssessmentStatus.IN_REVIEW),
        charts=charts,
        assessment_status=status_chart,
        assessment_outcome=outcome_chart,
        contributions=contribution_charts(summary.contribution_sums(partnerships), base),
        # The filters apply to everything, the assessments waiting for review too.
        attention=summary.attention(partnerships, assessments),
        filter_query=params.urlencode() if hasattr(params, "urlencode") else "",
        filter_labels=labels,
    )


def contribution_charts(sums, base) -> list[summary.Chart]:
    """Hours and euros per type of contribution, each linked to the
    partnerships that have contributions of that type."""

    def bars(index):  # sums' rows: (type, label, hours, euros)
        return [
            summary.Bar(str(row[1]), row[index], _list_url(base, contribution=row[0]))
            for row in sums
        ]

    return [
        summary.Chart(_("Inbreng in uren, per soort"), bars(2), _("Uren")),
        summary.Chart(_("Inbreng in euro's, per soort"), bars(3), _("Euro's")),
    ]


FIGURES_TEMPLATE = "dashboard/includes/figures.html"


def figures_parts(user, form: DashboardFilterForm, reference=freshness.reference_stamp) -> list:
    """What the figures depend on besides language and day (``core.fragments``):
    who counts (the scope, not the person), what is filtered, the state of the
    partnerships in the scope (``freshness.state_of``: a change to one of them,
    or to anything that belongs to one, makes a new key; another region's
    changes do not) and of the reference data (names of gemeenten, phases…)."""
    scope = scope_for(user)
    filters = sorted(
        (name, str(getattr(value, "pk", value))) for name, value in form.filters().items()
    )
    return [
        freshness.state_of(Partnership.objects.visible_to(user)),
        reference(),
        scope.key,
        repr(filters),
    ]


def figures_html(
    user, params, form: DashboardFilterForm, reference=freshness.reference_stamp
) -> str:
    """The dashboard's counts, charts and attention lists as HTML, from the
    cache when the data, scope, filters, language and day are the same
    (``reference``: how to read the reference stamp, once per request)."""
    return fragments.cached_html(
        "dashboard-figures",
        lambda: figures_parts(user, form, reference),
        lambda: render_to_string(FIGURES_TEMPLATE, {"dashboard": build(user, params, form)}),
    )
