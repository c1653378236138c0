"""The PDF advice: its HTML (content), its bytes (pypdf), clean rendering,
the download view, recomputable numbers and the benchmark command.

A PDF render costs about half a second: three tests render one."""

import io
import logging
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from pypdf import PdfReader

from assessment import workflow
from assessment.collegeadvies.document import TEMPLATE, load_advice, template_context
from assessment.models import Assessment, AssessmentKind, Outcome, ReportDownload
from assessment.report import _advice, build_report, percent_text
from assessment.scoring import specs_for_version
from core.pdf import html_to_pdf
from tests.factories import (
    CoordinatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)

PARTNER = "Buurtsuper Assendorp"
PARTNERSHIP = "Gezonde Kinderkeuken"
KVK = "40059124"
GOAL = "Kinderen in Zwolle-Zuid eten gezonder."
CONDITIONS = "Buurtsuper Assendorp zet aantoonbaar eigen middelen in (F1)."
# Knock-outs "Nee", scored questions "Ja" unless listed: F 1 of 6 points, C 5 of 6.
PLAN = {"F1": "Nee", "F2": "Nee", "F3": "Deels", "C1": "Deels"}
POINTS = {"Ja": 2, "Deels": 1, "Nee": 0}


def _answer_everything(assessment):
    """Answer every question of the assessment's version through the workflow,
    each with its own explanation, and write notes for every theme."""
    themes, _bands = specs_for_version(assessment.version)
    answers, explanations, notes = {}, {}, {}
    for theme in themes:
        for question in theme.questions:
            label = PLAN.get(question.code, "Nee" if theme.is_knockout else "Ja")
            answers[question.id] = next(o.id for o in question.options if o.label == label)
            explanations[question.id] = f"Toelichting bij {question.code}."
        notes[theme.id] = f"Gesprek over thema {theme.code}."
    workflow.save_answers(assessment, assessment.revision, answers, explanations, notes)
    assessment.refresh_from_db()


@pytest.fixture
def partnership(world):
    return PartnershipFactory(
        name=PARTNERSHIP, lead_municipality=world.municipality, societal_goal=GOAL
    )


@pytest.fixture
def final_assessment(world, partnership):
    organisation = OrganisationFactory(region=world.region, name=PARTNER, kvk_number=KVK)
    participation = ParticipationFactory(partnership=partnership, organisation=organisation)
    assessment = workflow.start(participation, world.officer)
    _answer_everything(assessment)
    workflow.save_conditions(assessment, assessment.revision, CONDITIONS)
    reviewer = CoordinatorFactory(region=world.region, first_name="Ingrid", last_name="Jansen")
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, reviewer, "Akkoord in het regio-overleg.")
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def report(final_assessment):
    return build_report(final_assessment)


@pytest.fixture
def html(final_assessment):
    return render_to_string(TEMPLATE, template_context(load_advice(final_assessment)))


# --- The HTML: what the college reads --------------------------------------------------


def test_html_holds_the_partner_the_partnership_and_the_advice(
    html, report, final_assessment, partnership
):
    advice = load_advice(final_assessment)
    assert '<html lang="nl">' in html
    assert f"<title>{escape(report.title)}</title>" in html
    for text in (PARTNER, KVK, GOAL, str(partnership.phase), "Samenwerken onder voorwaarden"):
        assert escape(text) in html, text
    assert (
        f"Het advies is om met {PARTNER} samen te werken onder voorwaarden in de samenwerking "
        f"{PARTNERSHIP}." in html
    )
    assert f"Afweging samenwerking met {PARTNER} — {PARTNERSHIP}" in html
    assert "Voorgesteld besluit" in html
    assert html.count("<li>") >= len(advice.decision_points) >= 2
    assert escape(CONDITIONS) in html


