"""Texts the system writes are stored as codes and shown in the reader's
language (issue 15, item 4): notifications, the reasons a decision gives in a
partnership's history and on its timeline, the checklist items named in the
activity feed. Older rows written as sentences stay readable."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from accounts.models import Notification
from assessment import workflow
from core.history import history_entries
from decisions import recording
from decisions.models import Decision, Option
from evaluation import running
from partnerships import phases as phase_rules
from partnerships.models import ChecklistItem, Partnership, PhaseTransition
from tests.assessment_helpers import answer_all
from tests.factories import (
    EvaluationRoundFactory,
    ParticipationFactory,
    PartnershipFactory,
    phase,
)
from tests.test_english import client_in


def inbox(language, user) -> str:
    response = client_in(language, user).get(reverse("accounts:inbox"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def answered(world):
    partnership = PartnershipFactory(name="Kinderkeuken", lead_municipality=world.municipality)
    participation = ParticipationFactory(partnership=partnership, organisation__name="Versmarkt")
    return answer_all(workflow.start(participation, world.officer))


# --- Notifications --------------------------------------------------------------------


def test_a_notification_reads_in_the_readers_language_not_the_writers(world, answered):
    with translation.override("en"):  # the officer works in English
        workflow.submit(answered, world.officer)
    stored = Notification.objects.get(recipient=world.coordinator)
    assert stored.code == "assessment.submitted"
    assert "vast te stellen" in stored.text  # the Dutch wording is kept beside the code
    assert "vraagt u de afweging van Versmarkt (Kinderkeuken) vast te stellen" in inbox(
        "nl", world.coordinator
    )
    english = inbox("en", world.coordinator)
    assert "asks you to finalise the assessment of Versmarkt (Kinderkeuken)" in english
    assert "vast te stellen" not in english


def test_the_outcome_and_score_of_a_finalised_assessment_follow_the_reader(world, answered):
    workflow.submit(answered, world.officer)
    with translation.override("nl"):
        workflow.finalise(answered, world.coordinator, "Akkoord in het regio-overleg.")
    notice = Notification.objects.get(recipient=world.officer)
    assert notice.params["outcome"] and notice.params["remark"] == "Akkoord in het regio-overleg."
    english = inbox("en", world.officer)
    assert "Outcome: Collaborate" in english and "Remark: Akkoord in het regio-overleg." in english
    assert "Uitkomst" not in english
    dutch = inbox("nl", world.officer)
    assert "Uitkomst: Samenwerken" in dutch and "Opmerking: Akkoord" in dutch
    # The score with the language's decimal mark.
    total = answered.__class__.objects.get(pk=answered.pk).total_percent
    if total is not None and total != int(total):
        assert f"{total:.1f}".replace(".", ",") in dutch


def test_sent_back_comments_stay_as_typed_in_both_languages(world, answered):
    workflow.submit(answered, world.officer)
    workflow.return_to_concept(answered, world.coordinator, "Onderbouw C1 met cijfers.")
    english = inbox("en", world.officer)
    assert "sent the assessment of Versmarkt (Kinderkeuken) back" in english
    assert "Onderbouw C1 met cijfers." in english


def test_an_older_notification_without_a_code_shows_its_text(world):
    Notification.objects.create(recipient=world.officer, text="Een oude melding in het Nederlands.")
    assert "Een oude melding in het Nederlands." in inbox("en", world.officer)


def test_an_evaluation_invitation_reads_in_the_readers_language(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(6))
    evaluation_round = EvaluationRoundFactory(
        partnership=partnership, title="Voorjaar", closes_on=date(2027, 3, 1)
    )
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        running.add_respondents(evaluation_round, users=[world.officer_same_region])
    notice = Notification.objects.get(recipient=world.officer_same_region)
    assert notice.code == "evaluation.invited"
    english = inbox("en", world.officer_same_region)
    assert "1 March 2027" in english and "1 maart 2027" not in english
    assert "1 maart 2027" in inbox("nl", world.officer_same_region)
    assert any("1 maart 2027" in message.body for message in mailoutbox)  # the e-mail: Dutch


# --- Decisions ------------------------------------------------------------------------


def _decide(partnership, user, option, **extra):
    decision = Decision(
        option=option,
        decided_on=date(2026, 3, 10),
        decided_by="College van B en W",
        reasons="De doelen zijn bereikt.",
        **extra,
    )
    return recording.record(partnership, decision, user, seen=0)


def test_an_ending_names_its_reasons_in_the_readers_language(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(6))
    _decide(partnership, world.officer, Option.END, end_date=date(2026, 6, 30))
    stored = Partnership.objects.get(pk=partnership.pk)
    assert stored.history.first().history_change_reason == "pps.decision.ended"
    with translation.override("en"):
        assert history_entries(stored)[0].reason == "Ended by decision"
    with translation.override("nl"):
        assert history_entries(stored)[0].reason == "Beëindigd bij besluit"

    move = PhaseTransition.objects.get(partnership=partnership)
    assert move.reason == "De doelen zijn bereikt."
    url = reverse("partnerships:phase", args=[partnership.pk])
    english = client_in("en", world.officer).get(url).content.decode()
    assert "Decision: End (College van B en W, 10 March 2026)." in english
    assert "Besluit:" not in english
    dutch = client_in("nl", world.officer).get(url).content.decode()
    assert "Besluit: Beëindigen (College van B en W, 10 maart 2026)." in dutch


def test_older_decision_texts_become_codes(world):
    """The data migration: the sentences stored in either language become the
    codes, and a decision's move keeps only the decision's reasons."""
    partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(6))
    decision = _decide(partnership, world.officer, Option.END, end_date=date(2026, 6, 30))
    history = Partnership.history.model
    newest = history.objects.filter(id=partnership.pk).order_by("-history_id").first()
    history.objects.filter(history_id=newest.history_id).update(
        history_change_reason="Ended by decision"
    )
    PhaseTransition.objects.filter(pk=decision.transition_id).update(
        reason="Besluit: Beëindigen (College van B en W, 10-03-2026). De doelen zijn bereikt."
    )
    migration = importlib.import_module("decisions.migrations.0002_system_texts_as_codes")
    migration.forwards(apps, None)
    assert history.objects.get(history_id=newest.history_id).history_change_reason == (
        "pps.decision.ended"
    )
    assert PhaseTransition.objects.get(pk=decision.transition_id).reason == (
        "De doelen zijn bereikt."
    )


# --- The activity feed ----------------------------------------------------------------


def test_the_feed_names_a_ticked_checklist_item_in_the_readers_language(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    item = ChecklistItem.objects.filter(phase=phase(1)).exclude(text_en="").first()
    phase_rules.set_tick(partnership, item, True, world.officer)
    url = reverse("partnerships:detail", args=[partnership.pk])
    english = client_in("en", world.officer).get(url).content.decode()
    assert item.text_en[:60] in english
    assert item.text_nl[:60] not in english
    dutch = client_in("nl", world.officer).get(url).content.decode()
    assert item.text_nl[:60] in dutch
