"""Who sees drafts: a gemeente taking part in another gemeente's partnership
sees the partnership and its finalised assessments; drafts and assessments
under review, with their notes, stay with the lead gemeente's officers, the
region's coordinators and the beheerder. Counts never include what the user
may not see."""

import re

import pytest
from django.urls import reverse

from assessment import workflow
from assessment.models import AssessmentStatus
from tests.assessment_helpers import answer_all
from tests.factories import OrganisationFactory, ParticipationFactory, PartnershipFactory

NOTE = "Notities bij thema"  # what answer_all writes in every theme's notes


@pytest.fixture
def shared(world):
    """A partnership led by Zwolle in which Kampen takes part, with three
    partners: one assessment in concept, one under review, one finalised."""
    partnership = PartnershipFactory(
        name="Gezond Opgroeien IJsselland",
        lead_municipality=world.municipality,
        participating_municipalities=[world.municipality_same_region],
    )
    concept = workflow.start(
        ParticipationFactory(partnership=partnership, organisation__name="Conceptmarkt"),
        world.officer,
    )
    answer_all(concept)
    in_review = workflow.start(
        ParticipationFactory(partnership=partnership, organisation__name="Reviewbakkerij"),
        world.officer,
    )
    answer_all(in_review)
    workflow.submit(in_review, world.officer)
    final = workflow.start(
        ParticipationFactory(partnership=partnership, organisation__name="Vastgestelde Zuivel"),
        world.officer,
    )
    answer_all(final)
    workflow.submit(final, world.officer)
    workflow.finalise(final, world.coordinator, "Akkoord")
    for assessment in (concept, in_review, final):
        assessment.refresh_from_db()
    assert final.status == AssessmentStatus.FINAL
    assert in_review.status == AssessmentStatus.IN_REVIEW
    return {
        "partnership": partnership,
        "concept": concept,
        "in_review": in_review,
        "final": final,
    }


def assessment_urls(assessment):
    return [
        reverse("assessment:detail", args=[assessment.pk]),
        reverse("assessment:theme", args=[assessment.pk, "A"]),
        reverse("assessment:outcome", args=[assessment.pk]),
        reverse("assessment:report_pdf", args=[assessment.pk]),
        reverse("assessment:report_html", args=[assessment.pk]),
    ]


@pytest.mark.parametrize("draft", ["concept", "in_review"])
def test_participating_gemeente_gets_404_on_a_draft(world, shared, draft):
    client = world.client_for(world.officer_same_region)
    for url in assessment_urls(shared[draft]):
        assert client.get(url).status_code == 404, url


def test_participating_gemeente_sees_the_finalised_assessment(world, shared):
    client = world.client_for(world.officer_same_region)
    for url in assessment_urls(shared["final"]):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["officer", "coordinator", "administrator"])
@pytest.mark.parametrize("draft", ["concept", "in_review"])
def test_lead_gemeente_region_and_beheerder_see_drafts(world, shared, persona, draft):
    client = world.client_for(getattr(world, persona))
    for url in assessment_urls(shared[draft])[:3]:
        assert client.get(url).status_code == 200, url


def test_partnership_page_lists_no_drafts_for_a_participating_gemeente(world, shared):
    url = shared["partnership"].get_absolute_url()
    body = world.client_for(world.officer_same_region).get(url).content.decode()
    assert "Vastgestelde Zuivel" in body and "Conceptmarkt" in body  # the partners themselves
    assert reverse("assessment:detail", args=[shared["final"].pk]) in body
    for draft in ("concept", "in_review"):
        assert reverse("assessment:detail", args=[shared[draft].pk]) not in body
    assert body.count("Afweging: <a") == 1  # the finalised one only

    lead = world.client_for(world.officer).get(url).content.decode()
    for name in ("concept", "in_review", "final"):
        assert reverse("assessment:detail", args=[shared[name].pk]) in lead


def test_partnership_page_hides_drafts_after_the_lead_saw_them(world, shared):
    url = shared["partnership"].get_absolute_url()
    world.client_for(world.officer).get(url)  # the lead's page, with the drafts
    response = world.client_for(world.officer_same_region).get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("assessment:detail", args=[shared["concept"].pk]) not in body
    world.client_for(world.officer_same_region).get(url)
    lead = world.client_for(world.coordinator).get(url).content.decode()
    assert reverse("assessment:detail", args=[shared["concept"].pk]) in lead


