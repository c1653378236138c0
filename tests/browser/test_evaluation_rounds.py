"""An evaluation round in a real browser: the officer opens a round and
follows it; a partner answers through her personal link on a phone-sized
screen; axe-core checks every page."""

import pytest

from evaluation.models import Respondent, StatementAnswer
from evaluation.tokens import new_token
from partnerships.models import Partnership

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def phone(browser, live_server):
    from tests.browser.conftest import Browser

    context = browser.new_context(
        locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield Browser(page, live_server.url)
    context.close()


def _no_sideways_scrolling(page):
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_officer_starts_a_round_and_a_partner_answers_on_her_phone(tab, phone, demo_data):
    page = tab.page
    tab.login("medewerker.zwolle")
    partnership = Partnership.objects.get(name="Gezonde Kinderkeuken Zwolle")
    tab.goto(partnership.get_absolute_url())
    section = page.get_by_role("region", name="Evaluatie")
    assert "Tussentijdse evaluatie 2026" in section.inner_text()
    section.get_by_role("link", name="Alle evaluaties").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Evaluaties"
    tab.assert_accessible("evaluation-rounds")

    # A new round: the form, then whom to ask.
    page.get_by_role("link", name="Nieuwe evaluatieronde").click()
    tab.assert_accessible("evaluation-round-add")
    page.get_by_label("Titel").fill("Evaluatie na de zomer")
    page.get_by_label("Periode die u evalueert: van").fill("01-01-2026")
    page.get_by_label("tot en met").fill("30-06-2026")
    page.get_by_label("Sluitingsdatum").fill("31-12-2099")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Wie nodigt u uit?"
    tab.assert_accessible("evaluation-respondents")
    page.get_by_label("Marieke Dijkstra", exact=False).check()
    page.get_by_label("Ingrid Jansen", exact=False).check()
    page.get_by_role("button", name="Toevoegen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Evaluatie na de zomer"
    page.get_by_role("button", name="Ronde openen en uitnodigingen versturen").click()
    assert "2 uitnodigingen zijn verstuurd" in page.get_by_role("main").inner_text()
    tab.assert_accessible("evaluation-round")

    # The partner's link (the e-mail's token is not stored; make one as re-sending does).
    respondent = Respondent.objects.get(
        round__title="Evaluatie na de zomer", contact__name="Marieke Dijkstra"
    )
    token, token_hash = new_token()
    Respondent.objects.filter(pk=respondent.pk).update(token_hash=token_hash)

    mobile = phone.page
    phone.goto(f"/evaluatie/{token}/")
    assert mobile.get_by_role("heading", level=1).inner_text() == "Evaluatie na de zomer"
    assert mobile.get_by_role("navigation").count() == 0  # nothing of the portal
    _no_sideways_scrolling(mobile)
    phone.assert_accessible("evaluation-respond-phone")
    # Every answer is a big target: the whole row, at least 44 px high.
    first = mobile.get_by_role("group").first
    option = first.locator(".respond-option").first
    assert option.bounding_box()["height"] >= 44

    # The first category, saved on its own.
    category = mobile.locator("#categorie-1")
    for group in category.get_by_role("group").all():
        group.get_by_text("4 · eens").click()
    category.get_by_role("button", name="Opslaan en verder").click()
    mobile.wait_for_load_state()
    assert "Uw antwoorden zijn opgeslagen" in mobile.get_by_role("status").inner_text()
    saved = StatementAnswer.objects.filter(respondent=respondent).count()
    assert saved == category.get_by_role("group").count() and saved > 0

    # Finishing too early says what is missing; the rest, and an open answer.
    mobile.get_by_role("button", name="Afronden").click()
    mobile.wait_for_load_state()
    assert "nog niet afgerond" in mobile.get_by_role("status").inner_text()
    phone.assert_accessible("evaluation-respond-missing")
    for group in mobile.locator("#stellingen").get_by_role("group").all():
        if not group.locator("input:checked").count():
            group.get_by_text("weet niet").click()
    mobile.get_by_label("Wat moeten we nu doen?").fill("Samen de resultaten bespreken.")
    mobile.get_by_role("button", name="Afronden").click()
    mobile.wait_for_load_state()
    assert "uw antwoorden zijn afgerond" in mobile.get_by_role("status").inner_text()
    _no_sideways_scrolling(mobile)
    phone.assert_accessible("evaluation-respond-finished")

    # The officer sees that she finished, not what she answered.
    page.reload()
    rows = page.get_by_role("row").filter(has_text="Marieke Dijkstra")
    assert "afgerond" in rows.inner_text()
    assert "weet niet" not in page.get_by_role("main").inner_text()

    # An altered link: a clear page, nothing of the round.
    phone.goto(f"/evaluatie/{token[:-1]}{'A' if token[-1] != 'A' else 'B'}/")
    assert mobile.get_by_role("heading", level=1).inner_text() == "Deze link werkt niet"
    assert "Evaluatie na de zomer" not in mobile.content()
    phone.console_errors.clear()  # the browser reports the 404 it was shown
    phone.assert_accessible("evaluation-link-unknown")
