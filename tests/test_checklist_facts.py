"""Checklist items ticked by the facts (an evaluation round closed, a
decision recorded, lessons written), never by hand."""

from datetime import date

import pytest

from evaluation.models import EvaluationRound, InstrumentVersion, RoundStatus
from lessons.models import Lesson
from partnerships import phases as phase_rules
from partnerships.checklist import tick_fact, untick_fact
from partnerships.models import ChecklistFact, ChecklistItem, ChecklistTick
from tests.factories import PartnershipFactory, phase

pytestmark = pytest.mark.django_db


def fact_item(fact):
    return ChecklistItem.objects.get(fact=fact)


def ticked(partnership, fact):
    return ChecklistTick.objects.filter(partnership=partnership, item__fact=fact).exists()


@pytest.fixture
def partnership(world):
    return PartnershipFactory(lead_municipality=world.municipality, phase=phase(6))


def test_the_migration_marks_the_seeded_phase_6_and_7_items():
    marked = {
        item.fact: (item.phase.number, item.text)
        for item in ChecklistItem.objects.exclude(fact="").select_related("phase")
    }
    assert marked == {
        ChecklistFact.EVALUATION_ROUND_CLOSED: (6, "Proces en resultaat zijn geëvalueerd"),
        ChecklistFact.DECISION_RECORDED: (
            7,
            "Besloten is te stoppen of te verduurzamen (borging, structurele financiering)",
        ),
        ChecklistFact.LESSONS_WRITTEN: (7, "De geleerde lessen zijn vastgelegd"),
    }


def test_tick_fact_ticks_once_and_untick_fact_removes_it(world, partnership):
    assert tick_fact(partnership, ChecklistFact.DECISION_RECORDED, world.officer) == 1
    assert tick_fact(partnership, ChecklistFact.DECISION_RECORDED, world.officer) == 0
    tick = ChecklistTick.objects.get(partnership=partnership)
    assert tick.ticked_by == world.officer
    assert untick_fact(partnership, ChecklistFact.DECISION_RECORDED) == 1
    assert not ChecklistTick.objects.filter(partnership=partnership).exists()
    # Both are in the audit trail.
    assert tick.history.count() == 2


def test_an_unknown_fact_is_refused(partnership):
    with pytest.raises(ValueError):
        tick_fact(partnership, "iets anders")


def test_the_checklist_form_cannot_tick_or_untick_a_fact_item(world, partnership):
    item = fact_item(ChecklistFact.EVALUATION_ROUND_CLOSED)
    other = ChecklistItem.objects.filter(phase__number=6, fact="").first()
    client = world.client_for(world.officer)
    url = f"/samenwerkingen/{partnership.pk}/fase/6/checklist/"
    client.post(url, {"items": [item.pk, other.pk]})
    assert not ticked(partnership, ChecklistFact.EVALUATION_ROUND_CLOSED)
    assert ChecklistTick.objects.filter(partnership=partnership, item=other).exists()

    tick_fact(partnership, ChecklistFact.EVALUATION_ROUND_CLOSED, world.officer)
    # A form that leaves it out (as if unticked), with and without "shown".
    client.post(url, {"items": []})
    client.post(url, {"checklist_shown": "1", "shown": [item.pk], "items": []})
    assert ticked(partnership, ChecklistFact.EVALUATION_ROUND_CLOSED)


def test_the_phase_page_shows_a_fact_item_as_ticked_by_the_portal(world, partnership):
    item = fact_item(ChecklistFact.EVALUATION_ROUND_CLOSED)
    body = (
        world.client_for(world.officer)
        .get(f"/samenwerkingen/{partnership.pk}/fase/6/")
        .content.decode()
    )
    assert "Wordt automatisch afgevinkt: een evaluatieronde is gesloten." in body
    assert f'id="item-{item.pk}" disabled' in body
    assert f'name="items" value="{item.pk}"' not in body
    # The coordinator reads it too.
    body = (
        world.client_for(world.coordinator)
        .get(f"/samenwerkingen/{partnership.pk}/fase/6/")
        .content.decode()
    )
    assert "wordt automatisch afgevinkt: een evaluatieronde is gesloten" in body


def test_a_move_counts_a_fact_item_as_done_only_when_the_fact_holds(world, partnership):
    for item in ChecklistItem.objects.filter(phase__number=6, fact=""):
        phase_rules.set_tick(partnership, item, True, world.officer)
    assert not phase_rules.checklist_for(partnership, phase(6)).is_complete
    tick_fact(partnership, ChecklistFact.EVALUATION_ROUND_CLOSED, world.officer)
    assert phase_rules.checklist_for(partnership, phase(6)).is_complete


def make_round(partnership, user, status=RoundStatus.OPEN):
    instrument = InstrumentVersion.objects.order_by("number").first()
    if instrument is None:  # before the default instrument's data migration exists
        instrument = InstrumentVersion.objects.create(number=999, title="Testinstrument")
    return EvaluationRound.objects.create(
        partnership=partnership,
        instrument=instrument,
        title="Evaluatie 2026",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        closes_on=date(2026, 7, 15),
        status=status,
        created_by=user,
    )


def test_closing_an_evaluation_round_ticks_phase_6(world, partnership):
    evaluation_round = make_round(partnership, world.officer)
    assert not ticked(partnership, ChecklistFact.EVALUATION_ROUND_CLOSED)
    evaluation_round.status = RoundStatus.CLOSED
    evaluation_round.closed_by = world.officer
    evaluation_round.save()
    tick = ChecklistTick.objects.get(partnership=partnership)
    assert tick.item.fact == ChecklistFact.EVALUATION_ROUND_CLOSED
    assert tick.ticked_by == world.officer


def test_writing_a_lesson_ticks_phase_7_and_deleting_the_last_unticks(world, partnership):
    first = Lesson.objects.create(partnership=partnership, title="Een", advice="a")
    second = Lesson.objects.create(partnership=partnership, title="Twee", advice="b")
    assert ticked(partnership, ChecklistFact.LESSONS_WRITTEN)
    first.delete()
    assert ticked(partnership, ChecklistFact.LESSONS_WRITTEN)
    second.delete()
    assert not ticked(partnership, ChecklistFact.LESSONS_WRITTEN)
