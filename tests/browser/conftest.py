"""Headless Chromium (Debian's package) driven by Playwright, with axe-core.

Every page a journey checks is checked twice, at a laptop's width (1366 px)
and a phone's (390 px): axe-core with the WCAG 2.0, 2.1 and 2.2 A/AA rules,
no sideways scrolling of the page on the phone, and a screenshot of each in
test-artifacts/ (``<name>-1366.png``, ``<name>-390.png``).

Where no Chromium is installed the browser tests skip with a message; with
CI=true they fail instead, so CI can never pass without running them.
"""

import json
import os
from pathlib import Path

import axe_playwright_python
import pytest

from tests.demo_helpers import load_demo

# Playwright's sync API runs an event loop; the live server's ORM calls are
# synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PPS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The widths every checked page is seen at: a laptop and a phone.
WIDTHS = ((1366, 768), (390, 844))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = (
            f"Geen Chromium gevonden op {CHROMIUM}: de browsertests zijn overgeslagen. "
            "Installeer de Debian-pakketten 'chromium' en 'chromium-driver' "
            "(of zet PPS_CHROMIUM op het pad van een Chromium)."
        )
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message + " Met CI=true is dat een fout.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_data(transactional_db, settings):
    load_demo(settings, advice_files=False)


class Browser:
    """One browser tab on the live server, with the checks every page gets."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.console_errors = []
        page.on(
            "console",
            lambda msg: msg.type == "error" and self.console_errors.append(msg.text),
        )

    def goto(self, path):
        self.page.goto(self.base_url + path)

    def login(self, username, password="pps-demo-2026"):
        self.goto("/accounts/login/")
        self.page.get_by_label("Gebruikersnaam").fill(username)
        self.page.get_by_label("Wachtwoord").fill(password)
        self.page.get_by_role("button", name="Inloggen").click()
        self.page.wait_for_load_state()

    def logout(self):
        self.page.get_by_role("button", name="Uitloggen").click()
        self.page.wait_for_load_state()

    def assert_accessible(self, name):
        """At 1366 and at 390 px wide: axe-core finds no WCAG 2.0/2.1/2.2 A or
        AA violation, and on the phone the page does not scroll sideways; no
        console errors (a CSP violation would show up there). A screenshot
        of each width lands in test-artifacts/."""
        page = self.page
        original = page.viewport_size
        problems = []
        try:
            for width, height in WIDTHS:
                page.set_viewport_size({"width": width, "height": height})
                problems += self._check(name, width)
        finally:
            if original:
                page.set_viewport_size(original)
        assert problems == [], f"op {page.url}:\n" + json.dumps(problems, indent=2)
        assert self.console_errors == [], self.console_errors

    def _check(self, name, width):
        page = self.page
        page.evaluate(AXE_SOURCE)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        problems = [
            {
                "width": width,
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]
        scroll_width, client_width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll_width > client_width:
            wide = page.evaluate(
                """w => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > w + 1)
                    .slice(0, 5)
                    .map(e => e.tagName + '.' + (e.getAttribute('class') || '') + ' '
                        + Math.round(e.getBoundingClientRect().right))""",
                client_width,
            )
            problems.append(
                {"width": width, "scrolls sideways": [scroll_width, client_width], "wide": wide}
            )
        return problems


@pytest.fixture
def tab(browser, live_server):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 768})
    page = context.new_page()
    # Generous: finalising renders the PDF advice before the page loads, and the
    # suite runs on every core (pytest-xdist) beside the browser.
    page.set_default_timeout(30000)
    yield Browser(page, live_server.url)
    context.close()
