"""Two people (or one person in two tabs) at work on the same records at once:
nothing is lost, nothing decided is reopened, and everyone learns what happened."""

import pytest

from assessment.models import Assessment, AssessmentStatus
from partnerships.models import Partnership

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def second_tab(browser, live_server):
    from tests.browser.conftest import Browser

    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield Browser(page, live_server.url)
    context.close()


def test_a_stale_edit_is_refused_and_keeps_what_was_typed(tab, second_tab, demo_data):
    partnership = Partnership.objects.get(name="Gezonde Kinderkeuken Zwolle")
    edit = f"/samenwerkingen/{partnership.pk}/bewerken/"
    for t in (tab, second_tab):
        t.login("medewerker.zwolle")
        t.goto(edit)

    tab.page.get_by_label("Maatschappelijk doel").fill("Doel uit het eerste tabblad.")
    tab.page.get_by_role("button", name="Opslaan").click()
    tab.page.wait_for_load_state()
    assert "Doel uit het eerste tabblad." in tab.page.get_by_role("main").inner_text()

    second_tab.page.get_by_label("Toelichting op de regie").fill("Getypt in het tweede tabblad.")
    second_tab.page.get_by_role("button", name="Opslaan").click()
    second_tab.page.wait_for_load_state()
    main = second_tab.page.get_by_role("main").inner_text()
    assert "heeft dit intussen opgeslagen" in main
    assert "Doel uit het eerste tabblad." in main  # what is stored now is shown
    assert (
        second_tab.page.get_by_label("Toelichting op de regie").input_value()
        == "Getypt in het tweede tabblad."
    )
    second_tab.console_errors.clear()  # the browser reports the 409 it was just shown
    second_tab.assert_accessible("stale-edit-refused")

    partnership.refresh_from_db()
    assert partnership.societal_goal == "Doel uit het eerste tabblad."
    assert partnership.regie_notes != "Getypt in het tweede tabblad."


def test_a_finalised_assessment_cannot_be_sent_back_from_an_old_tab(tab, second_tab, demo_data):
    assessment = Assessment.objects.get(status=AssessmentStatus.IN_REVIEW)
    page = f"/afwegingen/{assessment.pk}/"
    for t in (tab, second_tab):
        t.login("coordinator.ijsselland")
        t.goto(page)

    tab.page.get_by_label("Opmerking bij de vaststelling (optioneel)").fill("Akkoord.")
    tab.page.get_by_role("button", name="Vaststellen").click()
    tab.page.wait_for_load_state()
    assert "Vastgesteld" in tab.page.get_by_role("main").inner_text()

    second_tab.page.get_by_label("Wat moet er veranderen?").fill("Graag H1 aanvullen.")
    second_tab.page.get_by_role("button", name="Terugsturen naar concept").click()
    second_tab.page.wait_for_load_state()
    assert (
        "niet meer ter review (intussen vastgesteld"
        in second_tab.page.get_by_role("main").inner_text()
    )
    second_tab.assert_accessible("send-back-refused")

    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FINAL
    assert assessment.review_remark == "Akkoord."

    # The author learns what happened to her work, in the portal.
    author = assessment.author.username
    tab.logout()
    tab.login(author)
    tab.page.get_by_role("link", name="Meldingen").click()
    tab.page.wait_for_load_state()
    inbox = tab.page.get_by_role("main").inner_text()
    assert "vastgesteld" in inbox.lower() and "Akkoord." in inbox
    tab.assert_accessible("inbox")
