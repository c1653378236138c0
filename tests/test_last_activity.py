"""'Geen activiteit of wijziging in de laatste 90 dagen' tells the truth.

The cache counter (``Partnership.revision``, partnerships.revision) goes up with
every change to anything a partnership shows, including the shared partner
organisation and its contact persons. The dashboard's attention item counts
only real changes to the partnership's own work (``last_activity_at``): a
partner organisation that edits its phone number has not worked on the
partnership."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships import phases as phase_rules
from partnerships.models import ChecklistTick, Partnership
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    ContactPersonFactory,
    ContributionFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    phase,
)

LONG_AGO = timedelta(days=120)


@pytest.fixture
def quiet(world):
    """A partnership of Zwolle with a partner and its contact, last worked on
    120 days ago."""
    partnership = PartnershipFactory(
        name="Stille samenwerking", lead_municipality=world.municipality
    )
    organisation = OrganisationFactory(region=world.region, name="Bakkerij Brood & Co")
    ContactPersonFactory(organisation=organisation, name="Esther Koops", phone="038-1234567")
    ParticipationFactory(partnership=partnership, organisation=organisation)
    goal = GoalFactory(partnership=partnership)
    IndicatorFactory(goal=goal)
    make_quiet(partnership)
    return partnership


def make_quiet(partnership):
    long_ago = timezone.now() - LONG_AGO
    Partnership.objects.filter(pk=partnership.pk).update(
        updated_at=long_ago, last_activity_at=long_ago
    )


def stale_items(world) -> list:
    response = world.client_for(world.coordinator).get(reverse("home"))
    return response.context["dashboard"].attention["stale"].items


def test_a_quiet_partnership_needs_attention(world, quiet):
    assert stale_items(world) == [quiet]


def _edit_contact_phone(p):
    contact = p.participations.get().organisation.contacts.get()
    contact.phone = "06-12345678"
    contact.save()


def _rename_organisation(p):
    organisation = p.participations.get().organisation
    organisation.name = "Bakkerij Zuid"
    organisation.save()


def _add_contact(p):
    ContactPersonFactory(organisation=p.participations.get().organisation)


def _delete_contact(p):
    p.participations.get().organisation.contacts.get().delete()


SHARED_CHANGES = {
    "contact's phone edited": _edit_contact_phone,
    "contact added": _add_contact,
    "contact removed": _delete_contact,
    "organisation renamed": _rename_organisation,
}


@pytest.mark.parametrize("change", SHARED_CHANGES, ids=list(SHARED_CHANGES))
def test_a_change_to_the_shared_partner_organisation_is_no_activity(world, quiet, change):
    before = Partnership.objects.get(pk=quiet.pk)
    SHARED_CHANGES[change](quiet)
    after = Partnership.objects.get(pk=quiet.pk)
    assert after.updated_at == before.updated_at
    assert after.last_activity_at == before.last_activity_at
    assert stale_items(world) == [quiet], "still without activity for 90 days"


def test_an_assessment_in_another_partnership_is_no_activity_here(world, quiet):
    from assessment import workflow

    organisation = quiet.participations.get().organisation
    elsewhere = ParticipationFactory(
        partnership=PartnershipFactory(lead_municipality=world.municipality),
        organisation=organisation,
    )
    workflow.start(elsewhere, world.officer)
    assert quiet in stale_items(world)


def _tick(p):
    item = p.phase.checklist_items.first()
    ChecklistTick.objects.create(partnership=p, item=item, ticked_by=None)


OWN_WORK = {
    "partnership edited": lambda p: Partnership.objects.get(pk=p.pk).save(),
    "activity logged (of long ago)": lambda p: ActivityFactory(
        partnership=p, date=date.today() - LONG_AGO
    ),
    "goal added": lambda p: GoalFactory(partnership=p, title="Meer bewegen"),
    "measurement recorded": lambda p: MeasurementFactory(
        indicator=p.goals.get().indicators.get(), value=47
    ),
    "agreement added": lambda p: AgreementFactory(partnership=p),
    "partner added": lambda p: ParticipationFactory(partnership=p),
    "contribution added": lambda p: ContributionFactory(participation=p.participations.get()),
    "checklist ticked": _tick,
    "gemeente joins": lambda p: p.participating_municipalities.add(_kampen()),
}


def _kampen():
    from regions.models import Municipality

    return Municipality.objects.get(name="Kampen")


@pytest.mark.parametrize("change", OWN_WORK, ids=list(OWN_WORK))
def test_work_on_the_partnership_counts_as_activity(world, quiet, change):
    OWN_WORK[change](quiet)
    assert quiet not in stale_items(world)
    assert Partnership.objects.get(pk=quiet.pk).last_activity_at > timezone.now() - timedelta(
        minutes=1
    )


def test_a_phase_move_counts_as_activity(world, quiet):
    phase_rules.move(quiet, phase(2), world.officer, reason="We zijn verder dan de checklist zegt.")
    assert quiet not in stale_items(world)


@pytest.mark.usefixtures("cache_on")
def test_a_renamed_partner_shows_at_once_in_the_cached_export(world, quiet):
    """The cache counter still goes up for a shared record the export shows,
    without it counting as activity."""
    client = world.client_for(world.coordinator)
    url = reverse("dashboard:export_csv")
    assert "Bakkerij Brood & Co" in client.get(url).content.decode("utf-8-sig")
    _rename_organisation(quiet)
    assert "Bakkerij Zuid" in client.get(url).content.decode("utf-8-sig")
    assert stale_items(world) == [quiet]


def test_the_organisation_page_shows_the_new_phone_number(world, quiet):
    organisation = quiet.participations.get().organisation
    client = world.client_for(world.officer)
    assert "038-1234567" in client.get(organisation.get_absolute_url()).content.decode()
    _edit_contact_phone(quiet)
    assert "06-12345678" in client.get(organisation.get_absolute_url()).content.decode()
