"""Answering a round: a partner through her personal link (no account), the
public side in the portal. Only that round's statements and that person's
own answers; saved as they go; nothing typed lost; links that do not work
give a clear page and no data."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluation.forms import question_field, statement_field
from evaluation.models import OpenAnswer, OpenQuestion, Statement, StatementAnswer
from partnerships.models import Partnership
from tests.factories import (
    EvaluationRoundFactory,
    PartnerRespondentFactory,
    PartnershipFactory,
    PublicRespondentFactory,
)

TOKEN = "Tok3n-" + "x" * 37


@pytest.fixture
def evaluation_round(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality, name="Gezond Samen")
    return EvaluationRoundFactory(partnership=partnership, title="Evaluatie voorjaar")


@pytest.fixture
def respondent(evaluation_round):
    return PartnerRespondentFactory(round=evaluation_round, token=TOKEN, contact__name="Marieke")


def _url(token=TOKEN):
    return reverse("evaluation:respond", args=[token])


def _statements(evaluation_round):
    return list(
        Statement.objects.filter(category__version=evaluation_round.instrument).order_by(
            "category__order", "order"
        )
    )


def _open_questions(evaluation_round):
    return list(OpenQuestion.objects.filter(version=evaluation_round.instrument))


def _all_answered(evaluation_round, score=4):
    return {statement_field(s.pk): score for s in _statements(evaluation_round)}


# --- The page ------------------------------------------------------------------------


def test_partner_opens_her_link_without_logging_in(respondent, evaluation_round):
    response = Client().get(_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Evaluatie voorjaar" in page and "Gezond Samen" in page and "voor Marieke" in page
    # Every statement as a fieldset with a legend, the scale with "weet niet".
    assert page.count("<fieldset") == len(_statements(evaluation_round))
    assert page.count("<legend") == len(_statements(evaluation_round))
    assert "5 · helemaal eens" in page and "weet niet" in page
    assert page.count("Opslaan en verder") == 6
    # Nothing of the portal: no navigation, no links to its pages.
    assert "Hoofdmenu" not in page and "Uitloggen" not in page
    assert reverse("partnerships:list") not in page and reverse("home") + '"' not in page
    # Never stored by a browser or a proxy; the link goes to no other site as a referrer.
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_respond_page_query_count_is_fixed(respondent, evaluation_round, django_assert_num_queries):
    client = Client()
    client.get(_url())
    # 1 the respondent by its token (round, instrument, partnership, contact
    # joined), 2 categories, 3 their statements, 4 open questions, 5 stored
    # answers, 6 stored open answers.
    with django_assert_num_queries(6):
        client.get(_url())
    client.post(_url(), _all_answered(evaluation_round))
    with django_assert_num_queries(6):
        client.get(_url())


def test_partner_saves_as_she_goes_and_sees_her_answers_again(respondent, evaluation_round):
    statements = _statements(evaluation_round)
    client = Client()
    data = {statement_field(statements[0].pk): 5, statement_field(statements[1].pk): 0}
    response = client.post(_url(), {**data, "verder": "categorie-2"})
    assert response.status_code == 302 and response.url == _url() + "#categorie-2"
    assert dict(
        StatementAnswer.objects.filter(respondent=respondent).values_list("statement", "score")
    ) == {statements[0].pk: 5, statements[1].pk: 0}
    respondent.refresh_from_db()
    assert respondent.last_saved_at is not None and respondent.submitted_at is None
    form = client.get(_url()).context["form"]
    assert form[statement_field(statements[0].pk)].value() == 5
    assert form[statement_field(statements[1].pk)].value() == 0

    # A later save without those fields keeps them; a changed one is changed.
    client.post(_url(), {statement_field(statements[0].pk): 2})
    assert StatementAnswer.objects.get(statement=statements[0], respondent=respondent).score == 2
    assert StatementAnswer.objects.filter(respondent=respondent).count() == 2
    # Audited: created, then changed.
    assert StatementAnswer.history.filter(statement=statements[0]).count() == 2


def test_nothing_typed_is_lost_when_a_field_is_refused(respondent, evaluation_round):
    statements = _statements(evaluation_round)
    good, too_long = _open_questions(evaluation_round)[:2]
    response = Client().post(
        _url(),
        {
            statement_field(statements[0].pk): 3,
            statement_field(statements[1].pk): 9,  # not on the scale
            question_field(good.pk): "De sfeer in het overleg.",
            question_field(too_long.pk): "x" * 2001,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bijna alles is opgeslagen" in page
    assert "x" * 2001 in page  # shown again as typed
    # What was valid is saved.
    assert StatementAnswer.objects.get(respondent=respondent).score == 3
    assert OpenAnswer.objects.get(respondent=respondent).text == "De sfeer in het overleg."


def test_finishing_needs_every_statement_and_can_still_change_until_closing(
    respondent, evaluation_round
):
    statements = _statements(evaluation_round)
    client = Client()
    response = client.post(
        _url(), {statement_field(statements[0].pk): 4, "afronden": "1"}, follow=True
    )
    assert "nog niet afgerond" in response.content.decode()
    respondent.refresh_from_db()
    assert respondent.submitted_at is None

    data = _all_answered(evaluation_round, score=0)  # "weet niet" is an answer
    data[question_field(_open_questions(evaluation_round)[2].pk)] = "Samen de wethouder bezoeken."
    response = client.post(_url(), {**data, "afronden": "1"}, follow=True)
    assert "uw antwoorden zijn afgerond" in response.content.decode()
    respondent.refresh_from_db()
    finished_at = respondent.submitted_at
    assert finished_at is not None
    assert respondent.history.count() == 2  # invited, finished

    client.post(_url(), {statement_field(statements[0].pk): 1})
    assert StatementAnswer.objects.get(respondent=respondent, statement=statements[0]).score == 1
    respondent.refresh_from_db()
    assert respondent.submitted_at == finished_at


def test_an_emptied_open_answer_is_removed(respondent, evaluation_round):
    question = _open_questions(evaluation_round)[0]
    client = Client()
    client.post(_url(), {question_field(question.pk): "Eerst dit."})
    assert OpenAnswer.objects.filter(respondent=respondent).count() == 1
    client.post(_url(), {question_field(question.pk): "  "})
    assert OpenAnswer.objects.filter(respondent=respondent).count() == 0


def test_saving_answers_raises_the_partnership_revision_once(respondent, evaluation_round):
    partnership = evaluation_round.partnership
    before = Partnership.objects.get(pk=partnership.pk).revision
    Client().post(_url(), _all_answered(evaluation_round))
    assert Partnership.objects.get(pk=partnership.pk).revision == before + 1
    # Nothing changed: nothing raised.
    Client().post(_url(), _all_answered(evaluation_round))
    assert Partnership.objects.get(pk=partnership.pk).revision == before + 1


# --- Links that do not work -------------------------------------------------------------


@pytest.mark.parametrize(
    "token",
    [
        TOKEN[:-1] + "y",  # altered
        TOKEN[:-1],  # cut short
        "x" * 43,  # never issued
        TOKEN + "'; --",
    ],
)
def test_an_altered_link_gets_404_and_no_data(respondent, token):
    response = Client().get(_url(token))
    assert response.status_code == 404
    page = response.content.decode()
    assert "Deze link werkt niet" in page
    assert "Gezond Samen" not in page and "Marieke" not in page and "<fieldset" not in page


def test_a_revoked_link_gets_410_and_no_data(respondent):
    respondent.revoked_at = timezone.now()
    respondent.save()
    for response in (Client().get(_url()), Client().post(_url(), {"afronden": "1"})):
        assert response.status_code == 410
        page = response.content.decode()
        assert "ingetrokken" in page and "Gezond Samen" not in page


def test_link_works_on_the_closing_date_and_not_after(respondent, evaluation_round):
    evaluation_round.closes_on = timezone.localdate()
    evaluation_round.save()
    assert Client().get(_url()).status_code == 200
    evaluation_round.closes_on = timezone.localdate() - timedelta(days=1)
    evaluation_round.save()
    response = Client().get(_url())
    assert response.status_code == 410
    assert "gesloten" in response.content.decode()
    assert "Gezond Samen" not in response.content.decode()


def test_a_closed_round_accepts_no_answers(respondent, evaluation_round):
    evaluation_round.status = "gesloten"
    evaluation_round.save()
    response = Client().post(_url(), _all_answered(evaluation_round))
    assert response.status_code == 410
    assert not StatementAnswer.objects.exists()


def test_a_link_shows_only_its_own_respondent(respondent, evaluation_round):
    other = PartnerRespondentFactory(round=evaluation_round, token="o" * 43, contact__name="Ahmed")
    statement = _statements(evaluation_round)[0]
    StatementAnswer.objects.create(respondent=other, statement=statement, score=1)
    response = Client().get(_url())
    assert response.status_code == 200
    assert "Ahmed" not in response.content.decode()
    assert response.context["form"][statement_field(statement.pk)].value() is None
    # Posting another respondent's key changes nothing of hers.
    Client().post(_url(), {"respondent": other.pk, statement_field(statement.pk): 5})
    assert StatementAnswer.objects.get(respondent=other).score == 1
    assert StatementAnswer.objects.get(respondent=respondent).score == 5


def test_a_partner_link_logged_in_as_someone_else_still_shows_no_portal(
    world, respondent, evaluation_round
):
    page = world.client_for(world.officer).get(_url()).content.decode()
    assert "Hoofdmenu" not in page and "voor Marieke" in page


# --- The public side, in the portal -------------------------------------------------------


def test_public_respondent_answers_in_the_portal(world, evaluation_round):
    respondent = PublicRespondentFactory(round=evaluation_round, user=world.officer_same_region)
    client = world.client_for(world.officer_same_region)
    url = reverse("evaluation:answer", args=[evaluation_round.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Hoofdmenu" in response.content.decode()  # the portal, with its navigation
    client.post(url, {**_all_answered(evaluation_round, 2), "afronden": "1"})
    respondent.refresh_from_db()
    assert respondent.submitted_at is not None
    assert StatementAnswer.objects.filter(respondent=respondent, score=2).count() == len(
        _statements(evaluation_round)
    )


@pytest.mark.parametrize("persona", ["officer", "coordinator", "officer_other_region"])
def test_portal_answer_page_is_only_for_those_invited(world, evaluation_round, persona):
    PublicRespondentFactory(round=evaluation_round, user=world.officer_same_region)
    client = world.client_for(getattr(world, persona))
    url = reverse("evaluation:answer", args=[evaluation_round.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _all_answered(evaluation_round)).status_code == 404
    assert not StatementAnswer.objects.exists()


def test_portal_answer_page_needs_a_login(evaluation_round):
    response = Client().get(reverse("evaluation:answer", args=[evaluation_round.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_draft_round_cannot_be_answered_yet(world, evaluation_round):
    evaluation_round.status = "concept"
    evaluation_round.save()
    PublicRespondentFactory(round=evaluation_round, user=world.officer)
    url = reverse("evaluation:answer", args=[evaluation_round.pk])
    assert world.client_for(world.officer).get(url).status_code == 404
