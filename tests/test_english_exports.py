"""The CSV and Excel exports in the interface language (issue 15, item 4):
headers and values (theme, phase, status, outcome) in the same language,
dates as a date field of that language shows them, a CSV separated as a
spreadsheet program of that language expects; the cache keeps one file per
language."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessment import workflow
from partnerships.models import HealthTheme, Status
from tests.assessment_helpers import answer_all
from tests.factories import ParticipationFactory, PartnershipFactory, phase
from tests.test_english import client_in


@pytest.fixture
def finalised(world):
    partnership = PartnershipFactory(
        name="Kinderkeuken",
        lead_municipality=world.municipality,
        theme=HealthTheme.objects.get(name_nl="Gezonde voeding"),
        phase=phase(2),
        status=Status.ACTIVE,
        start_date=date(2026, 2, 1),
    )
    participation = ParticipationFactory(partnership=partnership, organisation__name="Versmarkt")
    assessment = answer_all(workflow.start(participation, world.officer))
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator, "Akkoord.")
    return partnership


def csv_table(response, delimiter):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=delimiter))


def test_the_csv_in_english_has_english_headers_and_values(world, finalised):
    response = client_in("en", world.officer).get(reverse("dashboard:export_csv"))
    assert 'filename="partnerships-' in response["Content-Disposition"]
    header, row = csv_table(response, ",")
    assert header[:6] == [
        "Name",
        "Lead municipality",
        "GGD region",
        "Theme",
        "Phase (number)",
        "Phase",
    ]
    values = dict(zip(header, row, strict=True))
    assert values["Theme"] == HealthTheme.objects.get(name_nl="Gezonde voeding").name_en
    assert values["Theme"] != "Gezonde voeding"
    assert values["Phase"] == phase(2).name_en == "Choose one or more partners"
    assert values["Status"] == "Active"
    assert values["Start date"] == "01-02-2026"
    assert "Versmarkt: Collaborate" in values[header[-1]]


def test_the_csv_in_dutch_stays_dutch(world, finalised):
    response = client_in("nl", world.officer).get(reverse("dashboard:export_csv"))
    assert 'filename="samenwerkingen-' in response["Content-Disposition"]
    header, row = csv_table(response, ";")
    values = dict(zip(header, row, strict=True))
    assert values["Thema"] == "Gezonde voeding"
    assert values["Fase"] == "Kies een of meer partners"
    assert values["Status"] == "Actief"
    assert values["Startdatum"] == "01-02-2026"
    assert "Versmarkt: Samenwerken" in values["Uitkomsten van vastgestelde afwegingen"]


def test_the_workbook_in_english_has_english_headers_and_values(world, finalised):
    response = client_in("en", world.officer).get(reverse("dashboard:export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    values = dict(zip(rows[0], rows[1], strict=True))
    assert sheet.title == "Partnerships"
    assert values["Phase"] == "Choose one or more partners"
    assert values["Status"] == "Active"
    assert values["Start date"].date() == date(2026, 2, 1)
    assert sheet.cell(row=2, column=rows[0].index("Start date") + 1).number_format == "DD-MM-YYYY"


@pytest.mark.usefixtures("cache_on")
def test_the_cache_keeps_a_file_per_language(world, finalised):
    url = reverse("dashboard:export_csv")
    dutch = client_in("nl", world.officer).get(url).content.decode("utf-8-sig")
    english = client_in("en", world.officer).get(url).content.decode("utf-8-sig")
    assert "Kies een of meer partners" in dutch and "Choose one or more partners" in english
    assert "Kies een of meer partners" not in english
    assert client_in("nl", world.officer).get(url).content.decode("utf-8-sig") == dutch
