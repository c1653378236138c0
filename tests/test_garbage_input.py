"""Every form answers bad input with a message, never a 500: each field of
each form gets something no one should type (letters for numbers, an
impossible date, a NUL character, a megabyte, an unknown choice, a broken
version), and the page answers with the form again or a redirect."""

import pytest
from django.urls import reverse

from assessment import workflow
from tests.assessment_helpers import answer_all
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    ContactPersonFactory,
    GoalFactory,
    IndicatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)

GARBAGE = [
    "abc",  # letters for numbers, dates, choices and keys
    "31-02-2026",  # a date that does not exist
    "-99999999999999999999",  # a key no database column holds
    "\x00" + "x" * 6000,  # a NUL character, and longer than any limit
]


@pytest.fixture
def records(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    organisation = OrganisationFactory(region=world.region)
    ContactPersonFactory(organisation=organisation)
    participation = ParticipationFactory(partnership=partnership, organisation=organisation)
    goal = GoalFactory(partnership=partnership)
    indicator = IndicatorFactory(goal=goal)
    agreement = AgreementFactory(partnership=partnership)
    activity = ActivityFactory(partnership=partnership)
    # Answered 'Deels' throughout: its outcome page asks for the conditions.
    concept = answer_all(
        workflow.start(ParticipationFactory(partnership=partnership), world.officer),
        default="Deels",
    )
    in_review = answer_all(workflow.start(participation, world.officer))
    workflow.submit(in_review, world.officer)
    p = partnership.pk
    return {
        "officer": [
            reverse("partnerships:create"),
            reverse("partnerships:edit", args=[p]),
            reverse("partnerships:participation_add", args=[p]),
            reverse("partnerships:participation_edit", args=[p, participation.pk]),
            reverse("partnerships:goal_add", args=[p]),
            reverse("partnerships:goal_edit", args=[p, goal.pk]),
            reverse("partnerships:indicator_add", args=[p, goal.pk]),
            reverse("partnerships:indicator_edit", args=[p, goal.pk, indicator.pk]),
            reverse("partnerships:measurement_add", args=[p, indicator.pk]),
            reverse("partnerships:agreement_add", args=[p]),
            reverse("partnerships:agreement_edit", args=[p, agreement.pk]),
            reverse("partnerships:activity_add", args=[p]),
            reverse("partnerships:activity_edit", args=[p, activity.pk]),
            reverse("organisations:create"),
            reverse("organisations:edit", args=[organisation.pk]),
            (reverse("partnerships:phase", args=[p]), reverse("partnerships:phase_move", args=[p])),
            (
                reverse("partnerships:phase", args=[p]),
                reverse("partnerships:phase_note_add", args=[p, 1]),
            ),
            reverse("assessment:theme", args=[concept.pk, "B"]),
            reverse("assessment:outcome", args=[concept.pk]),
            (
                reverse("partnerships:participation_edit", args=[p, participation.pk]),
                reverse("assessment:start", args=[p, participation.pk]),
            ),
        ],
        "coordinator": [
            (in_review.get_absolute_url(), reverse("assessment:finalise", args=[in_review.pk])),
            (in_review.get_absolute_url(), reverse("assessment:send_back", args=[in_review.pk])),
        ],
    }


def inputs(response) -> tuple[set[str], dict[str, str]]:
    """The names of the inputs of the page's forms, and the values of its hidden ones."""
    import re

    body = response.content.decode()
    names = set(re.findall(r'name="([^"]+)"', body))
    hidden = dict(
        re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body)
        + re.findall(r'<input type="hidden" value="([^"]*)" name="([^"]+)"', body)[::-1]
    )
    names -= {"csrfmiddlewaretoken", "language", "next", "viewport"}
    return names, {k: v for k, v in hidden.items() if k in names}


@pytest.mark.slow
@pytest.mark.parametrize("value", GARBAGE, ids=range(len(GARBAGE)))
def test_every_form_answers_garbage_without_a_500(world, records, value):
    for persona, urls in records.items():
        client = world.client_for(getattr(world, persona))
        for url in urls:
            page_url, url = url if isinstance(url, tuple) else (url, url)
            page = client.get(page_url)
            names, hidden = inputs(page) if page.status_code == 200 else (set(), {})
            names |= {"version", "revision", "fingerprint", "to_phase", "reason", "items"}
            # Everything garbage, the hidden bookkeeping too: still no 500.
            response = client.post(url, {name: value for name in names})
            assert response.status_code < 500, (url, value[:20])
            # What a person can type garbage: refused with a message she sees.
            response = client.post(url, {**{name: value for name in names}, **hidden})
            assert response.status_code < 500, (url, value[:20])
            if response.status_code == 200 and page_url == url:
                body = response.content.decode()
                assert any(
                    sign in body
                    for sign in ("errorlist", "invalid-feedback", "utrecht-alert--error")
                ), (url, value[:20])


@pytest.mark.parametrize("value", GARBAGE, ids=range(len(GARBAGE)))
def test_filters_answer_garbage_without_a_500(world, records, value):
    client = world.client_for(world.coordinator)
    for url in (
        reverse("home"),
        reverse("partnerships:list"),
        reverse("dashboard:export_csv"),
        reverse("dashboard:export_xlsx"),
        reverse("assessment:list"),
        reverse("organisations:list"),
    ):
        params = {
            name: value
            for name in ("municipality", "theme", "phase", "status", "start", "end", "q", "page")
        }
        assert client.get(url, params).status_code < 500, (url, value[:20])
