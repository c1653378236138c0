"""The list of partnerships, a partnership's page, creating and editing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from partnerships.models import ParticipationStatus, Partnership, PhaseTransition, Status
from partnerships.summary import contribution_totals, indicator_progress
from tests.factories import (
    ContributionFactory,
    IndicatorFactory,
    MeasurementFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    ThemeFactory,
)


@pytest.fixture
def partnerships(world):
    """One partnership per gemeente, and one of Kampen in which Zwolle takes part."""
    return {
        "zwolle": PartnershipFactory(
            name="Gezonde Kinderkeuken", lead_municipality=world.municipality
        ),
        "kampen": PartnershipFactory(
            name="Gezond Werken Kampen", lead_municipality=world.municipality_same_region
        ),
        "kampen_with_zwolle": PartnershipFactory(
            name="Rookvrije Generatie",
            lead_municipality=world.municipality_same_region,
            participating_municipalities=[world.municipality],
        ),
        "tilburg": PartnershipFactory(
            name="Mentaal Fit Tilburg", lead_municipality=world.municipality_other_region
        ),
    }


VISIBLE = {
    "officer": {"Gezonde Kinderkeuken", "Rookvrije Generatie"},
    "officer_same_region": {"Gezond Werken Kampen", "Rookvrije Generatie"},
    "coordinator": {"Gezonde Kinderkeuken", "Gezond Werken Kampen", "Rookvrije Generatie"},
    "coordinator_other_region": {"Mentaal Fit Tilburg"},
    "administrator": {
        "Gezonde Kinderkeuken",
        "Gezond Werken Kampen",
        "Rookvrije Generatie",
        "Mentaal Fit Tilburg",
    },
}


@pytest.mark.parametrize(("persona", "names"), VISIBLE.items())
def test_list_shows_exactly_what_the_persona_may_see(world, partnerships, persona, names):
    response = world.client_for(getattr(world, persona)).get(reverse("partnerships:list"))
    shown = {p.name for p in response.context["page"].object_list}
    assert shown == names
    # Each row links to its own partnership's page (the rows are written in
    # Python, every link from one reversed address).
    html = response.content.decode()
    for partnership in partnerships.values():
        link = f'href="{partnership.get_absolute_url()}"'
        assert (link in html) == (partnership.name in names)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("officer", 200),
        ("officer_same_region", 404),
        ("officer_other_region", 404),
        ("coordinator", 200),
        ("coordinator_other_region", 404),
        ("administrator", 200),
    ],
)
def test_partnership_page_access(world, partnerships, persona, expected):
    url = reverse("partnerships:detail", args=[partnerships["zwolle"].pk])
    assert world.client_for(getattr(world, persona)).get(url).status_code == expected


def test_participating_gemeente_sees_but_cannot_edit(world, partnerships):
    client = world.client_for(world.officer)
    partnership = partnerships["kampen_with_zwolle"]
    page = client.get(reverse("partnerships:detail", args=[partnership.pk]))
    assert page.status_code == 200
    assert not page.context["can_edit"]
    assert client.get(reverse("partnerships:edit", args=[partnership.pk])).status_code == 403


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("officer", 200), ("coordinator", 403), ("officer_same_region", 404), ("administrator", 403)],
)
def test_edit_page_access(world, partnerships, persona, expected):
    url = reverse("partnerships:edit", args=[partnerships["zwolle"].pk])
    assert world.client_for(getattr(world, persona)).get(url).status_code == expected


@pytest.mark.parametrize("url_name", ["partnerships:list", "partnerships:create"])
def test_anonymous_is_sent_to_login(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_officer_creates_a_partnership_in_phase_one(world):
    theme = ThemeFactory(name="Bewegen")
    client = world.client_for(world.officer)
    response = client.post(
        reverse("partnerships:create"),
        {
            "name": "Beweegcoalitie Zwolle",
            "theme": theme.pk,
            "societal_goal": "Meer Zwollenaren bewegen dagelijks.",
            "participating_municipalities": [world.municipality_same_region.pk],
            "function": "ontwikkelen",
            "organisational_form": "netwerk",
            "start_date": "2026-12-01",
            "planned_end_date": "2028-12-01",
        },
    )
    partnership = Partnership.objects.get(name="Beweegcoalitie Zwolle")
    assert response.status_code == 302
    assert response["Location"] == partnership.get_absolute_url()
    assert partnership.lead_municipality == world.municipality
    assert partnership.phase.number == 1
    assert partnership.status == Status.ACTIVE
    assert partnership.created_by == world.officer
    assert list(partnership.participating_municipalities.all()) == [world.municipality_same_region]
    transition = PhaseTransition.objects.get(partnership=partnership)
    assert transition.from_phase is None and transition.moved_by == world.officer
    assert partnership.history.first().history_user == world.officer


def test_create_with_bad_input_keeps_it_and_explains_in_dutch(world):
    ThemeFactory()
    client = world.client_for(world.officer)
    response = client.post(
        reverse("partnerships:create"),
        {
            "name": "Halve invoer",
            "societal_goal": "",
            "organisational_form": "anders",
            "start_date": "2027-01-01",
            "planned_end_date": "2026-01-01",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert not Partnership.objects.filter(name="Halve invoer").exists()
    assert 'value="Halve invoer"' in body
    assert "Dit veld is verplicht." in body
    assert "De geplande einddatum ligt vóór de startdatum." in body
    assert "Beschrijf de organisatievorm die u kiest." in body


def test_participating_gemeenten_are_limited_to_the_region(world):
    ThemeFactory()
    client = world.client_for(world.officer)
    form = client.get(reverse("partnerships:create")).context["form"]
    choices = set(form.fields["participating_municipalities"].queryset)
    assert choices == {world.municipality_same_region}


@pytest.mark.parametrize("persona", ["coordinator", "administrator"])
def test_only_officers_create_partnerships(world, persona):
    response = world.client_for(getattr(world, persona)).get(reverse("partnerships:create"))
    assert response.status_code == 403


def test_edit_changes_status_and_records_history(world, partnerships):
    partnership = partnerships["zwolle"]
    client = world.client_for(world.officer)
    response = client.post(
        reverse("partnerships:edit", args=[partnership.pk]),
        {
            "name": partnership.name,
            "theme": partnership.theme_id,
            "societal_goal": partnership.societal_goal,
            "function": "inkoop",
            "organisational_form": "convenant",
            "status": Status.PAUSED,
        },
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == Status.PAUSED
    latest = partnership.history.first()
    assert latest.history_user == world.officer and latest.status == Status.PAUSED


def test_search_and_filters(world, partnerships):
    client = world.client_for(world.coordinator)
    url = reverse("partnerships:list")
    found = lambda **q: {p.name for p in client.get(url, q).context["page"].object_list}  # noqa: E731
    assert found(q="kinderkeuken") == {"Gezonde Kinderkeuken"}
    assert found(municipality=world.municipality.pk) == {
        "Gezonde Kinderkeuken",
        "Rookvrije Generatie",
    }
    partnerships["kampen"].status = Status.ENDED
    partnerships["kampen"].save()
    assert found(status=Status.ENDED) == {"Gezond Werken Kampen"}


def test_filter_on_another_regions_gemeente_is_refused_not_leaked(world, partnerships):
    client = world.client_for(world.coordinator)
    response = client.get(
        reverse("partnerships:list"), {"municipality": world.municipality_other_region.pk}
    )
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert "Mentaal Fit Tilburg" not in response.content.decode()


def _make_partnerships(world, count):
    for _index in range(count):
        partnership = PartnershipFactory(lead_municipality=world.municipality)
        ParticipationFactory.create_batch(2, partnership=partnership)


@pytest.mark.slow
def test_list_costs_the_same_queries_for_5_and_500_partnerships(world, django_assert_num_queries):
    client = world.client_for(world.officer)
    url = reverse("partnerships:list")
    _make_partnerships(world, 5)
    client.get(url)  # warm up (session, content types)
    # 1 session, 2 user, 3 page of partnerships with their count (theme, phase,
    # gemeente joined, the partners of each counted), 4 the filters' choices
    # (themes, phases, gemeenten for both taking part and leading: one prepared
    # query), 5-7 savepoint, session update, release
    with django_assert_num_queries(7):
        client.get(url)
    _make_partnerships(world, 495)
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.context["page"].paginator.count == 500
    assert all(p.partner_count == 2 for p in response.context["page"].object_list)


def test_list_counts_the_partners_that_have_not_withdrawn(world):
    partnership = PartnershipFactory(
        lead_municipality=world.municipality,
        participating_municipalities=[world.municipality_same_region],
    )
    ParticipationFactory.create_batch(3, partnership=partnership)
    ParticipationFactory(partnership=partnership, status=ParticipationStatus.WITHDRAWN)
    without = PartnershipFactory(lead_municipality=world.municipality)
    client = world.client_for(world.coordinator)

    def counts(**query):
        rows = client.get(reverse("partnerships:list"), query).context["page"].object_list
        return {p.pk: p.partner_count for p in rows}

    assert counts() == {partnership.pk: 3, without.pk: 0}
    # Filtered on a gemeente taking part (a join, made distinct): counted once.
    assert counts(municipality=world.municipality_same_region.pk) == {partnership.pk: 3}


# A partnership's page, gathered afresh on every visit (nothing of it is cached;
# its queries are compiled once per process, core.prepared):
# 1 session, 2 user, 3 the partnership (theme, phase, gemeente joined), 4 all
# its lists in one UNION ALL (partnerships.detail: partners, their
# assessments and contributions, goals with their indicators and latest
# measurements, the checklist of its phase, the phases, participating
# gemeenten, agreements, the last activities), 5 recent changes (one UNION
# over the history tables), 6 decisions and lessons (phase 7, the decisions
# app's tag: one UNION ALL), 7 the "Evaluatie" section (evaluation's tag: its
# latest rounds and unfinished actions, one UNION ALL), 8-10 savepoint,
# session update, release.
DETAIL_QUERIES = 10


def test_detail_costs_the_same_queries_for_small_and_large_partnerships(
    world, django_assert_num_queries
):
    small = PartnershipFactory(lead_municipality=world.municipality)
    ContributionFactory(participation__partnership=small)
    MeasurementFactory(indicator__goal__partnership=small)
    large = PartnershipFactory(lead_municipality=world.municipality)
    _make_partnerships(world, 30)  # other partnerships in the database cost nothing
    for _ in range(15):
        participation = ParticipationFactory(partnership=large)
        ContributionFactory.create_batch(2, participation=participation)
    for _ in range(5):
        MeasurementFactory.create_batch(1, indicator=IndicatorFactory(goal__partnership=large))
    client = world.client_for(world.officer)
    client.get(small.get_absolute_url())
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(small.get_absolute_url())
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(large.get_absolute_url())
    assert response.context["too_many_private_partners"]
    assert "meer dan 10 private partners" in response.content.decode()


def test_warning_counts_only_active_private_partners(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    ParticipationFactory.create_batch(10, partnership=partnership)
    ParticipationFactory(partnership=partnership, status=ParticipationStatus.WITHDRAWN)
    ParticipationFactory(
        partnership=partnership,
        organisation=OrganisationFactory(region=world.region, sector="kennisinstelling"),
    )
    response = world.client_for(world.officer).get(partnership.get_absolute_url())
    assert not response.context["too_many_private_partners"]


def test_contribution_totals_add_up_per_type(db):
    class C:  # plain objects: the function needs no database
        def __init__(self, type, hours=None, euros=None):
            self.type, self.hours, self.euros = type, hours, euros

    totals = contribution_totals(
        [
            C("geld", euros=Decimal(1000)),
            C("geld", euros=Decimal(500)),
            C("mensen", hours=Decimal(8)),
            C("mensen", hours=Decimal("4.5")),
        ]
    )
    assert [(t.type, t.hours, t.euros, t.count) for t in totals] == [
        ("mensen", Decimal("12.5"), 0, 2),
        ("geld", 0, 1500, 2),
    ]


@pytest.mark.parametrize(
    ("baseline", "target", "value", "percent"),
    [(20, 60, 40, 50), (20, 60, 80, 100), (20, 60, 10, 0), (30, 10, 20, 50), (5, 5, 5, 100)],
)
def test_indicator_progress_toward_the_target(baseline, target, value, percent):
    from datetime import date
    from types import SimpleNamespace as NS

    indicator = NS(baseline=baseline, target=target)
    progress = indicator_progress(indicator, [NS(measured_on=date(2026, 1, 1), value=value, pk=1)])
    assert progress.percent == percent
    assert progress.reached == (percent == 100)
    assert indicator_progress(indicator, []).percent is None


def test_list_pages_count_their_rows_and_a_page_past_the_end_is_the_last(world):
    _make_partnerships(world, 27)
    client = world.client_for(world.officer)
    url = reverse("partnerships:list")
    for asked, shown, rows in (("2", 2, 2), ("99", 2, 2), ("0", 2, 2), ("x", 1, 25), ("", 1, 25)):
        page = client.get(url, {"pagina": asked}).context["page"]
        assert (page.number, len(page.object_list), page.paginator.count) == (shown, rows, 27)
    assert client.get(url, {"q": "niets dat zo heet"}).context["page"].paginator.count == 0
