"""Small things on the assessment pages: what is shown while an assessment is
incomplete, after it is finalised, and how long it has been waiting."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment import workflow
from assessment.models import Assessment
from tests.assessment_helpers import answer_all
from tests.factories import ParticipationFactory, PartnershipFactory


@pytest.fixture
def assessment(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    participation = ParticipationFactory(partnership=partnership)
    return workflow.start(participation, world.officer)


def answer_themes(assessment, codes):
    """Answer only the questions of the themes ``codes`` (knock-outs Nee, others Ja)."""
    answers, explanations = {}, {}
    for theme in assessment.version.themes.filter(code__in=codes):
        for question in theme.questions.all():
            label = "Nee" if theme.is_knockout else "Ja"
            answers[question.pk] = question.options.get(label=label).pk
    workflow.save_answers(assessment, assessment.revision, answers, explanations)
    assessment.refresh_from_db()


def test_an_incomplete_assessment_has_no_outcome_yet(world, assessment):
    answer_themes(assessment, ["A", "B"])
    result = workflow.score_assessment(assessment)
    open_count, total = len(result.unresolved), result.question_count
    assert 0 < open_count < total
    client = world.client_for(world.officer)
    expected = f"nog niet te bepalen: {open_count} van {total} vragen open"
    detail = client.get(reverse("assessment:detail", args=[assessment.pk])).content.decode()
    assert expected in detail
    assert "Niet samenwerken (" not in detail
    outcome = client.get(reverse("assessment:outcome", args=[assessment.pk])).content.decode()
    assert expected in outcome


def test_a_complete_assessment_shows_its_outcome_so_far(world, assessment):
    answer_all(assessment)
    page = world.client_for(world.officer).get(reverse("assessment:detail", args=[assessment.pk]))
    assert "Uitkomst tot nu toe: Samenwerken" in page.content.decode()


def test_in_review_since_is_shown_only_while_in_review(world, assessment):
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    client = world.client_for(world.coordinator)
    url = reverse("assessment:detail", args=[assessment.pk])
    assert "Ter review sinds" in client.get(url).content.decode()
    workflow.finalise(assessment, world.coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert "Ter review sinds" not in response.content.decode()


@pytest.mark.parametrize(
    ("days", "queue_text", "dashboard_text"),
    [
        (0, "sinds vandaag", "wacht sinds vandaag"),
        (1, "1 dag", "wacht 1 dag"),
        (3, "3 dagen", "wacht 3 dagen"),
    ],
)
def test_waiting_time_is_said_in_words(world, assessment, days, queue_text, dashboard_text):
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    Assessment.objects.filter(pk=assessment.pk).update(
        submitted_at=timezone.now() - timedelta(days=days, hours=1)
    )
    client = world.client_for(world.coordinator)
    queue = client.get(reverse("assessment:list")).content.decode()
    assert f'<td data-label="Wacht sinds">{queue_text}</td>' in queue
    dashboard = client.get(reverse("home")).content.decode()
    assert dashboard_text in dashboard
    assert " 0 dagen" not in queue and "wacht 0 dagen" not in dashboard
