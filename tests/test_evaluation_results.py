"""A round's results page, its open answers and the trend: content, who
sees what (personas), and query counts that do not grow with the round."""

import pytest
from django.urls import reverse

from evaluation import results as evaluation
from evaluation.models import EvaluationRound, RoundStatus
from tests.evaluation_helpers import PARTNER_CONTACTS, closed_round
from tests.factories import (
    OfficerFactory,
    PartnershipFactory,
    SmallInstrumentPartnerRespondentFactory,
    SmallInstrumentPublicRespondentFactory,
    answer_round,
)


@pytest.fixture
def evaluated(world):
    return closed_round(world)


def _urls(evaluated):
    round_pk, partnership_pk = evaluated.round.pk, evaluated.partnership.pk
    return [
        reverse("evaluation:round_results", args=[round_pk]),
        reverse("evaluation:open_answers", args=[round_pk]),
        reverse("evaluation:trend", args=[partnership_pk]),
        reverse("evaluation:report_pdf", args=[round_pk]),
        reverse("evaluation:report_html", args=[round_pk]),
        reverse("evaluation:actions", args=[partnership_pk]),
    ]


# --- The numbers -------------------------------------------------------------------


def test_round_results_gives_means_per_side_and_highlights_regie(evaluated):
    result = evaluation.round_results(evaluated.round)
    regie = result.categories[1]
    assert (str(regie.public.value), str(regie.private.value), str(regie.difference)) == (
        "4.3",
        "2.5",
        "-1.8",
    )
    assert [c.code for c in result.highlighted] == ["B", "C"]
    assert [(s.asked, s.answered, s.shown) for s in result.sides] == [(2, 2, True), (2, 2, True)]
    # Two partner organisations of one respondent each: merged into the private side.
    assert [side for side, _label in result.merged_groups] == ["privaat", "privaat"]
    assert [(g.side, g.respondents) for g in result.groups] == [("publiek", 2)]


def test_round_results_takes_a_fixed_number_of_queries(world, evaluated, django_assert_num_queries):
    round = EvaluationRound.objects.select_related("instrument").get(pk=evaluated.round.pk)
    # 1 categories, 2 their statements, 3 open questions, 4 answers to
    # statements, 5 open answers, 6 respondents (user, contact, groups joined).
    with django_assert_num_queries(6):
        evaluation.round_results(round)
    for _ in range(5):
        answer_round(SmallInstrumentPartnerRespondentFactory(round=round), {"A1": 3, "B1": 1})
    with django_assert_num_queries(6):
        evaluation.round_results(round)


# --- The results page --------------------------------------------------------------


