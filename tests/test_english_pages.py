"""English pages hold none of the questionnaire's and phases' Dutch texts once
an English text exists (issue 15, item 4): the main pages walked in English,
as the officer and the coordinator of a partnership that has been through the
phases, with a finalised and a draft assessment, evaluation rounds and a
lesson. Every Dutch name, question, option, guidance line, checklist item and
evaluation statement that has an English text must be absent; amounts and
numbers are written the English way.

The reference data (phases, themes, questionnaire, instrument) is only read,
never changed, so nothing leaks into other tests."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment import workflow
from evaluation.models import Statement
from lessons.models import Lesson
from partnerships import phases as phase_rules
from partnerships.models import ChecklistItem, ContributionType, HealthTheme
from tests.assessment_helpers import answer_all
from tests.factories import (
    ContributionFactory,
    EvaluationRoundFactory,
    ParticipationFactory,
    PartnerRespondentFactory,
    PartnershipFactory,
    PublicRespondentFactory,
    answer_round,
    phase,
)
from tests.test_english import client_in, dutch_in, dutch_texts

TOKEN = "Walk-en-" + "y" * 35


@pytest.fixture
def journey(world):
    """A partnership in phase 6 of Zwolle, with what every main page shows."""
    partnership = PartnershipFactory(
        name="Kitchen for kids",
        lead_municipality=world.municipality,
        theme=HealthTheme.objects.get(name_nl="Gezonde voeding"),
        societal_goal="More children grow up healthy.",
    )
    for number in range(2, 7):  # through the phases, each move on the timeline
        phase_rules.move(partnership, phase(number), world.officer, "The alderman agrees.")
    for item in ChecklistItem.objects.filter(phase__number__in=(1, 6), fact=""):
        phase_rules.set_tick(partnership, item, True, world.officer)  # the feed names them
    finalised = ParticipationFactory(partnership=partnership, organisation__name="Fresh market")
    ContributionFactory(
        participation=finalised,
        type=ContributionType.MONEY,
        description="Vouchers",
        hours=None,
        euros=Decimal("1200.50"),
    )
    assessment = answer_all(
        workflow.start(finalised, world.officer), explanation="Checked with the director."
    )
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator, "Agreed.")
    draft = workflow.start(
        ParticipationFactory(partnership=partnership, organisation__name="Sports club"),
        world.officer,
    )
    closed = EvaluationRoundFactory(
        partnership=partnership, title="Spring round", status="gesloten"
    )
    scores = {
        code: 4
        for code in Statement.objects.filter(category__version=closed.instrument).values_list(
            "code", flat=True
        )
    }
    for _index in range(2):
        answer_round(PublicRespondentFactory(round=closed), scores)
        answer_round(PartnerRespondentFactory(round=closed), scores)
    open_round = EvaluationRoundFactory(partnership=partnership, title="Autumn round")
    PublicRespondentFactory(round=open_round, user=world.officer, municipality=world.municipality)
    PartnerRespondentFactory(round=open_round, token=TOKEN, contact__name="Marieke")
    lesson = Lesson.objects.create(
        partnership=partnership,
        title="Start small",
        what_worked="A core team of three.",
        author=world.officer,
    )
    lesson.phases.set([phase(2), phase(5)])
    return {
        "partnership": partnership,
        "assessment": assessment,
        "draft": draft,
        "closed": closed,
        "open": open_round,
        "lesson": lesson,
    }


def officer_pages(journey) -> dict[str, str]:
    partnership = journey["partnership"].pk
    pages = {
        "dashboard": reverse("home"),
        "list": reverse("partnerships:list"),
        "partnership": reverse("partnerships:detail", args=[partnership]),
        "partnership form": reverse("partnerships:edit", args=[partnership]),
        "phases": reverse("partnerships:phase", args=[partnership]),
        "compare": reverse("assessment:compare", args=[partnership]),
        "assessment": reverse("assessment:detail", args=[journey["assessment"].pk]),
        "outcome": reverse("assessment:outcome", args=[journey["assessment"].pk]),
        "assessment history": reverse("assessment:history", args=[journey["assessment"].pk]),
        "draft": reverse("assessment:detail", args=[journey["draft"].pk]),
        "rounds": reverse("evaluation:rounds", args=[partnership]),
        "closed round": reverse("evaluation:round", args=[journey["closed"].pk]),
        "results": reverse("evaluation:round_results", args=[journey["closed"].pk]),
        "trend": reverse("evaluation:trend", args=[partnership]),
        "open round": reverse("evaluation:round", args=[journey["open"].pk]),
        "answer form": reverse("evaluation:answer", args=[journey["open"].pk]),
        "decision form": reverse("decisions:record", args=[partnership]),
        "lessons": reverse("lessons:list"),
        "lesson": reverse("lessons:detail", args=[journey["lesson"].pk]),
        "lesson form": reverse("lessons:add", args=[partnership]),
    }
    for number in range(1, 8):
        pages[f"phase {number}"] = reverse("partnerships:phase_detail", args=[partnership, number])
    for code in "ABCDEFGH":
        pages[f"questions {code}"] = reverse("assessment:theme", args=[journey["draft"].pk, code])
    return pages


def test_english_pages_hold_none_of_the_dutch_content(world, journey):
    texts = dutch_texts()
    found = {}  # every page's Dutch texts at once, not only the first page's

    def walk(client, pages, who):
        for name, url in pages.items():
            response = client.get(url)
            assert response.status_code == 200, f"{who}: {name}"
            page = response.content.decode()
            assert 'lang="en"' in page, f"{who}: {name}"
            dutch = dutch_in(page, texts)
            if dutch:
                found[f"{who}: {name}"] = dutch

    walk(client_in("en", world.officer), officer_pages(journey), "officer")
    coordinator_pages = {
        "dashboard": reverse("home"),
        "list": reverse("partnerships:list"),
        "to review": reverse("assessment:list"),
        "outcome": reverse("assessment:outcome", args=[journey["assessment"].pk]),
    }
    walk(client_in("en", world.coordinator), coordinator_pages, "coordinator")
    walk(client_in("en"), {"respond": reverse("evaluation:respond", args=[TOKEN])}, "partner")
    assert found == {}


def test_the_walk_would_see_a_dutch_text(world, journey):
    """The check is no empty promise: the same pages in Dutch do hold them."""
    texts = dutch_texts()
    client = client_in("nl", world.officer)
    pages = officer_pages(journey)
    seen = set()
    for name in ("phases", "phase 6", "questions B", "outcome", "answer form", "dashboard"):
        seen.update(dutch_in(client.get(pages[name]).content.decode(), texts))
    assert phase(6).name_nl in seen
    assert any(item.text_nl in seen for item in ChecklistItem.objects.filter(phase__number=6))
    assert "Ja" in seen and "Deels" in seen  # the answer options


def test_amounts_and_numbers_follow_the_language(world, journey):
    url = reverse("partnerships:detail", args=[journey["partnership"].pk])
    english = client_in("en", world.officer).get(url).content.decode()
    assert "€1,200.50" in english and "€ 1.200,50" not in english
    dutch = client_in("nl", world.officer).get(url).content.decode()
    assert "€ 1.200,50" in dutch


def test_the_english_dashboard_has_english_headings(world, journey):
    """The dashboard's figures are written in Python (dashboard/markup.py); a
    text marked inside an f-string was once missed by xgettext and lost its
    English."""
    page = client_in("en", world.coordinator).get(reverse("home"))
    assert page.status_code == 200
    html = page.content.decode()
    for english, dutch in (
        ("What needs attention", "Wat aandacht vraagt"),
        ("Evaluation and decision", "Evaluatie en besluit"),
        ("In figures", "In cijfers"),
    ):
        assert english in html and dutch not in html
