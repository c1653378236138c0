"""Goals on three levels, indicators and measurements: access, forms, the
page with its progress, and a fixed number of queries."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.models import Goal, GoalLevel, Indicator, Measurement
from tests.factories import (
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    ParticipationFactory,
    PartnershipFactory,
)

OUTSIDERS = ("officer_same_region", "officer_other_region", "coordinator_other_region")
VIEWERS = ("coordinator", "administrator")


@pytest.fixture
def partnership(world):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken",
        lead_municipality=world.municipality,
        societal_goal="Alle Zwolse kinderen eten gezond.",
    )
    participation = ParticipationFactory(
        partnership=partnership, organisation__name="Supermarkt De Hoek"
    )
    GoalFactory(partnership=partnership, level=GoalLevel.SOCIETAL, title="Minder overgewicht")
    goal = GoalFactory(partnership=partnership, title="Gezonder aanbod in de kantine")
    GoalFactory(
        partnership=partnership,
        level=GoalLevel.PARTNER,
        participation=participation,
        title="Meer omzet groente",
    )
    indicator = IndicatorFactory(goal=goal)
    MeasurementFactory(indicator=indicator, measured_on=date(2026, 6, 30), value=35)
    return partnership


def goal_of(partnership):
    return partnership.goals.get(level=GoalLevel.JOINT)


def edit_urls(p):
    goal = goal_of(p)
    indicator = goal.indicators.get()
    measurement = indicator.measurements.get()
    return [
        reverse("partnerships:goal_add", args=[p.pk]),
        reverse("partnerships:goal_edit", args=[p.pk, goal.pk]),
        reverse("partnerships:goal_delete", args=[p.pk, goal.pk]),
        reverse("partnerships:indicator_add", args=[p.pk, goal.pk]),
        reverse("partnerships:indicator_edit", args=[p.pk, goal.pk, indicator.pk]),
        reverse("partnerships:indicator_delete", args=[p.pk, goal.pk, indicator.pk]),
        reverse("partnerships:measurement_add", args=[p.pk, indicator.pk]),
        reverse("partnerships:measurement_delete", args=[p.pk, measurement.pk]),
    ]


def goals_url(p):
    return reverse("partnerships:goals", args=[p.pk])


# --- Access ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ("officer", *VIEWERS))
def test_those_who_may_see_the_partnership_see_its_goals(world, partnership, persona):
    response = world.client_for(getattr(world, persona)).get(goals_url(partnership))
    assert response.status_code == 200
    assert "Gezonder aanbod in de kantine" in response.content.decode()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsider_gets_404_on_every_goal_page(world, partnership, persona):
    client = world.client_for(getattr(world, persona))
    for url in [goals_url(partnership), *edit_urls(partnership)]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "X"}).status_code == 404, url


@pytest.mark.parametrize("persona", VIEWERS)
def test_coordinator_and_administrator_get_403_on_changes(world, partnership, persona):
    client = world.client_for(getattr(world, persona))
    for url in edit_urls(partnership):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "X"}).status_code == 403, url
    assert Goal.objects.filter(partnership=partnership).count() == 3
    assert Measurement.objects.filter(indicator__goal__partnership=partnership).count() == 1


def test_anonymous_user_is_sent_to_login(client, partnership):
    for url in [goals_url(partnership), *edit_urls(partnership)]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            "/accounts/login/"
        ), url


def test_viewers_see_no_edit_links(world, partnership):
    page = world.client_for(world.coordinator).get(goals_url(partnership)).content.decode()
    assert "Doel toevoegen" not in page and "Meting vastleggen" not in page
    page = world.client_for(world.officer).get(goals_url(partnership)).content.decode()
    assert "Doel toevoegen" in page and "Meting vastleggen" in page


def test_records_of_another_partnership_are_not_reachable_through_mine(world, partnership):
    other = PartnershipFactory(lead_municipality=world.municipality)
    measurement = MeasurementFactory(indicator__goal__partnership=other)
    indicator = measurement.indicator
    goal = indicator.goal
    client = world.client_for(world.officer)
    p = partnership.pk
    for url in [
        reverse("partnerships:goal_edit", args=[p, goal.pk]),
        reverse("partnerships:goal_delete", args=[p, goal.pk]),
        reverse("partnerships:indicator_add", args=[p, goal.pk]),
        reverse("partnerships:indicator_edit", args=[p, goal.pk, indicator.pk]),
        reverse("partnerships:indicator_delete", args=[p, goal.pk, indicator.pk]),
        reverse("partnerships:measurement_add", args=[p, indicator.pk]),
        reverse("partnerships:measurement_delete", args=[p, measurement.pk]),
    ]:
        assert client.post(url).status_code == 404, url
    assert Measurement.objects.filter(pk=measurement.pk).exists()


# --- The page ---------------------------------------------------------------------------


def test_goals_are_grouped_by_level_with_the_societal_goal_first(world, partnership):
    page = world.client_for(world.officer).get(goals_url(partnership)).content.decode()
    order = [
        "Maatschappelijk doel",
        "Alle Zwolse kinderen eten gezond.",
        "Minder overgewicht",
        "Gezamenlijke doelen",
        "Gezonder aanbod in de kantine",
        "Doelen per partner",
        "Supermarkt De Hoek",
        "Meer omzet groente",
    ]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)


def test_indicator_shows_its_measurements_and_progress(world, partnership):
    page = world.client_for(world.coordinator).get(goals_url(partnership)).content.decode()
    # baseline 20, target 60, latest 35: 37.5% rounds to 38
    assert '<progress max="100" value="38"' in page
    assert "38% van de weg van nulmeting naar streefwaarde." in page
    assert "30 juni 2026" in page
    assert "style=" not in page


def test_indicator_past_its_target_date_without_reaching_it_is_marked(world, partnership):
    indicator = goal_of(partnership).indicators.get()
    indicator.target_date = date.today() - timedelta(days=1)
    indicator.save()
    page = world.client_for(world.officer).get(goals_url(partnership)).content.decode()
    assert "Streefdatum verstreken zonder dat de streefwaarde is bereikt." in page


def test_reached_indicator_is_not_marked_as_overdue(world, partnership):
    indicator = IndicatorFactory(
        goal=goal_of(partnership), baseline=50, target=30, target_date=date(2026, 1, 1)
    )
    MeasurementFactory(indicator=indicator, measured_on=date(2025, 12, 1), value=25)
    page = world.client_for(world.officer).get(goals_url(partnership)).content.decode()
    assert "Streefwaarde bereikt." in page
    assert page.count("Streefdatum verstreken") == 0


def test_page_costs_the_same_queries_with_many_goals(world, django_assert_num_queries):
    few = PartnershipFactory(lead_municipality=world.municipality)
    MeasurementFactory(indicator__goal__partnership=few)
    many = PartnershipFactory(lead_municipality=world.municipality)
    for _ in range(4):
        participation = ParticipationFactory(partnership=many)
        GoalFactory(partnership=many, level=GoalLevel.PARTNER, participation=participation)
    for level in (GoalLevel.SOCIETAL, GoalLevel.JOINT):
        for goal in GoalFactory.create_batch(3, partnership=many, level=level):
            for indicator in IndicatorFactory.create_batch(2, goal=goal):
                for day in range(1, 4):
                    MeasurementFactory(indicator=indicator, measured_on=date(2026, 5, day))
    client = world.client_for(world.officer)
    client.get(goals_url(few))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(goals_url(few)).status_code == 200
    with django_assert_num_queries(len(queries)):
        response = client.get(goals_url(many))
    assert response.status_code == 200


# --- Goals ------------------------------------------------------------------------------


def test_officer_adds_a_joint_goal(world, partnership):
    response = world.client_for(world.officer).post(
        reverse("partnerships:goal_add", args=[partnership.pk]),
        {"level": "gezamenlijk", "title": "Water op school", "description": "Waterkranen"},
    )
    assert response.status_code == 302 and response["Location"] == goals_url(partnership)
    assert Goal.objects.get(title="Water op school").partnership == partnership


def test_goal_level_offers_the_three_levels_without_an_empty_option(world, partnership):
    html = (
        world.client_for(world.officer)
        .get(reverse("partnerships:goal_add", args=[partnership.pk]))
        .content.decode()
    )
    levels = re.findall(r'<input[^>]*type="radio"[^>]*name="level"[^>]*value="([^"]*)"', html)
    assert levels == [value for value, _ in GoalLevel.choices]
    assert "---------" not in html


def test_goal_without_a_level_is_refused_in_dutch(world, partnership):
    response = world.client_for(world.officer).post(
        reverse("partnerships:goal_add", args=[partnership.pk]), {"title": "Water op school"}
    )
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()
    assert not Goal.objects.filter(title="Water op school").exists()


def test_partner_goal_without_a_partner_is_refused_and_keeps_input(world, partnership):
    response = world.client_for(world.officer).post(
        reverse("partnerships:goal_add", args=[partnership.pk]),
        {"level": "partner", "title": "Meer verkoop fruit"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kies de partner bij wie dit doel hoort." in body
    assert 'value="Meer verkoop fruit"' in body
    assert not Goal.objects.filter(title="Meer verkoop fruit").exists()


def test_joint_goal_with_a_partner_is_refused(world, partnership):
    participation = partnership.participations.get()
    response = world.client_for(world.officer).post(
        reverse("partnerships:goal_add", args=[partnership.pk]),
        {"level": "gezamenlijk", "participation": participation.pk, "title": "Samen sterk"},
    )
    assert response.status_code == 200
    assert "Alleen een doel van een partner hoort bij een partner." in response.content.decode()
    assert not Goal.objects.filter(title="Samen sterk").exists()


def test_partner_of_another_partnership_cannot_be_chosen(world, partnership):
    # a partner of another partnership of the same gemeente
    foreign = ParticipationFactory(
        partnership=PartnershipFactory(lead_municipality=world.municipality)
    )
    response = world.client_for(world.officer).post(
        reverse("partnerships:goal_add", args=[partnership.pk]),
        {"level": "partner", "participation": foreign.pk, "title": "Stiekem"},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Goal.objects.filter(title="Stiekem").exists()


def test_empty_goal_form_gives_dutch_errors(world, partnership):
    response = world.client_for(world.officer).post(
        reverse("partnerships:goal_add", args=[partnership.pk]), {}
    )
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.content.decode()


def test_add_link_preselects_the_partner(world, partnership):
    participation = partnership.participations.get()
    url = reverse("partnerships:goal_add", args=[partnership.pk])
    response = world.client_for(world.officer).get(
        f"{url}?niveau=partner&partner={participation.pk}"
    )
    form = response.context["form"]
    assert form.initial == {"level": "partner", "participation": participation.pk}


def test_officer_edits_and_deletes_a_goal(world, partnership):
    client = world.client_for(world.officer)
    goal = goal_of(partnership)
    response = client.post(
        reverse("partnerships:goal_edit", args=[partnership.pk, goal.pk]),
        {"level": "gezamenlijk", "title": "Gezond aanbod in alle kantines"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Gezond aanbod in alle kantines"
    url = reverse("partnerships:goal_delete", args=[partnership.pk, goal.pk])
    assert "Gezond aanbod in alle kantines" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert not Indicator.objects.filter(goal_id=goal.pk).exists()


# --- Indicators -------------------------------------------------------------------------


def test_indicator_needs_a_target_date_and_keeps_input(world, partnership):
    goal = goal_of(partnership)
    response = world.client_for(world.officer).post(
        reverse("partnerships:indicator_add", args=[partnership.pk, goal.pk]),
        {"name": "Kinderen die water drinken", "unit": "%", "baseline": "10", "target": "50"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in body
    assert 'value="Kinderen die water drinken"' in body
    assert not Indicator.objects.filter(name="Kinderen die water drinken").exists()


def test_indicator_with_a_non_number_gets_a_dutch_error(world, partnership):
    goal = goal_of(partnership)
    response = world.client_for(world.officer).post(
        reverse("partnerships:indicator_add", args=[partnership.pk, goal.pk]),
        {
            "name": "Fruit",
            "unit": "stuks",
            "baseline": "veel",
            "target": "50",
            "target_date": "2027-06-30",
        },
    )
    assert response.status_code == 200
    assert "Vul een getal in zoals 1.200,50." in response.content.decode()


def test_officer_adds_edits_and_deletes_an_indicator(world, partnership):
    client = world.client_for(world.officer)
    goal = goal_of(partnership)
    data = {
        "name": "Rokers",
        "unit": "%",
        "baseline": "20",
        "target": "20",  # a target equal to the baseline is allowed
        "target_date": "2028-01-01",
    }
    url = reverse("partnerships:indicator_add", args=[partnership.pk, goal.pk])
    assert client.post(url, data).status_code == 302
    indicator = Indicator.objects.get(name="Rokers")
    assert indicator.goal == goal
    edit = reverse("partnerships:indicator_edit", args=[partnership.pk, goal.pk, indicator.pk])
    assert client.post(edit, {**data, "target": "12,5"}).status_code == 302  # Dutch comma
    indicator.refresh_from_db()
    assert str(indicator.target) == "12.50"
    delete = reverse("partnerships:indicator_delete", args=[partnership.pk, goal.pk, indicator.pk])
    assert client.post(delete).status_code == 302
    assert not Indicator.objects.filter(pk=indicator.pk).exists()


# --- Measurements -----------------------------------------------------------------------


def test_one_measurement_per_indicator_per_day(world, partnership):
    indicator = goal_of(partnership).indicators.get()
    client = world.client_for(world.officer)
    url = reverse("partnerships:measurement_add", args=[partnership.pk, indicator.pk])
    assert client.post(url, {"measured_on": "2026-09-30", "value": "40"}).status_code == 302
    response = client.post(url, {"measured_on": "2026-09-30", "value": "41", "note": "Telling"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Voor deze datum is al een meting vastgelegd." in body
    assert 'value="41"' in body and 'value="Telling"' in body
    assert indicator.measurements.count() == 2
    page = client.get(goals_url(partnership)).content.decode()
    assert "50% van de weg van nulmeting naar streefwaarde." in page


def test_measurement_in_the_future_is_refused(world, partnership):
    indicator = goal_of(partnership).indicators.get()
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    response = world.client_for(world.officer).post(
        reverse("partnerships:measurement_add", args=[partnership.pk, indicator.pk]),
        {"measured_on": tomorrow, "value": "40"},
    )
    assert response.status_code == 200
    assert "Een meting kan niet in de toekomst liggen." in response.content.decode()


def test_officer_deletes_a_measurement(world, partnership):
    measurement = Measurement.objects.get(indicator__goal__partnership=partnership)
    client = world.client_for(world.officer)
    url = reverse("partnerships:measurement_delete", args=[partnership.pk, measurement.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == goals_url(partnership)
    assert not Measurement.objects.filter(pk=measurement.pk).exists()
