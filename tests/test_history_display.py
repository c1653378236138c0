"""The audit trail tells people what happened, not the database's bookkeeping.

Names of people (not usernames), local time in Dutch ("2 december 2026 om
14:05"), Dutch decimals, Dutch dates, labels of choices, ja/nee, names of
related records, and no bookkeeping fields (revisions, versions, times of
change): a change that only touched those is no change to show."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from assessment import workflow
from core.history import history_entries, moment
from tests.assessment_helpers import answer_all
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    ContributionFactory,
    OfficerFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    ThemeFactory,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# What raw bookkeeping looks like: an ISO time, a time with seconds and microseconds.
RAW_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}|\d{2}:\d{2}:\d{2}\.\d+")


@pytest.fixture
def finalised(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    participation = ParticipationFactory(partnership=partnership)
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator, remark="Akkoord.")
    assessment.refresh_from_db()
    return assessment


def history_html(body: str) -> str:
    start = body.index('id="geschiedenis-kop"')
    return body[start : body.index("</section>", start)]


def assessment_history(world, assessment) -> str:
    """The history on its page (the assessment's page links to it)."""
    response = world.client_for(world.officer).get(
        reverse("assessment:history", args=[assessment.pk])
    )
    assert response.status_code == 200
    return history_html(response.content.decode())


def test_moment_is_local_time_in_words():
    winter = datetime(2026, 12, 2, 13, 5, 42, 123456, tzinfo=ZoneInfo("UTC"))
    summer = datetime(2026, 7, 1, 12, 0, tzinfo=ZoneInfo("UTC"))
    assert moment(winter) == "2 december 2026 om 14:05"
    assert moment(summer) == "1 juli 2026 om 14:00"
    with translation.override("en"):
        assert moment(winter) == "2 December 2026 at 14:05"


def test_assessment_history_shows_no_bookkeeping(world, finalised):
    history = assessment_history(world, finalised)
    assert "status: van “Ter review” naar “Vastgesteld”" in history
    for bookkeeping in ("revisie", "laatst gewijzigd", "aangemaakt op"):
        assert bookkeeping not in history


def test_assessment_history_shows_names_and_local_times(world, finalised):
    history = assessment_history(world, finalised)
    reviewer = world.coordinator.get_full_name()
    assert f"vastgesteld door: van “—” naar “{reviewer}”" in history
    assert world.coordinator.username not in history
    finalised_at = moment(finalised.finalised_at)
    assert f"vastgesteld op: van “—” naar “{finalised_at}”" in history
    assert not RAW_TIME.search(re.sub(r"<[^>]*>", "", history)), history
    # When each change was made, in the same words.
    assert f'<time datetime="{timezone.localtime(finalised.finalised_at):%Y-%m-%d}' in history
    assert " om " in history


def test_decimals_are_dutch(world, finalised):
    # A finalised assessment never changes again: the decimals of a contribution.
    contribution = ContributionFactory(participation=finalised.participation, hours=Decimal("100"))
    contribution.hours = Decimal("88.1")
    contribution.save()
    change = _change(history_entries(contribution)[0], "uren")
    assert (change.old, change.new) == ("100,0", "88,1")
    with translation.override("en"):
        changes = history_entries(contribution)[0].changes
        assert ("100.0", "88.1") in [(change.old, change.new) for change in changes]


def test_booleans_choices_and_dates_read_as_words(world, finalised):
    theme = ThemeFactory(name="Weerbaarheid", is_active=True)
    theme.is_active = False
    theme.save()
    entry = history_entries(theme)[0]
    assert (_change(entry, "in gebruik").old, _change(entry, "in gebruik").new) == ("ja", "nee")

    agreement = AgreementFactory(partnership=finalised.participation.partnership)
    agreement.signed_on = date(2026, 12, 2)
    agreement.save()
    assert _change(history_entries(agreement)[0], "getekend op").new == "2 december 2026"


def test_people_in_fields_are_shown_by_name(world, finalised):
    activity = ActivityFactory(partnership=finalised.participation.partnership)
    activity.created_by = world.officer
    activity.save()
    change = _change(history_entries(activity)[0], "vastgelegd door")
    assert change.new == world.officer.get_full_name()

    nameless = OfficerFactory(username="zonder.naam", first_name="", last_name="")
    activity.created_by = nameless
    activity.save()
    assert _change(history_entries(activity)[0], "vastgelegd door").new == "zonder.naam"


def test_a_save_that_changed_nothing_is_not_listed(world):
    organisation = OrganisationFactory(region=world.region, city="Zwolle")
    organisation.save()  # nothing changed
    organisation.city = "Kampen"
    organisation.save()
    organisation.save()  # nothing changed
    entries = history_entries(organisation)
    assert [entry.label for entry in entries] == ["gewijzigd", "aangemaakt"]
    body = world.client_for(world.officer).get(organisation.get_absolute_url()).content.decode()
    history = history_html(body)
    assert history.count('<p class="mb-1">') == 2, history
    assert "plaats: van “Zwolle” naar “Kampen”" in history


def test_partnership_changes_are_dated_in_words_and_skip_empty_saves(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality, name="Kantine")
    partnership.save()  # nothing changed
    activity = ActivityFactory(partnership=partnership, title="Kennismaking")
    body = world.client_for(world.officer).get(partnership.get_absolute_url()).content.decode()
    start = body.index('id="wijzigingen-kop"')
    changes = body[start : body.index("</section>", start)]
    assert "Samenwerking gewijzigd" not in changes
    assert "Samenwerking aangemaakt" in changes
    created = timezone.localtime(activity.history.get().history_date)
    assert f"{moment(created)}</time>: Activiteit aangemaakt: “Kennismaking”" in changes


def _change(entry, label):
    return next(change for change in entry.changes if change.label == label)


def test_bookkeeping_is_known_by_kind_and_by_name():
    from django.db import models

    from assessment.models import Assessment
    from core.history import is_bookkeeping
    from partnerships.models import Partnership

    # An optimistic-locking counter, on whatever model it is added.
    version = models.PositiveIntegerField("versie", default=0)
    version.set_attributes_from_name("version")
    assert is_bookkeeping(version)
    for name in ("revision", "updated_at", "created_at", "last_activity_at"):
        assert is_bookkeeping(Partnership._meta.get_field(name)), name
    assert is_bookkeeping(Assessment._meta.get_field("revision"))
    # An assessment's questionnaire version is a fact, not bookkeeping.
    assert not is_bookkeeping(Assessment._meta.get_field("version"))
    assert not is_bookkeeping(Partnership._meta.get_field("name"))
