"""The dashboard's figures, gathered with their links for one user and filter
(the page, the PDF overview).

A fixed number of queries, the same for one gemeente and for the whole
country: the partnerships the user may see (after the filters), by name,
with their revisions; then their facts (``facts.py``: each partnership's
row, assessments, contributions, indicators without a measurement, unsigned
agreements, open actions and rounds), kept per partnership and revision, so
that after a change only that partnership is read again (one query). Here
they are counted per status, phase, theme and lead gemeente, narrowed to
what the user may see, and sorted into the attention lists, with what
depends on the day (overdue, quiet). Their HTML is written by
``markup.py``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property, partial
from urllib.parse import urlencode

from django.db.models import F, Window
from django.db.models.functions import DenseRank
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
from core.prepared import record
from core.translations import text_in_language
from partnerships.filters import filter_partnerships
from partnerships.forms.partnership import DashboardFilterForm
from partnerships.models import Agreement, ContributionType, Indicator, Partnership, Phase, Status
from partnerships.querysets import sees_drafts
from partnerships.revision import state_of_pairs
from partnerships.summary import MAX_PRIVATE_PARTNERS
from regions.models import Municipality

from . import follow_up, markup
from .facts import ROW, facts_of

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
        urls("partnerships:goals", item.partnership.pk),
        item.name,
        f"{item.partnership.name} · {target}",
    )


def _agreement_line(item, urls) -> tuple[str, str, str]:
    return (
        urls("partnerships:agreements", item.partnership_id),
        item.title,
        f"{item.partnership.name} ({item.phase_label})",
    )


def _review_line(assessment, urls) -> tuple[str, str, str]:
    days = assessment.waiting_days
    waiting = (
        _("wacht sinds vandaag")
        if days == 0
        else ngettext("wacht %(days)s dag", "wacht %(days)s dagen", days) % {"days": days}
    )
    return (
        urls("assessment:detail", assessment.pk),
        assessment.organisation_name,
        f"{assessment.lead_name} · {waiting}",
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


def members(partnerships) -> list[tuple[int, int]]:
    """The partnerships counted: (key, revision) of each, in one query (by
    key). What the figures' cache key and their facts need; shown, they are
    ordered by ``ranked_members``."""
    return list(_groupable(partnerships).order_by("pk").values_list("pk", "revision"))


def ranked_members(partnerships) -> list[tuple]:
    """The partnerships counted, by name: (key, the rank of its theme's name
    and of its lead gemeente's name as the database sorts them), in one
    query. Only when the figures are made: sorting by both names took the
    database longer than the rest of a dashboard served from the cache."""
    return list(
        _groupable(partnerships)
        .annotate(
            theme_order=Window(DenseRank(), order_by=text_in_language("theme__name").asc()),
            lead_order=Window(DenseRank(), order_by=F("lead_municipality__name").asc()),
        )
        .order_by("name", "pk")
        .values_list("pk", "theme_order", "lead_order")
    )


def partnership_rows(ranked, known, since) -> list[dict]:
    """One row per partnership ``ranked`` (``ranked_members``), by name, from its
    facts (``known``), with the order of its theme and lead gemeente and
    ``quiet``: active (not ended), not changed since ``since`` and no
    activity dated since. A partnership removed since it was counted, or
    added since (no facts), is left out."""
    rows = []
    for pk, theme_order, lead_order in ranked:
        facts = known.get(pk)
        if facts is None:
            continue
        row = dict(zip(ROW, facts.row, strict=True))
        row["theme_order"], row["lead_order"] = theme_order, lead_order
        latest = row["latest_activity"]
        row["quiet"] = (
            row["status"] != Status.ENDED
            and row["last_activity_at"] is not None
            and row["last_activity_at"] < since
            and (latest is None or latest < since.date())
        )
        rows.append(row)
    return rows


def assessment_counts(rows, known, sees_drafts_of):
    """The assessments of the partnerships of ``rows`` that the user may see
    (``sees_drafts_of(lead gemeente)``: also those not yet finalised) per
    status, the final ones per outcome, and those waiting for review:
    (submitted, key, organisation's name, row)."""
    by_status, by_outcome, waiting = Counter(), Counter(), []
    for row in rows:
        drafts = sees_drafts_of(row["lead_municipality_id"])
        for pk, status, outcome, submitted_at, organisation in known[row["pk"]].assessments:
            if status == AssessmentStatus.FINAL:
                by_outcome[outcome] += 1
            elif not drafts:
                continue
            by_status[status] += 1
            if status == AssessmentStatus.IN_REVIEW:
                waiting.append((submitted_at, pk, organisation, row))
    return (
        [(value, label, by_status[value]) for value, label in AssessmentStatus.choices],
        [(value, label, by_outcome[value]) for value, label in Outcome.choices],
        waiting,
    )


def contribution_sums(rows, known):
    """Hours and euros per type of contribution to the partnerships of ``rows``."""
    hours, euros = Counter(), Counter()
    for row in rows:
        for kind, spent, paid in known[row["pk"]].contributions:
            hours[kind] += spent or 0
            euros[kind] += paid or 0
    return [
        (value, label, hours[value] or 0, euros[value] or 0)
        for value, label in ContributionType.choices
    ]


def _partnership(row) -> Partnership:
    """A partnership of an attention list with what the list shows (its name
    and lead gemeente); other fields load when asked for, as with ``only``."""
    partnership = record(
        Partnership,
        id=row["pk"],
        name=row["name"],
        lead_municipality_id=row["lead_municipality_id"],
    )
    partnership.lead_municipality = record(
        Municipality, id=row["lead_municipality_id"], name=row["lead_municipality__name"]
    )
    return partnership


def _first(found, order, limit, make):
    """The first ``limit`` of ``found`` in ``order``, each made into an item, and their number."""
    found.sort(key=order)
    return [make(*entry) for entry in found[:limit]], len(found)


def attention(rows, known, waiting, *, phases, limit=ATTENTION_LIMIT, urls=None):
    """What needs the user's attention: ``rows`` are the ``partnership_rows``,
    ``known`` their facts, ``waiting`` the assessments she may see that wait
    for review (``assessment_counts``), ``phases`` the names of the phases by
    key. Each list holds its first ``limit`` items (none for the PDF
    overview, which shows their numbers). ``urls``: a
    ``core.links.Addresses`` for the items' addresses."""
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

    def indicator(target_date, pk, name, row):
        item = record(Indicator, id=pk, name=name, target_date=target_date)
        item.partnership = _partnership(row)
        return item

    overdue = [
        (target_date, pk, name, row)
        for row in active
        for pk, name, target_date in known[row["pk"]].indicators
        if target_date is not None and target_date < today
    ]
    sections["indicators"] = Attention(
        gettext_lazy("Indicatoren voorbij de streefdatum zonder meting"),
        *_first(overdue, lambda entry: entry[:2], limit, indicator),
        partial(_indicator_line, urls=urls),
    )

    def agreement(_rank, pk, title, row):
        item = record(Agreement, id=pk, title=title, partnership_id=row["pk"])
        item.partnership = _partnership(row)
        item.phase_label = phases[row["phase_id"]]
        return item

    # By the partnership's name as the database sorts it (the rows' order), then by key.
    rank = {}
    for index, row in enumerate(active):
        rank.setdefault(row["name"], index)
    unsigned = [
        (rank[row["name"]], pk, title, row)
        for row in active
        if row["phase__number"] > 4
        for pk, title in known[row["pk"]].agreements
    ]
    sections["unsigned"] = Attention(
        gettext_lazy("Niet getekende afspraken terwijl de samenwerking voorbij fase 4 is"),
        *_first(unsigned, lambda entry: entry[:2], limit, agreement),
        partial(_agreement_line, urls=urls),
    )

    late = [
        (due_date, pk, what, round_id, round_title, row)
        for row in active
        for pk, what, due_date, round_id, round_title in known[row["pk"]].actions
        if due_date is not None and due_date < today
    ]
    sections["actions"] = Attention(
        gettext_lazy("Afgesproken acties uit evaluaties voorbij hun datum"),
        *_first(late, lambda entry: entry[:2], limit, follow_up.action),
        partial(follow_up.action_line, urls=urls),
    )

    def review(submitted_at, pk, organisation, row):
        item = record(Assessment, id=pk, submitted_at=submitted_at)
        item.organisation_name = organisation
        item.lead_name = row["lead_municipality__name"]
        item.waiting_days = (now - submitted_at).days if submitted_at else 0
        return item

    # The longest waiting first (one not submitted last, as PostgreSQL sorts).
    sections["review"] = Attention(
        gettext_lazy("Afwegingen die wachten op vaststelling"),
        *_first(
            waiting, lambda entry: (entry[0] is None, entry[0] or now, entry[1]), limit, review
        ),
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
    user,
    params,
    form: DashboardFilterForm | None = None,
    *,
    for_print: bool = False,
    counted: list[tuple] | None = None,
) -> Dashboard:
    """The figures for ``user`` and the filters ``params`` (or their
    ``form``). ``for_print``: for the PDF overview, which shows how many
    each list of what needs attention holds, not their items (counted, and
    no query for those waiting for review). ``counted``: the ``members``
    counted, when already read."""
    form = form or filter_form(user, params)
    filters = form.filters()
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
    partnerships = counted_partnerships(user, form)
    if counted is None:
        counted = members(partnerships)
    known = facts_of(counted)
    rows = partnership_rows(ranked_members(partnerships), known, since)
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
    # Only what the user may open: no drafts of partnerships her gemeente only takes part in.
    assessments_by_status, by_outcome, waiting = assessment_counts(
        rows, known, _drafts_seen_by(user)
    )
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
    contributions = contribution_charts(contribution_sums(rows, known), list_url)
    urls = Addresses()  # each kind of address of the lists reversed once
    limit = 0 if for_print else ATTENTION_LIMIT
    # The filters apply to everything, the assessments waiting for review too.
    attention_sections = attention(
        rows,
        known,
        waiting,
        phases={pk: f"{number}. {name}" for pk, number, name in phases},
        urls=urls,
        limit=limit,
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
            known,
            timezone.localdate(),
            # Officers of the lead gemeente start its rounds; others see them.
            lambda row: scope.can_edit_for(row["lead_municipality_id"]),
            attention_sections["actions"],
            limit=limit,
            urls=urls,
        ),
    )


def _drafts_seen_by(user) -> Callable[[int], bool]:
    """Whether ``user`` sees the assessments not yet finalised of a
    partnership led by a gemeente (its key): ``sees_drafts``, once per gemeente."""
    seen = {}

    def sees(lead: int) -> bool:
        if lead not in seen:
            seen[lead] = sees_drafts(user, Partnership(lead_municipality_id=lead))
        return seen[lead]

    return sees


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


def counted_partnerships(user, form: DashboardFilterForm):
    """The partnerships the figures count (a queryset): those the user may
    see, after the filters."""
    return filter_partnerships(Partnership.objects.visible_to(user), **form.filters())


def counted_members(user, form: DashboardFilterForm) -> list[tuple[int, int]]:
    """The ``members`` of the partnerships the figures count."""
    return members(counted_partnerships(user, form))


def figures_parts(user, form: DashboardFilterForm, counted: list[tuple] | None = None) -> list:
    """What the figures depend on besides language and day (``core.cache``):
    the state of the partnerships counted (``counted_members``, or
    ``counted`` when read already; ``revision.state_of_pairs``: a change to
    one of them or to anything they show, also to a name they show, makes a
    new key; another region's own changes do not), who counts (the scope,
    not the person) and what is filtered."""
    if counted is None:
        counted = counted_members(user, form)
    filters = sorted(
        (name, str(getattr(value, "pk", value))) for name, value in form.filters().items()
    )
    state = state_of_pairs(counted)
    return [state, scope_for(user).key, repr(filters)]


def figures_html(user, params, form: DashboardFilterForm) -> tuple[str, Dashboard | None]:
    """The dashboard's counts, charts and attention lists as HTML, from the
    cache when the data, scope, filters, language and day are the same; with
    the ``Dashboard`` when it was counted for this request (None when the
    HTML came from the cache), for whoever wants the figures themselves.
    The partnerships counted are read once, for the key and the figures."""
    counted = counted_members(user, form)
    made = []

    def make() -> str:
        made.append(build(user, params, form, counted=counted))
        return str(markup.figures_markup(made[0]))

    if counted:
        html = cache.cached("dashboard-figures", lambda: figures_parts(user, form, counted), make)
    else:
        # Nothing counted: cheap, and no revision to tell a renamed phase or
        # theme (the figures show their names), so made afresh.
        html = make()
    # Written by markup.figures_markup, which escapes what it shows.
    return mark_safe(html), (made[0] if made else None)  # noqa: S308
