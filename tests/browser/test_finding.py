"""Finding things in a real browser (issue 15, items 5 and 6): the
organisation picker with the keyboard only and without JavaScript, "Nieuwe
afweging", the active filters, the accessibility statement; axe-core with the
WCAG 2.2 AA rules at laptop and phone width on each of these pages."""

import json

import pytest
from playwright.sync_api import expect

from partnerships.models import Partnership
from tests.browser.conftest import AXE_SOURCE
from tests.browser.picker import pick_organisation, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_22_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"desktop": 1366, "phone": 390}


def assert_wcag22(tab, name):
    """axe-core with the WCAG 2.2 A/AA rules finds nothing, at 1366 and at
    390 px wide (a screenshot of each in test-artifacts/ by assert_accessible)."""
    page = tab.page
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate(AXE_SOURCE)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_TAGS
        )
        violations = [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
        assert violations == [], f"axe-core ({width} px) op {page.url}:\n" + json.dumps(
            violations, indent=2
        )
        tab.assert_accessible(f"{name}-{label}")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def test_officer_adds_a_partner_with_the_keyboard_only(tab, demo_data):
    page = tab.page
    tab.login("medewerker.zwolle")
    partnership = Partnership.objects.get(name="Gezonde Kinderkeuken Zwolle")
    tab.goto(f"/samenwerkingen/{partnership.pk}/partners/toevoegen/")
    status = page.get_by_role("status").filter(has_text="gevonden")
    expect(status).to_contain_text("organisaties gevonden")
    # The script searches as she types: no "Zoeken" button needed.
    expect(page.get_by_role("button", name="Zoeken", exact=True)).to_be_hidden()

    # By KvK number, typed with a space; then by name.
    page.get_by_label("Zoek een organisatie").fill("4102 3457")
    expect(status).to_have_text("1 organisatie gevonden.")
    options = page.locator("#id_organisation option")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Hogeschool IJsselweide · Kennisinstelling · Zwolle")
    page.get_by_label("Zoek een organisatie").fill("")
    expect(status).not_to_have_text("1 organisatie gevonden.")
    assert_wcag22(tab, "partner-add-picker")

    pick_organisation(page, "Hogeschool IJsselweide")
    # Enter in the search box searches, it does not send the form.
    page.get_by_label("Zoek een organisatie").press("Enter")
    assert "/partners/toevoegen/" in page.url
    tab_to(page, "Toevoegen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Hogeschool IJsselweide" in page.get_by_role("heading", level=1).inner_text()
    assert partnership.participations.filter(organisation__name="Hogeschool IJsselweide").exists()


def test_the_picker_works_without_javascript(browser, live_server, demo_data):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Gebruikersnaam").fill("medewerker.zwolle")
        page.get_by_label("Wachtwoord").fill("pps-demo-2026")
        page.get_by_role("button", name="Inloggen").click()
        partnership = Partnership.objects.get(name="Gezonde Kinderkeuken Zwolle")
        page.goto(f"{live_server.url}/samenwerkingen/{partnership.pk}/partners/toevoegen/")
        page.get_by_label("Toelichting op de motieven").fill("Onderzoek naar schoolmaaltijden")
        page.get_by_label("Zoek een organisatie").fill("IJsselweide")
        page.get_by_role("button", name="Zoeken", exact=True).click()
        expect(page.get_by_text("1 organisatie gevonden.")).to_be_visible()
        # What she typed is still there.
        expect(page.get_by_label("Toelichting op de motieven")).to_have_value(
            "Onderzoek naar schoolmaaltijden"
        )
        page.locator("#id_organisation").select_option(index=0)
        page.get_by_role("button", name="Toevoegen", exact=True).click()
        assert "Hogeschool IJsselweide" in page.get_by_role("heading", level=1).inner_text()
        participation = partnership.participations.get(organisation__name="Hogeschool IJsselweide")
        assert participation.motives_notes == "Onderzoek naar schoolmaaltijden"
    finally:
        context.close()


def test_nieuwe_afweging_from_the_afwegingen_menu(tab, demo_data):
    page = tab.page
    tab.login("medewerker.zwolle")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Afwegingen").click()
    page.get_by_role("link", name="Nieuwe afweging").click()
    assert_wcag22(tab, "new-assessment-partnership")
    page.get_by_label("Samenwerking").select_option(label="Gezonde Kinderkeuken Zwolle")
    page.get_by_role("button", name="Verder").click()
    assert_wcag22(tab, "new-assessment-partner")
    page.get_by_label("Versmarkt Zwolle-Zuid", exact=False).check()
    page.get_by_role("button", name="Afweging starten").click()
    expect(page.get_by_text("De afweging is gestart.")).to_be_visible()
    assert "/thema/A/" in page.url


def test_lists_say_which_filter_is_active(tab, demo_data):
    page = tab.page
    tab.login("coordinator.ijsselland")
    tab.goto("/samenwerkingen/")
    page.get_by_label("Thema").select_option(label="Gezonde voeding")
    page.get_by_role("button", name="Filter", exact=True).click()
    summary = page.locator(".active-filters")
    expect(summary).to_contain_text("Gefilterd op: thema Gezonde voeding")
    assert_wcag22(tab, "partnership-list-filtered")
    summary.get_by_role("link", name="Wis filters").click()
    expect(page.locator(".active-filters")).to_have_count(0)


def test_accessibility_statement_from_the_footer_without_logging_in(tab, demo_data):
    page = tab.page
    tab.goto("/accounts/login/")
    page.get_by_role("contentinfo").get_by_role("link", name="Toegankelijkheid").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Toegankelijkheidsverklaring"
    assert_wcag22(tab, "accessibility-statement")
