"""The dashboard's figures, gathered with their links for one user and filter
(the page, the PDF overview).

A fixed number of narrow queries, the same for one gemeente and for the
whole country: the partnerships the user may see (after the filters), one
short row each, counted here per status, phase, theme and lead gemeente and
read for their own attention lists (their private partners counted as
columns of the row); the assessments and contributions counted by the
database; the first few overdue indicators, unsigned agreements and
assessments waiting. Their HTML is written by ``markup.py``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property, partial
from urllib.parse import urlencode

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, DenseRank
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.scoping import scope_for, visible_municipalities
from assessment.models import Assessment, AssessmentStatus, Outcome
from core import cache
from core.charts import Bar, BarChart
from core.links import Addresses
from core.lookups import MAX_KEYS, OneOf
from core.translations import text_in_language
from organisations.models import PRIVATE_SECTORS
from partnerships.filters import filter_partnerships
from partnerships.forms.partnership import DashboardFilterForm
from partnerships.models import (
    Activity,
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
from regions.models import Municipality

from . import follow_up, markup

STALE_DAYS = 90
# How many items each attention list (and each figure of "Evaluatie en besluit") shows.
ATTENTION_LIMIT = 10


@dataclass
class Attention:
    title: str
    items: list = field(default_factory=list)
    total: int = 0
    # An item as the page lists it: (address, name, what follows the name).
    line: Callable[[object], tuple[str, str, str]] | None = None

    @cached_property
    def lines(self) -> list[tuple[str, str, str]]:
        """The items as the page lists them, written here rather than in the
        template (a branch and a tag per item cost more than the rest); once
        (the overdue actions show twice)."""
        return [self.line(item) for item in self.items] if self.line else []


# The lines' addresses: ``urls`` (a ``core.links.Addresses``) reverses each
# kind of address once for the whole list.


def _partnership_line(item, urls, anchor="") -> tuple[str, str, str]:
    url = urls("partnerships:detail", item.pk)
    return f"{url}{anchor}", item.name, str(item.lead_municipality)


def _unassessed_line(item, urls) -> tuple[str, str, str]:
    return _partnership_line(item, urls, "#partners-kop")


def _indicator_line(item, urls) -> tuple[str, str, str]:
    target = _("streefdatum %(date)s") % {"date": date_format(item.target_date, "j M Y")}
    return (
        urls("partnerships:goals", item.goal.partnership_id),
        item.name,
        f"{item.goal.partnership.name} · {target}",
    )


def _agreement_line(item, urls) -> tuple[str, str, str]:
    return (
        urls("partnerships:agreements", item.partnership_id),
        item.title,
        f"{item.partnership.name} ({item.partnership.phase})",
    )


def _review_line(assessment, urls) -> tuple[str, str, str]:
    days = assessment.waiting_days
    waiting = (
        _("wacht sinds vandaag")
        if days == 0
        else ngettext("wacht %(days)s dag", "wacht %(days)s dagen", days) % {"days": days}
    )
    participation = assessment.participation
    return (
        urls("assessment:detail", assessment.pk),
        str(participation.organisation),
        f"{participation.partnership.lead_municipality} · {waiting}",
    )


def _groupable(partnerships):
    """``partnerships`` as a queryset that can be grouped: a DISTINCT one (the
    filter on participating gemeenten joins a list) goes through a subquery."""
    if partnerships.query.distinct:
        return Partnership.objects.filter(pk__in=partnerships.values("pk"))
    return partnerships


def grouped(rows, key, label, order) -> list[tuple]:
    """[(value, label, count)] of ``partnership_rows`` grouped by ``key``, in
    the database's order of the labels (``order``)."""
    counted = Counter(row[key] for row in rows)
    labels = {row[key]: (row[order], row[label]) for row in rows}
    return [
        (value, name, counted[value])
        for value, (_order, name) in sorted(labels.items(), key=lambda item: item[1][0])
    ]


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


def contribution_sums(keys):
    """Hours and euros per type of contribution to the partnerships with
    these ``keys`` (see ``_keys``)."""
    rows = {
        row["type"]: row
        for row in Contribution.objects.filter(_among("participation__partnership_id", keys))
        .values("type")
        .annotate(hours=Sum("hours"), euros=Sum("euros"), n=Count("pk"))
        .order_by()
    }
    return [
        (value, label, rows.get(value, {}).get("hours") or 0, rows.get(value, {}).get("euros") or 0)
        for value, label in ContributionType.choices
    ]


