"""The PDF advice: its HTML (content), its bytes (pypdf), clean rendering,
the download view and recomputable numbers."""

import io
import logging
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from assessment import workflow
from assessment.models import ReportDownload
from assessment.report import build_report
from core.pdf import html_to_pdf
from tests.assessment_helpers import answer_all
from tests.factories import OrganisationFactory, ParticipationFactory, PartnershipFactory


@pytest.fixture
def final_assessment(world):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken",
        lead_municipality=world.municipality,
        societal_goal="Kinderen in Zwolle-Zuid eten gezonder.",
    )
    organisation = OrganisationFactory(
        region=world.region, name="Buurtsuper Assendorp", kvk_number="40059124"
    )
    assessment = workflow.start(
        ParticipationFactory(partnership=partnership, organisation=organisation), world.officer
    )
    answer_all(
        assessment,
        overrides={"F1": "Nee", "F2": "Nee", "F3": "Deels", "C1": "Deels"},
        explanation="Besproken",
    )
    workflow.save_conditions(assessment, assessment.revision, "Eigen middelen inzetten (F1).")
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator, "Akkoord")
    return assessment


def test_report_html_holds_everything_the_college_needs(final_assessment):
    report = build_report(final_assessment)
    html = render_to_string("assessment/report.html", {"report": report})
    for text in (
        "Buurtsuper Assendorp",
        "40059124",
        "Kinderen in Zwolle-Zuid eten gezonder.",
        "1. Kies een organisatievorm",
        "Samenwerken onder voorwaarden",
        "Eigen middelen inzetten (F1).",
        "Beslispunten",
        "Vastgesteld door",
        final_assessment.version.questionnaire.name,
        '<html lang="nl">',
    ):
        assert text in html, text
    for code in ("A1", "A4", "B1", "H2"):
        assert f"{code}." in html
    for theme in report.result.themes:
        assert f"{theme.code}. {escape(theme.title)}" in html
    assert "CONCEPT" not in html
    assert report.filename.startswith("advies-afweging-buurtsuper-assendorp-gezonde-kinderkeuken-")


def test_concept_carries_a_watermark_and_says_so_in_the_file_name(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    assessment = workflow.start(ParticipationFactory(partnership=partnership), world.officer)
    report = build_report(assessment)
    html = render_to_string("assessment/report.html", {"report": report})
    assert 'class="watermark"' in html and "CONCEPT" in html
    assert report.filename.endswith("-concept.pdf")


def test_pdf_is_tagged_pdfa_with_the_partner_and_outcome(final_assessment, caplog):
    report = build_report(final_assessment)
    html = render_to_string("assessment/report.html", {"report": report})
    with caplog.at_level(logging.WARNING):
        pdf = html_to_pdf(html)
    problems = [r for r in caplog.records if r.name.startswith(("weasyprint", "fontTools"))]
    assert problems == [], [r.getMessage() for r in problems]

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Buurtsuper Assendorp" in text
    assert "Samenwerken onder voorwaarden" in text
    assert "Pagina 1 van" in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert "/Metadata" in root
    assert reader.metadata.title == report.title


def test_the_numbers_recompute_by_hand(final_assessment):
    result = build_report(final_assessment).result
    weighted = Decimal(0)
    for theme in result.themes:
        expected = (Decimal(theme.points) * 100 / theme.max_points).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
        assert theme.percent == expected
        weighted += theme.weight * theme.percent
    total = (weighted / sum(t.weight for t in result.themes)).quantize(
        Decimal("0.1"), ROUND_HALF_UP
    )
    assert result.total_percent == total


def test_download_is_logged_and_limited_to_those_who_may_see(world, final_assessment):
    url = reverse("assessment:report_pdf", args=[final_assessment.pk])
    response = world.client_for(world.coordinator).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="advies-afweging-buurtsuper-assendorp' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    download = ReportDownload.objects.get()
    assert download.user == world.coordinator and download.assessment == final_assessment
    for persona in ("officer_same_region", "coordinator_other_region"):
        assert world.client_for(getattr(world, persona)).get(url).status_code == 404
    assert ReportDownload.objects.count() == 1
