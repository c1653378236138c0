"""The defects of the PDF advice named in issue 14 (item 4), each pinned by a
test written before its fix."""

import io
import re

import pytest
from django.template.loader import render_to_string
from django.utils.formats import date_format
from pypdf import PdfReader

from assessment import workflow
from assessment.collegeadvies.document import TEMPLATE, load_advice, template_context
from assessment.report import build_report
from core.pdf import html_to_pdf
from tests.assessment_helpers import answer_all
from tests.factories import OrganisationFactory, ParticipationFactory, PartnershipFactory


def _final(world, overrides=None, remark="", conditions=""):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken", lead_municipality=world.municipality
    )
    organisation = OrganisationFactory(region=world.region, name="Buurtsuper Assendorp")
    participation = ParticipationFactory(partnership=partnership, organisation=organisation)
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment, overrides=overrides or {}, explanation="Besproken.")
    if conditions:
        workflow.save_conditions(assessment, assessment.revision, conditions)
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator, remark)
    assessment.refresh_from_db()
    return assessment


def _html(assessment):
    return render_to_string(TEMPLATE, template_context(load_advice(assessment)))


def _score_table(html: str) -> str:
    return re.search(r'<table class="data scores[^"]*".*?</table>', html, re.S).group(0)


def test_score_totals_are_not_a_footer_repeated_under_a_partial_table(world):
    """WeasyPrint repeats a <tfoot> on every page a table spans: the totals
    would stand under a partial table. They are the table's last rows."""
    table = _score_table(_html(_final(world)))
    assert "<tfoot>" not in table
    assert "Totaalscore = " in table
    assert table.index("Totaalscore = ") > table.index("H. ")  # after the last theme


def test_a_remark_with_conditions_never_reads_no_conditions(world):
    remark = "Voorwaarde: logo-gebruik alleen na akkoord van de gemeente."
    html = _html(_final(world, remark=remark))
    assert "Geen voorwaarden" not in html
    advice = html.split("Voorgesteld besluit", 1)[1].split("Bijlage 1", 1)[0]
    assert "Opmerking van de GGD-coördinator bij de vaststelling" in advice
    assert remark in advice  # in the advice itself, not only in the annex's colophon


def test_tied_lowest_themes_are_named_together(world):
    # C and F both 4 of 6 (66,7 %), every other theme 100 %.
    report = build_report(_final(world, overrides={"C1": "Nee", "F1": "Nee"}))
    assert "laagste thema's C." in report.reason
    assert "en F." in report.reason
    assert "66,7%" in report.reason


def test_a_knockout_advice_never_shows_a_full_score_as_a_result(world):
    html = _html(_final(world, overrides={"A1": "Ja"}))
    assert "totaalscore 100,0%" not in html.lower()
    assert "telt niet" in html


def test_every_page_has_the_subject_and_the_date_in_its_header(world):
    advice = load_advice(_final(world))
    html = render_to_string(TEMPLATE, template_context(advice))
    pdf = PdfReader(io.BytesIO(html_to_pdf(html)))
    assert len(pdf.pages) >= 3
    when = date_format(advice.date, "j F Y")
    for page in pdf.pages:
        text = page.extract_text()
        assert f"Collegeadvies · {advice.running_subject}" in text
        assert when in text


@pytest.fixture(autouse=True)
def _dutch(settings):
    settings.LANGUAGE_CODE = "nl"
