"""The collegeadvies as files: the PDF (pypdf: the sections in order, tagged,
Dutch) and the .docx (python-docx: real headings, a real numbered list of
beslispunten, the finances table equal to the contributions; LibreOffice
opens it), each stored once when finalised and logged at every download."""

import io
import shutil
import subprocess
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from assessment import advice as stored_advice
from assessment import workflow
from assessment.collegeadvies.document import load_advice
from assessment.collegeadvies.docx import build_docx
from assessment.models import AdviceDocument, AdviceFile, AdviceText, ReportDownload
from partnerships.models import ContributionType
from tests.assessment_helpers import answer_all
from tests.factories import (
    AgreementFactory,
    ContributionFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
)
from tests.test_collegeadvies import HEADINGS as SECTIONS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def participation(world):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken", lead_municipality=world.municipality
    )
    participation = ParticipationFactory(
        partnership=partnership,
        organisation=OrganisationFactory(region=world.region, name="Versmarkt Zwolle-Zuid"),
    )
    ContributionFactory(
        participation=participation,
        type=ContributionType.MEDIA,
        description="Schapkaartjes",
        hours=None,
        euros=Decimal("1500"),
    )
    ContributionFactory(participation=participation, description="Proeverijen", hours=48)
    AgreementFactory(partnership=partnership, title="Intentieverklaring", signed_on="2026-03-15")
    return participation


def _finalised(world, participation, capture, kinds):
    assessment = answer_all(
        workflow.start(participation, world.officer),
        overrides={"D2": "Deels"},
        explanation="Besproken.",
    )
    AdviceText.objects.create(
        assessment=assessment, own_hours=Decimal("40"), own_description="Projectleiding"
    )
    workflow.submit(assessment, world.officer)
    # What is stored at the commit: only ``kinds`` (a copy: patch.dict clears first).
    with mock.patch.dict(stored_advice.KINDS, dict(kinds), clear=True), capture(execute=True):
        workflow.finalise(assessment, world.coordinator, "Akkoord.")
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def final(world, participation, django_capture_on_commit_callbacks):
    """Finalised: the .docx is stored when the finalising commits. The PDF,
    stored beside it in production, is left out here: WeasyPrint is the slow
    part, and only ``final_with_pdf`` tests it."""
    return _finalised(
        world,
        participation,
        django_capture_on_commit_callbacks,
        {"docx": stored_advice.KINDS["docx"]},
    )


@pytest.fixture
def final_with_pdf(world, participation, django_capture_on_commit_callbacks):
    """Finalised as in production: the PDF and the .docx stored."""
    return _finalised(world, participation, django_capture_on_commit_callbacks, stored_advice.KINDS)


def _docx(assessment):
    return Document(io.BytesIO(build_docx(load_advice(assessment))))


# --- The PDF ------------------------------------------------------------------------


def test_pdf_has_the_sections_in_order_tagged_and_dutch(final_with_pdf):
    # The PDF kept when the assessment was finalised: what every download
    # serves, rendered once.
    with AdviceFile.objects.get(assessment=final_with_pdf).file.open("rb") as file:
        pdf = PdfReader(io.BytesIO(file.read()))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    positions = [text.index(f"\n{heading}\n") for heading in SECTIONS]
    assert positions == sorted(positions)
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "nl"
    assert "Projectleiding" in text and "€ 1.500,00" in text


# --- The .docx ----------------------------------------------------------------------


def test_docx_has_real_headings_in_order(final):
    document = _docx(final)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SECTIONS
    assert any(
        p.style.name == "Heading 3" and p.text.startswith("B. ") for p in document.paragraphs
    )
    assert document.core_properties.language == "nl-NL"
    assert "CONCEPT" not in document.sections[0].header.paragraphs[0].text


def test_docx_beslispunten_are_a_real_numbered_list(final):
    document = _docx(final)
    advice = load_advice(final)
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == advice.decision_points
    assert len(numbered) == 3
    # The style carries Word's numbering (w:numPr), so Word and LibreOffice number them.
    assert numbered[0].style.element.find(qn("w:pPr")).find(qn("w:numPr")) is not None
    assert not any(p.text[:2] in ("1.", "2.") for p in numbered)  # no typed numbers


def _num_id(paragraph) -> str | None:
    properties = paragraph._p.pPr
    numbering = properties.find(qn("w:numPr")) if properties is not None else None
    return None if numbering is None else numbering.find(qn("w:numId")).get(qn("w:val"))


