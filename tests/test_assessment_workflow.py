"""The assessment workflow: concept → ter review → vastgesteld, corrections,
concurrent saves, notifications."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.models import Notification
from assessment import workflow
from assessment.models import (
    AnswerOption,
    Assessment,
    AssessmentStatus,
    QuestionnaireVersion,
)
from core.versioning import PublishedVersionError
from tests.assessment_helpers import answer_all
from tests.factories import ParticipationFactory, PartnershipFactory


@pytest.fixture
def participation(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    return ParticipationFactory(partnership=partnership, organisation__name="Versmarkt Zwolle-Zuid")


def test_default_questionnaire_is_installed_and_published(db):
    version = workflow.current_version()
    assert version.is_published
    codes = [t.code for t in version.themes.order_by("order")]
    assert codes == ["A", "B", "C", "D", "E", "F", "G", "H"]
    assert version.themes.get(code="A").questions.count() == 4


def test_published_version_never_changes(db):
    version = workflow.current_version()
    option = AnswerOption.objects.filter(question__theme__version=version).first()
    option.points = 5
    with pytest.raises(PublishedVersionError):
        option.save()
    version.notes = "anders"
    with pytest.raises(PublishedVersionError):
        version.save()


def test_full_flow_from_concept_to_final(world, participation, django_capture_on_commit_callbacks):
    assessment = workflow.start(participation, world.officer)
    assert assessment.version == workflow.current_version()
    answer_all(assessment, overrides={"B1": "Deels"})
    # Mail goes out once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(assessment, world.officer)
    assert assessment.status == AssessmentStatus.IN_REVIEW
    # The coordinator of the region is told in the portal and by e-mail.
    assert Notification.objects.filter(
        recipient=world.coordinator, link=assessment.get_absolute_url()
    ).exists()
    assert not Notification.objects.filter(recipient=world.coordinator_other_region).exists()
    assert [m.to for m in mail.outbox] == [[world.coordinator.email]]
    result = workflow.finalise(assessment, world.coordinator, "Akkoord.")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FINAL
    assert assessment.outcome == "samenwerken" == result.outcome
    assert assessment.total_percent == result.total_percent
    assert assessment.reviewer == world.coordinator and assessment.finalised_at


def test_unknown_answer_blocks_submit(world, participation):
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment, overrides={"C2": "Onbekend"})
    with pytest.raises(ValidationError, match="C2"):
        workflow.submit(assessment, world.officer)


def test_conditions_are_required_for_onder_voorwaarden(world, participation):
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment, default="Deels")
    with pytest.raises(ValidationError, match="voorwaarden"):
        workflow.submit(assessment, world.officer)
    workflow.save_conditions(assessment, assessment.revision, "Eigen middelen inzetten.")
    workflow.submit(assessment, world.officer)


def test_knockout_gives_niet_samenwerken(world, participation):
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment, overrides={"A1": "Ja"})
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator)
    assert assessment.outcome == "niet" and assessment.knocked_out


def test_send_back_needs_comments_and_returns_to_concept(world, participation):
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    with pytest.raises(ValidationError):
        workflow.return_to_concept(assessment, world.coordinator, " ")
    workflow.return_to_concept(assessment, world.coordinator, "Onderbouw C1 beter.")
    assert assessment.status == AssessmentStatus.CONCEPT
    assert assessment.review_comments == "Onderbouw C1 beter."


def test_finalised_assessment_never_changes_and_correction_copies(world, participation):
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment, explanation="Gesprek gevoerd")
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator)
    with pytest.raises(ValidationError):
        workflow.save_answers(assessment, assessment.revision, {}, {})
    copy = workflow.correct(assessment, world.officer)
    assert copy.status == AssessmentStatus.CONCEPT and copy.corrects == assessment
    original = {(a.question_id, a.option_id, a.explanation) for a in assessment.answers.all()}
    assert {(a.question_id, a.option_id, a.explanation) for a in copy.answers.all()} == original
    assert copy.theme_notes.count() == assessment.theme_notes.count()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FINAL
    assert Assessment.objects.filter(participation=participation).count() == 2


def test_second_save_with_an_old_revision_is_refused(world, participation):
    assessment = workflow.start(participation, world.officer)
    opened_by_both = assessment.revision
    question = assessment.version.themes.get(code="B").questions.first()
    yes, no = (question.options.get(label=label).pk for label in ("Ja", "Nee"))
    workflow.save_answers(assessment, opened_by_both, {question.pk: yes}, {})
    other = Assessment.objects.get(pk=assessment.pk)
    other.revision = opened_by_both
    with pytest.raises(workflow.ConcurrentEditError):
        workflow.save_answers(other, opened_by_both, {question.pk: no}, {})
    assert assessment.answers.get(question=question).option_id == yes


def test_version_copy_makes_an_editable_draft(db):
    from assessment.versions import copy_version

    version = workflow.current_version()
    draft = copy_version(version)
    assert draft.number == version.number + 1 and not draft.is_published
    assert draft.themes.count() == version.themes.count()
    question = draft.themes.get(code="B").questions.first()
    question.text = "Nieuwe formulering"
    question.save()  # a draft may change
    assert (
        QuestionnaireVersion.objects.get(pk=version.pk).themes.get(code="B").questions.first().text
        != "Nieuwe formulering"
    )
