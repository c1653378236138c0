"""Lessons kept for the region: written by the lead gemeente, read and
searched by everyone of the region, a 404 elsewhere; audited, stale edits
refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lessons.models import Lesson
from lessons.search import search
from partnerships.models import Status
from tests.conftest import PERSONAS
from tests.factories import PartnershipFactory, ThemeFactory, phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(world):
    return PartnershipFactory(
        lead_municipality=world.municipality,
        phase=phase(7),
        theme=ThemeFactory(name="Gezonde voeding"),
        name="Gezonde Kinderkeuken Zwolle",
    )


@pytest.fixture
def lesson(world, partnership):
    lesson = Lesson.objects.create(
        partnership=partnership,
        title="Begin klein met één supermarkt",
        what_worked="Proeverijen in de winkel trokken ouders en kinderen.",
        what_did_not="Te veel partners tegelijk aan tafel.",
        advice="Start met een kernteam van drie partners.",
        author=world.officer,
    )
    lesson.phases.set([phase(2), phase(5)])
    return lesson


def lesson_data(**extra):
    data = {
        "title": "Regie bij de gemeente werkt",
        "what_worked": "Een vaste regisseur.",
        "what_did_not": "",
        "advice": "Beleg de regie vroeg.",
        "phases": [phase(4).pk],
        "evaluation_round": "",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_whole_region_reads_a_lesson_others_get_404(world, lesson, persona):
    client = world.client_for(getattr(world, persona))
    region = {"officer", "officer_same_region", "coordinator", "administrator"}
    expected = 200 if persona in region else 404
    assert client.get(lesson.get_absolute_url()).status_code == expected
    listed = client.get("/lessen/")
    assert listed.status_code == 200
    assert (lesson.title in listed.content.decode()) == (persona in region)


def test_kampen_reads_zwolles_lesson_without_a_link_to_the_partnership(world, lesson):
    # Kampen does not take part: it reads the lesson, not the partnership.
    body = world.client_for(world.officer_same_region).get(lesson.get_absolute_url())
    body = body.content.decode()
    assert "Gezonde Kinderkeuken Zwolle" in body
    assert lesson.partnership.get_absolute_url() not in body
    assert "Bewerken" not in body


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_lead_gemeente_writes_and_changes_lessons(world, partnership, lesson, persona):
    client = world.client_for(getattr(world, persona))
    add = client.get(f"/samenwerkingen/{partnership.pk}/lessen/nieuw/").status_code
    edit = client.get(f"/lessen/{lesson.pk}/bewerken/").status_code
    delete = client.post(f"/lessen/{lesson.pk}/verwijderen/").status_code
    if persona == "officer":
        assert (add, edit, delete) == (200, 200, 302)
    elif persona in {"officer_same_region", "coordinator", "administrator"}:
        # Readers of the region: they see the lesson, cannot change it.
        assert edit == 403 and delete == 403
        assert add in {403, 404}
    else:
        assert (add, edit, delete) == (404, 404, 404)


def test_writing_a_lesson(world, partnership):
    client = world.client_for(world.officer)
    response = client.post(f"/samenwerkingen/{partnership.pk}/lessen/nieuw/", lesson_data())
    lesson = Lesson.objects.get()
    assert response.status_code == 302 and response["Location"] == lesson.get_absolute_url()
    assert lesson.author == world.officer
    assert list(lesson.phases.values_list("number", flat=True)) == [4]
    # Audited: who wrote it (the phases are recorded with it, as a second entry).
    assert lesson.history.earliest().history_user == world.officer


def test_a_lesson_needs_text_and_a_phase(world, partnership):
    client = world.client_for(world.officer)
    response = client.post(
        f"/samenwerkingen/{partnership.pk}/lessen/nieuw/",
        lesson_data(what_worked=" ", advice="", phases=[]),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Schrijf op wat werkte" in content
    assert "Kies de fase of fasen" in content
    assert not Lesson.objects.exists()


def test_a_too_long_text_is_refused_with_a_message(world, partnership):
    response = world.client_for(world.officer).post(
        f"/samenwerkingen/{partnership.pk}/lessen/nieuw/", lesson_data(advice="x" * 5001)
    )
    assert response.status_code == 200
    assert "advice" in response.context["form"].errors


def test_lessons_are_written_from_phase_5_or_after_the_end(world):
    early = PartnershipFactory(lead_municipality=world.municipality, phase=phase(3))
    client = world.client_for(world.officer)
    assert client.get(f"/samenwerkingen/{early.pk}/lessen/nieuw/").status_code == 403
    early.status = Status.ENDED
    early.save()
    assert client.get(f"/samenwerkingen/{early.pk}/lessen/nieuw/").status_code == 200


def test_a_stale_edit_is_refused(world, lesson):
    client = world.client_for(world.officer)
    form = client.get(f"/lessen/{lesson.pk}/bewerken/").context["form"]
    opened = {
        "version": form["version"].value(),
        "opened": form["opened"].value(),
    }
    first = client.post(
        f"/lessen/{lesson.pk}/bewerken/",
        lesson_data(title="Eerste versie", phases=[phase(2).pk], **opened),
    )
    assert first.status_code == 302
    second = client.post(
        f"/lessen/{lesson.pk}/bewerken/",
        lesson_data(title="Tweede versie", phases=[phase(2).pk], **opened),
    )
    assert second.status_code == 409
    assert Lesson.objects.get().title == "Eerste versie"


def test_every_word_is_found_in_any_field(world, lesson, partnership):
    Lesson.objects.create(partnership=partnership, title="Iets anders", advice="Vier successen.")
    everything = Lesson.objects.all()
    assert list(search(everything, q="kernteam")) == [lesson]
    assert list(search(everything, q="PROEVERIJEN supermarkt")) == [lesson]
    assert list(search(everything, q="kinderkeuken successen"))[0].title == "Iets anders"
    assert list(search(everything, q="kernteam successen")) == []


def test_filter_by_theme_and_phase(world, lesson):
    other_theme = PartnershipFactory(
        lead_municipality=world.municipality_same_region,
        theme=ThemeFactory(name="Roken"),
        phase=phase(6),
    )
    smoke = Lesson.objects.create(partnership=other_theme, title="Rookvrij", advice="a")
    smoke.phases.set([phase(5)])
    everything = Lesson.objects.all()
    assert list(search(everything, theme=lesson.partnership.theme)) == [lesson]
    assert set(search(everything, phase=phase(5))) == {lesson, smoke}
    assert list(search(everything, phase=phase(2))) == [lesson]
    client = world.client_for(world.officer_same_region)
    body = client.get(
        "/lessen/", {"q": "rookvrij", "theme": smoke.partnership.theme_id, "phase": phase(5).pk}
    ).content.decode()
    assert "Rookvrij" in body and lesson.title not in body
    assert "1 les gevonden." in body


def test_garbage_in_the_search_is_no_500(world, lesson):
    client = world.client_for(world.officer)
    for query in ({"theme": "abc"}, {"phase": "-99999999999999999999"}, {"q": "x" * 500}):
        assert client.get("/lessen/", query).status_code == 200


def test_the_list_costs_the_same_queries_for_few_and_many(
    world, lesson, partnership, django_assert_num_queries
):
    client = world.client_for(world.officer_same_region)
    client.get("/lessen/")
    with CaptureQueriesContext(connection) as few:
        client.get("/lessen/", {"q": "kernteam", "phase": phase(2).pk})
    count = len(few)
    for i in range(30):
        other = Lesson.objects.create(partnership=partnership, title=f"Les {i}", advice="kernteam")
        other.phases.set([phase(2), phase(3)])
    with django_assert_num_queries(count):
        response = client.get("/lessen/", {"q": "kernteam", "phase": phase(2).pk})
    assert response.context["page"].paginator.count == 31


def test_the_lesson_page_costs_a_fixed_number_of_queries(world, lesson, django_assert_num_queries):
    client = world.client_for(world.officer)
    client.get(lesson.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(lesson.get_absolute_url())
    count = len(few)
    for i in range(5):
        lesson.title = f"Versie {i}"
        lesson.save()
    with django_assert_num_queries(count):
        client.get(lesson.get_absolute_url())


def test_the_menu_links_to_the_lessons(world):
    body = world.client_for(world.officer).get("/lessen/").content.decode()
    assert 'href="/lessen/" aria-current="page">Geleerde lessen' in body


@pytest.mark.slow
def test_the_demo_ends_one_partnership_sustains_another_and_kampen_finds_the_lessons(settings):
    from decisions.models import Decision, Option
    from demo import endings
    from partnerships.models import ChecklistFact, ChecklistTick, Partnership
    from tests.demo_helpers import load_demo

    load_demo(settings, advice_files=False)
    load_demo(settings, advice_files=False)  # again: nothing doubles, nothing changes
    ended = Partnership.objects.get(name=endings.ENDED)
    sustained = Partnership.objects.get(name=endings.SUSTAINED)
    assert ended.status == Status.ENDED and ended.is_closed and ended.phase.number == 7
    decision = Decision.objects.get(partnership=ended)
    assert decision.option == Option.END and decision.notice_document.read().startswith(b"%PDF")
    assert sustained.phase.number == 5 and sustained.status == Status.ACTIVE
    assert Decision.objects.get(partnership=sustained).option == Option.SUSTAIN
    assert set(
        ChecklistTick.objects.filter(partnership=ended)
        .exclude(item__fact="")
        .values_list("item__fact", flat=True)
    ) == {
        ChecklistFact.EVALUATION_ROUND_CLOSED,  # its two rounds, for the end report
        ChecklistFact.DECISION_RECORDED,
        ChecklistFact.LESSONS_WRITTEN,
    }
    from decisions.end_report import build_end_report

    report = build_end_report(ended)  # the demo's end report has something in every section
    assert [len(report.rounds), len(report.goals), len(report.parties)] == [2, 3, 3]
    assert report.total_euros == 3750 and len(report.lessons) == 2 and len(report.timeline) == 7

    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="medewerker.kampen"))
    body = client.get("/lessen/", {"q": "supermarkt"}).content.decode()
    assert "Begin met één supermarkt en één wijk" in body and endings.ENDED in body
    lesson = Lesson.objects.get(title="Begin met één supermarkt en één wijk")
    assert client.get(lesson.get_absolute_url()).status_code == 200
    # Kampen does not take part in it: the partnership itself stays closed to her.
    assert client.get(ended.get_absolute_url()).status_code == 404


def test_a_lesson_raises_the_revision_of_its_own_partnership_only(world, partnership):
    from partnerships.models import Partnership

    other = PartnershipFactory(lead_municipality=world.municipality)
    before = dict(Partnership.objects.values_list("pk", "revision"))
    lesson = Lesson.objects.create(partnership=partnership, title="Een", advice="a")
    lesson.phases.set([phase(5)])
    after = dict(Partnership.objects.values_list("pk", "revision"))
    assert after[partnership.pk] > before[partnership.pk]
    assert after[other.pk] == before[other.pk]
