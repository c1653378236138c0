"""Every change to a text of an assessment is in its history, with the person
who made it: answers with their explanations, theme notes, the conditions,
the coordinator's comments and remark, and the copies of a correction."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessment import workflow
from assessment.models import Answer, ThemeNote
from tests.assessment_helpers import answer_all
from tests.factories import ParticipationFactory, PartnershipFactory


@pytest.fixture
def assessment(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    participation = ParticipationFactory(partnership=partnership)
    return workflow.start(participation, world.officer)


def test_conditions_are_in_the_history_with_their_writer(world, assessment):
    answer_all(assessment, default="Deels")
    client = world.client_for(world.officer)
    url = reverse("assessment:outcome", args=[assessment.pk])
    for text in ("Eerste versie.", "Tweede versie."):
        assessment.refresh_from_db()
        response = client.post(url, {"conditions": text, "revision": assessment.revision})
        assert response.status_code == 302
    versions = [
        (h.conditions, h.history_user)
        for h in assessment.history.order_by("history_date", "history_id")
    ]
    assert ("Eerste versie.", world.officer) in versions
    assert versions[-1] == ("Tweede versie.", world.officer)
    # The optimistic check still holds: a stale revision is refused.
    stale = client.post(url, {"conditions": "Oud.", "revision": 0})
    assert stale.status_code == 409
    assessment.refresh_from_db()
    assert assessment.conditions == "Tweede versie."


def test_answers_and_notes_are_in_the_history_with_their_writer(world, assessment):
    theme = assessment.version.themes.get(code="B")
    question = theme.questions.order_by("order").first()
    ja = question.options.get(label="Ja")
    client = world.client_for(world.officer)
    response = client.post(
        reverse("assessment:theme", args=[assessment.pk, "B"]),
        {
            "revision": assessment.revision,
            f"q_{question.pk}": ja.pk,
            f"e_{question.pk}": "Besproken met de directeur.",
            "notes": "Goed gesprek.",
        },
    )
    assert response.status_code == 302
    answer = Answer.objects.get(assessment=assessment, question=question)
    (record,) = answer.history.all()
    assert record.explanation == "Besproken met de directeur."
    assert record.history_user == world.officer
    note = ThemeNote.objects.get(assessment=assessment, theme=theme)
    assert note.history.get().history_user == world.officer


def test_review_comments_and_remark_are_in_the_history_with_the_coordinator(world, assessment):
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    coordinator = world.client_for(world.coordinator)
    coordinator.post(
        reverse("assessment:send_back", args=[assessment.pk]), {"comments": "Onderbouw C1."}
    )
    workflow.submit(assessment, world.officer)
    coordinator.post(reverse("assessment:finalise", args=[assessment.pk]), {"remark": "Akkoord."})
    history = list(assessment.history.order_by("history_date", "history_id"))
    sent_back = next(h for h in history if h.review_comments == "Onderbouw C1.")
    assert sent_back.history_user == world.coordinator
    assert history[-1].review_remark == "Akkoord." and history[-1].history_user == world.coordinator


def test_a_correction_copies_answers_and_notes_into_the_history(world, assessment):
    answer_all(assessment, explanation="Gesprek gevoerd")
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator)
    copy = workflow.correct(assessment, world.officer)
    answers = Answer.history.filter(assessment_id=copy.pk)
    assert answers.count() == copy.answers.count() > 0
    assert {h.history_user for h in answers} == {world.officer}
    notes = ThemeNote.history.filter(assessment_id=copy.pk)
    assert notes.count() == copy.theme_notes.count() > 0


# --- Readable on the assessment's history page ------------------------------------------------


def page_history(world, assessment, user=None) -> str:
    """The history as shown on its page, which the assessment's page links to."""
    client = user and world.client_for(user) or world.client_for(world.officer)
    detail = client.get(reverse("assessment:detail", args=[assessment.pk])).content.decode()
    url = reverse("assessment:history", args=[assessment.pk])
    assert f'href="{url}"' in detail
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    start = body.index('id="geschiedenis-kop"')
    return body[start : body.index("</section>", start)]


def save_theme_b(world, assessment, option_label, explanation, notes):
    theme = assessment.version.themes.get(code="B")
    question = theme.questions.order_by("order").first()
    assessment.refresh_from_db()
    response = world.client_for(world.officer).post(
        reverse("assessment:theme", args=[assessment.pk, "B"]),
        {
            "revision": assessment.revision,
            f"q_{question.pk}": question.options.get(label=option_label).pk,
            f"e_{question.pk}": explanation,
            "notes": notes,
        },
    )
    assert response.status_code == 302
    return question


def test_changes_to_answers_and_notes_are_readable_on_the_assessment_page(world, assessment):
    question = save_theme_b(world, assessment, "Ja", "Besproken met de directeur.", "Goed gesprek.")
    save_theme_b(world, assessment, "Nee", "Besproken met de directeur.", "Tweede gesprek.")
    history = page_history(world, assessment, world.coordinator)
    # What was answered and written, by whom (her name), when (local time in words).
    assert f"vraag {question.code}, antwoord: van “Ja” naar “Nee”" in history
    assert f"vraag {question.code}, antwoord: van “—” naar “Ja”" in history
    assert f"vraag {question.code}, toelichting: van “—” naar “Besproken met de directeur.”" in (
        history
    )
    assert "thema B, gespreksnotities: van “Goed gesprek.” naar “Tweede gesprek.”" in history
    assert escape(world.officer.get_full_name()) in history
    assert f">{world.officer.username}<" not in history and " om " in history
    # No bookkeeping: the revision the save raised is not a change anyone made.
    assert "revisie" not in history


def test_a_correction_lists_its_copies_as_one_line(world, assessment):
    answer_all(assessment, explanation="Gesprek gevoerd")
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator)
    copy = workflow.correct(assessment, world.officer)
    history = page_history(world, copy)
    assert "overgenomen uit de vastgestelde afweging" in history
    assert "Gesprek gevoerd" not in history  # not 24 lines of copies


def test_the_history_page_is_for_those_who_see_the_assessment(world, assessment):
    url = reverse("assessment:history", args=[assessment.pk])
    assert world.client_for(world.coordinator).get(url).status_code == 200
    assert world.client_for(world.officer_other_region).get(url).status_code == 404
    assert world.client_for(world.coordinator_other_region).get(url).status_code == 404


def test_the_page_costs_the_same_queries_however_long_its_history(world, assessment):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client_for(world.officer)
    url = reverse("assessment:history", args=[assessment.pk])
    save_theme_b(world, assessment, "Ja", "Eerste.", "Eerste.")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for index in range(40):
        save_theme_b(world, assessment, ("Nee", "Ja")[index % 2], f"Versie {index}.", f"N{index}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    assert "Versie 39." in page_history(world, assessment)
    assert response.status_code == 200
