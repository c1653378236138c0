"""Complete English (issue 15, item 4): the content the beheerder edits has a
Dutch and an English text; an English page shows none of the seeded Dutch
texts once an English one exists, a missing English text falls back to the
Dutch one and is listed for the beheerder, a published questionnaire or
instrument accepts a translation and nothing else, and the texts the system
writes show in the reader's language."""

import html
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from assessment import workflow
from assessment.models import (
    AnswerOption,
    Assessment,
    Question,
    Questionnaire,
    QuestionnaireTheme,
)
from assessment.versions import copy_version as copy_questionnaire
from core.history import history_entries
from core.translations import missing_translations
from core.versioning import PublishedVersionError
from evaluation.models import (
    Category,
    InstrumentVersion,
    OpenQuestion,
    Statement,
)
from evaluation.versions import copy_version as copy_instrument
from partnerships import phases as phase_rules
from partnerships.models import ChecklistItem, HealthTheme, Phase
from tests.factories import (
    EvaluationRoundFactory,
    ParticipationFactory,
    PartnerRespondentFactory,
    PartnershipFactory,
    phase,
)

TOKEN = "Engl1sh-" + "x" * 35

# Every translated text of the seeded content, by model.
TEXTS = {
    HealthTheme: ("name",),
    Phase: ("name", "purpose", "tips", "pitfalls"),
    ChecklistItem: ("text", "help_text"),
    Questionnaire: ("name", "description"),
    QuestionnaireTheme: ("title", "description"),
    Question: ("text", "help_text"),
    AnswerOption: ("label",),
    InstrumentVersion: ("title", "introduction"),
    Category: ("title", "short_title", "description"),
    Statement: ("text",),
    OpenQuestion: ("text",),
}


def dutch_texts() -> set[str]:
    """The Dutch texts (a phase's tips and pitfalls line by line) that have an
    English text of their own."""
    texts = set()
    for model, fields in TEXTS.items():
        for obj in model.objects.all():
            for field in fields:
                dutch, english = getattr(obj, f"{field}_nl"), getattr(obj, f"{field}_en")
                if not dutch or not english or dutch == english:
                    continue
                texts.update(line.strip() for line in dutch.splitlines() if line.strip())
    return texts


def dutch_in(page: str, texts) -> list[str]:
    """The ``texts`` that stand in ``page`` as words (a "Ja" inside "January"
    does not count)."""
    found = []
    for text in texts:
        escaped = html.escape(text)
        for variant in {text, escaped, escaped.replace("&#x27;", "&#39;")}:
            if re.search(rf"(?<!\w){re.escape(variant)}(?!\w)", page):
                found.append(text)
                break
    return found


