"""Downloads (exports, PDFs) are kept once made, and a change shows in the next one.

An export or the dashboard's PDF is keyed by the state of the partnerships the
user may see (``core.freshness.state_of``), an assessment's advice by its
partnership's ``revision``. These tests turn the cache on, watch whether the
file is made again (a spy on what makes it) and read what the next download
says."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from assessment import workflow
from assessment.models import ReportDownload
from tests.factories import (
    CoordinatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.usefixtures("cache_on")


@pytest.fixture
def partnerships(world):
    zwolle = PartnershipFactory(name="Zwolle Gezond", lead_municipality=world.municipality)
    ParticipationFactory(partnership=zwolle, organisation=OrganisationFactory(name="Bakkerij"))
    tilburg = PartnershipFactory(
        name="Tilburg Beweegt", lead_municipality=world.municipality_other_region
    )
    return {"zwolle": zwolle, "tilburg": tilburg}


class Spy:
    """Wraps a function and counts its calls; it still does the real work."""

    def __init__(self, monkeypatch, module, name):
        self.calls = 0
        original = getattr(module, name)

        def spy(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)


def csv_rows(response) -> dict[str, list[str]]:
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return {row[0]: row for row in rows[1:]}


def test_the_csv_is_made_once_and_a_change_shows_in_the_next(world, partnerships, monkeypatch):
    from dashboard import exports

    made = Spy(monkeypatch, exports, "export_rows")
    client = world.client_for(world.coordinator)
    url = reverse("dashboard:export_csv")
    first = client.get(url)
    assert client.get(url).content == first.content
    assert made.calls == 1, "the second download comes from the cache"

    ParticipationFactory(
        partnership=partnerships["zwolle"], organisation=OrganisationFactory(name="Zuivel Noord")
    )
    rows = csv_rows(client.get(url))
    assert made.calls == 2
    assert "Zuivel Noord" in rows["Zwolle Gezond"][10]
    assert rows["Zwolle Gezond"][9] == "2"


def test_another_regions_change_leaves_the_export_cached(world, partnerships, monkeypatch):
    from dashboard import exports

    made = Spy(monkeypatch, exports, "export_rows")
    client = world.client_for(world.coordinator)
    url = reverse("dashboard:export_csv")
    client.get(url)
    ParticipationFactory(partnership=partnerships["tilburg"])
    partnerships["tilburg"].delete()
    client.get(url)
    assert made.calls == 1


@pytest.mark.parametrize("change", ["created", "deleted", "moved out of the region"])
def test_joining_or_leaving_the_set_shows_in_the_next_export(world, partnerships, change):
    client = world.client_for(world.coordinator)
    url = reverse("dashboard:export_xlsx")
    client.get(url)
    if change == "created":
        PartnershipFactory(name="Kampen Fit", lead_municipality=world.municipality_same_region)
        expected = {"Zwolle Gezond", "Kampen Fit"}
    elif change == "deleted":
        partnerships["zwolle"].participations.all().delete()
        partnerships["zwolle"].delete()
        expected = set()
    else:
        partnerships["zwolle"].lead_municipality = world.municipality_other_region
        partnerships["zwolle"].save()
        expected = set()
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == expected


def test_scopes_and_filters_get_their_own_files(world, partnerships):
    url = reverse("dashboard:export_csv")
    assert set(csv_rows(world.client_for(world.coordinator).get(url))) == {"Zwolle Gezond"}
    other = world.client_for(world.coordinator_other_region)
    assert set(csv_rows(other.get(url))) == {"Tilburg Beweegt"}
    coordinator = world.client_for(world.coordinator)
    filtered = coordinator.get(url, {"municipality": world.municipality_same_region.pk})
    assert csv_rows(filtered) == {}


@pytest.fixture
def assessment(world, partnerships):
    participation = partnerships["zwolle"].participations.get()
    return workflow.start(participation, world.officer)


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_advice_is_made_once_logged_every_time_and_renewed_by_a_change(
    world, assessment, monkeypatch
):
    from assessment.views import report

    made = Spy(monkeypatch, report, "render_pdf")
    client = world.client_for(world.officer)
    url = reverse("assessment:report_pdf", args=[assessment.pk])
    first = client.get(url)
    second = client.get(url)
    assert second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert made.calls == 1
    assert ReportDownload.objects.filter(assessment=assessment).count() == 2

    workflow.save_conditions(assessment, assessment.revision, "Alleen met een jaarverslag.")
    text = pdf_text(client.get(url))
    assert made.calls == 2
    assert "jaarverslag" in text


def test_the_advice_cache_does_not_cross_the_scope(world, assessment):
    url = reverse("assessment:report_pdf", args=[assessment.pk])
    assert world.client_for(world.officer).get(url).status_code == 200
    assert world.client_for(world.coordinator_other_region).get(url).status_code == 404
    assert ReportDownload.objects.filter(assessment=assessment).count() == 1


def test_the_dashboard_pdf_is_kept_per_person_and_renewed_by_a_change(
    world, partnerships, monkeypatch
):
    from dashboard import views

    made = Spy(monkeypatch, views, "render_pdf")
    url = reverse("dashboard:pdf")
    client = world.client_for(world.coordinator)
    assert "1 samenwerking" in pdf_text(client.get(url))
    client.get(url)
    assert made.calls == 1

    colleague = CoordinatorFactory(region=world.region, first_name="Ingrid", last_name="Jansen")
    assert "Ingrid Jansen" in pdf_text(world.client_for(colleague).get(url))
    assert made.calls == 2, "the PDF names who made it"

    PartnershipFactory(name="Kampen Fit", lead_municipality=world.municipality_same_region)
    assert "2 samenwerkingen" in pdf_text(client.get(url))
    assert made.calls == 3
