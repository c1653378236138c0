"""The rules of ``partnerships.revision``: every change to anything the cached
figures and exports show gives the partnerships they count a new state, in the
change's own transaction; a change elsewhere leaves it alone."""

from datetime import date

import pytest
from django.db import transaction

from assessment import workflow
from partnerships import phases as phase_rules
from partnerships.models import ChecklistTick, HealthTheme, Partnership
from partnerships.revision import state_of
from regions.models import Municipality, Region
from tests.assessment_helpers import answer_all
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    ContactPersonFactory,
    ContributionFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    phase,
)


@pytest.fixture
def partnership(world):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken", lead_municipality=world.municipality
    )
    participation = ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Bakkerij Brood & Co")
    )
    goal = GoalFactory(partnership=partnership)
    IndicatorFactory(goal=goal)
    AgreementFactory(partnership=partnership, participation=participation)
    return partnership


def _participation(p):
    return p.participations.get()


def _rename(record, name):
    record.name = name
    record.save()


def _assessment_answered(p, world):
    assessment = workflow.start(_participation(p), world.officer)
    before = Partnership.objects.get(pk=p.pk).revision
    answer_all(assessment)  # answers bypass the signals; workflow reports the change
    assert Partnership.objects.get(pk=p.pk).revision > before


CHANGES = {
    "the partnership itself": lambda p, w: _rename(p, "Nieuwe naam"),
    "a partner joins": lambda p, w: ParticipationFactory(partnership=p),
    "a partner's organisation renamed": lambda p, w: _rename(
        _participation(p).organisation, "Bakkerij Zuid"
    ),
    "a contact person added": lambda p, w: ContactPersonFactory(
        organisation=_participation(p).organisation
    ),
    "a contribution": lambda p, w: ContributionFactory(participation=_participation(p)),
    "a goal": lambda p, w: GoalFactory(partnership=p),
    "a goal deleted": lambda p, w: p.goals.get().delete(),
    "an indicator": lambda p, w: IndicatorFactory(goal=p.goals.get()),
    "a measurement": lambda p, w: MeasurementFactory(indicator=p.goals.get().indicators.get()),
    "an agreement": lambda p, w: AgreementFactory(partnership=p),
    "an activity": lambda p, w: ActivityFactory(partnership=p, date=date(2026, 5, 1)),
    "a checklist tick": lambda p, w: ChecklistTick.objects.create(
        partnership=p,
        item=phase_rules.checklist_for(p, p.phase).entries[0].item,
        ticked_by=w.officer,
    ),
    "a phase move": lambda p, w: phase_rules.move(p, phase(2), w.officer, reason="Verder."),
    "a gemeente joins": lambda p, w: p.participating_municipalities.add(w.municipality_same_region),
    "an assessment started and answered": _assessment_answered,
    # Reference data: names the figures and exports show.
    "its theme renamed": lambda p, w: _rename(HealthTheme.objects.get(pk=p.theme_id), "Anders"),
    "its gemeente renamed": lambda p, w: _rename(
        Municipality.objects.get(pk=w.municipality.pk), "Zwolle-Zuid"
    ),
    "its region renamed": lambda p, w: _rename(
        Region.objects.get(pk=w.region.pk), "GGD Overijssel"
    ),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_every_change_gives_the_region_a_new_state(world, partnership, change):
    partnerships = Partnership.objects.visible_to(world.coordinator)
    before = state_of(partnerships)
    with transaction.atomic():
        CHANGES[change](partnership, world)
        assert state_of(partnerships) != before, "in the change's own transaction"


def test_joining_or_leaving_the_set_gives_a_new_state(world, partnership):
    partnerships = Partnership.objects.visible_to(world.coordinator)
    before = state_of(partnerships)
    new = PartnershipFactory(lead_municipality=world.municipality_same_region)
    assert state_of(partnerships) != before
    before = state_of(partnerships)
    new.delete()
    assert state_of(partnerships) != before


def test_another_regions_own_work_leaves_the_state_alone(world, partnership):
    elsewhere = PartnershipFactory(lead_municipality=world.municipality_other_region)
    partnerships = Partnership.objects.visible_to(world.coordinator)
    before = state_of(partnerships)
    GoalFactory(partnership=elsewhere)
    ActivityFactory(partnership=elsewhere)
    _rename(elsewhere, "Tilburg Beweegt")
    assert state_of(partnerships) == before


def test_a_download_of_the_advice_changes_nothing(world, partnership):
    assessment = workflow.start(_participation(partnership), world.officer)
    partnerships = Partnership.objects.visible_to(world.coordinator)
    before = state_of(partnerships)
    from assessment.models import ReportDownload

    ReportDownload.objects.create(assessment=assessment, user=world.officer)
    assert state_of(partnerships) == before


def test_a_migrate_that_applied_migrations_gives_every_partnership_a_new_state(db):
    """Rule 5: a data migration (a phase renamed) writes through historical
    models, which the model signals do not report; a ``migrate`` that applied
    anything raises every revision once, one that applied nothing (or a
    flush) none."""
    from django.core.management.sql import emit_post_migrate_signal
    from django.db.migrations import Migration

    PartnershipFactory(), PartnershipFactory()

    def revisions():
        return dict(Partnership.objects.values_list("pk", "revision"))

    before = revisions()
    # A data migration's own write: no signal reaches the revision rules.
    type(phase(1)).objects.filter(number=1).update(name="Hernoemd")
    emit_post_migrate_signal(0, False, "default", plan=[])
    emit_post_migrate_signal(0, False, "default")  # as flush sends it
    assert revisions() == before

    # Sent for every app, heard once.
    applied = Migration("0099_rename_phase", "partnerships")
    emit_post_migrate_signal(0, False, "default", plan=[(applied, False)])
    assert revisions() == {pk: revision + 1 for pk, revision in before.items()}


def test_sets_whose_keys_and_revisions_add_up_the_same_have_their_own_states():
    """Two partnerships leaving a filtered set and two others joining it
    between two requests, with keys and revisions that add up the same,
    still make a new state (and the order the pairs come in does not)."""
    from partnerships.revision import state_of_pairs

    assert state_of_pairs([(1, 4), (4, 1)]) != state_of_pairs([(2, 2), (3, 3)])
    assert state_of_pairs([(1, 4), (4, 1)]) == state_of_pairs([(4, 1), (1, 4)])
