"""Decisions on an assessment as two people in two tabs meet them: a
transition on a page that is out of date is refused with a Dutch message
(never a 500), the author can withdraw her submission, and a finalised
assessment never changes by any path."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessment import workflow
from assessment.models import Answer, AssessmentStatus, ThemeNote
from tests.assessment_helpers import answer_all
from tests.factories import ParticipationFactory, PartnershipFactory


@pytest.fixture
def assessment(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    participation = ParticipationFactory(partnership=partnership, organisation__name="Versmarkt")
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment)
    return assessment


def test_send_back_from_a_tab_opened_before_the_finalisation_is_refused(world, assessment):
    workflow.submit(assessment, world.officer)
    first_tab = world.client_for(world.coordinator)
    second_tab = world.client_for(world.coordinator)
    url = reverse("assessment:detail", args=[assessment.pk])
    assert first_tab.get(url).status_code == second_tab.get(url).status_code == 200
    first_tab.post(reverse("assessment:finalise", args=[assessment.pk]), {"remark": "Akkoord."})
    response = second_tab.post(
        reverse("assessment:send_back", args=[assessment.pk]),
        {"comments": "Onderbouw C1."},
        follow=True,
    )
    assert response.status_code == 200
    assert "niet meer ter review" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FINAL
    assert assessment.review_comments == ""


def test_second_finalisation_keeps_the_first_remark_and_time(world, assessment):
    workflow.submit(assessment, world.officer)
    client = world.client_for(world.coordinator)
    url = reverse("assessment:finalise", args=[assessment.pk])
    client.post(url, {"remark": "Eerste."})
    assessment.refresh_from_db()
    finalised_at = assessment.finalised_at
    response = client.post(url, {"remark": "Tweede."}, follow=True)
    assert "niet meer ter review" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.review_remark == "Eerste." and assessment.finalised_at == finalised_at


def test_second_correction_is_refused_while_the_first_is_open(world, assessment):
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator)
    client = world.client_for(world.officer)
    url = reverse("assessment:correct", args=[assessment.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "al een correctie" in response.content.decode()
    assert assessment.corrections.count() == 1


def test_author_withdraws_an_assessment_under_review(world, assessment):
    workflow.submit(assessment, world.officer)
    detail = reverse("assessment:detail", args=[assessment.pk])
    officer = world.client_for(world.officer)
    assert "Intrekken" in officer.get(detail).content.decode()
    coordinator = world.client_for(world.coordinator)
    response = coordinator.get(detail)
    assert response.status_code == 200
    assert "Intrekken" not in response.content.decode()
    url = reverse("assessment:withdraw", args=[assessment.pk])
    assert coordinator.post(url).status_code == 403
    response = officer.post(url, follow=True)
    assert "ingetrokken" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CONCEPT and assessment.submitted_at is None
    # A second press (another tab) is refused with a message.
    response = officer.post(url, follow=True)
    assert response.status_code == 200
    assert "niet meer ter review" in response.content.decode()


def test_finalised_assessment_cannot_change_by_a_plain_save(world, assessment):
    workflow.submit(assessment, world.officer)
    stale = type(assessment).objects.get(pk=assessment.pk)  # read while in review
    workflow.finalise(assessment, world.coordinator, "Akkoord.")
    stale.status = AssessmentStatus.CONCEPT
    with pytest.raises(ValidationError, match="verandert nooit"):
        stale.save()
    with pytest.raises(ValidationError, match="verandert nooit"):
        stale.delete()
    answer = Answer.objects.filter(assessment=assessment).first()
    answer.explanation = "Achteraf anders"
    with pytest.raises(ValidationError, match="verandert nooit"):
        answer.save()
    with pytest.raises(ValidationError):
        answer.delete()
    note = ThemeNote.objects.filter(assessment=assessment).first()
    note.notes = "Achteraf anders"
    with pytest.raises(ValidationError):
        note.save()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FINAL


def test_answers_of_an_assessment_under_review_are_refused(world, assessment):
    workflow.submit(assessment, world.officer)
    answer = Answer.objects.filter(assessment=assessment).first()
    answer.explanation = "Stiekem"
    with pytest.raises(ValidationError, match="niet meer in concept"):
        answer.save()
