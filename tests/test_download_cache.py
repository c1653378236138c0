"""Downloads: exports are kept once made and a change shows in the next one;
a finalised assessment's advice is stored once, a draft's made on demand.

An export or the dashboard's PDF is keyed by the state of the partnerships the
user may see (``partnerships.revision.state_of``). These tests turn the cache
on, watch whether the file is made again (a spy on what makes it) and read
what the next download says."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from assessment import workflow
from assessment.models import AdviceFile, ReportDownload
from tests.assessment_helpers import answer_all
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
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_text_of(response.content)


def pdf_text_of(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_drafts_advice_is_made_for_every_download_with_the_watermark(
    world, assessment, monkeypatch
):
    from assessment import advice

    made = Spy(monkeypatch, advice, "render_pdf")
    client = world.client_for(world.officer)
    url = reverse("assessment:report_pdf", args=[assessment.pk])
    assert "CONCEPT" in pdf_text(client.get(url))
    workflow.save_conditions(assessment, assessment.revision, "Alleen met een jaarverslag.")
    text = pdf_text(client.get(url))
    assert made.calls == 2
    assert "jaarverslag" in text
    assert not AdviceFile.objects.exists(), "a draft's advice is not kept"
    assert ReportDownload.objects.filter(assessment=assessment).count() == 2


def finalised(world, assessment, django_capture_on_commit_callbacks):
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.finalise(assessment, world.coordinator, "Akkoord.")
    return assessment


def test_finalising_stores_the_advice_and_downloads_serve_that_file(
    world, assessment, monkeypatch, django_capture_on_commit_callbacks
):
    from assessment import advice

    finalised(world, assessment, django_capture_on_commit_callbacks)
    stored = AdviceFile.objects.get(assessment=assessment)
    with stored.file.open("rb") as file:
        kept = file.read()
    assert kept.startswith(b"%PDF")
    assert "CONCEPT" not in pdf_text_of(kept)

    def no_rendering(*args, **kwargs):
        raise AssertionError("a finalised advice is never rendered again")

    monkeypatch.setattr(advice, "render_pdf", no_rendering)
    client = world.client_for(world.officer)
    url = reverse("assessment:report_pdf", args=[assessment.pk])
    first = client.get(url)
    second = world.client_for(world.coordinator).get(url)
    assert first.content == second.content == kept
    assert first["Content-Disposition"] == f'attachment; filename="{stored.filename}"'
    assert ReportDownload.objects.filter(assessment=assessment).count() == 2
    client.get(url)
    assert ReportDownload.objects.filter(assessment=assessment).count() == 3


def test_an_advice_finalised_without_a_file_is_stored_at_its_first_download(
    world, assessment, monkeypatch, django_capture_on_commit_callbacks
):
    from assessment import advice

    finalised(world, assessment, django_capture_on_commit_callbacks)
    AdviceFile.objects.all().delete()  # as for one finalised before files were kept
    made = Spy(monkeypatch, advice, "render_pdf")
    client = world.client_for(world.officer)
    url = reverse("assessment:report_pdf", args=[assessment.pk])
    first = client.get(url)
    second = client.get(url)
    assert made.calls == 1
    assert first.content == second.content
    assert AdviceFile.objects.filter(assessment=assessment).count() == 1


def test_a_stored_advice_lost_from_storage_is_made_again(
    world, assessment, django_capture_on_commit_callbacks
):
    finalised(world, assessment, django_capture_on_commit_callbacks)
    AdviceFile.objects.get(assessment=assessment).file.delete(save=False)
    response = world.client_for(world.officer).get(
        reverse("assessment:report_pdf", args=[assessment.pk])
    )
    assert "CONCEPT" not in pdf_text(response)
    stored = AdviceFile.objects.get(assessment=assessment)
    with stored.file.open("rb") as file:
        assert file.read() == response.content


def test_the_stored_advice_is_only_for_who_may_see_it(
    world, assessment, django_capture_on_commit_callbacks
):
    finalised(world, assessment, django_capture_on_commit_callbacks)
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
