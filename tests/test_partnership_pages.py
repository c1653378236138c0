"""The pages under a partnership: phases, partners, goals, agreements,
activities. Every view against every persona, then the behaviour."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships import phases as phase_rules
from partnerships.models import (
    Agreement,
    ChecklistItem,
    ChecklistTick,
    Goal,
    Measurement,
    Participation,
    PhaseTransition,
)
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    OrganisationFactory,
    ParticipationFactory,
    PartnershipFactory,
    phase,
)


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def partnership(world):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken", lead_municipality=world.municipality
    )
    participation = ParticipationFactory(partnership=partnership)
    goal = GoalFactory(partnership=partnership)
    indicator = IndicatorFactory(goal=goal)
    MeasurementFactory(indicator=indicator)
    AgreementFactory(partnership=partnership, participation=participation)
    ActivityFactory(partnership=partnership)
    return partnership


def urls(p):
    participation = p.participations.first()
    goal = p.goals.first()
    indicator = goal.indicators.first()
    agreement = p.agreements.first()
    activity = p.activities.first()
    view = [
        reverse("partnerships:phase", args=[p.pk]),
        reverse("partnerships:phase_detail", args=[p.pk, 3]),
        reverse("partnerships:goals", args=[p.pk]),
        reverse("partnerships:agreements", args=[p.pk]),
        reverse("partnerships:activities", args=[p.pk]),
        reverse("assessment:compare", args=[p.pk]),
    ]
    edit = [
        reverse("partnerships:participation_add", args=[p.pk]),
        reverse("partnerships:participation_edit", args=[p.pk, participation.pk]),
        reverse("partnerships:participation_delete", args=[p.pk, participation.pk]),
        reverse("partnerships:goal_add", args=[p.pk]),
        reverse("partnerships:goal_edit", args=[p.pk, goal.pk]),
        reverse("partnerships:goal_delete", args=[p.pk, goal.pk]),
        reverse("partnerships:indicator_add", args=[p.pk, goal.pk]),
        reverse("partnerships:indicator_edit", args=[p.pk, goal.pk, indicator.pk]),
        reverse("partnerships:measurement_add", args=[p.pk, indicator.pk]),
        reverse("partnerships:agreement_add", args=[p.pk]),
        reverse("partnerships:agreement_edit", args=[p.pk, agreement.pk]),
        reverse("partnerships:activity_add", args=[p.pk]),
        reverse("partnerships:activity_edit", args=[p.pk, activity.pk]),
        reverse("partnerships:activity_delete", args=[p.pk, activity.pk]),
    ]
    return view, edit


EXPECTED = {
    # persona: (status on view pages, status on edit pages)
    "officer": (200, 200),
    "coordinator": (200, 403),
    "administrator": (200, 403),
    "officer_same_region": (404, 404),
    "officer_other_region": (404, 404),
    "coordinator_other_region": (404, 404),
}


@pytest.mark.parametrize(("persona", "expected"), EXPECTED.items())
def test_every_page_respects_the_access_rules(world, partnership, persona, expected):
    client = world.client_for(getattr(world, persona))
    view, edit = urls(partnership)
    for url in view:
        assert client.get(url).status_code == expected[0], url
    for url in edit:
        assert client.get(url).status_code == expected[1], url


def test_anonymous_users_go_to_login(client, partnership):
    view, edit = urls(partnership)
    for url in view + edit:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            "/accounts/login/"
        ), url


def test_records_of_another_partnership_are_not_reachable_through_mine(world, partnership):
    other = PartnershipFactory(lead_municipality=world.municipality)
    foreign_goal = GoalFactory(partnership=other)
    client = world.client_for(world.officer)
    url = reverse("partnerships:goal_edit", args=[partnership.pk, foreign_goal.pk])
    assert client.get(url).status_code == 404


# --- Phases -----------------------------------------------------------------------


def test_checklist_ticks_are_saved_and_audited(world, partnership):
    client = world.client_for(world.officer)
    items = list(ChecklistItem.objects.filter(phase__number=1))
    response = client.post(
        reverse("partnerships:checklist_save", args=[partnership.pk, 1]),
        {"items": [items[0].pk, items[1].pk]},
    )
    assert response.status_code == 302
    assert ChecklistTick.objects.filter(partnership=partnership).count() == 2
    client.post(
        reverse("partnerships:checklist_save", args=[partnership.pk, 1]), {"items": [items[0].pk]}
    )
    assert list(ChecklistTick.objects.values_list("item_id", flat=True)) == [items[0].pk]
    removed = ChecklistTick.history.filter(item_id=items[1].pk, history_type="-").get()
    assert removed.history_user == world.officer


def test_moving_on_with_an_incomplete_checklist_needs_a_reason(world, partnership):
    client = world.client_for(world.officer)
    url = reverse("partnerships:phase_move", args=[partnership.pk])
    response = client.post(url, {"to_phase": 2, "reason": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "De checklist van deze fase is nog niet af" in body
    partnership.refresh_from_db()
    assert partnership.phase.number == 1

    response = client.post(url, {"to_phase": 2, "reason": "Wethouder wil snel starten."})
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.phase.number == 2
    transition = PhaseTransition.objects.get(partnership=partnership, from_phase__number=1)
    assert transition.reason == "Wethouder wil snel starten." and not transition.checklist_complete
    assert transition.moved_by == world.officer


def test_complete_checklist_moves_on_without_reason_and_back_needs_one(world, partnership):
    for item in ChecklistItem.objects.filter(phase__number=1):
        phase_rules.set_tick(partnership, item, True, world.officer)
    client = world.client_for(world.officer)
    url = reverse("partnerships:phase_move", args=[partnership.pk])
    assert client.post(url, {"to_phase": 2}).status_code == 302
    partnership.refresh_from_db()
    assert partnership.phase.number == 2
    assert PhaseTransition.objects.get(to_phase__number=2).checklist_complete

    response = client.post(url, {"to_phase": 1, "reason": ""})
    assert "Schrijf op waarom de samenwerking een fase terug gaat." in response.content.decode()
    assert client.post(url, {"to_phase": 1, "reason": "Partner haakte af."}).status_code == 302
    partnership.refresh_from_db()
    assert partnership.phase.number == 1

    page = client.get(reverse("partnerships:phase", args=[partnership.pk])).content.decode()
    assert "Partner haakte af." in page and "terug" in page


def test_skipping_a_phase_is_refused(world, partnership):
    with pytest.raises(Exception, match="één fase tegelijk"):
        phase_rules.move(partnership, phase(3), world.officer, "haast")


def test_inactive_checklist_items_do_not_count(world, partnership):
    items = list(ChecklistItem.objects.filter(phase__number=1))
    for item in items[:-1]:
        phase_rules.set_tick(partnership, item, True, world.officer)
    assert not phase_rules.checklist_for(partnership, phase(1)).is_complete
    items[-1].is_active = False
    items[-1].save()
    assert phase_rules.checklist_for(partnership, phase(1)).is_complete


def test_coordinator_cannot_tick_or_move(world, partnership):
    client = world.client_for(world.coordinator)
    assert (
        client.post(
            reverse("partnerships:phase_move", args=[partnership.pk]),
            {"to_phase": 2, "reason": "x"},
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("partnerships:checklist_save", args=[partnership.pk, 1]), {}
        ).status_code
        == 403
    )


def test_phase_note_is_recorded_with_author(world, partnership):
    client = world.client_for(world.officer)
    client.post(
        reverse("partnerships:phase_note_add", args=[partnership.pk, 1]),
        {"kind": "besluit", "text": "Convenant als vorm gekozen."},
    )
    page = client.get(reverse("partnerships:phase", args=[partnership.pk])).content.decode()
    assert "Convenant als vorm gekozen." in page


def test_guidance_edited_by_the_beheerder_shows_on_the_phase_page(world, partnership):
    admin = world.client_for(world.administrator)
    first = phase(1)
    data = {
        "number": 1,
        # The admin edits the Dutch and the English texts (django-modeltranslation).
        "name_nl": first.name_nl,
        "name_en": first.name_en,
        "purpose_nl": "Nieuwe uitleg van de beheerder.",
        "purpose_en": first.purpose_en,
        "tips_nl": "Een nieuwe tip",
        "tips_en": first.tips_en,
        "pitfalls_nl": "",
        "pitfalls_en": "",
        "checklist_items-TOTAL_FORMS": 0,
        "checklist_items-INITIAL_FORMS": 0,
    }
    response = admin.post(reverse("admin:partnerships_phase_change", args=[first.pk]), data)
    assert response.status_code == 302
    page = world.client_for(world.officer).get(reverse("partnerships:phase", args=[partnership.pk]))
    assert "Nieuwe uitleg van de beheerder." in page.content.decode()
    assert "Een nieuwe tip" in page.content.decode()


def test_phase_page_queries_do_not_grow_with_history(
    world, partnership, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client_for(world.officer)
    url = reverse("partnerships:phase", args=[partnership.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for number in (2, 1, 2, 1):
        phase_rules.move(partnership, phase(number), world.officer, "heen en weer")
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


# --- Partners -----------------------------------------------------------------------


def test_add_partner_with_motives_then_contributions_with_totals(world, partnership):
    organisation = OrganisationFactory(region=world.region, name="Buurtsuper Assendorp")
    client = world.client_for(world.officer)
    response = client.post(
        reverse("partnerships:participation_add", args=[partnership.pk]),
        {
            "organisation": organisation.pk,
            "role": "kernpartner",
            "status": "in_gesprek",
            "motives": ["mvo", "iets_terugdoen"],
        },
    )
    participation = Participation.objects.get(organisation=organisation)
    assert response.status_code == 302
    assert participation.motives == ["mvo", "iets_terugdoen"]
    edit_url = reverse("partnerships:participation_edit", args=[partnership.pk, participation.pk])
    response = client.post(
        edit_url,
        {
            "role": "kernpartner",
            "status": "actief",
            "motives": ["mvo"],
            "inbreng-TOTAL_FORMS": 2,
            "inbreng-INITIAL_FORMS": 0,
            "inbreng-0-type": "geld",
            "inbreng-0-description": "Bijdrage aan de proeverij",
            "inbreng-0-euros": "1.250,50",
            "inbreng-1-type": "mensen",
            "inbreng-1-description": "Twee medewerkers",
            "inbreng-1-hours": "40",
        },
    )
    assert response.status_code == 302
    page = client.get(partnership.get_absolute_url()).content.decode()
    assert "€ 1.250,50" in page and "Geld" in page


def test_negative_contribution_is_refused_in_dutch_and_input_kept(world, partnership):
    participation = partnership.participations.first()
    client = world.client_for(world.officer)
    response = client.post(
        reverse("partnerships:participation_edit", args=[partnership.pk, participation.pk]),
        {
            "role": "partner",
            "status": "actief",
            "inbreng-TOTAL_FORMS": 1,
            "inbreng-INITIAL_FORMS": 0,
            "inbreng-0-type": "geld",
            "inbreng-0-description": "Sponsoring",
            "inbreng-0-euros": "-10",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vul een bedrag van 0 tot en met 100.000.000 euro in." in body
    assert 'value="-10"' in body
    assert 'value="Sponsoring"' in body


def test_organisations_of_another_region_cannot_be_added(world, partnership):
    foreign = OrganisationFactory(region=world.other_region)
    client = world.client_for(world.officer)
    response = client.post(
        reverse("partnerships:participation_add", args=[partnership.pk]),
        {"organisation": foreign.pk, "role": "partner", "status": "kandidaat"},
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Participation.objects.filter(organisation=foreign).exists()


# --- Goals ---------------------------------------------------------------------------


def test_partner_goal_needs_a_partner(world, partnership):
    client = world.client_for(world.officer)
    response = client.post(
        reverse("partnerships:goal_add", args=[partnership.pk]),
        {"level": "partner", "title": "Meer omzet groente"},
    )
    assert "Kies de partner bij wie dit doel hoort." in response.content.decode()
    participation = partnership.participations.first()
    response = client.post(
        reverse("partnerships:goal_add", args=[partnership.pk]),
        {"level": "partner", "participation": participation.pk, "title": "Meer omzet groente"},
    )
    assert response.status_code == 302
    assert Goal.objects.get(title="Meer omzet groente").participation == participation


def test_measurement_shows_progress_and_one_per_day(world, partnership):
    indicator = partnership.goals.first().indicators.first()
    client = world.client_for(world.officer)
    url = reverse("partnerships:measurement_add", args=[partnership.pk, indicator.pk])
    assert client.post(url, {"measured_on": "2026-09-30", "value": "40"}).status_code == 302
    duplicate = client.post(url, {"measured_on": "2026-09-30", "value": "41"})
    assert "Voor deze datum is al een meting vastgelegd." in duplicate.content.decode()
    page = client.get(reverse("partnerships:goals", args=[partnership.pk])).content.decode()
    # baseline 20, target 60, latest 40: halfway
    assert "50% van de weg van nulmeting naar streefwaarde" in page
    assert Measurement.objects.filter(indicator=indicator).count() == 2


# --- Agreements ------------------------------------------------------------------------


def test_signed_agreement_document_is_private_and_served_to_those_who_may_see(
    world, partnership, private_media
):
    client = world.client_for(world.officer)
    upload = SimpleUploadedFile(
        "Convenant getekend.pdf", b"%PDF-1.4 test", content_type="application/pdf"
    )
    response = client.post(
        reverse("partnerships:agreement_add", args=[partnership.pk]),
        {
            "title": "Convenant",
            "signed_on": "2026-03-01",
            "signed_by": "Wethouder",
            "document": upload,
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get(title="Convenant")
    assert agreement.document_name == "Convenant getekend.pdf"
    assert "Convenant" not in agreement.document.name  # stored under a random name
    assert (private_media / agreement.document.name).read_bytes() == b"%PDF-1.4 test"
    url = reverse("partnerships:agreement_document", args=[partnership.pk, agreement.pk])
    for persona in ("officer", "coordinator"):
        download = world.client_for(getattr(world, persona)).get(url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
        assert 'filename="Convenant getekend.pdf"' in download["Content-Disposition"]
    for persona in ("officer_same_region", "coordinator_other_region"):
        assert world.client_for(getattr(world, persona)).get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ...", "Dit bestandstype kan niet"),
        ("nep.pdf", b"MZ...", "De inhoud van het bestand past niet bij de extensie .pdf"),
    ],
)
def test_wrong_documents_are_refused(world, partnership, private_media, name, content, message):
    client = world.client_for(world.officer)
    response = client.post(
        reverse("partnerships:agreement_add", args=[partnership.pk]),
        {"title": "Overeenkomst", "document": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Agreement.objects.filter(title="Overeenkomst").exists()


def test_signed_date_in_future_and_missing_signer_are_refused(world, partnership):
    client = world.client_for(world.officer)
    future = (date.today() + timedelta(days=3)).isoformat()
    response = client.post(
        reverse("partnerships:agreement_add", args=[partnership.pk]),
        {"title": "X", "signed_on": future},
    )
    body = response.content.decode()
    assert "De datum van ondertekening ligt in de toekomst." in body
    assert "Vul in wie de overeenkomst heeft getekend." in body


# --- Activities ------------------------------------------------------------------------


def test_activity_is_logged_and_shown_with_the_audit_trail(world, partnership):
    client = world.client_for(world.officer)
    response = client.post(
        reverse("partnerships:activity_add", args=[partnership.pk]),
        {
            "kind": "werkbezoek",
            "date": "2026-10-01",
            "title": "Werkbezoek wethouder",
            "participants": "Wethouder",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("partnerships:activities", args=[partnership.pk])).content.decode()
    assert "Werkbezoek wethouder" in page
    assert "Recente wijzigingen" in page and "Activiteit aangemaakt" in page
    detail = client.get(partnership.get_absolute_url()).content.decode()
    assert "Werkbezoek wethouder" in detail


def test_activity_far_in_the_future_is_refused(world, partnership):
    client = world.client_for(world.officer)
    response = client.post(
        reverse("partnerships:activity_add", args=[partnership.pk]),
        {"kind": "overleg", "date": "2099-01-01", "title": "Ooit"},
    )
    assert "Kies een datum binnen een jaar vanaf vandaag." in response.content.decode()
    assert 'value="Ooit"' in response.content.decode()
