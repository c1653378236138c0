"""The assessment pages: personas, filling in, review, the outcome page,
comparison and the regional memory."""

import pytest
from django.urls import reverse

from assessment import workflow
from assessment.context import regional_memory
from assessment.models import Assessment, AssessmentStatus
from tests.assessment_helpers import answer_all
from tests.browserless import press
from tests.factories import OrganisationFactory, ParticipationFactory, PartnershipFactory


@pytest.fixture
def partnership(world):
    return PartnershipFactory(name="Gezonde Kinderkeuken", lead_municipality=world.municipality)


@pytest.fixture
def assessment(world, partnership):
    participation = ParticipationFactory(partnership=partnership, organisation__name="Versmarkt")
    return workflow.start(participation, world.officer)


def page_urls(a):
    return [
        reverse("assessment:detail", args=[a.pk]),
        reverse("assessment:theme", args=[a.pk, "A"]),
        reverse("assessment:theme", args=[a.pk, "C"]),
        reverse("assessment:outcome", args=[a.pk]),
    ]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("officer", 200),
        ("coordinator", 200),
        ("administrator", 200),
        ("officer_same_region", 404),
        ("officer_other_region", 404),
        ("coordinator_other_region", 404),
    ],
)
def test_assessment_pages_access(world, assessment, persona, expected):
    client = world.client_for(getattr(world, persona))
    for url in page_urls(assessment):
        assert client.get(url).status_code == expected, url


def test_anonymous_goes_to_login(client, assessment):
    for url in page_urls(assessment):
        assert client.get(url).status_code == 302


def test_officer_starts_an_assessment_from_the_partner_page(world, partnership):
    participation = ParticipationFactory(partnership=partnership)
    client = world.client_for(world.officer)
    response = client.post(
        reverse("assessment:start", args=[partnership.pk, participation.pk]), {"kind": "nieuw"}
    )
    created = Assessment.objects.get(participation=participation)
    assert response["Location"] == reverse("assessment:theme", args=[created.pk, "A"])
    coordinator = world.client_for(world.coordinator)
    assert (
        coordinator.post(
            reverse("assessment:start", args=[partnership.pk, participation.pk]), {"kind": "nieuw"}
        ).status_code
        == 403
    )


def test_theme_page_saves_answers_explanation_and_notes(world, assessment):
    client = world.client_for(world.officer)
    url = reverse("assessment:theme", args=[assessment.pk, "B"])
    form = client.get(url).context["form"]
    data = {
        "revision": assessment.revision,
        "notes": "Goed gesprek met de filiaalmanager.",
        "next": "1",
    }
    for question in form.questions:
        data[f"q_{question.pk}"] = question.options.get(label="Deels").pk
        data[f"e_{question.pk}"] = "Alleen in de kinderhoek."
    response = client.post(url, data)
    assert response["Location"] == reverse("assessment:theme", args=[assessment.pk, "C"])
    assert (
        assessment.answers.filter(
            option__label="Deels", explanation="Alleen in de kinderhoek."
        ).count()
        == 3
    )
    assert assessment.theme_notes.get().notes == "Goed gesprek met de filiaalmanager."
    progress = client.get(reverse("assessment:detail", args=[assessment.pk])).content.decode()
    assert "3 van 3" in progress


def test_second_save_of_the_same_concept_is_refused_and_input_kept(world, assessment):
    client = world.client_for(world.officer)
    colleague = world.client_for(world.officer)
    url = reverse("assessment:theme", args=[assessment.pk, "B"])
    form = client.get(url).context["form"]
    question = form.questions[0]
    first = {
        "revision": assessment.revision,
        f"q_{question.pk}": question.options.get(label="Ja").pk,
    }
    second = {
        "revision": assessment.revision,
        f"q_{question.pk}": question.options.get(label="Nee").pk,
        f"e_{question.pk}": "Mijn toelichting",
    }
    assert client.post(url, first).status_code == 302
    response = colleague.post(url, second)
    body = response.content.decode()
    assert response.status_code == 409
    # She saved it herself, in the other tab: her name says so.
    name = world.officer.get_full_name()
    assert f"{name} heeft deze afweging intussen opgeslagen" in body
    assert "Mijn toelichting" in body
    assert assessment.answers.get(question=question).option.label == "Ja"


