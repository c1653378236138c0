"""The actions agreed on an evaluation: recorded and changed only by the lead
gemeente's officers, a stale save refused (409), overdue ones marked, shown
on the partnership's page, and counted in its revision."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Action, ActionStatus
from partnerships.models import Partnership
from tests.evaluation_helpers import closed_round
from tests.factories import ActionFactory, OfficerFactory, ParticipationFactory


@pytest.fixture
def evaluated(world):
    return closed_round(world)


@pytest.fixture
def action(world, evaluated):
    return ActionFactory(
        partnership=evaluated.partnership,
        round=evaluated.round,
        owner_user=world.officer,
        what="De regie beleggen bij één kwartiermaker.",
    )


def _post_new(client, partnership, **data):
    return client.post(reverse("evaluation:action_add", args=[partnership.pk]), data)


def test_officer_records_an_action_for_a_partner(world, evaluated):
    participation = ParticipationFactory(partnership=evaluated.partnership)
    revision = evaluated.partnership.revision
    response = _post_new(
        world.client_for(world.officer),
        evaluated.partnership,
        what="Elk kwartaal de resultaten terugkoppelen.",
        owner_participation=participation.pk,
        due_date="01-03-2027",
        status=ActionStatus.OPEN,
        round=evaluated.round.pk,
        next=reverse("evaluation:round_results", args=[evaluated.round.pk]),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:round_results", args=[evaluated.round.pk])
    action = Action.objects.get()
    assert (action.what, action.owner_participation, action.due_date, action.round) == (
        "Elk kwartaal de resultaten terugkoppelen.",
        participation,
        date(2027, 3, 1),
        evaluated.round,
    )
    assert action.created_by == world.officer
    assert action.history.first().history_user == world.officer
    # The partnership's cached figures learn of it (partnerships/revision.py).
    assert Partnership.objects.get(pk=evaluated.partnership.pk).revision > revision


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Kies wie de actie uitvoert"),
        ({"owner_user": "me", "owner_participation": "partner"}, "niet allebei"),
    ],
)
def test_an_action_needs_exactly_one_owner(world, evaluated, data, message):
    participation = ParticipationFactory(partnership=evaluated.partnership)
    values = {"me": world.officer.pk, "partner": participation.pk}
    response = _post_new(
        world.client_for(world.officer),
        evaluated.partnership,
        what="Iets doen.",
        status=ActionStatus.OPEN,
        **{key: values[value] for key, value in data.items()},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Action.objects.exists()


def test_an_owner_from_another_region_cannot_be_chosen(world, evaluated):
    response = _post_new(
        world.client_for(world.officer),
        evaluated.partnership,
        what="Iets doen.",
        status=ActionStatus.OPEN,
        owner_user=world.officer_other_region.pk,
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Action.objects.exists()


def test_too_long_text_is_refused_with_a_message(world, evaluated):
    response = _post_new(
        world.client_for(world.officer),
        evaluated.partnership,
        what="x" * 501,
        status=ActionStatus.OPEN,
        owner_user=world.officer.pk,
    )
    assert response.status_code == 200
    assert "niet meer dan 500 tekens" in response.content.decode()


def test_a_stale_edit_is_refused_with_409_and_keeps_what_was_typed(world, action):
    client = world.client_for(world.officer)
    url = reverse("evaluation:action_edit", args=[action.pk])
    form = client.get(url).context["form"]
    opened = {"version": action.version, "opened": form["opened"].value()}
    # Someone else changes the status meanwhile.
    other = world.client_for(
        OfficerFactory(municipality=world.municipality, first_name="Karin", last_name="Smit")
    )
    other.post(
        url,
        {
            **opened,
            "what": action.what,
            "owner_user": world.officer.pk,
            "status": ActionStatus.IN_PROGRESS,
        },
    )
    response = client.post(
        url,
        {
            **opened,
            "what": "Mijn nieuwe tekst.",
            "owner_user": world.officer.pk,
            "status": ActionStatus.OPEN,
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Karin Smit heeft dit intussen opgeslagen" in html
    assert "Mijn nieuwe tekst." in html
    action.refresh_from_db()
    assert action.what == "De regie beleggen bij één kwartiermaker."
    assert action.status == ActionStatus.IN_PROGRESS


def test_status_changes_from_the_list_and_a_stale_one_is_refused(world, action):
    client = world.client_for(world.officer)
    url = reverse("evaluation:action_status", args=[action.pk])
    results = reverse("evaluation:round_results", args=[action.round.pk])
    page = client.get(results)
    status_form = page.context["actions"][0].status_form
    sent = {"version": action.version, "opened": status_form["opened"].value(), "next": results}
    response = client.post(url, {**sent, "status": ActionStatus.DONE})
    assert response.status_code == 302
    assert response["Location"] == results
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    # The same (old) form once more: refused, nothing changed.
    response = client.post(url, {**sent, "status": ActionStatus.DROPPED})
    assert response.status_code == 409
    assert "heeft dit intussen opgeslagen" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_next_outside_the_portal_is_ignored(world, action):
    response = world.client_for(world.officer).post(
        reverse("evaluation:action_status", args=[action.pk]),
        {"version": action.version, "status": ActionStatus.DONE, "next": "https://example.org/"},
    )
    assert response["Location"] == reverse("evaluation:actions", args=[action.partnership_id])


def test_readers_in_scope_may_not_change_actions(world, action):
    action.partnership.participating_municipalities.add(world.municipality_same_region)
    for user in (world.coordinator, world.officer_same_region, world.administrator):
        client = world.client_for(user)
        assert (
            client.get(reverse("evaluation:actions", args=[action.partnership_id])).status_code
            == 200
        )
        assert client.get(reverse("evaluation:action_edit", args=[action.pk])).status_code == 403
        assert (
            client.get(reverse("evaluation:action_add", args=[action.partnership_id])).status_code
            == 403
        )
        response = client.post(
            reverse("evaluation:action_status", args=[action.pk]),
            {"version": action.version, "status": ActionStatus.DONE},
        )
        assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


@pytest.mark.parametrize(
    "persona", ["officer_same_region", "officer_other_region", "coordinator_other_region"]
)
def test_outsider_gets_404(world, action, persona):
    client = world.client_for(getattr(world, persona))
    for url in (
        reverse("evaluation:actions", args=[action.partnership_id]),
        reverse("evaluation:action_add", args=[action.partnership_id]),
        reverse("evaluation:action_edit", args=[action.pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("evaluation:action_status", args=[action.pk]),
        {"version": action.version, "status": ActionStatus.DONE},
    )
    assert response.status_code == 404


def test_overdue_actions_are_marked_on_the_partnership_page(world, evaluated):
    yesterday = timezone.localdate() - timedelta(days=1)
    ActionFactory(partnership=evaluated.partnership, what="Te laat en open.", due_date=yesterday)
    ActionFactory(
        partnership=evaluated.partnership,
        what="Te laat maar gereed.",
        due_date=yesterday,
        status=ActionStatus.DONE,
    )
    ActionFactory(
        partnership=evaluated.partnership,
        what="Op tijd.",
        due_date=timezone.localdate() + timedelta(days=30),
        owner_user=world.officer,
    )
    response = world.client_for(world.coordinator).get(evaluated.partnership.get_absolute_url())
    html = response.content.decode()
    assert "Afgesproken acties" in html
    assert "1 actie is te laat." in html
    assert "Te laat en open." in html
    assert "Op tijd." in html
    assert "Te laat maar gereed." not in html  # finished: on the list of all actions only
    assert "Actie vastleggen" not in html  # a coordinator reads
    everything = world.client_for(world.coordinator).get(
        reverse("evaluation:actions", args=[evaluated.partnership.pk])
    )
    assert "Te laat maar gereed." in everything.content.decode()
    assert [a.overdue for a in everything.context["actions"]] == [True, False, False]


# 1 session, 2 user, 3 the partnership, 4 its actions (owner, partner, round
# joined), 5 the versions' fingerprints need nothing more, 5-7 savepoint,
# session update, release.
ACTION_LIST_QUERIES = 7


def test_action_list_costs_the_same_queries_for_1_and_20_actions(
    world, evaluated, django_assert_num_queries
):
    participation = ParticipationFactory(partnership=evaluated.partnership)
    ActionFactory(partnership=evaluated.partnership, owner_participation=participation)
    client = world.client_for(world.officer)
    url = reverse("evaluation:actions", args=[evaluated.partnership.pk])
    client.get(url)
    with django_assert_num_queries(ACTION_LIST_QUERIES):
        client.get(url)
    ActionFactory.create_batch(
        19, partnership=evaluated.partnership, owner_participation=participation
    )
    with django_assert_num_queries(ACTION_LIST_QUERIES):
        response = client.get(url)
    assert len(response.context["actions"]) == 20
