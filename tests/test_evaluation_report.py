"""The evaluation report of a round as PDF for the partners: its content
(no personal data of respondents, also in a named round), a tagged PDF/A in
Dutch, and who may download it. A PDF render costs about half a second."""

import io
import logging

import pytest
from django.urls import reverse
from pypdf import PdfReader

from evaluation.models import EvaluationRound
from evaluation.report import build_report
from tests.evaluation_helpers import OFFICER_NAMES, PARTNER_CONTACTS, PARTNERSHIP, closed_round
from tests.factories import ActionFactory

NAMES = PARTNER_CONTACTS + tuple(f"{first} {last}" for first, last in OFFICER_NAMES)


@pytest.fixture
def named(world):
    evaluated = closed_round(world, named=True)
    ActionFactory(
        partnership=evaluated.partnership,
        round=evaluated.round,
        what="Een vaste voorzitter voor het partneroverleg.",
    )
    return evaluated


def test_report_html_has_the_results_and_no_names_even_for_a_named_round(world, named):
    response = world.client_for(world.coordinator).get(
        reverse("evaluation:report_html", args=[named.round.pk])
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert PARTNERSHIP in html
    assert "Leiderschap en regie" in html
    assert "−1,8" in html and "opvallend" in html
    assert "Het overleg loopt goed." in html
    assert "Een vaste voorzitter voor het partneroverleg." in html
    assert 'role="img"' in html
    assert "Per persoon" not in html
    for name in NAMES:
        assert name not in html


def test_report_data_takes_a_fixed_number_of_queries(world, named, django_assert_num_queries):
    # 1 the round, 2-7 the results, 8 the round's actions.
    with django_assert_num_queries(8):
        build_report(EvaluationRound(pk=named.round.pk))


def test_pdf_is_a_tagged_pdfa_in_dutch_with_the_results(world, named, caplog):
    client = world.client_for(world.officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = client.get(reverse("evaluation:report_pdf", args=[named.round.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="evaluatie-gezonde-kinderkeuken-'
    )
    assert "no-store" in response["Cache-Control"]
    problems = [
        r
        for r in caplog.records
        if r.name.startswith("weasyprint") and "HarfBuzz-Subset" not in r.getMessage()
    ]
    assert problems == [], [r.getMessage() for r in problems]
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert PARTNERSHIP in text
    assert "Leiderschap en regie" in text
    assert "Waar de kanten verschillen" in text  # Dutch, though the interface is English
    assert "Spreiding per stelling" in text
    assert f"Pagina 1 van {len(reader.pages)}" in text
    for name in NAMES:
        assert name not in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert "/Metadata" in root
    assert reader.metadata.title.startswith("Evaluatie ")
