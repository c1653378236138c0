"""A gemeente's own look in the browser: the stylesheet passes the CSP and
colours the header and the buttons, the logo shows, axe finds nothing."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _style(tab, selector, prop):
    return tab.page.eval_on_selector(
        selector, "(el, prop) => getComputedStyle(el).getPropertyValue(prop)", prop
    )


def test_zwolle_sees_its_look_and_kampen_its_region(tab, demo_data):
    tab.login("medewerker.zwolle")
    tab.goto("/meldingen/")
    assert _style(tab, ".pps-header", "background-color") == "rgb(11, 59, 79)"
    logo = tab.page.get_by_role("img", name="Zwolle")
    assert logo.evaluate("img => img.complete && img.naturalWidth") == 360
    tab.goto("/samenwerkingen/nieuw/")
    button = ".utrecht-button--primary-action"
    assert _style(tab, button, "background-color") == "rgb(0, 90, 110)"
    assert _style(tab, button, "color") == "rgb(255, 255, 255)"
    tab.assert_accessible("huisstijl-zwolle")  # no CSP error in the console either
    tab.logout()

    tab.login("medewerker.kampen")
    tab.goto("/meldingen/")
    assert _style(tab, ".pps-header", "background-color") == "rgb(33, 64, 95)"  # the region's
    assert tab.page.locator(".pps-brand__logo").count() == 0
    tab.assert_accessible("huisstijl-kampen")
