"""The dashboard's figures: counted by the database, and gathered with their
links for one user and filter (the page, the PDF overview).

Every figure is one aggregate query over the partnerships the user may see
(after the filters), so the page costs the same number of queries for one
gemeente and for the whole country."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Exists, Max, OuterRef, Q, Sum, Window
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.scoping import scope_for, visible_municipalities
from assessment.models import Assessment, AssessmentStatus, Outcome
from core import cache
from core.charts import Bar, BarChart
from organisations.models import PRIVATE_SECTORS
from partnerships.filters import filter_partnerships
from partnerships.forms.partnership import DashboardFilterForm
from partnerships.models import (
    Agreement,
    Contribution,
    ContributionType,
    Indicator,
    Measurement,
    Participation,
    ParticipationStatus,
    Partnership,
    Phase,
    Status,
)
from partnerships.revision import state_of
from partnerships.summary import MAX_PRIVATE_PARTNERS

STALE_DAYS = 90


@dataclass
class Attention:
    title: str
    items: list = field(default_factory=list)
    total: int = 0


def _groupable(partnerships):
    """``partnerships`` as a queryset that can be grouped: a DISTINCT one (the
    filter on participating gemeenten joins a list) goes through a subquery."""
    if partnerships.query.distinct:
        return Partnership.objects.filter(pk__in=partnerships.values("pk"))
    return partnerships


def counts(partnerships, field_name, label_field=None):
    """[(value, label, count)] grouped by one field of the partnerships."""
    label_field = label_field or field_name
    rows = (
        _groupable(partnerships)
        .values(field_name, label_field)
        .annotate(n=Count("pk"))
        .order_by(label_field)
    )
    return [(row[field_name], row[label_field], row["n"]) for row in rows]


def tally(queryset, **groups) -> dict:
    """Counts of ``queryset`` in one query (conditional aggregation):
    ``groups`` maps a name to ``{value: Q}``; the result maps the same name to
    ``{value: count}``, ``"total"`` to the number of rows."""
    assert "total" not in groups, "the total has its own place in the result"
    aliases = {}
    expressions = {"total": Count("pk")}
    for group, conditions in groups.items():
        for index, (value, condition) in enumerate(conditions.items()):
            alias = f"{group}_{index}"
            aliases[alias] = (group, value)
            expressions[alias] = Count("pk", filter=condition)
    row = queryset.aggregate(**expressions)
    result = {"total": row["total"], **{group: {} for group in groups}}
    for alias, (group, value) in aliases.items():
        result[group][value] = row[alias]
    return result


def partnership_counts(partnerships, phases) -> dict:
    """The number of partnerships, per status and per phase (``phases``: the
    phases' keys), in one query."""
    return tally(
        partnerships,
        status={value: Q(status=value) for value in Status.values},
        phase={pk: Q(phase_id=pk) for pk in phases},
    )


def assessment_counts(assessments):
    """Assessments (those the user may see: ``Assessment.objects.visible_to``)
    per status, and the final ones per outcome, in one query."""
    counted = tally(
        assessments,
        status={value: Q(status=value) for value in AssessmentStatus.values},
        outcome={
            value: Q(status=AssessmentStatus.FINAL, outcome=value) for value in Outcome.values
        },
    )
    return (
        [(value, label, counted["status"][value]) for value, label in AssessmentStatus.choices],
        [(value, label, counted["outcome"][value]) for value, label in Outcome.choices],
    )


def contribution_sums(partnerships):
    rows = {
        row["type"]: row
        for row in Contribution.objects.filter(
            participation__partnership__in=partnerships.values("pk")
        )
        .values("type")
        .annotate(hours=Sum("hours"), euros=Sum("euros"), n=Count("pk"))
        .order_by()
    }
    return [
        (value, label, rows.get(value, {}).get("hours") or 0, rows.get(value, {}).get("euros") or 0)
        for value, label in ContributionType.choices
    ]


def attention(partnerships, review_assessments, *, limit=10):
    """What needs the user's attention, with a fixed number of queries."""
    today = timezone.localdate()
    now = timezone.now()
    private_active = Participation.objects.filter(
        partnership=OuterRef("pk"), organisation__sector__in=PRIVATE_SECTORS
    ).exclude(status=ParticipationStatus.WITHDRAWN)
    final = Assessment.objects.filter(participation=OuterRef("pk"), status=AssessmentStatus.FINAL)
    unassessed = private_active.annotate(has_final=Exists(final)).filter(has_final=False)
    active = partnerships.exclude(status=Status.ENDED)

    def listing(queryset, order, related=("lead_municipality",)):
        """The first ``limit`` rows and the total, in one query (a window count)."""
        rows = list(
            queryset.select_related(*related)
            .annotate(total_rows=Window(Count("pk")))
            .order_by(*order)[:limit]
        )
        return rows, rows[0].total_rows if rows else 0

    sections = {}
    items, total = listing(active.filter(Exists(unassessed)), ["name"])
    sections["unassessed"] = Attention(
        gettext_lazy("Private partner zonder vastgestelde afweging"), items, total
    )

    crowded = active.annotate(
        private_count=Count(
            "participations",
            filter=Q(participations__organisation__sector__in=PRIVATE_SECTORS)
            & ~Q(participations__status=ParticipationStatus.WITHDRAWN),
        )
    ).filter(private_count__gt=MAX_PRIVATE_PARTNERS)
    items, total = listing(crowded, ["-private_count", "name"])
    sections["crowded"] = Attention(
        gettext_lazy("Meer dan %(max)s private partners") % {"max": MAX_PRIVATE_PARTNERS},
        items,
        total,
    )

    since = now - timedelta(days=STALE_DAYS)
    # The last real change to the partnership's own work (not a cache counter,
    # not a change to a shared partner organisation: see Partnership), and
    # the dates of its activities.
    stale = (
        active.filter(last_activity_at__lt=since)
        .annotate(last_activity=Max("activities__date"))
        .filter(Q(last_activity__isnull=True) | Q(last_activity__lt=since.date()))
    )
    items, total = listing(stale, ["last_activity_at", "pk"])
    sections["stale"] = Attention(
        gettext_lazy("Geen activiteit of wijziging in de laatste %(days)s dagen")
        % {"days": STALE_DAYS},
        items,
        total,
    )

    overdue = Indicator.objects.filter(
        goal__partnership__in=active.values("pk"), target_date__lt=today
    ).exclude(Exists(Measurement.objects.filter(indicator=OuterRef("pk"))))
    items, total = listing(
        overdue, ["target_date", "pk"], ("goal__partnership__lead_municipality",)
    )
    sections["indicators"] = Attention(
        gettext_lazy("Indicatoren voorbij de streefdatum zonder meting"), items, total
    )

    unsigned = Agreement.objects.filter(
        partnership__in=active.values("pk"),
        signed_on__isnull=True,
        partnership__phase__number__gt=4,
    )
    items, total = listing(
        unsigned,
        ["partnership__name", "pk"],
        ("partnership__lead_municipality", "partnership__phase"),
    )
    sections["unsigned"] = Attention(
        gettext_lazy("Niet getekende afspraken terwijl de samenwerking voorbij fase 4 is"),
        items,
        total,
    )

    waiting = review_assessments.filter(status=AssessmentStatus.IN_REVIEW)
    review_items, total = listing(
        waiting,
        ["submitted_at", "pk"],
        ("participation__organisation", "participation__partnership__lead_municipality"),
    )
    for assessment in review_items:
        assessment.waiting_days = (
            (now - assessment.submitted_at).days if assessment.submitted_at else 0
        )
    sections["review"] = Attention(
        gettext_lazy("Afwegingen die wachten op vaststelling"), review_items, total
    )
    return sections


@dataclass
class Dashboard:
    form: DashboardFilterForm
    total: int
    total_url: str
    review_url: str
    charts: list
    assessment_status: BarChart
    assessment_outcome: BarChart
    contributions: list
    attention: dict
    filter_query: str
    filter_labels: list

    @property
    def every_chart(self) -> list[BarChart]:
        """The charts in the order the page and the PDF overview show them."""
        return [
            *self.charts,
            self.assessment_status,
            self.assessment_outcome,
            *self.contributions,
        ]


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
        return BarChart(
            title,
            [
                Bar(str(label), n, _list_url(base, **{key: value}) if linked(value) else "")
                for value, label, n in rows
            ],
        )

    phases = list(Phase.objects.values_list("pk", "number", "name"))
    counted = partnership_counts(partnerships, [pk for pk, _n, _name in phases])
    charts = [
        chart(
            _("Samenwerkingen per fase"),
            [(pk, f"{number}. {name}", counted["phase"][pk]) for pk, number, name in phases],
            "phase",
        ),
        chart(
            _("Samenwerkingen per thema"),
            counts(partnerships, "theme_id", "theme__name"),
            "theme",
        ),
        chart(
            _("Samenwerkingen per trekkende gemeente"),
            counts(partnerships, "lead_municipality_id", "lead_municipality__name"),
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
    assessments = Assessment.objects.visible_to(user)
    if filters:  # else the partnerships are those visible_to already keeps to
        assessments = assessments.filter(participation__partnership__in=partnerships.values("pk"))
    assessments_by_status, by_outcome = assessment_counts(assessments)
    queue = reverse("assessment:list")

    def queue_url(**extra):
        return f"{queue}?{urlencode({**base, **extra})}"

    status_chart = BarChart(
        _("Afwegingen per status"),
        [Bar(str(label), n, queue_url(status=value)) for value, label, n in assessments_by_status],
    )
    outcome_chart = BarChart(
        _("Vastgestelde afwegingen per uitkomst"),
        [
            Bar(str(label), n, queue_url(status=AssessmentStatus.FINAL, outcome=value))
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
        contributions=contribution_charts(contribution_sums(partnerships), base),
        # The filters apply to everything, the assessments waiting for review too.
        attention=attention(partnerships, assessments),
        filter_query=params.urlencode() if hasattr(params, "urlencode") else "",
        filter_labels=labels,
    )


def contribution_charts(sums, base) -> list[BarChart]:
    """Hours and euros per type of contribution, each linked to the
    partnerships that have contributions of that type."""

    def bars(index):  # sums' rows: (type, label, hours, euros)
        return [Bar(str(row[1]), row[index], _list_url(base, contribution=row[0])) for row in sums]

    return [
        BarChart(_("Inbreng in uren, per soort"), bars(2), _("Uren")),
        BarChart(_("Inbreng in euro's, per soort"), bars(3), _("Euro's"), currency=True),
    ]


FIGURES_TEMPLATE = "dashboard/includes/figures.html"


def figures_parts(user, form: DashboardFilterForm) -> list:
    """What the figures depend on besides language and day (``core.cache``):
    the state of the partnerships in the user's scope (``revision.state_of``:
    a change to one of them or to anything they show, also to a name they
    show, makes a new key; another region's own changes do not), who counts
    (the scope, not the person) and what is filtered."""
    filters = sorted(
        (name, str(getattr(value, "pk", value))) for name, value in form.filters().items()
    )
    return [state_of(Partnership.objects.visible_to(user)), scope_for(user).key, repr(filters)]


def figures_html(user, params, form: DashboardFilterForm) -> str:
    """The dashboard's counts, charts and attention lists as HTML, from the
    cache when the data, scope, filters, language and day are the same."""
    html = cache.cached(
        "dashboard-figures",
        lambda: figures_parts(user, form),
        lambda: render_to_string(FIGURES_TEMPLATE, {"dashboard": build(user, params, form)}),
    )
    # Rendered from our own template, which escapes what it shows.
    return mark_safe(html)  # noqa: S308