def partnership_rows(partnerships, since) -> list[dict]:
    """One row per partnership in ``partnerships``, by name: what the counts
    per status, phase, theme and lead gemeente and the partnerships' own
    attention lists need. ``quiet``: active (not ended), not changed since
    ``since`` and no activity dated since. The order of the theme and lead
    names as the database sorts them comes along (``theme_order``,
    ``lead_order``), and what the panel "Evaluatie en besluit" reads
    (``follow_up.row_annotations``: the last closed round, a round under way,
    the latest decision). ``private``: its private partners (not withdrawn),
    ``unassessed``: how many of them have no finalised assessment."""
    recent = Activity.objects.filter(partnership=OuterRef("pk"), date__gte=since.date())
    private = Participation.objects.filter(
        partnership=OuterRef("pk"), organisation__sector__in=PRIVATE_SECTORS
    ).exclude(status=ParticipationStatus.WITHDRAWN)
    final = Assessment.objects.filter(participation=OuterRef("pk"), status=AssessmentStatus.FINAL)
    return list(
        _groupable(partnerships)
        .annotate(
            quiet=Case(
                When(
                    ~Q(status=Status.ENDED) & Q(last_activity_at__lt=since),
                    then=~Exists(recent),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
            # The theme's name in the reader's language (the figures are cached per language).
            theme_label=text_in_language("theme__name"),
            theme_order=Window(DenseRank(), order_by=text_in_language("theme__name").asc()),
            lead_order=Window(DenseRank(), order_by=F("lead_municipality__name").asc()),
            private=_number_of(private),
            unassessed=_number_of(private.exclude(Exists(final))),
            **follow_up.row_annotations(),
        )
        .order_by("name", "pk")
        .values(
            "pk",
            "name",
            "status",
            "phase_id",
            "theme_id",
            "theme_label",
            "lead_municipality_id",
            "lead_municipality__name",
            "last_activity_at",
            "quiet",
            "theme_order",
            "lead_order",
            "private",
            "unassessed",
            *follow_up.ROW_FIELDS,
            *follow_up.ROW_ANNOTATIONS,
        )
    )


def _number_of(queryset):
    """The number of rows of ``queryset`` (related to the partnership of
    the row: ``OuterRef``) as a column, 0 when none."""
    return Coalesce(
        Subquery(queryset.order_by().values("partnership").annotate(n=Count("pk")).values("n")),
        0,
    )


def _keys(rows, partnerships):
    """The keys of the partnerships of ``rows`` (the same as
    ``partnerships``) for the queries that follow (``_among``): a list, so
    the database need not find them again (counting the assessments of a
    region's 251 partnerships takes half the time), unless there are very
    many."""
    if len(rows) > MAX_KEYS:
        return partnerships.values("pk")
    return [row["pk"] for row in rows]


def _among(path, keys):
    """The condition that the partnership at ``path`` (its key) is one of
    ``keys`` (see ``_keys``): the list as one parameter (``core.lookups``)."""
    if isinstance(keys, list):
        return OneOf(F(path), keys)
    return Q(**{f"{path}__in": keys})


def _partnership(row) -> Partnership:
    """A partnership of an attention list with what the list shows (its name
    and lead gemeente); other fields load when asked for, as with ``only``."""
    partnership = Partnership.from_db(
        Partnership.objects.db,
        ["id", "name", "lead_municipality_id"],
        [row["pk"], row["name"], row["lead_municipality_id"]],
    )
    partnership.lead_municipality = Municipality.from_db(
        Municipality.objects.db,
        ["id", "name"],
        [row["lead_municipality_id"], row["lead_municipality__name"]],
    )
    return partnership


def attention(
    rows,
    active_keys,
    review_assessments,
    *,
    in_review,
    limit=ATTENTION_LIMIT,
    urls=None,
):
    """What needs the user's attention, with a fixed number of queries:
    ``rows`` are the ``partnership_rows`` of the partnerships,
    ``active_keys`` those of the ones not ended (``_keys``),
    ``review_assessments`` the assessments of those she may see, of which
    ``in_review`` are waiting for review. Each list holds its first
    ``limit`` items (none for the PDF overview, which shows their numbers:
    then counted, and no query for those waiting). ``urls``: a ``core.links.Addresses`` for the items' addresses."""
    today = timezone.localdate()
    now = timezone.now()
    urls = urls or Addresses()
    active = [row for row in rows if row["status"] != Status.ENDED]

    def section(title, matching, line=_partnership_line):
        return Attention(
            title,
            [_partnership(row) for row in matching[:limit]],
            len(matching),
            partial(line, urls=urls),
        )

    sections = {}
    # By name (as the rows come), then the most private partners first.
    unassessed = [row for row in active if row["unassessed"]]
    sections["unassessed"] = section(
        gettext_lazy("Private partner zonder vastgestelde afweging"), unassessed, _unassessed_line
    )
    crowded = [row for row in active if row["private"] > MAX_PRIVATE_PARTNERS]
    crowded.sort(key=lambda row: -row["private"])
    sections["crowded"] = section(
        gettext_lazy("Meer dan %(max)s private partners") % {"max": MAX_PRIVATE_PARTNERS},
        crowded,
    )
    # The last real change to the partnership's own work (not a cache counter,
    # not a change to a shared partner organisation: see Partnership), and
    # the dates of its activities.
    stale = sorted(
        (row for row in active if row["quiet"]),
        key=lambda row: (row["last_activity_at"], row["pk"]),
    )
    sections["stale"] = section(
        gettext_lazy("Geen activiteit of wijziging in de laatste %(days)s dagen")
        % {"days": STALE_DAYS},
        stale,
    )

    def listing(queryset, order, related, fields):
        """The first ``limit`` rows and the total, in one query (a window
        count over the few that match), with only the fields shown."""
        return follow_up.first_and_number(
            queryset.select_related(*related).only(*fields), order, limit
        )

    overdue = Indicator.objects.filter(
        _among("goal__partnership_id", active_keys), target_date__lt=today
    ).exclude(Exists(Measurement.objects.filter(indicator=OuterRef("pk"))))
    items, total = listing(
        overdue,
        ["target_date", "pk"],
        ["goal__partnership"],
        ["name", "target_date", "goal__partnership__name"],
    )
    sections["indicators"] = Attention(
        gettext_lazy("Indicatoren voorbij de streefdatum zonder meting"),
        items,
        total,
        partial(_indicator_line, urls=urls),
    )

    unsigned = Agreement.objects.filter(
        _among("partnership_id", active_keys),
        signed_on__isnull=True,
        partnership__phase__number__gt=4,
    )
    items, total = listing(
        unsigned,
        ["partnership__name", "pk"],
        ["partnership__phase"],
        [
            "title",
            "partnership__name",
            "partnership__phase__number",
            # Every language's name (django-modeltranslation): the phase's name
            # is read in the reader's language without a query per line.
            "partnership__phase__name",
            "partnership__phase__name_nl",
            "partnership__phase__name_en",
        ],
    )
    sections["unsigned"] = Attention(
        gettext_lazy("Niet getekende afspraken terwijl de samenwerking voorbij fase 4 is"),
        items,
        total,
        partial(_agreement_line, urls=urls),
    )

    items, total = follow_up.overdue_actions(_among("partnership_id", active_keys), today, limit)
    sections["actions"] = Attention(
        gettext_lazy("Afgesproken acties uit evaluaties voorbij hun datum"),
        items,
        total,
        partial(follow_up.action_line, urls=urls),
    )

    waiting = review_assessments.filter(status=AssessmentStatus.IN_REVIEW)
    shown = ["submitted_at", "participation__organisation__name"]
    shown.append("participation__partnership__lead_municipality__name")
    related = ["participation__organisation", "participation__partnership__lead_municipality"]
    review_items = (
        list(waiting.select_related(*related).only(*shown).order_by("submitted_at", "pk")[:limit])
        if limit
        else []
    )
    for assessment in review_items:
        assessment.waiting_days = (
            (now - assessment.submitted_at).days if assessment.submitted_at else 0
        )
    sections["review"] = Attention(
        gettext_lazy("Afwegingen die wachten op vaststelling"),
        review_items,
        in_review,
        partial(_review_line, urls=urls),
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
    # "Evaluatie en besluit" (follow_up.panel): the figures of phases 5 to 7.
    follow_up: list = field(default_factory=list)

    @property
    def attention_on_page(self) -> list[tuple[str, Attention]]:
        """The attention lists as the page shows them: what waits for review first."""
        return sorted(self.attention.items(), key=lambda item: item[0] != "review")

    @property
    def every_chart(self) -> list[BarChart]:
        """The charts in the order the page and the PDF overview show them."""
        return [
            *self.charts,
            self.assessment_status,
            self.assessment_outcome,
            *self.contributions,
        ]


def filter_form(user, params) -> DashboardFilterForm:
    return DashboardFilterForm(params or None, municipalities=visible_municipalities(user))


def build(
    user, params, form: DashboardFilterForm | None = None, *, for_print: bool = False
) -> Dashboard:
    """The figures for ``user`` and the filters ``params`` (or their
    ``form``). ``for_print``: for the PDF overview, which shows how many
    each list of what needs attention holds, not their items (counted, and
    no query for those waiting for review)."""
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
    list_path = reverse("partnerships:list")  # once: every bar links to it

    def list_url(**extra) -> str:
        return f"{list_path}?{urlencode({**base, **extra})}"

    def chart(title, rows, key, linked=lambda value: True):
        return BarChart(
            title,
            [
                Bar(str(label), n, list_url(**{key: value}) if linked(value) else "")
                for value, label, n in rows
            ],
        )

    phases = list(Phase.objects.values_list("pk", "number", "name"))
    since = timezone.now() - timedelta(days=STALE_DAYS)
    rows = partnership_rows(partnerships, since)
    by_status = Counter(row["status"] for row in rows)
    by_phase = Counter(row["phase_id"] for row in rows)
    charts = [
        chart(
            _("Samenwerkingen per fase"),
            [(pk, f"{number}. {name}", by_phase[pk]) for pk, number, name in phases],
            "phase",
        ),
        chart(
            _("Samenwerkingen per thema"),
            grouped(rows, "theme_id", "theme_label", "theme_order"),
            "theme",
        ),
        chart(
            _("Samenwerkingen per trekkende gemeente"),
            grouped(rows, "lead_municipality_id", "lead_municipality__name", "lead_order"),
            "lead",
            # An officer's list filters on her own gemeente only; the others
            # lead partnerships she takes part in.
            lambda pk: scope.kind != "municipality" or pk == scope.municipality_id,
        ),
        chart(
            _("Samenwerkingen per status"),
            [(value, label, by_status[value]) for value, label in Status.choices],
            "status",
        ),
    ]
    keys = _keys(rows, partnerships)
    # Only what the user may open: no drafts of partnerships her gemeente only takes part in.
    assessments = Assessment.objects.filter(
        _among("participation__partnership_id", keys)
    ).as_seen_by(user)
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
    contributions = contribution_charts(contribution_sums(keys), list_url)
    # The filters apply to everything, the assessments waiting for review too.
    active = [row for row in rows if row["status"] != Status.ENDED]
    active_keys = _keys(active, partnerships.exclude(status=Status.ENDED))
    urls = Addresses()  # each kind of address of the lists reversed once
    attention_sections = attention(
        rows,
        active_keys,
        assessments,
        in_review=next(
            n for value, _label, n in assessments_by_status if value == AssessmentStatus.IN_REVIEW
        ),
        urls=urls,
        limit=0 if for_print else ATTENTION_LIMIT,
    )
    return Dashboard(
        form=form,
        total=len(rows),
        total_url=list_url(),
        review_url=queue_url(status=AssessmentStatus.IN_REVIEW),
        charts=charts,
        assessment_status=status_chart,
        assessment_outcome=outcome_chart,
        contributions=contributions,
        attention=attention_sections,
        filter_query=params.urlencode() if hasattr(params, "urlencode") else "",
        filter_labels=labels,
        follow_up=follow_up.panel(
            rows,
            _among("partnership_id", active_keys),
            timezone.localdate(),
            # Officers of the lead gemeente start its rounds; others see them.
            lambda row: scope.can_edit_for(row["lead_municipality_id"]),
            attention_sections["actions"],
            limit=0 if for_print else ATTENTION_LIMIT,
            urls=urls,
        ),
    )


def contribution_charts(sums, list_url) -> list[BarChart]:
    """Hours and euros per type of contribution, each linked to the
    partnerships that have contributions of that type (``list_url``: the
    partnership list's address with the dashboard's filters and these)."""

    def bars(index):  # sums' rows: (type, label, hours, euros)
        return [Bar(str(row[1]), row[index], list_url(contribution=row[0])) for row in sums]

    return [
        BarChart(_("Inbreng in uren, per soort"), bars(2), _("Uren")),
        BarChart(_("Inbreng in euro's, per soort"), bars(3), _("Euro's"), currency=True),
    ]


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


def figures_html(user, params, form: DashboardFilterForm) -> tuple[str, Dashboard | None]:
    """The dashboard's counts, charts and attention lists as HTML, from the
    cache when the data, scope, filters, language and day are the same; with
    the ``Dashboard`` when it was counted for this request (None when the
    HTML came from the cache), for whoever wants the figures themselves."""
    counted = []

    def make() -> str:
        counted.append(build(user, params, form))
        return str(markup.figures_markup(counted[0]))

    html = cache.cached("dashboard-figures", lambda: figures_parts(user, form), make)
    # Written by markup.figures_markup, which escapes what it shows.
    return mark_safe(html), (counted[0] if counted else None)  # noqa: S308
