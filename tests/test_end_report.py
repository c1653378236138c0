"""The end report (eindrapportage) of a partnership as PDF: its sections in
order, a tagged PDF/A in Dutch, numbers equal to the data, no personal data
of respondents, who may download it, and a fixed number of queries."""

import io
import logging
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from decisions import recording
from decisions.end_report import TEMPLATE, build_end_report, reached
from decisions.models import Decision, Option
from lessons.models import Lesson
from partnerships.models import Contribution, GoalLevel, PhaseTransition
from tests.conftest import PERSONAS
from tests.evaluation_helpers import OFFICER_NAMES, PARTNER_CONTACTS, closed_round
from tests.factories import (
    ActionFactory,
    ContributionFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    ParticipationFactory,
    PartnershipFactory,
    phase,
)

pytestmark = pytest.mark.django_db

NAME = "Samen Fit Zwolle"
RESPONDENT_NAMES = PARTNER_CONTACTS + tuple(f"{first} {last}" for first, last in OFFICER_NAMES)
SECTIONS = (
    "1. Verloop",
    "2. Doelen en indicatoren",
    "3. Inbreng van de partners",
    "4. Evaluaties",
    "5. Besluit",
    "6. Geleerde lessen",
)


def url(partnership):
    return reverse("decisions:end_report", args=[partnership.pk])


def add_goals(partnership, title="Meer kinderen bewegen"):
    goal = GoalFactory(partnership=partnership, level=GoalLevel.JOINT, title=title)
    up = IndicatorFactory(goal=goal, name="Kinderen die dagelijks bewegen", baseline=20, target=60)
    MeasurementFactory(indicator=up, measured_on=date(2026, 3, 31), value=35)
    MeasurementFactory(indicator=up, measured_on=date(2026, 9, 30), value=Decimal("61.5"))
    down = IndicatorFactory(
        goal=goal, name="Kinderen met overgewicht", unit="%", baseline=18, target=14
    )
    MeasurementFactory(indicator=down, measured_on=date(2026, 9, 30), value=Decimal("15.2"))
    IndicatorFactory(goal=goal, name="Sportclubs met een beweegaanbod", unit="aantal")
    return goal


def add_partner(partnership, name, contributions):
    participation = ParticipationFactory(partnership=partnership, organisation__name=name)
    for hours, euros in contributions:
        ContributionFactory(participation=participation, hours=hours, euros=euros)
    return participation


@pytest.fixture
def ended(world):
    """An ended partnership with its course, goals, partners' contributions,
    a closed round (with an action taken by a respondent), its decision and
    a lesson."""
    partnership = PartnershipFactory(
        name=NAME,
        lead_municipality=world.municipality,
        phase=phase(6),
        participating_municipalities=[world.municipality_same_region],
    )
    PhaseTransition.objects.create(
        partnership=partnership, to_phase=phase(1), reason="Samenwerking aangemaakt."
    )
    PhaseTransition.objects.create(
        partnership=partnership,
        from_phase=phase(5),
        to_phase=phase(6),
        reason="Tijd voor de eindevaluatie.",
    )
    add_goals(partnership)
    add_partner(partnership, "Sportclub De Sprinters", [(Decimal("96"), None), (12.5, 1000.5)])
    add_partner(partnership, "Zorgverzekeraar Oost", [(None, 2500)])
    evaluated = closed_round(world, partnership=partnership, title="Eindevaluatie 2026")
    ActionFactory(
        partnership=partnership,
        round=evaluated.round,
        what="Een vaste voorzitter voor het partneroverleg.",
        owner_user=evaluated.respondents[0].user,
    )
    recording.record(
        partnership,
        Decision(
            option=Option.END,
            decided_on=date(2026, 10, 1),
            decided_by="College van B en W",
            reference="B&W 2026/88",
            reasons="De doelen zijn grotendeels bereikt.",
            end_date=date(2026, 12, 31),
            notice_given_on=date(2026, 10, 5),
            results="De beweegkaart gaat naar de GGD.",
            communication="Brief aan de raad.",
            archive="Zaaksysteem, dossier 2026-12.",
        ),
        world.officer,
        seen=0,
    )
    lesson = Lesson.objects.create(
        partnership=partnership,
        title="Houd het overleg klein",
        what_worked="Een kernteam van drie.",
        advice="Begin met de partners die al meedoen.",
        author=world.officer,
    )
    lesson.phases.set([phase(3)])
    partnership.refresh_from_db()
    return partnership


def pdf_text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, " ".join(page.extract_text() for page in reader.pages)


def test_pdf_has_the_sections_in_order_tagged_and_in_dutch(world, ended, caplog):
    client = world.client_for(world.coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = client.get(url(ended))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="eindrapportage-samen-fit-zwolle-'
    )
    assert "no-store" in response["Cache-Control"]
    problems = [
        r
        for r in caplog.records
        if r.name.startswith("weasyprint") and "HarfBuzz-Subset" not in r.getMessage()
    ]
    assert problems == [], [r.getMessage() for r in problems]
    reader, text = pdf_text(response.content)
    positions = [text.find(section) for section in SECTIONS]
    assert -1 not in positions, positions
    assert positions == sorted(positions)  # Dutch, though the interface is English
    assert f"Pagina 1 van {len(reader.pages)}" in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert "/Metadata" in root
    assert reader.metadata.title == f"Eindrapportage {NAME}"
    # What each section holds.
    assert "Tijd voor de eindevaluatie." in text  # the course
    assert "Kinderen met overgewicht" in text  # the goals
    assert "Zorgverzekeraar Oost" in text  # the contributions
    assert "Eindevaluatie 2026" in text and "Leiderschap en regie" in text  # the trend
    assert "B&W 2026/88" in text and "Zaaksysteem, dossier 2026-12." in text  # the decision
    assert "Houd het overleg klein" in text  # the lessons
    for name in RESPONDENT_NAMES:
        assert name not in text


