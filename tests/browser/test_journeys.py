"""End-to-end journeys in a real browser, with axe-core on every page visited."""

import io
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from regions.models import Municipality
from tests.browser.picker import pick_organisation

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SUMMARY = (
    "SuperDichtbij wil de eerste supermarkt in Stadshagen zijn met een gezonde kinderkeuze.\n\n"
    "- proeverijen op de basisschool\n- schapkaartjes bij de kassa"
)

# Transactional (the live server runs in another thread); serialized rollback
# restores what the data migrations installed (phases, the questionnaire).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_officer_logs_in_sees_her_gemeente_and_nothing_else(tab, demo_data):
    page = tab.page
    tab.goto("/")
    assert "/accounts/login/" in page.url
    tab.assert_accessible("login")

    tab.login("medewerker.zwolle")
    # Keyboard users reach the skip link first; it takes them to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    assert page.get_by_role("heading", level=1).inner_text() == "Dashboard gemeente Zwolle"
    header = page.get_by_role("banner").inner_text()
    assert "Beleidsmedewerker gezondheid" in header and "Zwolle (GGD IJsselland)" in header
    main = page.get_by_role("main")
    assert main.get_by_role("link", name="Zwolle", exact=True).count() == 1
    assert main.get_by_role("link", name="Kampen", exact=True).count() == 0
    assert "Tilburg" not in main.inner_text()
    tab.assert_accessible("start-officer")

    # What her partnerships owe in evaluations and decisions, with a link to act.
    panel = main.get_by_role("region", name="Evaluatie en besluit")
    for figure in ("Evaluatie nodig (1)", "Lopende evaluatierondes (1)", "Besluit nodig (1)"):
        assert panel.get_by_role("heading", name=figure).count() == 1
    assert "Gezonde Sportkantines Zwolle" in panel.inner_text()
    panel.get_by_role("link", name="Tussentijdse evaluatie 2026").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tussentijdse evaluatie 2026"
    tab.assert_accessible("round-from-dashboard")
    page.go_back()

    main.get_by_role("link", name="Zwolle", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Gemeente Zwolle"
    tab.assert_accessible("municipality")

    # Another gemeente's page does not exist for her.
    kampen = Municipality.objects.get(name="Kampen")
    assert page.goto(f"{tab.base_url}/gemeenten/{kampen.pk}/").status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    tab.console_errors.clear()  # the browser reports the 404 it was just shown

    tab.logout()
    assert "/accounts/login/" in page.url


def test_coordinator_sees_her_region_and_switches_to_english(tab, demo_data):
    page = tab.page
    tab.login("coordinator.ijsselland")
    main = page.get_by_role("main")
    for name in ("Zwolle", "Kampen", "Hardenberg"):
        assert main.get_by_role("link", name=name, exact=True).count() == 1
    assert "Tilburg" not in main.inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "Dashboard GGD IJsselland"
    tab.assert_accessible("dashboard-coordinator")

    main.get_by_role("link", name="GGD IJsselland").click()
    assert page.get_by_role("heading", level=1).inner_text() == "GGD IJsselland"
    tab.assert_accessible("region")

    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wijzig taal").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("link", name="Change password").count() == 1
    tab.assert_accessible("region-english")

    tab.goto("/")
    panel = page.get_by_role("region", name="Evaluation and decision")
    assert panel.get_by_role("heading", name="Evaluation due (2)").count() == 1
    assert "Fietsend naar School Kampen" in panel.inner_text()
    tab.assert_accessible("dashboard-english")


def test_officer_runs_a_partnership_through_phase_one(tab, demo_data):
    page = tab.page
    tab.login("medewerker.zwolle")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Samenwerkingen"
    ).click()
    assert "Gezonde Kinderkeuken Zwolle" in page.get_by_role("main").inner_text()
    assert "Convenant Gezond Werken Kampen" not in page.get_by_role("main").inner_text()
    tab.assert_accessible("partnership-list")

    page.get_by_role("link", name="Nieuwe samenwerking").click()
    tab.assert_accessible("partnership-create")
    page.get_by_label("Naam").fill("Gezonde Schoolpleinen Zwolle")
    page.get_by_label("Thema").select_option(label="Bewegen")
    page.get_by_label("Maatschappelijk doel").fill(
        "Kinderen in Zwolle bewegen elke dag op het schoolplein."
    )
    page.get_by_label("Ontwikkelen").check()
    page.get_by_label("Organisatievorm", exact=True).select_option(label="Netwerk")
    page.get_by_role("button", name="Samenwerking aanmaken").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Gezonde Schoolpleinen Zwolle"
    tab.assert_accessible("partnership-detail")

    for organisation in ("Versmarkt Zwolle-Zuid", "Hogeschool IJsselweide"):
        page.get_by_role("link", name="Partner toevoegen").click()
        pick_organisation(page, organisation)
        page.get_by_label("MVO concreet maken", exact=False).check()
        page.get_by_role("button", name="Toevoegen", exact=True).click()
        assert organisation in page.get_by_role("heading", level=1).inner_text()
        page.get_by_role("link", name="Gezonde Schoolpleinen Zwolle").first.click()
    tab.assert_accessible("partnership-with-partners")

    # A Dutch amount with a decimal comma is stored as typed (a number input
    # once dropped the comma: € 120.050,00) and shown back in Dutch.
    page.get_by_role("link", name="bewerken Versmarkt Zwolle-Zuid").click()
    page.locator('[name="inbreng-0-type"]').select_option(label="Geld")
    page.locator('[name="inbreng-0-description"]').fill("Bijdrage aan de beweegtoestellen")
    page.locator('[name="inbreng-0-euros"]').fill("1200,50")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Gezonde Schoolpleinen Zwolle"
    assert "€ 1.200,50" in page.get_by_role("main").inner_text()

    page.get_by_role("link", name="Doelen en indicatoren beheren").click()
    page.get_by_role("link", name="Doel toevoegen", exact=True).click()
    tab.assert_accessible("goal-add")
    page.get_by_label("Gezamenlijk doel").check()
    page.locator("#id_title").fill("Vijf schoolpleinen heringericht als beweegplein")
    page.get_by_role("button", name="Opslaan").click()
    assert "Vijf schoolpleinen heringericht" in page.get_by_role("main").inner_text()
    tab.assert_accessible("goals")

    page.get_by_role("link", name="Gezonde Schoolpleinen Zwolle").first.click()
    page.get_by_role("link", name="Naar de fase").click()
    tab.assert_accessible("phase-1")
    checklist = page.get_by_role("group", name="Checklist")
    for box in checklist.get_by_role("checkbox").all():
        box.check()
    page.get_by_role("button", name="Checklist opslaan").click()
    assert "De checklist is af" in page.get_by_role("main").inner_text()
    page.get_by_label("Naar fase").select_option("2")
    page.get_by_role("button", name="Verplaatsen").click()
    assert "De samenwerking is nu in fase 2" in page.get_by_role("main").inner_text()
    assert "Fase 2: Kies een of meer partners" in page.get_by_role("main").inner_text()
    tab.assert_accessible("partnership-phase-2")


