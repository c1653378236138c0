"""An evaluation round in a real browser, the whole journey: the officer
opens a round and follows it; a partner answers through her personal link
on a phone-sized screen; the officer closes the round (after confirming),
reads the radar chart and records an action, which the partnership's page
shows. axe-core checks every page."""

import pytest

from accounts.models import User
from evaluation.models import Action, Respondent, Side, Statement, StatementAnswer
from evaluation.running import (
    partner_candidates,
    public_candidates,
    respondent_for_contact,
    respondent_for_user,
)
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

    # The others answer too (two on each side, so that both sides are shown).
    _others_answer(respondent.round)

    # Closing asks to confirm first; then the link stops working.
    page.get_by_role("link", name="Ronde sluiten").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Ronde ‘Evaluatie na")
    assert "Sluiten is definitief." in page.get_by_role("main").inner_text()
    tab.assert_accessible("evaluation-round-close")
    page.get_by_role("button", name="Ja, ronde definitief sluiten").click()
    page.wait_for_load_state()
    assert "De ronde is gesloten" in page.get_by_role("main").inner_text()
    tab.assert_accessible("evaluation-round-closed")
    phone.goto(f"/evaluatie/{token}/")
    assert mobile.get_by_role("heading", level=1).inner_text() == "Deze evaluatie is gesloten"
    phone.console_errors.clear()  # the 410 the browser was shown

    # The results, from the round's page: the radar chart of both sides.
    page.get_by_role("link", name="Uitkomsten en acties").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Uitkomsten van de evaluatie"
    chart = page.get_by_role("img", name="Gemiddelde per categorie, publieke en private kant")
    assert chart.count() == 1
    tab.assert_accessible("evaluation-journey-results")

    # An action on the results, shown on the partnership's page.
    page.get_by_role("link", name="Acties vastleggen").click()  # to the section
    page.get_by_role("link", name="Actie vastleggen").click()
    page.get_by_label("Actie").fill("De partners vooraf laten meepraten over de agenda.")
    page.get_by_label("Wie (persoon)").select_option(
        str(User.objects.get(username="medewerker.zwolle").pk)
    )
    page.get_by_label("Uiterlijk").fill("01-03-2099")
    tab.assert_accessible("evaluation-journey-action-form")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "De actie is opgeslagen." in page.get_by_role("main").inner_text()
    assert Action.objects.get(what__startswith="De partners vooraf").round == respondent.round
    tab.goto(partnership.get_absolute_url())
    section = page.get_by_role("region", name="Evaluatie")
    assert "De partners vooraf laten meepraten over de agenda." in section.inner_text()
    assert "Evaluatie na de zomer" in section.inner_text()
    tab.assert_accessible("evaluation-journey-partnership")


def _others_answer(evaluation_round):
    """Everyone else answers every statement (as if through the portal or
    their own link), with one more of each side: two on each side, so that
    both sides are shown."""
    others = list(evaluation_round.respondents.filter(submitted_at=None))
    asked = evaluation_round.respondents.all()
    user = public_candidates(evaluation_round.partnership).exclude(
        pk__in=asked.exclude(user=None).values("user_id")
    )[0]
    contact = partner_candidates(evaluation_round.partnership).exclude(
        pk__in=asked.exclude(contact=None).values("contact_id")
    )[0]
    for respondent in (respondent_for_user(user), respondent_for_contact(contact)):
        respondent.round = evaluation_round
        respondent.save()
        others.append(respondent)
    everyone = [*others, *asked.exclude(pk__in=[r.pk for r in others])]
    assert {
        side: sum(1 for r in everyone if r.side == side) for side in (Side.PUBLIC, Side.PRIVATE)
    } == {Side.PUBLIC: 2, Side.PRIVATE: 2}
    statements = Statement.objects.filter(category__version=evaluation_round.instrument)
    for number, respondent in enumerate(others):
        StatementAnswer.objects.bulk_create(
            StatementAnswer(respondent=respondent, statement=statement, score=2 + number)
            for statement in statements
        )