def test_the_refusal_of_a_stale_save_says_who_saved_when_and_what_is_stored(world, assessment):
    from django.utils.html import escape

    from tests.factories import OfficerFactory

    colleague = OfficerFactory(
        username="pieter", first_name="Pieter", last_name="Bos", municipality=world.municipality
    )
    url = reverse("assessment:theme", args=[assessment.pk, "B"])
    mine, theirs = world.client_for(world.officer), world.client_for(colleague)
    question = mine.get(url).context["form"].questions[0]
    theirs.get(url)
    stale = assessment.revision
    theirs_data = {
        "revision": stale,
        f"q_{question.pk}": question.options.get(label="Ja").pk,
        f"e_{question.pk}": "Volgens de jaarrekening.",
        "notes": "Gesprek met de directeur.",
    }
    assert theirs.post(url, theirs_data).status_code == 302
    response = mine.post(
        url,
        {"revision": stale, f"q_{question.pk}": question.options.get(label="Nee").pk},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Pieter Bos heeft deze afweging intussen opgeslagen, op " in body
    assert f"{question.code}: Ja" in body and escape("Volgens de jaarrekening.") in body
    assert "Gesprek met de directeur." in body


def test_the_refusal_of_a_stale_save_is_in_the_users_language(world, assessment):
    client = world.client_for(world.officer)
    client.cookies.load({"django_language": "en"})
    url = reverse("assessment:theme", args=[assessment.pk, "B"])
    question = client.get(url).context["form"].questions[0]
    data = {"revision": assessment.revision, f"q_{question.pk}": question.options.first().pk}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 409
    assert "saved this assessment in the meantime, on " in response.content.decode()


def test_coordinator_cannot_save_answers(world, assessment):
    client = world.client_for(world.coordinator)
    response = client.post(reverse("assessment:theme", args=[assessment.pk, "B"]), {"revision": 0})
    assert response.status_code == 403


def test_submit_with_unknown_answers_shows_a_dutch_message(world, assessment):
    answer_all(assessment, overrides={"E2": "Onbekend"})
    client = world.client_for(world.officer)
    response = client.post(reverse("assessment:submit", args=[assessment.pk]), follow=True)
    assert "Beantwoord eerst alle vragen" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CONCEPT


def test_review_by_the_regions_coordinator_only(world, assessment):
    answer_all(assessment)
    officer = world.client_for(world.officer)
    officer.post(reverse("assessment:submit", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_REVIEW
    queue = world.client_for(world.coordinator).get(reverse("assessment:list"))
    assert assessment in queue.context["assessments"]
    assert officer.post(reverse("assessment:finalise", args=[assessment.pk])).status_code == 403
    assert (
        world.client_for(world.coordinator_other_region)
        .post(reverse("assessment:finalise", args=[assessment.pk]))
        .status_code
        == 404
    )
    world.client_for(world.coordinator).post(
        reverse("assessment:finalise", args=[assessment.pk]), {"remark": "Akkoord in regio-overleg"}
    )
    assessment.refresh_from_db()
    assert (
        assessment.status == AssessmentStatus.FINAL
        and assessment.review_remark == "Akkoord in regio-overleg"
    )


def test_send_back_shows_comments_to_the_officer(world, assessment):
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    world.client_for(world.coordinator).post(
        reverse("assessment:send_back", args=[assessment.pk]), {"comments": "Onderbouw D2."}
    )
    page = world.client_for(world.officer).get(reverse("assessment:detail", args=[assessment.pk]))
    assert "Onderbouw D2." in page.content.decode()


def test_outcome_page_shows_the_arithmetic(world, assessment):
    answer_all(assessment, overrides={"B1": "Deels", "C1": "Nee"})
    page = world.client_for(world.officer).get(reverse("assessment:outcome", args=[assessment.pk]))
    body = page.content.decode()
    result = page.context["result"]
    # B: 5 of 6 = 83.3 %, C: 4 of 6 = 66.7 %, D-G 100 %, H 100 %.
    b = next(t for t in result.themes if t.code == "B")
    assert (b.points, b.max_points, str(b.percent)) == (5, 6, "83.3")
    assert "83,3%" in body and "66,7%" in body
    assert f"{result.total_percent}".replace(".", ",") + "%" in body
    assert "Samenwerken" in body


def test_knockout_shows_niet_samenwerken_on_the_outcome_page(world, assessment):
    answer_all(assessment, overrides={"A3": "Ja"})
    body = (
        world.client_for(world.officer)
        .get(reverse("assessment:outcome", args=[assessment.pk]))
        .content.decode()
    )
    assert "Niet samenwerken" in body
    assert "Een uitsluitingsgrond is met ‘Ja’ beantwoord" in body


def test_conditions_are_suggested_from_deels_and_nee(world, assessment):
    answer_all(assessment, default="Deels")
    page = world.client_for(world.officer).get(reverse("assessment:outcome", args=[assessment.pk]))
    initial = page.context["form"].initial["conditions"]
    assert initial.startswith("B1 (Deels):")


def test_compare_shows_candidates_side_by_side_with_constant_queries(world, partnership):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_candidate():
        participation = ParticipationFactory(partnership=partnership)
        answer_all(workflow.start(participation, world.officer))

    add_candidate()
    add_candidate()
    client = world.client_for(world.officer)
    url = reverse("assessment:compare", args=[partnership.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _index in range(10):
        add_candidate()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    rows = response.context["rows"]
    assert len(rows) == 12 and all(row["result"].total_percent == 100 for row in rows)


def test_assessment_page_and_outcome_cost_a_fixed_number_of_queries(
    world, partnership, django_assert_num_queries
):
    """Gathered afresh on every visit (nothing of them is cached), the same
    number of queries with one answer or all of them."""
    assessment = workflow.start(ParticipationFactory(partnership=partnership), world.officer)
    client = world.client_for(world.officer)
    page = assessment.get_absolute_url()
    outcome = reverse("assessment:outcome", args=[assessment.pk])
    client.get(page)
    for answered in (False, True):
        if answered:
            answer_all(assessment)
        # 1 session, 2 user, 3 the assessment with the partner's other
        # assessments the user may see (partner, partnership, gemeente,
        # questionnaire version, author and reviewer joined), 4 the version's
        # themes with their questions, options and the answers (progress and
        # score from these) and its bands, in one prepared query, 5-7
        # savepoint, session update, release. (Its history has a page of its own.)
        with django_assert_num_queries(7):
            response = client.get(page)
        assert response.status_code == 200
        # 1 session, 2 user, 3 the assessment (partner, partnership, gemeente,
        # version joined), 4 the version's themes with their questions,
        # options and the answers (the score, and the suggested conditions in
        # the form of who may edit) and its bands, in one prepared query, 5-7
        # savepoint, session update, release.
        with django_assert_num_queries(7):
            response = client.get(outcome)
        assert response.status_code == 200
    assert response.context["result"].total_percent == 100


def test_the_partners_other_assessments_leave_out_drafts_for_a_gemeente_taking_part(world):
    """An assessment's page lists every assessment of the same partner the
    user may see (read with the assessment): a gemeente that only takes part
    sees the finalised ones, the lead gemeente and the coordinator the
    correction under way too; an outsider gets a 404."""
    partnership = PartnershipFactory(
        lead_municipality=world.municipality,
        participating_municipalities=[world.municipality_same_region],
    )
    participation = ParticipationFactory(partnership=partnership)
    other = workflow.start(ParticipationFactory(partnership=partnership), world.officer)
    final = workflow.start(participation, world.officer)
    answer_all(final)
    workflow.submit(final, world.officer)
    workflow.finalise(final, world.coordinator)
    draft = workflow.correct(final, world.officer)
    correction = reverse("assessment:detail", args=[draft.pk])

    def chain(user, assessment=final):
        response = world.client_for(user).get(assessment.get_absolute_url())
        assert response.status_code == 200
        return [a.pk for a in response.context["chain"]]

    assert chain(world.officer) == [draft.pk, final.pk]
    assert chain(world.coordinator) == [draft.pk, final.pk]
    assert chain(world.officer, draft) == [draft.pk, final.pk]
    assert chain(world.officer_same_region) == [final.pk]
    assert f'href="{correction}"' not in (
        world.client_for(world.officer_same_region).get(final.get_absolute_url()).content.decode()
    )
    assert world.client_for(world.officer_same_region).get(correction).status_code == 404
    assert (
        world.client_for(world.officer_other_region).get(final.get_absolute_url()).status_code
        == 404
    )
    assert chain(world.officer, other) == [other.pk]


def test_regional_memory_shows_final_outcomes_to_the_region_only(world, partnership):
    organisation = OrganisationFactory(region=world.region, name="Versmarkt")
    final = workflow.start(
        ParticipationFactory(partnership=partnership, organisation=organisation), world.officer
    )
    answer_all(final)
    workflow.submit(final, world.officer)
    workflow.finalise(final, world.coordinator)
    kampen = PartnershipFactory(lead_municipality=world.municipality_same_region)
    draft = workflow.start(
        ParticipationFactory(partnership=kampen, organisation=organisation),
        world.officer_same_region,
    )
    answer_all(draft)

    rows = regional_memory(world.officer_same_region, organisation)
    assert [(r.municipality, r.outcome) for r in rows] == [("Zwolle", "Samenwerken")]
    assert regional_memory(world.officer_other_region, organisation) == []
    page = world.client_for(world.officer_same_region).get(
        reverse("organisations:detail", args=[organisation.pk])
    )
    assert (
        "Afwegingen in de regio" in page.content.decode() and "Samenwerken" in page.content.decode()
    )


def test_partnership_page_warns_about_private_partners_without_final_assessment(world, partnership):
    ParticipationFactory(partnership=partnership, organisation__name="Snoepfabriek")
    page = world.client_for(world.officer).get(partnership.get_absolute_url()).content.decode()
    assert "nog geen vastgestelde afweging" in page and "Snoepfabriek" in page


def test_the_queue_comes_in_pages_and_says_what_it_shows(world, partnership, monkeypatch):
    from assessment.views import assessments as views

    monkeypatch.setattr(views, "LIST_PAGE_SIZE", 1)
    waiting = []
    for name in ["Eerste BV", "Tweede BV"]:
        participation = ParticipationFactory(
            partnership=partnership, organisation__name=name, organisation__region=world.region
        )
        assessment = workflow.start(participation, world.officer)
        answer_all(assessment)
        workflow.submit(assessment, world.officer)
        waiting.append(assessment)
    client = world.client_for(world.coordinator)
    url = reverse("assessment:list")
    first, second = client.get(url), client.get(url, {"pagina": 2})
    assert first.context["assessments"] + second.context["assessments"] == waiting
    assert "Pagina 1 van 2" in first.content.decode()
    assert "Te beoordelen afwegingen" in first.content.decode()
    finalised = client.get(url, {"status": AssessmentStatus.FINAL}).content.decode()
    assert (
        "Te beoordelen" not in finalised
        and "Geen afwegingen die aan de filters voldoen." in finalised
    )


# --- Moving between themes saves first ---------------------------------------------------


def theme_url(assessment, code):
    return reverse("assessment:theme", args=[assessment.pk, code])


def answers_for(form, label):
    return {f"q_{q.pk}": str(q.options.get(label=label).pk) for q in form.questions}


def test_clicking_another_themes_tab_saves_the_answers_first(world, assessment):
    # Three questions of theme D answered, then the tab of theme E clicked.
    client = world.client_for(world.officer)
    response = client.get(theme_url(assessment, "D"))
    form = response.context["form"]
    assert len(form.questions) >= 3
    fill = {**answers_for(form, "Ja"), "notes": "Besproken met de directeur."}
    url, data = press(response.content.decode(), "E. " + _title(assessment, "E"), fill=fill)
    response = client.post(url or theme_url(assessment, "D"), data)
    assert response.status_code == 302 and response["Location"] == theme_url(assessment, "E")
    stored = assessment.answers.filter(question__theme__code="D", option__label="Ja")
    assert stored.count() == len(form.questions)
    assert assessment.theme_notes.get(theme__code="D").notes == "Besproken met de directeur."
    assert "Opgeslagen." in client.get(response["Location"]).content.decode()


def _title(assessment, code):
    """The tab's text: its title and "0 van n" answered."""
    theme = assessment.version.themes.get(code=code)
    return f"{theme.title} 0 van {theme.questions.count()}"


def test_a_tab_save_that_comes_too_late_is_refused_and_stays(world, assessment):
    # Someone else saved in between: the tab does not move on, the answers
    # typed stay on the page with the message, nothing is overwritten.
    client = world.client_for(world.officer)
    response = client.get(theme_url(assessment, "D"))
    form = response.context["form"]
    page = response.content.decode()
    answer_all(assessment, default="Nee")
    fill = {**answers_for(form, "Ja"), f"e_{form.questions[0].pk}": "Mijn toelichting"}
    url, data = press(page, "E. " + _title(assessment, "E"), fill=fill)
    response = client.post(url or theme_url(assessment, "D"), data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Iemand anders heeft deze afweging intussen opgeslagen" in body
    assert "Mijn toelichting" in body
    assert not assessment.answers.filter(question__theme__code="D", option__label="Ja").exists()


def test_an_unknown_theme_in_goto_saves_and_stays(world, assessment):
    client = world.client_for(world.officer)
    form = client.get(theme_url(assessment, "D")).context["form"]
    data = {"revision": assessment.revision, **answers_for(form, "Ja"), "goto": "Z"}
    response = client.post(theme_url(assessment, "D"), data)
    assert response["Location"] == theme_url(assessment, "D")
    assert assessment.answers.filter(question__theme__code="D").count() == len(form.questions)


def test_readers_get_the_themes_as_links(world, assessment):
    body = world.client_for(world.coordinator).get(theme_url(assessment, "D")).content.decode()
    assert f'href="{theme_url(assessment, "E")}"' in body
    assert 'name="goto"' not in body