def test_assessment_from_filling_in_to_the_pdf(tab, demo_data):
    page = tab.page
    tab.login("medewerker.zwolle")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Samenwerkingen"
    ).click()
    page.get_by_role("link", name="Gezonde Kinderkeuken Zwolle").click()
    page.get_by_role("link", name="bewerken SuperDichtbij Stadshagen").click()
    page.get_by_role("button", name="Afweging starten").click()
    assert page.get_by_role("heading", level=1).inner_text() == "A. Uitsluitingsgronden"
    tab.assert_accessible("assessment-theme-a")

    while True:
        for group in page.locator("fieldset").all():
            radios = group.get_by_role("radio")
            if radios.count():
                group.get_by_label("Nee" if "Uitsluitingsgronden" in page.title() else "Ja").check()
        button = page.get_by_role("button", name="Opslaan en volgende thema")
        if button.count() == 0:
            page.get_by_role("button", name="Opslaan en naar de uitkomst").click()
            break
        button.click()
    assert "Uitkomst en berekening" in page.get_by_role("heading", level=1).inner_text()
    assert "Samenwerken" in page.get_by_role("main").inner_text()
    tab.assert_accessible("assessment-outcome")

    # The officer finishes the collegeadvies the portal drafted, before she submits.
    page.get_by_role("link", name="Afweging SuperDichtbij Stadshagen").click()
    page.get_by_role("main").get_by_role("link", name="Collegeadvies", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Collegeadvies")
    tab.assert_accessible("assessment-advice-edit")
    page.get_by_label("Zaaknummer").fill("Z/26/050505")
    page.get_by_label("Portefeuillehouder").fill("Wethouder gezondheid en jeugd")
    page.get_by_label("Samenvatting").fill(SUMMARY)
    page.get_by_role("button", name="Opslaan").click()
    assert "Het collegeadvies is opgeslagen." in page.get_by_role("main").inner_text()
    assert page.get_by_label("Samenvatting").input_value() == SUMMARY
    tab.assert_accessible("assessment-advice-saved")

    page.get_by_role("link", name="Afweging SuperDichtbij Stadshagen").click()
    page.get_by_role("button", name="Ter review aanbieden").click()
    assert "ter review aangeboden" in page.get_by_role("main").inner_text()
    tab.assert_accessible("assessment-submitted")
    tab.logout()

    tab.login("coordinator.ijsselland")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Afwegingen").click()
    tab.assert_accessible("assessment-list")
    page.get_by_role("main").get_by_role("link", name="SuperDichtbij Stadshagen").first.click()
    page.get_by_label("Opmerking bij de vaststelling (optioneel)").fill(
        "Akkoord in het regio-overleg."
    )
    page.get_by_role("button", name="Vaststellen").click()
    assert "De afweging is vastgesteld" in page.get_by_role("main").inner_text()
    tab.assert_accessible("assessment-final")
    page.get_by_role("link", name="geschiedenis van deze afweging").click()
    assert "Geschiedenis van de afweging" in page.get_by_role("heading", level=1).inner_text()
    assert "Vastgesteld" in page.get_by_role("main").inner_text()
    tab.assert_accessible("assessment-history")
    tab.logout()

    tab.login("medewerker.zwolle")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Samenwerkingen"
    ).click()
    page.get_by_role("link", name="Gezonde Kinderkeuken Zwolle").click()
    page.get_by_role(
        "link", name="Vastgesteld, Samenwerken (afweging van SuperDichtbij Stadshagen)"
    ).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Advies als PDF downloaden").click()
    download = download_info.value
    assert download.suggested_filename.startswith("advies-afweging-superdichtbij-stadshagen")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # Both files of the finalised collegeadvies, from its page: they open, with her text.
    page.get_by_role("main").get_by_role("link", name="Collegeadvies", exact=True).click()
    tab.assert_accessible("assessment-advice-final")
    files = {}
    for name, kind, suffix in (
        ("Advies als PDF downloaden", "application/pdf", ".pdf"),
        ("Advies als Word-document (.docx)", DOCX, ".docx"),
    ):
        link = page.get_by_role("main").get_by_role("link", name=name)
        with page.expect_download() as download_info:
            link.click()
        assert download_info.value.suggested_filename.endswith(suffix)
        files[kind] = Path(download_info.value.path()).read_bytes()
        # The same file again, for its Content-Type (a download shows no headers).
        response = page.request.get(tab.base_url + link.get_attribute("href"))
        assert response.headers["content-type"] == kind and response.body() == files[kind]
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(files["application/pdf"])).pages
    )
    assert "Z/26/050505" in text and "eerste supermarkt in Stadshagen" in text
    document = Document(io.BytesIO(files[DOCX]))
    assert SUMMARY.split("\n")[0] in [p.text for p in document.paragraphs]
    assert "Wethouder gezondheid en jeugd" in [c.text for t in document.tables for c in t._cells]
