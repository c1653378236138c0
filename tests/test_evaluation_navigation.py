"""The evaluation as one feature: the round page leads to its results, open
answers, report and trend, and the results back; closing asks to confirm
first; a named round's answers per person only for the lead gemeente's
officers; the partnership page's Evaluatie section (rounds and actions) in
one query."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from evaluation.models import ActionStatus, EvaluationRound
from tests.evaluation_helpers import closed_round
from tests.factories import (
    ActionFactory,
    EvaluationRoundFactory,
    MeasurementFactory,
    ParticipationFactory,
    PartnershipFactory,
    PublicRespondentFactory,
)
from tests.test_partnerships import DETAIL_QUERIES


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_closed_round_page_links_to_results_answers_report_trend_and_actions(world):
    evaluated = closed_round(world)
    pk, partnership = evaluated.round.pk, evaluated.partnership
    for user in (world.officer, world.coordinator):
        html = _html(world.client_for(user), reverse("evaluation:round", args=[pk]))
        for url in (
            reverse("evaluation:round_results", args=[pk]),
            reverse("evaluation:open_answers", args=[pk]),
            reverse("evaluation:report_pdf", args=[pk]),
            reverse("evaluation:trend", args=[partnership.pk]),
            reverse("evaluation:actions", args=[partnership.pk]),
        ):
            assert f'href="{url}"' in html
        assert "Uitkomsten en acties" in html


def test_open_round_links_to_provisional_results_for_the_lead_only(world):
    evaluation_round = EvaluationRoundFactory(
        partnership=PartnershipFactory(lead_municipality=world.municipality)
    )
    results_url = reverse("evaluation:round_results", args=[evaluation_round.pk])
    report_url = reverse("evaluation:report_pdf", args=[evaluation_round.pk])
    lead = _html(
        world.client_for(world.officer), reverse("evaluation:round", args=[evaluation_round.pk])
    )
    assert f'href="{results_url}"' in lead and "Voorlopige uitkomsten" in lead
    assert report_url not in lead  # the report exists once the round is closed
    reader = _html(
        world.client_for(world.coordinator), reverse("evaluation:round", args=[evaluation_round.pk])
    )
    assert results_url not in reader
    assert "zodra de ronde is gesloten" in reader


def test_results_lead_back_to_the_round_and_to_recording_an_action(world):
    evaluated = closed_round(world)
    html = _html(
        world.client_for(world.officer),
        reverse("evaluation:round_results", args=[evaluated.round.pk]),
    )
    assert f'href="{reverse("evaluation:round", args=[evaluated.round.pk])}"' in html
    add = reverse("evaluation:action_add", args=[evaluated.partnership.pk])
    assert f'href="{add}?ronde={evaluated.round.pk}' in html
    answers = _html(
        world.client_for(world.officer),
        reverse("evaluation:open_answers", args=[evaluated.round.pk]),
    )
    assert f'href="{reverse("evaluation:round", args=[evaluated.round.pk])}"' in answers


# --- Closing asks to confirm ------------------------------------------------------


def test_closing_asks_to_confirm_first_and_changes_nothing_until_then(world):
    evaluation_round = EvaluationRoundFactory(
        partnership=PartnershipFactory(lead_municipality=world.municipality)
    )
    PublicRespondentFactory(round=evaluation_round)
    client = world.client_for(world.officer)
    close_url = reverse("evaluation:round_close", args=[evaluation_round.pk])
    page = _html(client, reverse("evaluation:round", args=[evaluation_round.pk]))
    assert f'href="{close_url}"' in page  # a link to the confirmation, not a form that closes
    confirm = _html(client, close_url)
    assert "Sluiten is definitief." in confirm
    assert "0 van 1 uitgenodigde persoon heeft afgerond." in confirm
    assert f'action="{close_url}"' in confirm
    assert EvaluationRound.objects.get().is_open
    response = client.post(close_url)
    assert response.status_code == 302
    assert EvaluationRound.objects.get().is_closed
    # Once closed, the confirmation page sends back to the round.
    assert client.get(close_url)["Location"] == reverse(
        "evaluation:round", args=[evaluation_round.pk]
    )


@pytest.mark.parametrize(
    ("persona", "status"), [("coordinator", 403), ("officer_other_region", 404)]
)
def test_only_the_lead_gets_the_confirmation(world, persona, status):
    evaluation_round = EvaluationRoundFactory(
        partnership=PartnershipFactory(lead_municipality=world.municipality)
    )
    client = world.client_for(getattr(world, persona))
    assert (
        client.get(reverse("evaluation:round_close", args=[evaluation_round.pk])).status_code
        == status
    )


# --- A named round ------------------------------------------------------------------


def test_named_round_shows_persons_only_to_the_lead_gemeente(world):
    evaluated = closed_round(world, named=True)
    evaluated.partnership.participating_municipalities.add(world.municipality_same_region)
    urls = (
        reverse("evaluation:round_results", args=[evaluated.round.pk]),
        reverse("evaluation:open_answers", args=[evaluated.round.pk]),
    )
    for url in urls:
        lead = _html(world.client_for(world.officer), url)
        assert "Piet Bakker" in lead and "Anna Visser" in lead
    for user in (world.coordinator, world.officer_same_region):
        for url in urls:
            html = _html(world.client_for(user), url)
            assert "Piet Bakker" not in html and "Anna Visser" not in html
            assert "ziet alleen de trekkende gemeente" in html
        assert "Per persoon" not in _html(world.client_for(user), urls[0])


# --- The partnership page's Evaluatie section --------------------------------------


def test_partnership_page_shows_rounds_and_actions_as_one_section(world):
    evaluated = closed_round(world)
    partnership = evaluated.partnership
    yesterday = timezone.localdate() - timedelta(days=1)
    ActionFactory(
        partnership=partnership,
        round=evaluated.round,
        what="Te laat en open.",
        due_date=yesterday,
        owner_participation=ParticipationFactory(partnership=partnership),
    )
    ActionFactory(
        partnership=partnership, what="Zonder ronde.", due_date=None, owner_user=world.officer
    )
    ActionFactory(partnership=partnership, what="Al gereed.", status=ActionStatus.DONE)
    response = world.client_for(world.officer).get(partnership.get_absolute_url())
    html = response.content.decode()
    section = html.split('aria-labelledby="evaluatie-kop"', 1)[1].split("</section>", 1)[0]
    assert evaluated.round.title in section
    assert reverse("evaluation:round_results", args=[evaluated.round.pk]) in section
    assert "Te laat en open." in section and "Zonder ronde." in section
    assert "Al gereed." not in section
    assert "1 actie is te laat." in section
    assert f"naar aanleiding van {evaluated.round.title}" in section
    assert escape(world.officer.get_full_name()) in section
    # An officer changes an action's status from here (the form carries its version).
    assert 'name="version"' in section
    assert "Actie vastleggen" in section and "Nieuwe evaluatieronde" in section


def test_partnership_page_costs_the_same_with_rounds_and_actions(world, django_assert_num_queries):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    MeasurementFactory(indicator__goal__partnership=partnership)  # as in DETAIL_QUERIES
    for _ in range(5):
        evaluated = closed_round(world, partnership=partnership)
        participation = ParticipationFactory(partnership=partnership)
        ActionFactory(
            partnership=partnership, round=evaluated.round, owner_participation=participation
        )
        ActionFactory(partnership=partnership, owner_user=world.officer)
    client = world.client_for(world.officer)
    client.get(partnership.get_absolute_url())
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(partnership.get_absolute_url())
    html = response.content.decode()
    section = html.split('aria-labelledby="evaluatie-kop"', 1)[1].split("</section>", 1)[0]
    assert section.count('href="/evaluaties/') >= 3
    assert section.count('name="version"') == 10