def test_html_shows_every_score_knockout_and_question(html, report):
    assert len(report.theme_rows) == 7
    for row in report.theme_rows:
        assert f'<td class="num">{row.percent_display}</td>' in html, row.code
    assert [r.percent_display for r in report.theme_rows if r.code in "CF"] == ["83,3", "16,7"]
    assert report.total_display == "85,7"
    assert f'<td class="num">{report.total_display}</td>' in html
    assert "Totaalscore = 600,0 ÷ 7" in html
    knockouts = report.knockout_section.questions
    assert [k.code for k in knockouts] == ["A1", "A2", "A3", "A4"]
    for section in [report.knockout_section, *report.sections]:
        for row in section.questions:
            assert f'<span class="code">{row.code}</span>' in html
            assert f"Toelichting bij {row.code}." in html
        assert f"Gesprek over thema {section.code}." in html
    assert "Geen uitsluitingsgrond is van toepassing." in html


def test_html_colophon_names_version_author_reviewer_and_date(html, final_assessment):
    assert escape(str(final_assessment.version)) in html
    assert escape(final_assessment.author.get_full_name()) in html
    assert "Ingrid Jansen (GGD-coördinator)" in html
    assert date_format(final_assessment.finalised_at.date(), "j F Y") in html
    assert "Akkoord in het regio-overleg." in html


def test_final_advice_has_no_watermark(html, report):
    assert 'class="watermark"' not in html
    assert "CONCEPT" not in html
    assert report.filename == (
        f"advies-afweging-buurtsuper-assendorp-gezonde-kinderkeuken-{report.date:%Y-%m-%d}.pdf"
    )


def test_concept_carries_the_watermark_and_says_so_in_its_file_name(world, partnership):
    assessment = workflow.start(ParticipationFactory(partnership=partnership), world.officer)
    report = build_report(assessment)
    html = render_to_string(TEMPLATE, template_context(load_advice(assessment)))
    assert '<div class="watermark" aria-hidden="true">CONCEPT</div>' in html
    assert "Nog niet beantwoord of ‘Onbekend’: A1, A2" in html
    assert report.filename.endswith("-concept.pdf")


@pytest.mark.parametrize("kind", [AssessmentKind.PROSPECTIVE, AssessmentKind.REASSESSMENT])
@pytest.mark.parametrize("outcome", [o.value for o in Outcome])
def test_advice_sentence_follows_outcome_and_kind(kind, outcome):
    advice = _advice(kind, outcome, "Partner BV", "Gezond Wijk")
    assert advice.startswith("Het advies is om ") and "Partner BV" in advice
    assert "Gezond Wijk" in advice
    if kind == AssessmentKind.REASSESSMENT and outcome == Outcome.DECLINE:
        assert "beëindigen" in advice


# --- The numbers recompute by hand -----------------------------------------------------


def test_the_numbers_recompute_from_the_answers(report):
    one_decimal = Decimal("0.1")
    sections = {s.code: s for s in report.sections}
    weighted = Decimal(0)
    for row in report.theme_rows:
        points = sum(POINTS[q.answer] for q in sections[row.code].questions)
        assert points == row.points
        assert row.max_points == 2 * len(sections[row.code].questions)
        percent = (Decimal(row.points) * 100 / row.max_points).quantize(one_decimal, ROUND_HALF_UP)
        assert percent == row.percent
        assert percent_text(percent) == row.percent_display
        weighted += row.weight * row.percent
    total = (weighted / sum(r.weight for r in report.theme_rows)).quantize(
        one_decimal, ROUND_HALF_UP
    )
    assert total == report.result.total_percent
    assert percent_text(total) == report.total_display


def test_report_data_takes_a_fixed_number_of_queries(
    world, partnership, final_assessment, django_assert_num_queries
):
    empty = workflow.start(ParticipationFactory(partnership=partnership), world.officer)
    # 1 the assessment (partner, partnership and the rest joined), 2 the
    # version's themes with their questions and options, 3 its bands, 4-5 the
    # answers and the theme notes.
    with django_assert_num_queries(5):
        build_report(Assessment(pk=empty.pk))
    with django_assert_num_queries(5):
        build_report(Assessment(pk=final_assessment.pk))


# --- The bytes: a tagged PDF/A, rendered without errors --------------------------------