def test_docx_every_numbered_list_the_officer_types_starts_at_one(world, participation):
    assessment = answer_all(workflow.start(participation, world.officer))
    AdviceText.objects.create(
        assessment=assessment,
        summary="Eerst:\n1. proeverijen\n2. schapkaartjes\n\nDan:\n1. evaluatie\n2. besluit",
        occasion="1. het verzoek van de partner\n2. de wijkagenda",
    )
    document = _docx(assessment)
    lists, current, previous = [], None, None
    for paragraph in document.paragraphs:
        if paragraph.style.name == "List Number 2":
            if previous is not paragraph._p.getprevious():
                current = []
                lists.append(current)
            current.append(paragraph)
            previous = paragraph._p
    assert [[p.text for p in found] for found in lists] == [
        ["proeverijen", "schapkaartjes"],
        ["evaluatie", "besluit"],
        ["het verzoek van de partner", "de wijkagenda"],
    ]
    numbering = document.part.numbering_part.element
    ids = []
    for found in lists:
        own = {_num_id(p) for p in found}
        assert len(own) == 1 and None not in own  # one list, numbered by Word
        ids += own
        num = numbering.num_having_numId(int(own.pop()))
        start = num.find(qn("w:lvlOverride")).find(qn("w:startOverride"))
        assert start.get(qn("w:val")) == "1"
    assert len(set(ids)) == len(lists)  # each its own numbering, none continues another
    # The beslispunten, a numbered list too, start at 1 on their own as well.
    points = {_num_id(p) for p in document.paragraphs if p.style.name == "List Number"}
    assert len(points) == 1 and not points & set(ids)


def test_docx_finances_table_equals_the_contributions(final, participation):
    document = _docx(final)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Partij")
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert rows == [
        ["Gemeente Zwolle", "Eigen inbreng", "Projectleiding", "40", ""],
        ["Versmarkt Zwolle-Zuid", "Media", "Schapkaartjes", "", "€ 1.500,00"],
        ["Versmarkt Zwolle-Zuid", "Mensen", "Proeverijen", "48", ""],
        ["Totaal", "", "", "88", "€ 1.500,00"],
    ]
    stored = sorted((c.description, c.hours, c.euros) for c in participation.contributions.all())
    assert stored == [
        ("Proeverijen", Decimal("48.0"), None),
        ("Schapkaartjes", None, Decimal("1500.00")),
    ]


def test_a_draft_docx_says_concept(world, participation):
    assessment = answer_all(workflow.start(participation, world.officer))
    document = _docx(assessment)
    assert document.sections[0].header.paragraphs[0].text.startswith("CONCEPT")
    assert document.paragraphs[2].text.startswith("CONCEPT") or any(
        p.style.name == "Title" and p.text.startswith("CONCEPT") for p in document.paragraphs
    )
    assert document.core_properties.title.startswith("CONCEPT")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_the_docx_to_pdf(final, tmp_path):
    source = tmp_path / "advies.docx"
    source.write_bytes(build_docx(load_advice(final)))
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = PdfReader(tmp_path / "advies.pdf")
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Voorgesteld besluit" in text and "Bijlage 1" in text
    assert "1. In te stemmen met de samenwerking met Versmarkt Zwolle-Zuid" in text.replace(
        "\n", " "
    )


# --- Stored once, every download logged ------------------------------------------------


def test_finalised_docx_is_stored_once_and_every_download_is_logged(world, final):
    stored = AdviceDocument.objects.get(assessment=final)
    assert stored.filename.endswith(".docx") and "-concept" not in stored.filename
    url = reverse("assessment:report_docx", args=[final.pk])
    client = world.client_for(world.coordinator)
    first, second = client.get(url), client.get(url)
    for response in (first, second):
        assert response.status_code == 200
        assert response["Content-Type"] == DOCX
        assert response["Content-Disposition"] == f'attachment; filename="{stored.filename}"'
        assert "no-store" in response["Cache-Control"]
    assert first.content == second.content
    with stored.file.open("rb") as file:
        assert file.read() == first.content
    assert AdviceDocument.objects.count() == 1
    assert list(ReportDownload.objects.values_list("format", "user")) == [
        ("docx", world.coordinator.pk),
        ("docx", world.coordinator.pk),
    ]


def test_outsider_gets_404_for_the_docx(world, final):
    url = reverse("assessment:report_docx", args=[final.pk])
    for persona in (world.officer_same_region, world.coordinator_other_region):
        assert world.client_for(persona).get(url).status_code == 404
    assert not ReportDownload.objects.exists()
