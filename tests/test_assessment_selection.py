"""Which assessments the comparison and the list of assessments show
(assessment/selection.py), as functions apart from their views."""

import datetime
from types import SimpleNamespace

import pytest
from django.http import QueryDict
from django.utils import timezone

from assessment import workflow
from assessment.models import Assessment, AssessmentStatus, Outcome
from assessment.selection import count_waiting_days, latest_per_partner, listed
from tests.assessment_helpers import answer_all
from tests.factories import ParticipationFactory, PartnershipFactory, ThemeFactory


def fake(pk, participation_id, status):
    return SimpleNamespace(
        pk=pk,
        participation_id=participation_id,
        status=status,
        is_final=status == AssessmentStatus.FINAL,
    )


def test_the_comparison_shows_the_newest_final_assessment_else_the_newest():
    newest_first = [
        fake(5, 1, AssessmentStatus.CONCEPT),  # a correction in progress
        fake(4, 1, AssessmentStatus.FINAL),
        fake(3, 1, AssessmentStatus.FINAL),
        fake(2, 2, AssessmentStatus.IN_REVIEW),
        fake(1, 2, AssessmentStatus.CONCEPT),
    ]
    latest = latest_per_partner(newest_first)
    assert {participation: a.pk for participation, a in latest.items()} == {1: 4, 2: 2}


def test_waiting_days_count_only_for_assessments_under_review():
    now = timezone.now()
    waiting = SimpleNamespace(
        status=AssessmentStatus.IN_REVIEW, submitted_at=now - datetime.timedelta(days=3)
    )
    final = SimpleNamespace(
        status=AssessmentStatus.FINAL, submitted_at=now - datetime.timedelta(days=9)
    )
    concept = SimpleNamespace(status=AssessmentStatus.CONCEPT, submitted_at=None)
    count_waiting_days([waiting, final, concept], now)
    assert (waiting.waiting_days, final.waiting_days, concept.waiting_days) == (3, None, None)


@pytest.fixture
def three(world):
    """In Zwolle's partnership: a concept, one under review, one finalised."""
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    made = {}
    for name in ("concept", "in_review", "final"):
        assessment = workflow.start(ParticipationFactory(partnership=partnership), world.officer)
        answer_all(assessment)
        if name != "concept":
            workflow.submit(assessment, world.officer)
        if name == "final":
            workflow.finalise(assessment, world.coordinator, "Akkoord")
        made[name] = assessment.pk
    return made


def shown(user, query=""):
    result = listed(user, QueryDict(query))
    return {a.pk for a in result.assessments}, result.filtered


def test_without_filters_each_sees_what_waits_for_her(world, three):
    assert shown(world.coordinator) == ({three["in_review"]}, False)
    assert shown(world.officer) == ({three["concept"], three["in_review"]}, False)
    assert shown(world.coordinator_other_region) == (set(), False)


def test_the_dashboards_status_outcome_and_filters_narrow_the_list(world, three):
    assert shown(world.coordinator, "status=vastgesteld") == ({three["final"]}, True)
    final_outcome = Assessment.objects.get(pk=three["final"]).outcome
    other_outcomes = [o for o in Outcome.values if o != final_outcome]
    assert shown(world.coordinator, f"status=vastgesteld&outcome={other_outcomes[0]}") == (
        set(),
        True,
    )
    elsewhere = world.municipality_same_region.pk
    assert shown(world.coordinator, f"municipality={elsewhere}") == (set(), True)
    other_theme = ThemeFactory(name="Roken").pk
    assert shown(world.coordinator, f"theme={other_theme}") == (set(), True)


def test_a_participating_gemeente_never_lists_drafts(world, three):
    from partnerships.models import Partnership

    partnership = Partnership.objects.get(participations__assessments__pk=three["concept"])
    partnership.participating_municipalities.add(world.municipality_same_region)
    assert shown(world.officer_same_region, "status=concept") == (set(), True)
    assert shown(world.officer_same_region, "status=vastgesteld") == ({three["final"]}, True)
