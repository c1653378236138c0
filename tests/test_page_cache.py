"""A partnership's page is cached, and every change to what it shows shows at once.

The page's body is kept as HTML per partnership, keyed by the partnership's
``revision``, which every change to a record on the page raises in the same
transaction (core.freshness). These tests turn the cache on, change one kind of
record at a time and look at the next visit."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from assessment import workflow
from partnerships import phases as phase_rules
from partnerships.models import ChecklistTick, HealthTheme, Partnership
from tests.assessment_helpers import answer_all
from tests.demo_helpers import ensure_reference_data
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    ContributionFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.usefixtures("cache_on")


@pytest.fixture
def partnership(world):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken", lead_municipality=world.municipality
    )
    participation = ParticipationFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Bakkerij Brood & Co")
    )
    goal = GoalFactory(partnership=partnership, title="Gezonder aanbod")
    IndicatorFactory(goal=goal, name="Aandeel gezonde producten")
    AgreementFactory(partnership=partnership, participation=participation)
    return partnership


def page(client, partnership) -> str:
    response = client.get(partnership.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def rendered_afresh(client, partnership) -> bool:
    """Whether the next visit gathers the page from the database again."""
    with CaptureQueriesContext(connection) as queries:
        page(client, partnership)
    return any("partnerships_participation" in q["sql"] for q in queries)


def test_a_second_visit_is_served_from_the_cache(world, partnership):
    client = world.client_for(world.officer)
    assert rendered_afresh(client, partnership)
    assert not rendered_afresh(client, partnership)


def participation_of(p):
    return p.participations.get()


def _rename_organisation(p, name):
    organisation = participation_of(p).organisation
    organisation.name = name
    organisation.save()


def _kampen():
    from regions.models import Municipality

    return Municipality.objects.get(name="Kampen")


# Each change puts a text on the page (or takes one off) that was not there before.
CHANGES = {
    "partner added": (
        lambda p: ParticipationFactory(
            partnership=p, organisation=OrganisationFactory(name="Zuivel Noord")
        ),
        "Zuivel Noord",
    ),
    "partner's organisation renamed": (
        lambda p: _rename_organisation(p, "Bakkerij Zuid"),
        "Bakkerij Zuid",
    ),
    "contribution added": (
        lambda p: ContributionFactory(participation=participation_of(p), hours=1234),
        "1.234",
    ),
    "goal added": (lambda p: GoalFactory(partnership=p, title="Meer bewegen"), "Meer bewegen"),
    "indicator added": (
        lambda p: IndicatorFactory(goal=p.goals.get(), name="Aantal sportclubs"),
        "Aantal sportclubs",
    ),
    "measurement added": (
        lambda p: MeasurementFactory(indicator=p.goals.get().indicators.get(), value=47),
        "Laatste meting 47",
    ),
    "agreement added": (
        lambda p: AgreementFactory(partnership=p, title="Convenant kantine"),
        "Convenant kantine",
    ),
    "activity recorded": (
        lambda p: ActivityFactory(
            partnership=p, title="Proeverij op school", date=date(2026, 5, 1)
        ),
        "Proeverij op school",
    ),
    "gemeente joins": (
        lambda p: p.participating_municipalities.add(_kampen()),
        "met Kampen",
    ),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_every_change_on_the_page_shows_on_the_next_visit(world, partnership, change):
    make_change, text = CHANGES[change]
    client = world.client_for(world.officer)
    assert text not in page(client, partnership)
    make_change(partnership)
    assert text in page(client, partnership)


def test_a_deleted_goal_is_gone_on_the_next_visit(world, partnership):
    client = world.client_for(world.officer)
    assert "<strong>Gezonder aanbod</strong>" in page(client, partnership)
    partnership.goals.get().delete()
    after = page(client, partnership)
    assert "<strong>Gezonder aanbod</strong>" not in after
    assert "Nog geen doelen vastgelegd." in after


def test_a_ticked_checklist_item_leaves_the_next_steps(world, partnership):
    client = world.client_for(world.officer)
    item = phase_rules.checklist_for(partnership, partnership.phase).entries[0].item
    assert f"<li>{item.text}</li>" in page(client, partnership)
    ChecklistTick.objects.create(partnership=partnership, item=item, ticked_by=world.officer)
    assert f"<li>{item.text}</li>" not in page(client, partnership)


def test_assessment_progress_shows_on_the_partners_list(world, partnership):
    client = world.client_for(world.officer)
    assessment = workflow.start(participation_of(partnership), world.officer)
    assert "Afweging:" in page(client, partnership)
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    assert assessment.get_status_display() in page(client, partnership)
    workflow.finalise(assessment, world.coordinator)
    assessment.refresh_from_db()
    assert f"{assessment.get_status_display()}, " in page(client, partnership)


def test_saving_answers_marks_the_partnership_changed(world, partnership):
    assessment = workflow.start(participation_of(partnership), world.officer)
    before = Partnership.objects.get(pk=partnership.pk)
    answer_all(assessment)
    after = Partnership.objects.get(pk=partnership.pk)
    # The cache counter (core.freshness) and the last activity; updated_at is
    # the partnership's own record, which answers do not change.
    assert after.revision > before.revision
    assert after.last_activity_at > before.last_activity_at


def test_a_change_to_another_partnership_leaves_this_page_cached(world, partnership):
    other = PartnershipFactory(lead_municipality=world.municipality)
    client = world.client_for(world.officer)
    page(client, partnership)
    GoalFactory(partnership=other, title="Elders")
    ActivityFactory(partnership=other)
    assert not rendered_afresh(client, partnership)


@pytest.fixture
def committing(transactional_db):
    """Real commits: the reference stamp is renewed when a change commits."""
    ensure_reference_data()


@pytest.mark.django_db(transaction=True)
def test_reference_data_changes_show_everywhere(committing, world, partnership):
    client = world.client_for(world.officer)
    assert "Gezond gewicht" in page(client, partnership)
    theme = HealthTheme.objects.get(pk=partnership.theme_id)
    theme.name = "Gezonde leefstijl"
    theme.save()
    assert "Gezonde leefstijl" in page(client, partnership)


def test_who_may_edit_and_who_only_looks_do_not_share_a_page(world, partnership):
    edit_link = f'href="/samenwerkingen/{partnership.pk}/bewerken/"'
    assert edit_link in page(world.client_for(world.officer), partnership)
    assert edit_link not in page(world.client_for(world.coordinator), partnership)
    assert edit_link in page(world.client_for(world.officer), partnership)


def test_each_language_has_its_own_page(world, partnership):
    client = world.client_for(world.officer)
    assert "Maatschappelijk doel" in page(client, partnership)
    with translation.override("en"):
        client.cookies.load({"django_language": "en"})
        english = page(client, partnership)
    assert "Maatschappelijk doel" not in english


def test_outsiders_still_get_404_when_the_page_is_cached(world, partnership):
    page(world.client_for(world.officer), partnership)
    response = world.client_for(world.officer_other_region).get(partnership.get_absolute_url())
    assert response.status_code == 404


# --- An assessment's page and its outcome ------------------------------------


@pytest.fixture
def assessment(world, partnership):
    return workflow.start(participation_of(partnership), world.officer)


def assessment_page(client, assessment, name="assessment:detail") -> str:
    response = client.get(reverse(name, args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_assessment_page_is_cached_and_shows_saved_answers_at_once(world, assessment):
    client = world.client_for(world.coordinator)
    assert "0 van " in assessment_page(client, assessment)
    with CaptureQueriesContext(connection) as queries:
        assessment_page(client, assessment)
    assert not any("assessment_answer" in q["sql"] for q in queries), "served from the cache"
    answer_all(assessment)
    assert "0 van " not in assessment_page(client, assessment)


def test_the_status_shows_at_once_on_the_assessment_and_its_outcome(world, assessment):
    client = world.client_for(world.coordinator)
    assessment_page(client, assessment)
    assessment_page(client, assessment, "assessment:outcome")
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator, "Akkoord.")
    assert "Vastgesteld op" in assessment_page(client, assessment)
    assert "Vastgestelde uitkomst:" in assessment_page(client, assessment, "assessment:outcome")


def test_forms_are_made_per_request_not_taken_from_the_cache(world, assessment):
    answer_all(assessment)
    # The coordinator fills the cache; the officer then gets her own form and token.
    coordinator_page = assessment_page(world.client_for(world.coordinator), assessment)
    assert "Ter review aanbieden" not in coordinator_page
    assert "csrfmiddlewaretoken" not in coordinator_page.split('id="inhoud"')[1]
    officer_page = assessment_page(world.client_for(world.officer), assessment)
    assert "Ter review aanbieden" in officer_page
    assert "csrfmiddlewaretoken" in officer_page.split('id="inhoud"')[1]


def test_the_conditions_form_only_for_who_may_edit(world, assessment):
    answer_all(assessment, default="Deels")
    coordinator = assessment_page(
        world.client_for(world.coordinator), assessment, "assessment:outcome"
    )
    officer = assessment_page(world.client_for(world.officer), assessment, "assessment:outcome")
    assert "Voorwaarden opslaan" not in coordinator
    assert "Voorwaarden opslaan" in officer
    assert 'id="voorwaarden-kop"' in coordinator


# --- The list of partnerships ------------------------------------------------


def list_page(client, **params) -> str:
    response = client.get(reverse("partnerships:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_serves_its_rows_from_the_cache(world, partnership):
    client = world.client_for(world.officer)
    list_page(client)
    with CaptureQueriesContext(connection) as queries:
        list_page(client)
    assert not any("partnerships_participation" in q["sql"] for q in queries)
    partnership_queries = [q for q in queries if "partnerships_partnership" in q["sql"]]
    assert len(partnership_queries) == 1, "only the state; the rows and their number cached"
    choices = [q for q in queries if 'FROM "partnerships_healththeme"' in q["sql"]]
    assert choices == [], "the filter form's choices from the cache"


def test_each_page_of_the_list_is_cached_apart(world, partnership, monkeypatch):
    from partnerships.views import partnerships as views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    PartnershipFactory(name="Aan de slag", lead_municipality=world.municipality)
    client = world.client_for(world.officer)
    first, second = list_page(client), list_page(client, pagina=2)
    assert "Aan de slag" in first and "Gezonde Kinderkeuken" not in first
    assert "Gezonde Kinderkeuken" in second and "Aan de slag" not in second
    # Pages out of range show the last page, as the paginator says.
    assert "Gezonde Kinderkeuken" in list_page(client, pagina=999)
    assert "Aan de slag" in list_page(client, pagina="abc")


def test_the_list_shows_a_new_or_deleted_partnership_and_its_count_at_once(world, partnership):
    client = world.client_for(world.officer)
    assert "1 samenwerking gevonden" in list_page(client)
    new = PartnershipFactory(name="Aan de slag", lead_municipality=world.municipality)
    html = list_page(client)
    assert "2 samenwerkingen gevonden" in html
    assert html.index("Aan de slag") < html.index("Gezonde Kinderkeuken"), "sorted by name"
    new.delete()
    html = list_page(client)
    assert "1 samenwerking gevonden" in html and "Aan de slag" not in html


def test_the_list_shows_a_new_partner_and_a_new_status_at_once(world, partnership):
    client = world.client_for(world.officer)
    assert "<td>1</td>" in list_page(client)
    ParticipationFactory(partnership=partnership)
    assert "<td>2</td>" in list_page(client)
    partnership.refresh_from_db()
    partnership.status = "gepauzeerd"
    partnership.save()
    assert "<td>Gepauzeerd</td>" in list_page(client)


def test_the_filter_form_keeps_each_filter_its_own(world, partnership):
    client = world.client_for(world.officer)
    assert 'value="kinder"' not in list_page(client)
    assert 'value="kinder"' in list_page(client, q="kinder")


def test_the_dashboard_filters_come_from_the_cache(world, partnership):
    client = world.client_for(world.coordinator)
    first = client.get(reverse("home")).content.decode()
    with CaptureQueriesContext(connection) as queries:
        second = client.get(reverse("home")).content.decode()
    assert not [q for q in queries if 'FROM "regions_municipality"' in q["sql"]]
    assert first.count(">Zwolle<") == second.count(">Zwolle<") >= 2  # the links and the choice
