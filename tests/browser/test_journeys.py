"""End-to-end journeys in a real browser, with axe-core on every page visited."""

import pytest

pytestmark = pytest.mark.browser


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
    assert page.get_by_role("heading", level=1).inner_text() == "Welkom, Sanne"
    header = page.get_by_role("banner").inner_text()
    assert "Beleidsmedewerker gezondheid" in header and "Zwolle (GGD IJsselland)" in header
    main = page.get_by_role("main").inner_text()
    assert "Zwolle" in main and "Kampen" not in main and "Tilburg" not in main
    tab.assert_accessible("start-officer")

    page.get_by_role("link", name="Zwolle").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Gemeente Zwolle"
    tab.assert_accessible("municipality")

    # Another gemeente's page does not exist for her.
    kampen_url = page.url.replace(page.url.rstrip("/").rsplit("/", 1)[1], "999999")
    assert page.goto(kampen_url).status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    tab.console_errors.clear()  # the browser reports the 404 it was just shown

    tab.logout()
    assert "/accounts/login/" in page.url


def test_coordinator_sees_her_region_and_switches_to_english(tab, demo_data):
    page = tab.page
    tab.login("coordinator.ijsselland")
    main = page.get_by_role("main")
    for name in ("Zwolle", "Kampen", "Hardenberg"):
        assert main.get_by_role("link", name=name).count() == 1
    assert "Tilburg" not in main.inner_text()

    main.get_by_role("link", name="GGD IJsselland").click()
    assert page.get_by_role("heading", level=1).inner_text() == "GGD IJsselland"
    tab.assert_accessible("region")

    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wijzig taal").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("link", name="Change password").count() == 1
    tab.assert_accessible("region-english")
