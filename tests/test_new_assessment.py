"""“Nieuwe afweging” under Afwegingen (issue 15, item 5): choose the
partnership, then the partner; only what the officer may start an
assessment for is offered, anything else is a 403 or a 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment
from partnerships.models import ParticipationStatus
from tests.factories import OrganisationFactory, ParticipationFactory, PartnershipFactory

NEW = reverse("assessment:new")


@pytest.fixture
def partnership(world):
    return PartnershipFactory(
        name="Gezonde Kinderkeuken Zwolle", lead_municipality=world.municipality
    )


@pytest.fixture
def partner(partnership, world):
    return ParticipationFactory(
        partnership=partnership,
        organisation=OrganisationFactory(
            region=world.region, name="Versmarkt Zwolle-Zuid", city="Zwolle"
        ),
    )


def _step_two(partnership):
    return f"{NEW}?samenwerking={partnership.pk}"


def test_the_assessment_list_leads_an_officer_to_nieuwe_afweging(world):
    officer = world.client_for(world.officer).get(reverse("assessment:list")).content.decode()
    assert f'href="{NEW}"' in officer and "Nieuwe afweging" in officer
    coordinator = world.client_for(world.coordinator).get(reverse("assessment:list"))
    assert f'href="{NEW}"' not in coordinator.content.decode()


def test_step_one_offers_only_the_partnerships_she_may_start_an_assessment_for(world, partnership):
    ended = PartnershipFactory(
        name="Afgesloten Zwolle", lead_municipality=world.municipality, closed_at=timezone.now()
    )
    taking_part = PartnershipFactory(
        name="Kampen trekt",
        lead_municipality=world.municipality_same_region,
        participating_municipalities=[world.municipality],
    )
    foreign = PartnershipFactory(
        name="Tilburg trekt", lead_municipality=world.municipality_other_region
    )
    response = world.client_for(world.officer).get(NEW)
    assert response.status_code == 200
    offered = [p.name for p in response.context["choice"].partnerships]
    assert offered == ["Gezonde Kinderkeuken Zwolle"]
    body = response.content.decode()
    for other in (ended, taking_part, foreign):
        assert other.name not in body


def test_step_one_sent_without_a_choice_says_so(world, partnership):
    response = world.client_for(world.officer).get(NEW, {"samenwerking": ""})
    assert response.status_code == 200
    assert "Kies de samenwerking." in response.content.decode()


def test_step_two_lists_the_partners_with_sector_and_status_then_starts(
    world, partnership, partner
):
    ParticipationFactory(
        partnership=partnership,
        organisation=OrganisationFactory(region=world.region, name="Teruggetrokken BV"),
        status=ParticipationStatus.WITHDRAWN,
    )
    client = world.client_for(world.officer)
    response = client.get(_step_two(partnership))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Versmarkt Zwolle-Zuid · Bedrijf · Actief" in body
    assert "Teruggetrokken BV" not in body
    response = client.post(_step_two(partnership), {"participation": partner.pk, "kind": "nieuw"})
    created = Assessment.objects.get(participation=partner)
    assert created.author == world.officer
    assert response["Location"] == reverse("assessment:theme", args=[created.pk, "A"])


def test_step_two_without_a_partner_is_refused_with_a_message(world, partnership, partner):
    response = world.client_for(world.officer).post(_step_two(partnership), {"kind": "nieuw"})
    assert response.status_code == 200
    assert "Kies de partner die u wilt afwegen." in response.content.decode()
    assert not Assessment.objects.exists()


def test_a_partnership_without_partners_points_to_adding_one(world, partnership):
    body = world.client_for(world.officer).get(_step_two(partnership)).content.decode()
    assert reverse("partnerships:participation_add", args=[partnership.pk]) in body


def test_a_partner_of_another_partnership_cannot_be_started_here(world, partnership, partner):
    other = ParticipationFactory(partnership__lead_municipality=world.municipality).partnership
    response = world.client_for(world.officer).post(
        _step_two(other), {"participation": partner.pk, "kind": "nieuw"}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("officer", 200),
        ("officer_same_region", 404),
        ("officer_other_region", 404),
        ("coordinator", 403),  # reviews assessments, does not start them
        ("coordinator_other_region", 403),
        ("administrator", 403),
    ],
)
def test_who_may_start_an_assessment_for_the_partnership(
    world, partnership, partner, persona, expected
):
    client = world.client_for(getattr(world, persona))
    assert client.get(_step_two(partnership)).status_code == expected
    response = client.post(_step_two(partnership), {"participation": partner.pk, "kind": "nieuw"})
    assert response.status_code == (302 if expected == 200 else expected)
    assert Assessment.objects.exists() == (expected == 200)


def test_a_participating_gemeente_may_not_start_one(world, partner, partnership):
    partnership.participating_municipalities.set([world.municipality_same_region])
    client = world.client_for(world.officer_same_region)
    assert client.get(_step_two(partnership)).status_code == 403
    assert client.post(_step_two(partnership), {"participation": partner.pk}).status_code == 403


def test_an_ended_partnership_is_refused(world, partnership, partner):
    partnership.closed_at = timezone.now()
    partnership.save()
    assert world.client_for(world.officer).get(_step_two(partnership)).status_code == 403


@pytest.mark.parametrize("garbage", ["abc", "0", "-3", "99999999999999999999999", "１２"])
def test_garbage_partnership_is_a_404(world, garbage):
    assert world.client_for(world.officer).get(NEW, {"samenwerking": garbage}).status_code == 404


def test_a_post_without_partnership_is_refused(world, partnership):
    assert world.client_for(world.officer).post(NEW, {"kind": "nieuw"}).status_code == 403


def test_anonymous_goes_to_login(client):
    assert client.get(NEW).status_code == 302


def test_step_two_costs_the_same_queries_for_few_and_many_partners(world, partnership, partner):
    client = world.client_for(world.officer)
    client.get(_step_two(partnership))
    with CaptureQueriesContext(connection) as few:
        client.get(_step_two(partnership))
    for _ in range(15):
        ParticipationFactory(partnership=partnership)
    # The session, the user, the partnership, its partners with their
    # organisations; the session's idle time saved (savepoint, update, release).
    with CaptureQueriesContext(connection) as many:
        client.get(_step_two(partnership))
    assert len(many) == len(few) == 7, [q["sql"][:60] for q in many.captured_queries]