def test_no_respondent_names_even_in_a_named_round_and_for_their_actions(world, ended):
    ended.evaluation_rounds.update(named=True)
    with translation.override("nl"):
        html = render_to_string(TEMPLATE, {"report": build_end_report(ended)})
    assert "Een vaste voorzitter voor het partneroverleg." in html
    assert "Publieke kant" in html
    for name in RESPONDENT_NAMES:
        assert name not in html


def test_numbers_equal_the_data(world, ended):
    report = build_end_report(ended)
    parties = {party.name: party for party in report.parties}
    for name in ("Sportclub De Sprinters", "Zorgverzekeraar Oost"):
        stored = Contribution.objects.filter(
            participation__partnership=ended, participation__organisation__name=name
        ).aggregate(hours=Sum("hours"), euros=Sum("euros"))
        assert parties[name].hours == (stored["hours"] or 0)
        assert parties[name].euros == (stored["euros"] or 0)
    assert parties["Sportclub De Sprinters"].hours == Decimal("108.5")
    assert parties["Sportclub De Sprinters"].euros == Decimal("1000.50")
    assert report.total_hours == Decimal("108.5")
    assert report.total_euros == Decimal("3500.50")
    indicators = {row.name: row for goal in report.goals for row in goal.indicators}
    up = indicators["Kinderen die dagelijks bewegen"]
    assert (up.latest, up.measured_on, up.measurements, up.reached) == (
        Decimal("61.5"),
        date(2026, 9, 30),
        2,
        True,
    )
    down = indicators["Kinderen met overgewicht"]
    assert (down.latest, down.target, down.reached) == (Decimal("15.2"), 14, False)
    assert indicators["Sportclubs met een beweegaanbod"].latest is None
    # The same numbers, as Dutch people read them, in the PDF.
    response = world.client_for(world.officer).get(url(ended))
    _reader, text = pdf_text(response.content)
    for shown in ("108,5", "€ 1.000,50", "€ 2.500,00", "€ 3.500,50", "61,5", "15,2"):
        assert shown in text, shown
    assert "niet gehaald" in text and "niet gemeten" in text


@pytest.mark.parametrize(
    ("baseline", "target", "value", "expected"),
    [
        (20, 60, 60, True),  # up: the target itself is reached
        (20, 60, Decimal("59.99"), False),
        (18, 14, 14, True),  # down: fewer is better
        (18, 14, Decimal("14.01"), False),
        (20, 60, None, None),  # not measured
    ],
)
def test_a_target_is_reached_in_its_direction(baseline, target, value, expected):
    assert reached(Decimal(baseline), Decimal(target), value) is expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_download_the_end_report(world, ended, persona, monkeypatch):
    monkeypatch.setattr(
        "decisions.views.render_end_report", lambda p: ("eindrapportage.pdf", b"%PDF-1.7 x")
    )
    response = world.client_for(getattr(world, persona)).get(url(ended))
    # Those who see the partnership: its gemeente, a participating gemeente,
    # the region's coordinator, the beheerder. Others: 404.
    sees = persona in {"officer", "officer_same_region", "coordinator", "administrator"}
    assert response.status_code == (200 if sees else 404)


def test_no_end_report_before_a_decision(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(6))
    client = world.client_for(world.officer)
    assert client.get(url(partnership)).status_code == 404
    response = client.get(partnership.get_absolute_url())
    assert response.status_code == 200
    assert url(partnership) not in response.content.decode()


def test_the_phase_seven_section_offers_the_end_report(world, ended):
    body = world.client_for(world.officer_same_region).get(ended.get_absolute_url())
    assert "Eindrapportage downloaden (PDF)" in body.content.decode()
    assert url(ended) in body.content.decode()


def test_building_the_report_takes_a_fixed_number_of_queries(
    world, ended, django_assert_num_queries
):
    # 1 the partnership, 2 the participating gemeenten, 3 the timeline,
    # 4-6 goals, indicators, latest measurements, 7-8 partners and
    # contributions, 9-13 the trend (rounds, categories, statements, answers,
    # respondents), 14 actions, 15 decisions, 16-17 lessons and their phases.
    with django_assert_num_queries(17):
        first = build_end_report(ended)
    # More of everything: the same queries.
    add_goals(ended, "Gezonde sportkantines")
    add_partner(ended, "Bakkerij Brood & Zo", [(8, 150), (4, None)])
    closed_round(world, partnership=ended, title="Tussenevaluatie 2026")
    lesson = Lesson.objects.create(partnership=ended, title="Meet vanaf het begin")
    lesson.phases.set([phase(4), phase(5)])
    with django_assert_num_queries(17):
        second = build_end_report(ended)
    assert len(second.goals) == 2 * len(first.goals)
    assert len(second.parties) == len(first.parties) + 1
    assert len(second.rounds) == 2 and len(second.lessons) == 2
