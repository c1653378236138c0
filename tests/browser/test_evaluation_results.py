"""The results of an evaluation round in a real browser: the radar chart and
its table, the trend, the open answers and recording an action, with
axe-core on every page."""

from types import SimpleNamespace

import pytest

from accounts.models import User
from evaluation.models import Action
from partnerships.models import Partnership
from tests.evaluation_helpers import closed_round

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_officer_reads_the_results_and_records_an_action(tab, demo_data):
    partnership = Partnership.objects.get(name="Gezonde Kinderkeuken Zwolle")
    lead = partnership.lead_municipality
    evaluated = closed_round(
        SimpleNamespace(municipality=lead, region=lead.region), partnership=partnership
    )
    page = tab.page
    tab.login("medewerker.zwolle")

    tab.goto(f"/evaluaties/{evaluated.round.pk}/uitkomsten/")
    assert page.get_by_role("heading", level=1).inner_text() == "Uitkomsten van de evaluatie"
    chart = page.get_by_role("img", name="Gemiddelde per categorie, publieke en private kant")
    assert chart.count() == 1
    table = page.get_by_role("table", name="Gemiddelde per categorie (1 tot 5)", exact=False)
    assert "Leiderschap en regie" in table.inner_text()
    assert "opvallend" in table.inner_text()
    tab.assert_accessible("evaluation-results")

    page.get_by_role("link", name="Open antwoorden").click()
    assert "Het overleg loopt goed." in page.get_by_role("main").inner_text()
    tab.assert_accessible("evaluation-open-answers")

    tab.goto(f"/samenwerkingen/{partnership.pk}/evaluaties/trend/")
    assert (
        page.get_by_role("main").get_by_role("img").count() == 2
    )  # the radar charts (the header may hold a logo)
    tab.assert_accessible("evaluation-trend")

    tab.goto(f"/evaluaties/{evaluated.round.pk}/uitkomsten/")
    page.get_by_role("link", name="Actie vastleggen").click()
    page.get_by_label("Actie").fill("Een vaste voorzitter voor het partneroverleg.")
    officer = User.objects.get(username="medewerker.zwolle")
    page.get_by_label("Wie (persoon)").select_option(str(officer.pk))
    page.get_by_label("Uiterlijk").fill("01-03-2020")
    tab.assert_accessible("evaluation-action-form")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "/uitkomsten/" in page.url
    main = page.get_by_role("main").inner_text()
    assert "De actie is opgeslagen." in main
    assert "te laat" in main
    tab.assert_accessible("evaluation-results-with-action")

    # The status changes from the list on the partnership's page.
    tab.goto(partnership.get_absolute_url())
    assert "1 actie is te laat." in page.get_by_role("main").inner_text()
    tab.assert_accessible("partnership-with-actions")
    action = Action.objects.get(partnership=partnership)
    page.get_by_label(f"Status van: {action.what}").select_option("gereed")
    button = page.locator(f'form[action="/acties/{action.pk}/status/"] button')
    assert action.what in button.text_content()  # each "Wijzig" says which action
    button.click()
    page.wait_for_load_state()
    assert "De status van de actie is nu: Gereed." in page.get_by_role("main").inner_text()
    action.refresh_from_db()
    assert action.status == "gereed"
