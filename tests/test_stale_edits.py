"""Two people open the same edit form; both save. The first save wins; the
second is refused with who saved, when and what is stored now, and keeps
what she typed (core.concurrency). Before, the second silently reverted the
first one's change.

Each case posts what a browser sends when "Opslaan" is pressed on the page
as it was served (tests.browserless.press)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils.html import escape

from organisations.models import ContactPerson, Organisation
from partnerships.models import Activity, Agreement, Goal, Indicator, Participation, Partnership
from tests.browserless import press
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    ContactPersonFactory,
    ContributionFactory,
    GoalFactory,
    IndicatorFactory,
    OfficerFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)


@dataclass
class Case:
    """An edit form: where it is, what the first and the second person
    change, and what is stored afterwards."""

    url: str
    first: dict
    second: dict
    stored: Callable[[], str]  # the value the first one changed, as stored now
    first_value: str  # … as the first one typed it
    shown_change: str  # the line the refusal shows: "label: stored value"
    original_second: Callable[[], str]  # the field the second one changed, as stored now
    original_second_value: str


@pytest.fixture
def colleague(world):
    return OfficerFactory(
        username="pieter",
        first_name="Pieter",
        last_name="van 't Hof",
        municipality=world.municipality,
    )


@pytest.fixture
def partnership(world):
    return PartnershipFactory(name="Gezonde Kinderkeuken", lead_municipality=world.municipality)


def partnership_case(partnership):
    def stored(field):
        return lambda: getattr(Partnership.objects.get(pk=partnership.pk), field)

    return Case(
        url=reverse("partnerships:edit", args=[partnership.pk]),
        first={"name": "Gezonde Kinderkeuken Zwolle"},
        second={"societal_goal": "Mijn nieuwe maatschappelijk doel"},
        stored=stored("name"),
        first_value="Gezonde Kinderkeuken Zwolle",
        shown_change="Naam: Gezonde Kinderkeuken Zwolle",
        original_second=stored("societal_goal"),
        original_second_value=partnership.societal_goal,
    )


def goal_case(partnership):
    goal = GoalFactory(partnership=partnership, description="Eerst")

    def stored(field):
        return lambda: getattr(Goal.objects.get(pk=goal.pk), field)

    return Case(
        url=reverse("partnerships:goal_edit", args=[partnership.pk, goal.pk]),
        first={"title": "Gezond aanbod in elke kantine"},
        second={"description": "Mijn toelichting bij het doel"},
        stored=stored("title"),
        first_value="Gezond aanbod in elke kantine",
        shown_change="Doel: Gezond aanbod in elke kantine",
        original_second=stored("description"),
        original_second_value="Eerst",
    )


def indicator_case(partnership):
    indicator = IndicatorFactory(goal=GoalFactory(partnership=partnership))

    def stored(field):
        return lambda: getattr(Indicator.objects.get(pk=indicator.pk), field)

    return Case(
        url=reverse(
            "partnerships:indicator_edit", args=[partnership.pk, indicator.goal_id, indicator.pk]
        ),
        first={"name": "Aandeel groente en fruit"},
        second={"unit": "procent van het assortiment"},
        stored=stored("name"),
        first_value="Aandeel groente en fruit",
        shown_change="Indicator: Aandeel groente en fruit",
        original_second=stored("unit"),
        original_second_value="%",
    )


def agreement_case(partnership):
    agreement = AgreementFactory(partnership=partnership, money="Geen")

    def stored(field):
        return lambda: getattr(Agreement.objects.get(pk=agreement.pk), field)

    return Case(
        url=reverse("partnerships:agreement_edit", args=[partnership.pk, agreement.pk]),
        first={"title": "Convenant Gezonde Kantine"},
        second={"money": "De gemeente betaalt mijn bedrag"},
        stored=stored("title"),
        first_value="Convenant Gezonde Kantine",
        shown_change="Titel: Convenant Gezonde Kantine",
        original_second=stored("money"),
        original_second_value="Geen",
    )


def activity_case(partnership):
    activity = ActivityFactory(partnership=partnership, notes="Eerst")

    def stored(field):
        return lambda: getattr(Activity.objects.get(pk=activity.pk), field)

    return Case(
        url=reverse("partnerships:activity_edit", args=[partnership.pk, activity.pk]),
        first={"title": "Startbijeenkomst met de wethouder"},
        second={"notes": "Mijn verslag van de bijeenkomst"},
        stored=stored("title"),
        first_value="Startbijeenkomst met de wethouder",
        shown_change="Onderwerp: Startbijeenkomst met de wethouder",
        original_second=stored("notes"),
        original_second_value="Eerst",
    )


def organisation_case(partnership):
    organisation = OrganisationFactory(region=partnership.lead_municipality.region, city="Zwolle")
    contact = ContactPersonFactory(organisation=organisation, name="Anna de Vries", phone="")

    return Case(
        url=reverse("organisations:edit", args=[organisation.pk]),
        # The first changes a contact person's phone number …
        first={"contacten-0-phone": "038 123 45 67"},
        # … the second the organisation's city.
        second={"city": "Mijn plaats Kampen"},
        stored=lambda: ContactPerson.objects.get(pk=contact.pk).phone,
        first_value="038 123 45 67",
        shown_change="Contactpersonen: Anna de Vries, Manager MVO, ",
        original_second=lambda: Organisation.objects.get(pk=organisation.pk).city,
        original_second_value="Zwolle",
    )


def participation_case(partnership):
    participation = ParticipationFactory(partnership=partnership, motives_notes="Eerst")
    contribution = ContributionFactory(participation=participation, description="Twee mensen")

    return Case(
        url=reverse("partnerships:participation_edit", args=[partnership.pk, participation.pk]),
        # The first changes a contribution …
        first={"inbreng-0-description": "Drie medewerkers"},
        # … the second the motives' notes.
        second={"motives_notes": "Mijn toelichting op de motieven"},
        stored=lambda: participation.contributions.get(pk=contribution.pk).description,
        first_value="Drie medewerkers",
        shown_change="Inbreng: Mensen, Drie medewerkers",
        original_second=lambda: Participation.objects.get(pk=participation.pk).motives_notes,
        original_second_value="Eerst",
    )


CASES = {
    "partnership": partnership_case,
    "goal": goal_case,
    "indicator": indicator_case,
    "agreement": agreement_case,
    "activity": activity_case,
    "organisation": organisation_case,
    "participation": participation_case,
}


@pytest.mark.parametrize("kind", CASES)
def test_the_second_of_two_saves_is_refused_and_keeps_what_was_typed(
    world, partnership, colleague, kind
):
    case = CASES[kind](partnership)
    mine, theirs = world.client_for(world.officer), world.client_for(colleague)
    my_page = mine.get(case.url).content.decode()  # both open the form
    their_page = theirs.get(case.url).content.decode()

    response = theirs.post(*press(their_page, "Opslaan", fill=case.first, default_url=case.url))
    assert response.status_code == 302, kind
    assert case.stored() == case.first_value

    response = mine.post(*press(my_page, "Opslaan", fill=case.second, default_url=case.url))
    assert response.status_code == 409, kind
    body = response.content.decode()
    # The first one's change is kept, the second's not stored …
    assert case.stored() == case.first_value
    assert case.original_second() == case.original_second_value
    # … she is told who saved and what is stored now …
    assert f"{escape(colleague.get_full_name())} heeft dit intussen opgeslagen, op " in body
    assert escape(case.shown_change) in body, body[
        body.find("utrecht-alert--warning") : body.find("utrecht-alert--warning") + 900
    ]
    assert "Uw wijzigingen zijn niet opgeslagen." in body
    # … and what she typed is still in the form.
    typed = next(iter(case.second.values()))
    assert escape(typed) in body

    # Saving again, after reading it, keeps her change and the first one's
    # (the fields she had left alone now show what is stored).
    response = mine.post(*press(body, "Opslaan", default_url=case.url))
    assert response.status_code == 302, kind
    assert case.original_second() == typed
    assert case.stored() == case.first_value


def test_a_save_without_anyone_in_between_is_not_refused(world, partnership):
    client = world.client_for(world.officer)
    url = reverse("partnerships:edit", args=[partnership.pk])
    for name in ("Eerste naam", "Tweede naam"):
        page = client.get(url).content.decode()
        response = client.post(*press(page, "Opslaan", fill={"name": name}, default_url=url))
        assert response.status_code == 302
    stored = Partnership.objects.get(pk=partnership.pk)
    assert stored.name == "Tweede naam" and stored.version == 2


def test_the_version_is_not_in_the_audit_trail(world, partnership):
    client = world.client_for(world.officer)
    url = reverse("partnerships:edit", args=[partnership.pk])
    page = client.get(url).content.decode()
    client.post(*press(page, "Opslaan", fill={"name": "Nieuwe naam"}, default_url=url))
    record = partnership.history.first()
    assert not hasattr(record, "version")


def test_the_refusal_shows_stored_values_as_people_read_them(world, partnership, colleague):
    # A number in Dutch (and a date, a choice by its label), not as stored.
    indicator = IndicatorFactory(goal=GoalFactory(partnership=partnership))
    url = reverse(
        "partnerships:indicator_edit", args=[partnership.pk, indicator.goal_id, indicator.pk]
    )
    mine = world.client_for(world.officer)
    page = mine.get(url).content.decode()
    Indicator.objects.filter(pk=indicator.pk).update(target="1200.50", version=1)
    response = mine.post(*press(page, "Opslaan", fill={"name": "Mijn naam"}, default_url=url))
    assert response.status_code == 409
    assert "Streefwaarde: 1200,50" in response.content.decode()