def client_in(language: str, user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def english_client(user=None) -> Client:
    return client_in("en", user)


@pytest.fixture
def partnership(world):
    partnership = PartnershipFactory(name="Kinderkeuken", lead_municipality=world.municipality)
    phase_rules.move(partnership, phase(2), world.officer, "Wethouder wil door.")
    return partnership


# --- The seeded content in English ---------------------------------------------------


def test_every_seeded_text_has_an_english_text(db):
    assert list(missing_translations()) == []
    assert len(dutch_texts()) > 150  # themes, phases, checklists, both instruments


@pytest.mark.slow
def test_english_pages_hold_none_of_the_dutch_content(world, partnership):
    participation = ParticipationFactory(partnership=partnership)
    assessment = workflow.start(participation, world.officer)
    evaluation_round = EvaluationRoundFactory(partnership=partnership, title="Spring round")
    PartnerRespondentFactory(round=evaluation_round, token=TOKEN, contact__name="Marieke")
    texts = dutch_texts()
    client = english_client(world.officer)
    pages = {
        "partnership": reverse("partnerships:detail", args=[partnership.pk]),
        "phases": reverse("partnerships:phase", args=[partnership.pk]),
        "list": reverse("partnerships:list"),
        "assessment": reverse("assessment:detail", args=[assessment.pk]),
    }
    pages.update(
        {
            f"questions {code}": reverse("assessment:theme", args=[assessment.pk, code])
            for code in "ABCDEFGH"
        }
    )
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        page = response.content.decode()
        assert 'lang="en"' in page, name
        assert dutch_in(page, texts) == [], name
    respond = english_client().get(reverse("evaluation:respond", args=[TOKEN]))
    assert respond.status_code == 200
    page = respond.content.decode()
    assert dutch_in(page, texts) == []
    assert "We share a vision of the problem we are tackling together." in page


def test_english_phase_page_shows_the_english_guidance(world, partnership):
    page = english_client(world.officer).get(reverse("partnerships:phase", args=[partnership.pk]))
    body = page.content.decode()
    assert "Choose one or more partners" in body
    assert "Start with a small group: a core team of three or four partners" in body
    assert "There is a core team of three or four partners" in body
    dutch = Client()
    dutch.force_login(world.officer)
    body = dutch.get(reverse("partnerships:phase", args=[partnership.pk])).content.decode()
    assert "Kies een of meer partners" in body and "Choose one or more partners" not in body


# --- Fallback and the list of what is missing ----------------------------------------


def test_a_missing_english_text_falls_back_to_the_dutch_one_and_is_listed(world, partnership):
    item = ChecklistItem.objects.create(phase=phase(2), text="De GGD is geraadpleegd", order=9)
    assert item.text_nl == "De GGD is geraadpleegd" and not item.text_en
    with translation.override("en"):
        assert ChecklistItem.objects.get(pk=item.pk).text == "De GGD is geraadpleegd"
    page = english_client(world.officer).get(reverse("partnerships:phase", args=[partnership.pk]))
    assert "De GGD is geraadpleegd" in page.content.decode()

    missing = [(m.model, m.pk, m.field) for m in missing_translations()]
    assert missing == [(ChecklistItem, item.pk, "text")]

    admin = Client()
    admin.force_login(world.administrator)
    index = admin.get(reverse("admin:index")).content.decode()
    assert "1 tekst heeft nog geen Engelse vertaling" in index
    listing = admin.get(reverse("missing_translations")).content.decode()
    assert "De GGD is geraadpleegd" in listing
    assert reverse("admin:partnerships_checklistitem_change", args=[item.pk]) in listing

    item.text_en = "The GGD has been consulted"
    item.save()
    assert list(missing_translations()) == []
    assert (
        "0 teksten hebben nog geen Engelse vertaling"
        in admin.get(reverse("admin:index")).content.decode()
    )


def test_the_missing_translations_command_lists_and_checks(db, capsys):
    HealthTheme.objects.create(name="Gezonde school")
    with pytest.raises(SystemExit):
        call_command("missing_translations", "--check")
    out = capsys.readouterr().out
    assert "partnerships.HealthTheme" in out and "Gezonde school" in out
    assert "1 Engelse vertaling(en) ontbreken." in out


def test_the_missing_list_is_for_the_beheerder_only(world):
    client = Client()
    client.force_login(world.officer)
    response = client.get(reverse("missing_translations"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_original_column_stays_dutch_whoever_saves(db):
    """Code that reads a text without the model (a ``values()`` over a
    relation, a history row) reads the Dutch text."""
    first = phase(1)
    with translation.override("en"):
        first.purpose = "An English purpose."
        first.save()
    stored = Phase.objects.rewrite(False).filter(pk=first.pk).values("name", "purpose").get()
    assert stored["name"] == "Kies een organisatievorm"
    assert stored["purpose"] == first.purpose_nl != "An English purpose."
    assert Phase.objects.get(pk=first.pk).purpose_en == "An English purpose."
    history = first.history.first()
    assert history.purpose_en == "An English purpose." and history.name_nl == first.name_nl


# --- A published version: translations only ------------------------------------------


def test_a_published_questionnaire_takes_a_translation_and_nothing_else(db):
    question = Question.objects.get(code="B1", theme__version__number=1)
    assert question.theme.version.is_published
    question.text_en = "Does the mission fit the partnership's societal goal?"
    question.save()
    assert Question.objects.get(pk=question.pk).text_en.startswith("Does the mission")

    question.text_nl = "Een andere vraag."
    with pytest.raises(PublishedVersionError):
        question.save()
    question.refresh_from_db()
    question.order = 7
    with pytest.raises(PublishedVersionError):
        question.save()
    with translation.override("en"):
        question.refresh_from_db()
        question.text = "Assigned in English: only the English text changes."
        question.save()
    question.refresh_from_db()
    assert question.text_nl.startswith("De missie van de organisatie")
    with pytest.raises(PublishedVersionError):
        question.delete()
    option = AnswerOption.objects.filter(question=question).first()
    option.label_en = "Yes indeed"
    option.save()
    option.points = 5
    with pytest.raises(PublishedVersionError):
        option.save()


def test_a_published_instrument_takes_a_translation_and_nothing_else(db):
    version = InstrumentVersion.current()
    version.introduction_en = "A better English introduction."
    version.save()
    version.notes = "Changed notes."
    with pytest.raises(PublishedVersionError):
        version.save()
    statement = Statement.objects.filter(category__version=version).first()
    statement.text_en = "A corrected English statement."
    statement.save()
    statement.text_nl = "Een andere stelling."
    with pytest.raises(PublishedVersionError):
        statement.save()


def test_the_admin_offers_only_the_english_texts_of_a_published_version(world):
    admin = Client()
    admin.force_login(world.administrator)
    question = Question.objects.get(code="B1", theme__version__number=1)
    url = reverse("admin:assessment_question_change", args=[question.pk])
    page = admin.get(url).content.decode()
    assert 'name="text_en"' in page and 'name="text_nl"' not in page
    assert 'name="options-0-label_en"' in page and 'name="options-0-label_nl"' not in page
    assert 'name="options-0-points"' not in page and 'name="options-0-DELETE"' not in page
    data = {
        "text_en": "Does the organisation's mission fit the partnership's societal goal?",
        "help_text_en": "",
        "options-TOTAL_FORMS": 4,
        "options-INITIAL_FORMS": 4,
        "options-MIN_NUM_FORMS": 0,
        "options-MAX_NUM_FORMS": 1000,
    }
    for index, option in enumerate(question.options.order_by("order", "pk")):
        data[f"options-{index}-id"] = option.pk
        data[f"options-{index}-question"] = question.pk
        data[f"options-{index}-label_en"] = option.label_en + "!"
    response = admin.post(url, data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text_en.startswith("Does the organisation's mission")
    assert question.text_nl.startswith("De missie van de organisatie")
    assert question.options.get(order=1).label_en == "Yes!"
    assert question.options.get(order=1).points == 2


def test_a_copied_version_keeps_both_languages_whatever_the_admin_language(db):
    with translation.override("en"):
        draft = copy_questionnaire(Questionnaire.objects.get().current_version())
        instrument = copy_instrument(InstrumentVersion.current())
    question = Question.objects.get(theme__version=draft, code="B1")
    assert question.text_nl.startswith("De missie") and question.text_en.startswith("The org")
    option = question.options.get(order=1)
    assert (option.label_nl, option.label_en) == ("Ja", "Yes")
    stored = AnswerOption.objects.rewrite(False).filter(pk=option.pk).values("label").get()
    assert stored["label"] == "Ja"
    assert (instrument.title_nl, instrument.title_en) == (
        "Evaluatie van de samenwerking",
        "Evaluation of the partnership",
    )


# --- Texts the system writes ---------------------------------------------------------


def test_a_move_reason_in_the_history_shows_in_the_readers_language(world, partnership):
    assert partnership.history.first().history_change_reason == "pps.phase:2"
    with translation.override("en"):
        assert history_entries(partnership)[0].reason == "To phase 2"
    with translation.override("nl"):
        assert history_entries(partnership)[0].reason == "Naar fase 2"


def test_a_correction_names_its_copies_in_the_readers_language(world, partnership):
    from assessment.history import assessment_history
    from tests.assessment_helpers import answer_all

    assessment = answer_all(
        workflow.start(ParticipationFactory(partnership=partnership), world.officer)
    )
    workflow.submit(assessment, world.officer)
    workflow.finalise(Assessment.objects.get(pk=assessment.pk), world.coordinator, "Akkoord.")
    correction = workflow.correct(Assessment.objects.get(pk=assessment.pk), world.officer)
    with translation.override("en"):
        reasons = {entry.reason for entry in assessment_history(correction)}
    assert "answers and notes copied from the finalised assessment" in reasons


def test_a_new_partnership_stores_no_dutch_reason(world):
    client = english_client(world.officer)
    response = client.post(
        reverse("partnerships:create"),
        {
            "name": "Healthy canteens",
            "theme": HealthTheme.objects.get(name_nl="Gezonde voeding").pk,
            "societal_goal": "Healthier food at school.",
            "function": "operationeel",
            "organisational_form": "convenant",
            "regie_holder": "gemeente",
            "status": "actief",
            "start_date": "01-02-2027",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    partnership = world.municipality.led_partnerships.get(name="Healthy canteens")
    start = partnership.phase_transitions.get()
    assert start.reason == ""
    response = client.get(reverse("partnerships:phase", args=[partnership.pk]))
    assert response.status_code == 200
    assert "Samenwerking aangemaakt" not in response.content.decode()


# --- Dates and numbers ---------------------------------------------------------------


def test_english_dates_read_day_before_month_and_numbers_use_english_separators(db):
    day = date(2027, 2, 1)
    with translation.override("en"):
        assert formats.date_format(day) == "1 February 2027"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "01-02-2027"
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%d-%m-%Y"
        assert formats.number_format(1200.5, 2, force_grouping=True) == "1,200.50"
    with translation.override("nl"):
        assert formats.date_format(day) == "1 februari 2027"
        assert formats.number_format(1200.5, 2, force_grouping=True) == "1.200,50"
