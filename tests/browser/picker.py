"""Choosing an organisation with the picker of the add-partner form, with the
keyboard only: type in the search box, wait for the number found (the status
line the script fills), arrow down into the list."""

import re

from playwright.sync_api import expect


def pick_organisation(page, name: str) -> None:
    search = page.get_by_label("Zoek een organisatie")
    search.focus()
    page.keyboard.type(name)
    status = page.get_by_role("status").filter(has_text="gevonden")
    expect(status).to_have_text(re.compile(r"^1 organisatie gevonden\.$"))
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == "id_organisation"
    chosen = page.evaluate(
        "document.activeElement.options[document.activeElement.selectedIndex].text"
    )
    assert chosen.startswith(f"{name} · "), chosen


def tab_to(page, label: str, limit: int = 40) -> None:
    """Press Tab until the element with this text has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == label:
            return
    raise AssertionError(f"{label!r} niet bereikt met Tab")