def test_results_page_shows_means_bands_difference_radar_and_spread(world, evaluated):
    response = world.client_for(world.officer).get(
        reverse("evaluation:round_results", args=[evaluated.round.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Leiderschap en regie" in html
    assert "4,3" in html and "2,5" in html
    assert "−1,8" in html
    assert "opvallend" in html
    assert "Waar de kanten verschillen" in html
    assert "(zorg)" in html and "(sterk)" in html
    # The radar chart: an accessible SVG with its numbers in a table beside it.
    assert 'role="img"' in html
    assert '<title id="radar-title">' in html
    assert '<desc id="radar-desc">' in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Spreiding per stelling" in html
    assert "Voorlopig" not in html
    # Unnamed: no respondent's name on the page.
    for name in PARTNER_CONTACTS + ("Anna Visser", "Bert Mulder"):
        assert name not in html


def test_named_round_shows_every_person(world):
    evaluated = closed_round(world, named=True)
    html = (
        world.client_for(world.officer)
        .get(reverse("evaluation:round_results", args=[evaluated.round.pk]))
        .content.decode()
    )
    assert "Per persoon" in html
    assert "Piet Bakker" in html and "Anna Visser" in html


def test_a_side_of_one_respondent_is_not_shown(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    evaluated = closed_round(world, partnership=partnership)
    # Only one partner answered in this round.
    evaluated.respondents[3].answers.all().delete()
    evaluated.respondents[3].open_answers.all().delete()
    result = evaluation.round_results(evaluated.round)
    assert not result.side_count("privaat").shown
    assert all(c.private.value is None for c in result.categories)
    html = (
        world.client_for(world.officer)
        .get(reverse("evaluation:round_results", args=[evaluated.round.pk]))
        .content.decode()
    )
    assert "te weinig om apart te tonen" in html


def test_open_round_is_provisional_for_the_lead_officer_only(world):
    evaluated = closed_round(world, status=RoundStatus.OPEN)
    url = reverse("evaluation:round_results", args=[evaluated.round.pk])
    html = world.client_for(world.officer).get(url).content.decode()
    assert "Voorlopig." in html
    assert "2,5" in html
    response = world.client_for(world.coordinator).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "zodra de ronde is gesloten" in html
    assert "2,5" not in html
    assert "Spreiding per stelling" not in html
    # No report of an open round for anyone.
    for user in (world.officer, world.coordinator):
        pdf = reverse("evaluation:report_pdf", args=[evaluated.round.pk])
        assert world.client_for(user).get(pdf).status_code == 404


def test_open_answers_grouped_per_question_and_side_without_names(world, evaluated):
    response = world.client_for(world.coordinator).get(
        reverse("evaluation:open_answers", args=[evaluated.round.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wat gaat goed?" in html
    assert "Het overleg loopt goed." in html
    assert "Besluiten sneller nemen." in html
    assert "Publieke kant" in html and "Private kant" in html
    for name in PARTNER_CONTACTS + ("Anna Visser",):
        assert name not in html


def test_trend_shows_the_closed_rounds_side_by_side(world, evaluated):
    later = closed_round(world, partnership=evaluated.partnership, title="Evaluatie 2027")
    later.round.period_end = later.round.period_end.replace(year=2027)
    later.round.period_start = later.round.period_start.replace(year=2027)
    later.round.save()
    closed_round(
        world, partnership=evaluated.partnership, status=RoundStatus.OPEN, title="Nog open"
    )
    response = world.client_for(world.coordinator).get(
        reverse("evaluation:trend", args=[evaluated.partnership.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert [r.title for r in response.context["rounds"]] == [
        evaluated.round.title,
        "Evaluatie 2027",
    ]
    assert "Nog open" not in html
    assert len(response.context["radars"]) == 2  # one per side, a polygon per round
    assert html.count('role="img"') == 2
    assert "Leiderschap en regie" in html


# --- Who sees it ------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["officer_same_region", "officer_other_region", "coordinator_other_region"]
)
def test_outsider_gets_404(world, evaluated, persona):
    client = world.client_for(getattr(world, persona))
    for url in _urls(evaluated):
        assert client.get(url).status_code == 404, url


def test_anonymous_user_is_sent_to_login(client, evaluated):
    for url in _urls(evaluated):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_participating_gemeente_and_coordinator_read_the_results(world, evaluated):
    evaluated.partnership.participating_municipalities.add(world.municipality_same_region)
    for user in (world.officer_same_region, world.coordinator, world.administrator):
        client = world.client_for(user)
        for url in _urls(evaluated)[:3]:
            assert client.get(url).status_code == 200, (user, url)


# --- Query counts -------------------------------------------------------------------


def _bigger(world, evaluated, n):
    for _ in range(n):
        answer_round(
            SmallInstrumentPublicRespondentFactory(
                round=evaluated.round, user=OfficerFactory(municipality=world.municipality)
            ),
            {"A1": 4, "B1": 5, "C2": 0},
            {"O3": "Doorgaan."},
        )
        answer_round(
            SmallInstrumentPartnerRespondentFactory(round=evaluated.round), {"A1": 2, "B2": 1}
        )


# 1 session, 2 user, 3 the round (partnership, gemeente, instrument joined),
# 4 the round's actions (owner, partner joined), 5-10 the results
# (categories, statements, open questions, answers, open answers,
# respondents with their groups), 11-13 savepoint, session update, release.
RESULTS_QUERIES = 13


def test_results_page_costs_the_same_queries_for_small_and_large_rounds(
    world, evaluated, django_assert_num_queries
):
    client = world.client_for(world.officer)
    url = reverse("evaluation:round_results", args=[evaluated.round.pk])
    client.get(url)
    with django_assert_num_queries(RESULTS_QUERIES):
        client.get(url)
    _bigger(world, evaluated, 10)
    with django_assert_num_queries(RESULTS_QUERIES):
        response = client.get(url)
    assert response.context["result"].answered == 24


# 1 session, 2 user, 3 the round, 4-9 the results, 10-12 savepoint, session
# update, release.
OPEN_ANSWERS_QUERIES = 12


def test_open_answers_page_costs_the_same_queries(world, evaluated, django_assert_num_queries):
    client = world.client_for(world.officer)
    url = reverse("evaluation:open_answers", args=[evaluated.round.pk])
    client.get(url)
    with django_assert_num_queries(OPEN_ANSWERS_QUERIES):
        client.get(url)
    _bigger(world, evaluated, 10)
    with django_assert_num_queries(OPEN_ANSWERS_QUERIES):
        client.get(url)


# 1 session, 2 user, 3 the partnership, 4 its closed rounds (instrument
# joined), 5-6 categories and statements of their instruments, 7 answers,
# 8 respondents, 9-11 savepoint, session update, release.
TREND_QUERIES = 11


def test_trend_page_costs_the_same_queries_for_one_and_four_rounds(
    world, evaluated, django_assert_num_queries
):
    client = world.client_for(world.officer)
    url = reverse("evaluation:trend", args=[evaluated.partnership.pk])
    client.get(url)
    with django_assert_num_queries(TREND_QUERIES):
        client.get(url)
    for year in (2027, 2028, 2029):
        closed_round(world, partnership=evaluated.partnership, title=f"Evaluatie {year}")
    with django_assert_num_queries(TREND_QUERIES):
        response = client.get(url)
    assert len(response.context["rounds"]) == 4
