"""The activity log with the audit trail: access, the form, pagination and a
fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.forms.activities import one_year_after
from partnerships.models import Activity
from tests.factories import ActivityFactory, OfficerFactory, PartnershipFactory

OUTSIDERS = ("officer_same_region", "officer_other_region", "coordinator_other_region")
VIEWERS = ("coordinator", "administrator")


@pytest.fixture
def partnership(world):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken", lead_municipality=world.municipality
    )
    ActivityFactory(
        partnership=partnership,
        title="Startbijeenkomst",
        date=date(2026, 3, 12),
        participants="Wethouder, De Hoek",
        notes="Kennismaking en planning",
    )
    return partnership


def list_url(p):
    return reverse("partnerships:activities", args=[p.pk])


def add_url(p):
    return reverse("partnerships:activity_add", args=[p.pk])


def edit_urls(p):
    activity = p.activities.get(title="Startbijeenkomst")
    return [
        add_url(p),
        reverse("partnerships:activity_edit", args=[p.pk, activity.pk]),
        reverse("partnerships:activity_delete", args=[p.pk, activity.pk]),
    ]


def valid(**extra):
    return {"kind": "werkbezoek", "date": "2026-10-01", "title": "Werkbezoek wethouder", **extra}


# --- Access ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ("officer", *VIEWERS))
def test_those_who_may_see_the_partnership_see_its_activities(world, partnership, persona):
    response = world.client_for(getattr(world, persona)).get(list_url(partnership))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Startbijeenkomst" in body and "Wethouder, De Hoek" in body
    assert "Kennismaking en planning" in body


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsider_gets_404_on_every_activity_page(world, partnership, persona):
    client = world.client_for(getattr(world, persona))
    for url in [list_url(partnership), *edit_urls(partnership)]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, valid()).status_code == 404, url


@pytest.mark.parametrize("persona", VIEWERS)
def test_coordinator_and_administrator_get_403_on_changes(world, partnership, persona):
    client = world.client_for(getattr(world, persona))
    for url in edit_urls(partnership):
        assert client.get(url).status_code == 403, url
        assert client.post(url, valid()).status_code == 403, url
    assert list(partnership.activities.values_list("title", flat=True)) == ["Startbijeenkomst"]


def test_anonymous_user_is_sent_to_login(client, partnership):
    for url in [list_url(partnership), *edit_urls(partnership)]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            "/accounts/login/"
        ), url


def test_viewers_see_no_edit_links(world, partnership):
    response = world.client_for(world.coordinator).get(list_url(partnership))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Activiteit vastleggen" not in page and "Bewerken" not in page


def test_activity_of_another_partnership_is_not_reachable_through_mine(world, partnership):
    foreign = ActivityFactory(partnership=PartnershipFactory(lead_municipality=world.municipality))
    client = world.client_for(world.officer)
    for name in ("activity_edit", "activity_delete"):
        url = reverse(f"partnerships:{name}", args=[partnership.pk, foreign.pk])
        assert client.post(url, valid()).status_code == 404
    assert Activity.objects.filter(pk=foreign.pk, title="Startbijeenkomst").exists()


# --- The page ---------------------------------------------------------------------------


def test_activities_are_shown_newest_first_twenty_a_page(world, partnership):
    for day in range(1, 25):
        ActivityFactory(partnership=partnership, date=date(2026, 1, day), title=f"Overleg {day}")
    client = world.client_for(world.officer)
    page = client.get(list_url(partnership))
    titles = [a.title for a in page.context["page"].object_list]
    assert len(titles) == 20
    assert titles[:3] == ["Startbijeenkomst", "Overleg 24", "Overleg 23"]
    assert "Pagina 1 van 2" in page.content.decode()
    second = client.get(list_url(partnership), {"pagina": 2})
    assert [a.title for a in second.context["page"].object_list][-1] == "Overleg 1"
    assert client.get(list_url(partnership), {"pagina": "onzin"}).status_code == 200


def test_page_shows_the_audit_trail_with_who_changed_what(world, partnership):
    world.officer.first_name, world.officer.last_name = "Sanne", "de Vries"
    world.officer.save()
    client = world.client_for(world.officer)
    assert client.post(add_url(partnership), valid()).status_code == 302
    page = client.get(list_url(partnership)).content.decode()
    assert "Recente wijzigingen" in page
    assert "Activiteit aangemaakt: “Werkbezoek wethouder” door Sanne de Vries" in page
    assert "style=" not in page


def test_page_costs_the_same_queries_with_many_activities(world, django_assert_num_queries):
    few = PartnershipFactory(lead_municipality=world.municipality)
    ActivityFactory(partnership=few, created_by=world.officer)
    many = PartnershipFactory(lead_municipality=world.municipality)
    for day in range(1, 29):
        activity = ActivityFactory(
            partnership=many, date=date(2026, 2, day), created_by=world.officer
        )
        activity.title = f"Bijgewerkt {day}"
        activity.save()  # more history rows too
    client = world.client_for(world.officer)
    client.get(list_url(few))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(list_url(few)).status_code == 200
    with django_assert_num_queries(len(queries)):
        response = client.get(list_url(many))
    assert len(response.context["page"].object_list) == 20


# --- The form ---------------------------------------------------------------------------


def test_officer_logs_an_activity_and_is_recorded_as_its_author(world, partnership):
    response = world.client_for(world.officer).post(
        add_url(partnership), valid(participants="Wethouder", notes="Rondleiding keuken")
    )
    assert response.status_code == 302 and response["Location"] == list_url(partnership)
    activity = Activity.objects.get(title="Werkbezoek wethouder")
    assert activity.partnership == partnership
    assert activity.created_by == world.officer
    assert activity.notes == "Rondleiding keuken"


def test_editing_keeps_the_original_author(world, partnership):
    activity = partnership.activities.get()
    activity.created_by = world.officer
    activity.save()
    colleague = OfficerFactory(municipality=world.municipality)
    url = reverse("partnerships:activity_edit", args=[partnership.pk, activity.pk])
    response = world.client_for(colleague).post(url, valid(title="Startbijeenkomst (verslag)"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Startbijeenkomst (verslag)"
    assert activity.created_by == world.officer


def test_date_more_than_a_year_ahead_is_refused_and_input_kept(world, partnership):
    too_late = (one_year_after(date.today()) + timedelta(days=2)).isoformat()
    response = world.client_for(world.officer).post(
        add_url(partnership), valid(date=too_late, title="Ooit", notes="Misschien")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kies een datum binnen een jaar vanaf vandaag." in body
    assert 'value="Ooit"' in body and "Misschien" in body
    assert not Activity.objects.filter(title="Ooit").exists()


def test_date_within_a_year_is_accepted(world, partnership):
    soon = (date.today() + timedelta(days=300)).isoformat()
    response = world.client_for(world.officer).post(add_url(partnership), valid(date=soon))
    assert response.status_code == 302


def test_one_year_after_handles_leap_days():
    assert one_year_after(date(2028, 2, 29)) == date(2029, 2, 28)
    assert one_year_after(date(2026, 11, 23)) == date(2027, 11, 23)


def test_missing_fields_give_dutch_errors(world, partnership):
    response = world.client_for(world.officer).post(
        add_url(partnership), {"kind": "overleg", "participants": "Iedereen"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in body and "Iedereen" in body


def test_officer_deletes_an_activity(world, partnership):
    activity = partnership.activities.get()
    url = reverse("partnerships:activity_delete", args=[partnership.pk, activity.pk])
    client = world.client_for(world.officer)
    assert "Startbijeenkomst" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    page = client.get(list_url(partnership)).content.decode()
    assert "Activiteit verwijderd: “Startbijeenkomst”" in page


def test_audit_feed_merges_all_parts_newest_first(world, partnership):
    from partnerships.audit import recent_changes
    from tests.factories import ParticipationFactory

    participation = ParticipationFactory(partnership=partnership)
    participation.contributions.create(type="kennis", description="Twee diëtisten")
    ActivityFactory(partnership=partnership, title="Kennismaking")
    other = PartnershipFactory(lead_municipality=partnership.lead_municipality)
    ActivityFactory(partnership=other, title="Elders")

    changes = recent_changes(partnership)
    labels = [(c.what, c.label) for c in changes]
    assert labels[:3] == [
        ("activiteit", "Kennismaking"),
        ("inbreng", "Twee diëtisten"),
        ("deelname", participation.organisation.name),
    ]
    assert ("samenwerking", partnership.name) in labels
    assert all(label != "Elders" for _what, label in labels)
    assert [c.date for c in changes] == sorted((c.date for c in changes), reverse=True)