def test_pdf_is_a_tagged_pdfa_with_the_partner_and_the_outcome(html, report, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = html_to_pdf(html)
    # Broken font or stylesheet URLs show up here as warnings. Not a problem of
    # the document: a machine without HarfBuzz-Subset (Debian libharfbuzz-subset0)
    # makes WeasyPrint fall back to fontTools and say so.
    problems = [
        r
        for r in caplog.records
        if r.name.startswith("weasyprint") and "HarfBuzz-Subset" not in r.getMessage()
    ]
    assert problems == [], [r.getMessage() for r in problems]

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    text = " ".join(page.extract_text() for page in reader.pages)
    assert PARTNER in text
    assert "Samenwerken onder voorwaarden" in text
    assert f"Pagina 1 van {len(reader.pages)}" in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert "/Metadata" in root
    assert reader.metadata.title == report.title


# --- The download view -----------------------------------------------------------------


def test_officer_and_coordinator_download_it_and_each_download_is_logged(
    world, final_assessment, report
):
    url = reverse("assessment:report_pdf", args=[final_assessment.pk])
    for user in (world.officer, world.coordinator):
        response = world.client_for(user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == f'attachment; filename="{report.filename}"'
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response.content.startswith(b"%PDF-")
    downloads = ReportDownload.objects.order_by("pk")
    assert [(d.user, d.assessment) for d in downloads] == [
        (world.officer, final_assessment),
        (world.coordinator, final_assessment),
    ]
    assert all(d.downloaded_at for d in downloads)


@pytest.mark.parametrize("persona", ["officer_same_region", "coordinator_other_region"])
@pytest.mark.parametrize("name", ["assessment:report_pdf", "assessment:report_html"])
def test_outsider_gets_404(world, final_assessment, persona, name):
    url = reverse(name, args=[final_assessment.pk])
    assert world.client_for(getattr(world, persona)).get(url).status_code == 404
    assert not ReportDownload.objects.exists()


def test_anonymous_user_is_redirected_to_login(client, final_assessment):
    response = client.get(reverse("assessment:report_pdf", args=[final_assessment.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not ReportDownload.objects.exists()


def test_html_preview_shows_the_same_document_without_logging(world, final_assessment):
    url = reverse("assessment:report_html", args=[final_assessment.pk])
    response = world.client_for(world.coordinator).get(url)
    assert response.status_code == 200
    assert PARTNER in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert not ReportDownload.objects.exists()


# --- The benchmark command -------------------------------------------------------------


def test_benchmark_uses_a_throwaway_assessment_and_leaves_nothing_behind(db, monkeypatch):
    from demo.management.commands import benchmark_pdf

    monkeypatch.setattr("core.pdf.html_to_pdf", lambda html: b"%PDF-fake")
    monkeypatch.setattr(benchmark_pdf, "weasyprint_pdf", lambda html: b"%PDF-fake")
    assert not Assessment.objects.exists()
    out = io.StringIO()
    call_command("benchmark_pdf", repeat=2, stdout=out)
    output = out.getvalue()
    assert "tijdelijk, wordt niet bewaard" in output
    assert "2 herhalingen" in output
    assert "portaal: gegevens + template + PDF" in output
    assert "WeasyPrint alleen (zelfde HTML)" in output
    assert "verhouding portaal / WeasyPrint" in output
    assert "Grootst toegestane afweging (elke tekst op zijn maximum" in output
    assert "portaal: gegevens + .docx" in output
    assert "CPU mediaan (s)" in output and "belasting van de machine" in output
    assert "CPU snelste (s)" in output
    assert not Assessment.objects.exists()


def test_the_advice_is_dutch_even_for_an_english_interface(world, final_assessment):
    client = world.client_for(world.officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Change password" in client.get(reverse("home")).content.decode()
    html = client.get(
        reverse("assessment:report_html", args=[final_assessment.pk])
    ).content.decode()
    assert "Het advies is om" in html
    assert "The advice is" not in html
