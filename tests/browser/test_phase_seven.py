"""Phase 7 in a real browser, with axe-core on every page: the region's
lessons found by another gemeente, and a partnership ended with a decision
and its end report downloaded."""

import pytest

from partnerships.models import HealthTheme, Partnership, Phase, Status
from regions.models import Municipality

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_kampen_finds_the_lessons_of_zwolle(tab, demo_data):
    page = tab.page
    tab.login("medewerker.kampen")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Geleerde lessen"
    ).click()
    tab.assert_accessible("lessons")
    page.get_by_role("textbox", name="Zoeken").fill("supermarkt")
    page.get_by_role("button", name="Zoeken").click()
    main = page.get_by_role("main")
    assert "Begin met één supermarkt en één wijk" in main.inner_text()
    main.get_by_role("link", name="Begin met één supermarkt en één wijk").click()
    assert "Beweegmaatjes Zwolle-Zuid" in page.get_by_role("main").inner_text()
    tab.assert_accessible("lesson")


def test_an_officer_ends_a_partnership_with_a_decision(tab, demo_data):
    partnership = Partnership.objects.create(
        name="Gezond Ontbijt Zwolle",
        theme=HealthTheme.objects.get(name="Gezonde voeding"),
        lead_municipality=Municipality.objects.get(name="Zwolle"),
        societal_goal="Elk kind in Zwolle begint de dag met een gezond ontbijt.",
        phase=Phase.objects.get(number=7),
    )
    page = tab.page
    tab.login("medewerker.zwolle")
    tab.goto(partnership.get_absolute_url())
    tab.assert_accessible("partnership-phase-7")
    page.get_by_role("link", name="Besluit vastleggen").click()
    tab.assert_accessible("decision-form")
    page.get_by_label("Beëindigen").check()
    page.get_by_label("Datum van het besluit").fill("10-03-2026")
    page.get_by_label("Besluitnummer of kenmerk").fill("B&W 2026/77")
    page.get_by_label("Overwegingen").fill("De doelen zijn bereikt.")
    page.get_by_label("Einddatum").fill("30-06-2026")
    page.get_by_label("Opzegging verstuurd op").fill("12-03-2026")
    page.get_by_label("Opzeggingsbrief aan de partners").set_input_files(
        files=[{"name": "opzegging.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 x"}]
    )
    page.get_by_label("Wat er met de resultaten gebeurt").fill("Naar de GGD.")
    page.get_by_label("Communicatie").fill("Brief aan de raad.")
    page.get_by_label("Archief").fill("Zaaksysteem.")
    page.get_by_role("button", name="Verder naar bevestigen").click()
    assert "Een beëindiging is definitief" in page.get_by_role("main").inner_text()
    tab.assert_accessible("decision-confirm")
    page.get_by_role("button", name="Definitief vastleggen").click()
    assert "De samenwerking is beëindigd" in page.get_by_role("main").inner_text()
    tab.assert_accessible("decision")
    assert Partnership.objects.get(pk=partnership.pk).status == Status.ENDED

    tab.goto(f"/samenwerkingen/{partnership.pk}/fase/7/")
    main = page.get_by_role("main").inner_text()
    assert "wordt automatisch afgevinkt: een besluit is vastgelegd" in main
    tab.assert_accessible("phase-7-facts")

    tab.goto(partnership.get_absolute_url())
    tab.assert_accessible("partnership-ended")
    link = page.get_by_role("link", name="Eindrapportage downloaden (PDF)")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.startswith("eindrapportage-gezond-ontbijt-zwolle-")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    response = page.request.get(tab.base_url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
