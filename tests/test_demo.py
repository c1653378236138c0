"""load_demo: the demo world, idempotent, refused in production."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Role, User
from demo.data import DEMO_PASSWORD
from regions.models import Municipality, Region

# Loads the demo (seconds per test): left out of the everyday subset.
pytestmark = pytest.mark.slow


def test_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="productieomgeving"):
        call_command("load_demo")
    assert not User.objects.exists()


def test_loads_regions_gemeenten_and_accounts_and_is_idempotent(db, settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "medewerker.zwolle" in out and DEMO_PASSWORD in out

    assert Region.objects.count() == 2
    assert set(
        Municipality.objects.filter(region__code="ijsselland").values_list("name", flat=True)
    ) == {"Zwolle", "Kampen", "Hardenberg"}
    assert set(Municipality.objects.filter(region__code="hvb").values_list("name", flat=True)) == {
        "'s-Hertogenbosch",
        "Tilburg",
    }
    assert User.objects.count() == 6
    zwolle = User.objects.get(username="medewerker.zwolle")
    assert zwolle.role == Role.OFFICER and zwolle.municipality.name == "Zwolle"
    assert zwolle.check_password(DEMO_PASSWORD)
    coordinator = User.objects.get(username="coordinator.hvb")
    assert coordinator.role == Role.COORDINATOR and coordinator.region.code == "hvb"
    beheerder = User.objects.get(username="beheerder")
    assert beheerder.is_staff and beheerder.role == Role.ADMINISTRATOR


def test_force_loads_even_when_debug_is_off(db, settings):
    settings.DEBUG = False
    call_command("load_demo", "--force")
    assert User.objects.filter(username="coordinator.ijsselland").exists()


def test_the_supermarket_partner_has_a_collegeadvies_as_pdf_and_docx(db, settings):
    """The Done-story of issue 14: medewerker.zwolle's supermarket partner
    has her advice text, Zwolle its settings; both files come out."""
    import io

    from django.urls import reverse
    from docx import Document
    from pypdf import PdfReader

    from assessment.models import AdviceSettings, AdviceText, AssessmentStatus

    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")  # idempotent: one text, one settings record
    text = AdviceText.objects.get(
        assessment__participation__organisation__name="Versmarkt Zwolle-Zuid"
    )
    assert text.assessment.status == AssessmentStatus.FINAL and text.frozen_at is not None
    assert text.assessment.author.username == "medewerker.zwolle"
    assert text.summary.startswith("Versmarkt Zwolle-Zuid wil") and text.draft_summary
    assert text.occasion == "" and text.case_number == "Z/26/041872"
    zwolle = AdviceSettings.objects.get()
    assert zwolle.municipality.name == "Zwolle" and zwolle.policy

    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="medewerker.zwolle"))
    pdf = client.get(reverse("assessment:report_pdf", args=[text.assessment_id]))
    assert pdf["Content-Type"] == "application/pdf"
    pages = PdfReader(
        io.BytesIO(b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]))
    ).pages
    content = "\n".join(page.extract_text() for page in pages)
    assert "Z/26/041872" in content and "lokale nota gezondheidsbeleid" in content
    docx = client.get(reverse("assessment:report_docx", args=[text.assessment_id]))
    body = b"".join(docx.streaming_content) if docx.streaming else docx.content
    document = Document(io.BytesIO(body))
    assert any(p.text.startswith("Versmarkt Zwolle-Zuid wil") for p in document.paragraphs)
