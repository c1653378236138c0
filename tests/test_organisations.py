"""The partner register: per region, KvK checks, contacts as personal data."""

import pytest
from django.urls import reverse

from organisations.models import ContactPerson, Organisation
from tests.factories import (
    ContactPersonFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)


@pytest.fixture
def organisation(world):
    return OrganisationFactory(
        region=world.region, name="Versmarkt Zwolle-Zuid", kvk_number="40059123"
    )


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("officer", 200),
        ("officer_same_region", 200),
        ("coordinator", 200),
        ("administrator", 200),
        ("officer_other_region", 404),
        ("coordinator_other_region", 404),
    ],
)
def test_register_is_shared_within_the_region_only(world, organisation, persona, expected):
    client = world.client_for(getattr(world, persona))
    assert (
        client.get(reverse("organisations:detail", args=[organisation.pk])).status_code == expected
    )
    listed = client.get(reverse("organisations:list")).context["page"].object_list
    assert (organisation in listed) == (expected == 200)


def test_anonymous_goes_to_login(client, organisation):
    assert client.get(reverse("organisations:list")).status_code == 302


def _form(**overrides):
    data = {
        "name": "Bakkerij Koornmarkt",
        "sector": "bedrijf",
        "kvk_number": "12345678",
        "postal_code": "8261ab",
        "city": "Kampen",
        "contacten-TOTAL_FORMS": 1,
        "contacten-INITIAL_FORMS": 0,
        "contacten-0-name": "Esther Koops",
        "contacten-0-role": "Eigenaar",
        "contacten-0-email": "esther@example.nl",
    }
    return data | overrides


def test_officer_adds_an_organisation_with_a_contact(world):
    client = world.client_for(world.officer)
    response = client.post(reverse("organisations:create"), _form())
    organisation = Organisation.objects.get(name="Bakkerij Koornmarkt")
    assert response.status_code == 302
    assert organisation.region == world.region
    assert organisation.postal_code == "8261 AB"
    assert organisation.contacts.get().email == "esther@example.nl"


@pytest.mark.parametrize("kvk", ["1234567", "1234567a", "12 34567", "123456789", "1234-5678"])
def test_kvk_number_must_be_eight_digits(world, kvk):
    response = world.client_for(world.officer).post(
        reverse("organisations:create"), _form(kvk_number=kvk)
    )
    assert response.status_code == 200
    assert "Een KvK-nummer bestaat uit precies 8 cijfers" in response.content.decode()
    assert f'value="{kvk}"' in response.content.decode()


def test_kvk_number_is_unique_within_the_region_but_not_across(world, organisation):
    client = world.client_for(world.officer_same_region)
    response = client.post(
        reverse("organisations:create"), _form(kvk_number=organisation.kvk_number)
    )
    assert response.status_code == 200
    assert "Er staat al een organisatie met dit KvK-nummer" in response.content.decode()
    other = world.client_for(world.officer_other_region)
    assert (
        other.post(
            reverse("organisations:create"), _form(kvk_number=organisation.kvk_number)
        ).status_code
        == 302
    )


def test_organisation_page_lists_only_partnerships_the_user_may_see(world, organisation):
    mine = PartnershipFactory(name="Zwolse kinderkeuken", lead_municipality=world.municipality)
    theirs = PartnershipFactory(
        name="Kamper convenant", lead_municipality=world.municipality_same_region
    )
    ParticipationFactory(partnership=mine, organisation=organisation)
    ParticipationFactory(partnership=theirs, organisation=organisation)
    url = reverse("organisations:detail", args=[organisation.pk])
    officer_page = world.client_for(world.officer).get(url).content.decode()
    assert "Zwolse kinderkeuken" in officer_page and "Kamper convenant" not in officer_page
    coordinator_page = world.client_for(world.coordinator).get(url).content.decode()
    assert "Zwolse kinderkeuken" in coordinator_page and "Kamper convenant" in coordinator_page


def test_removing_a_contact_erases_its_history(world, organisation):
    contact = ContactPersonFactory(organisation=organisation, name="Marieke Dijkstra")
    contact.phone = "038 123 45 67"
    contact.save()
    assert ContactPerson.history.filter(id=contact.pk).count() == 2
    client = world.client_for(world.officer)
    response = client.post(
        reverse("organisations:edit", args=[organisation.pk]),
        _form(
            name=organisation.name,
            kvk_number=organisation.kvk_number,
            **{
                "contacten-TOTAL_FORMS": 1,
                "contacten-INITIAL_FORMS": 1,
                "contacten-0-id": contact.pk,
                "contacten-0-name": contact.name,
                "contacten-0-DELETE": "on",
            },
        ),
    )
    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=contact.pk).exists()
    assert not ContactPerson.history.filter(id=contact.pk).exists()


def test_register_list_costs_the_same_queries_for_few_and_many(world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client_for(world.officer)
    OrganisationFactory.create_batch(3, region=world.region)
    client.get(reverse("organisations:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("organisations:list"))
    for organisation in OrganisationFactory.create_batch(40, region=world.region):
        ParticipationFactory(
            organisation=organisation, partnership__lead_municipality=world.municipality
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("organisations:list"))
    assert len(many) == len(few)
    assert response.context["page"].paginator.count == 43


def test_next_after_creating_an_organisation_must_stay_on_this_site(world):
    client = world.client_for(world.officer)
    response = client.post(
        reverse("organisations:create") + "?next=https://evil.example/",
        _form(next="https://evil.example/"),
    )
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")