def test_comparison_shows_a_participating_gemeente_finalised_assessments_only(world, shared):
    url = reverse("assessment:compare", args=[shared["partnership"].pk])
    response = world.client_for(world.officer_same_region).get(url)
    assert response.status_code == 200
    assessments = {row["assessment"] for row in response.context["rows"]}
    assert assessments == {shared["final"], None}
    body = response.content.decode()
    assert reverse("assessment:detail", args=[shared["concept"].pk]) not in body

    lead = world.client_for(world.officer).get(url)
    assert {row["assessment"] for row in lead.context["rows"]} == {
        shared["concept"],
        shared["in_review"],
        shared["final"],
    }


def test_a_correction_in_concept_stays_hidden_on_the_finalised_page(world, shared):
    correction = workflow.correct(shared["final"], world.officer)
    url = reverse("assessment:detail", args=[shared["final"].pk])
    lead = world.client_for(world.officer).get(url).content.decode()
    assert reverse("assessment:detail", args=[correction.pk]) in lead
    response = world.client_for(world.officer_same_region).get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("assessment:detail", args=[correction.pk]) not in body


def test_the_assessments_list_shows_a_participating_gemeente_no_drafts(world, shared):
    client = world.client_for(world.officer_same_region)
    for status in ("", *AssessmentStatus.values):
        response = client.get(reverse("assessment:list"), {"status": status})
        listed = set(response.context["assessments"])
        assert shared["concept"] not in listed and shared["in_review"] not in listed
    final = client.get(reverse("assessment:list"), {"status": AssessmentStatus.FINAL})
    assert shared["final"] in final.context["assessments"]


def test_dashboard_counts_no_drafts_of_another_gemeente(world, shared):
    client = world.client_for(world.officer_same_region)
    dashboard = client.get(reverse("home")).context["dashboard"]
    counts = {bar.label: bar.count for bar in dashboard.assessment_status.bars}
    assert counts == {"Concept": 0, "Ter review": 0, "Vastgesteld": 1}
    assert dashboard.attention["review"].total == 0

    lead = world.client_for(world.officer).get(reverse("home")).context["dashboard"]
    counts = {bar.label: bar.count for bar in lead.assessment_status.bars}
    assert counts == {"Concept": 1, "Ter review": 1, "Vastgesteld": 1}


def listed_partnership_count(client, organisation):
    body = client.get(reverse("organisations:list"), {"q": organisation.name}).content.decode()
    row = re.search(
        rf'href="{organisation.get_absolute_url()}"[^<]*</a>.*?</tr>', body, flags=re.S
    ).group(0)
    return int(re.findall(r"<td[^>]*>(\d+)</td>", row)[-1])


def test_organisation_list_counts_only_partnerships_the_user_may_open(world):
    organisation = OrganisationFactory(name="Sportschool De Kracht", region=world.region)
    own = PartnershipFactory(name="Zwolle beweegt", lead_municipality=world.municipality)
    others = PartnershipFactory(
        name="Kampen beweegt", lead_municipality=world.municipality_same_region
    )
    shared = PartnershipFactory(
        name="Samen bewegen",
        lead_municipality=world.municipality_same_region,
        participating_municipalities=[world.municipality],
    )
    for partnership in (own, others, shared):
        ParticipationFactory(partnership=partnership, organisation=organisation)

    for persona, expected in (
        ("officer", {"Zwolle beweegt", "Samen bewegen"}),
        ("officer_same_region", {"Kampen beweegt", "Samen bewegen"}),
        ("coordinator", {"Zwolle beweegt", "Kampen beweegt", "Samen bewegen"}),
    ):
        client = world.client_for(getattr(world, persona))
        detail = client.get(organisation.get_absolute_url())
        opened = {p.partnership.name for p in detail.context["participations"]}
        assert opened == expected, persona
        for participation in detail.context["participations"]:
            assert client.get(participation.partnership.get_absolute_url()).status_code == 200
        assert listed_partnership_count(client, organisation) == len(expected), persona
