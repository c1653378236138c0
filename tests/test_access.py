"""Who sees which gemeente and region page: every persona, every rule."""

import pytest
from django.urls import reverse

from accounts.scoping import scope_for, visible_municipalities, visible_regions

# persona -> expected status for the Zwolle page and the IJsselland page
MUNICIPALITY_PAGE = {
    "officer": 200,
    "officer_same_region": 404,
    "officer_other_region": 404,
    "coordinator": 200,
    "coordinator_other_region": 404,
    "administrator": 200,
}
REGION_PAGE = {
    "officer": 404,
    "officer_same_region": 404,
    "officer_other_region": 404,
    "coordinator": 200,
    "coordinator_other_region": 404,
    "administrator": 200,
}


@pytest.mark.parametrize(("persona", "expected"), MUNICIPALITY_PAGE.items())
def test_municipality_page_is_visible_only_inside_scope(world, persona, expected):
    client = world.client_for(getattr(world, persona))
    response = client.get(reverse("regions:municipality_detail", args=[world.municipality.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert "Zwolle" in response.content.decode()


@pytest.mark.parametrize(("persona", "expected"), REGION_PAGE.items())
def test_region_page_is_visible_only_to_its_coordinator(world, persona, expected):
    client = world.client_for(getattr(world, persona))
    response = client.get(reverse("regions:region_detail", args=[world.region.pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    "url_name", ["home", "regions:municipality_detail", "regions:region_detail"]
)
def test_anonymous_user_is_sent_to_login(world, url_name, client):
    args = [] if url_name == "home" else [world.municipality.pk]
    if url_name == "regions:region_detail":
        args = [world.region.pk]
    url = reverse(url_name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_unknown_municipality_is_404_not_500(world):
    client = world.client_for(world.coordinator)
    response = client.get(reverse("regions:municipality_detail", args=[999999]))
    assert response.status_code == 404


def test_officer_start_page_shows_own_gemeente_only(world):
    response = world.client_for(world.officer).get(reverse("home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Zwolle" in body
    assert "Kampen" not in body
    assert "Tilburg" not in body


def test_coordinator_start_page_shows_her_region(world):
    response = world.client_for(world.coordinator).get(reverse("home"))
    body = response.content.decode()
    assert "Zwolle" in body and "Kampen" in body
    assert "Tilburg" not in body
    assert "GGD-coördinator" in body


def test_scope_of_each_persona(world):
    assert list(visible_municipalities(world.officer)) == [world.municipality]
    assert set(visible_municipalities(world.coordinator)) == {
        world.municipality,
        world.municipality_same_region,
    }
    assert set(visible_municipalities(world.administrator)) == {
        world.municipality,
        world.municipality_same_region,
        world.municipality_other_region,
    }
    assert list(visible_regions(world.officer)) == []
    assert list(visible_regions(world.coordinator)) == [world.region]


def test_inactive_user_sees_nothing(world):
    world.officer.is_active = False
    assert scope_for(world.officer).kind == "none"
    assert list(visible_municipalities(world.officer)) == []


def test_only_the_officer_of_a_gemeente_may_change_its_records(world):
    municipality_id = world.municipality.pk
    assert scope_for(world.officer).can_edit_for(municipality_id)
    assert not scope_for(world.officer_same_region).can_edit_for(municipality_id)
    assert not scope_for(world.coordinator).can_edit_for(municipality_id)
    assert not scope_for(world.administrator).can_edit_for(municipality_id)


def test_start_page_costs_the_same_queries_for_many_gemeenten(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import MunicipalityFactory

    client = world.client_for(world.coordinator)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    MunicipalityFactory.create_batch(30, region=world.region)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("home"))
    assert len(many) == len(few)
    assert response.content.decode().count("/gemeenten/") == 32
