"""The admin of the partnerships app: the beheerder keeps the themes, the
guidance texts and the checklists there, live without a deploy; the phase
transitions are a log; officers and coordinators never reach the admin."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from partnerships import phases as phase_rules
from partnerships.models import ChecklistItem, HealthTheme, Phase, PhaseTransition
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    ParticipationFactory,
    PartnershipFactory,
    phase,
)


@pytest.fixture
def partnership(world):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken", lead_municipality=world.municipality
    )
    participation = ParticipationFactory(partnership=partnership)
    goal = GoalFactory(partnership=partnership)
    MeasurementFactory(indicator=IndicatorFactory(goal=goal))
    AgreementFactory(partnership=partnership, participation=participation)
    ActivityFactory(partnership=partnership)
    phase_rules.move(partnership, phase(2), world.officer, "Wethouder wil door.")
    return partnership


@pytest.fixture
def admin_client(world):
    return world.client_for(world.administrator)


MODELS = [
    "healththeme",
    "phase",
    "checklistitem",
    "partnership",
    "participation",
    "goal",
    "indicator",
    "agreement",
    "activity",
    "phasenote",
    "phasetransition",
    "checklisttick",
]


@pytest.mark.parametrize("model", MODELS)
def test_beheerder_opens_every_changelist(admin_client, partnership, model):
    response = admin_client.get(reverse(f"admin:partnerships_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "model", ["partnership", "participation", "goal", "indicator", "agreement", "activity"]
)
def test_beheerder_opens_the_change_page_of_a_record(admin_client, partnership, model):
    record = {
        "partnership": partnership,
        "participation": partnership.participations.first(),
        "goal": partnership.goals.first(),
        "indicator": partnership.goals.first().indicators.first(),
        "agreement": partnership.agreements.first(),
        "activity": partnership.activities.first(),
    }[model]
    url = reverse(f"admin:partnerships_{model}_change", args=[record.pk])
    assert admin_client.get(url).status_code == 200


def test_partnership_changelist_filters_by_phase_theme_status_and_region(
    admin_client, partnership, world
):
    url = reverse("admin:partnerships_partnership_changelist")
    response = admin_client.get(url, {"phase__id__exact": phase(2).pk, "q": "Kinderkeuken"})
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [partnership]
    response = admin_client.get(
        url, {"lead_municipality__region__id__exact": world.other_region.pk}
    )
    assert list(response.context["cl"].queryset) == []
    filters = {spec.title for spec in response.context["cl"].filter_specs}
    assert {"fase", "thema", "status"} <= filters


def test_phase_change_page_has_the_checklist_inline(admin_client, db):
    first = phase(1)
    response = admin_client.get(reverse("admin:partnerships_phase_change", args=[first.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="checklist_items-TOTAL_FORMS"' in body
    for item in ChecklistItem.objects.filter(phase=first):
        assert escape(item.text) in body
    # Every text in Dutch and in English (django-modeltranslation).
    for field in ("name", "purpose", "tips", "pitfalls"):
        assert f'name="{field}_nl"' in body and f'name="{field}_en"' in body
    assert 'name="checklist_items-0-text_en"' in body


def test_theme_admin_lists_and_edits_in_place(admin_client, db):
    response = admin_client.get(reverse("admin:partnerships_healththeme_changelist"))
    assert response.status_code == 200
    assert "form-0-is_active" in response.content.decode()  # list_editable
    theme = HealthTheme.objects.get(name="Alcohol")
    assert (
        admin_client.get(
            reverse("admin:partnerships_healththeme_change", args=[theme.pk])
        ).status_code
        == 200
    )


def test_beheerder_adds_a_theme(admin_client, world):
    response = admin_client.post(
        reverse("admin:partnerships_healththeme_add"),
        {"name_nl": "Gezonde school", "name_en": "", "is_active": "on"},
    )
    assert response.status_code == 302
    theme = HealthTheme.objects.get(name="Gezonde school")
    assert theme.is_active
    assert theme.history.get().history_user == world.administrator


def phase_form_data(phase_obj, **changes):
    """The admin form of a phase with its checklist inline, as the browser posts
    it (each text in Dutch and English; ``changes`` by the form's field names)."""
    items = list(ChecklistItem.objects.filter(phase=phase_obj).order_by("order", "pk"))
    data = {
        "number": phase_obj.number,
        **{
            f"{field}_{code}": getattr(phase_obj, f"{field}_{code}") or ""
            for field in ("name", "purpose", "tips", "pitfalls")
            for code in ("nl", "en")
        },
        "checklist_items-TOTAL_FORMS": len(items),
        "checklist_items-INITIAL_FORMS": len(items),
        "checklist_items-MIN_NUM_FORMS": 0,
        "checklist_items-MAX_NUM_FORMS": 1000,
    }
    for i, item in enumerate(items):
        data.update(
            {
                f"checklist_items-{i}-id": item.pk,
                f"checklist_items-{i}-phase": phase_obj.pk,
                f"checklist_items-{i}-text_nl": item.text_nl,
                f"checklist_items-{i}-text_en": item.text_en or "",
                f"checklist_items-{i}-help_text_nl": item.help_text_nl,
                f"checklist_items-{i}-help_text_en": item.help_text_en or "",
                f"checklist_items-{i}-order": item.order,
            }
        )
        if item.is_active:
            data[f"checklist_items-{i}-is_active"] = "on"
    data.update(changes)
    return data, items


def test_edited_tip_and_checklist_item_show_on_the_phase_page(admin_client, world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    first = phase(1)
    data, items = phase_form_data(
        first,
        tips_nl=first.tips_nl + "\nBetrek de jongerenraad vanaf het begin.",
        **{"checklist_items-0-text_nl": "De eigen missie staat op papier"},
    )
    response = admin_client.post(reverse("admin:partnerships_phase_change", args=[first.pk]), data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""

    items[0].refresh_from_db()
    assert items[0].text == "De eigen missie staat op papier"
    assert items[0].history.first().history_user == world.administrator
    assert Phase.objects.get(pk=first.pk).tip_list[-1] == "Betrek de jongerenraad vanaf het begin."

    body = (
        world.client_for(world.officer)
        .get(reverse("partnerships:phase", args=[partnership.pk]))
        .content.decode()
    )
    assert "<li>Betrek de jongerenraad vanaf het begin.</li>" in body
    assert "De eigen missie staat op papier</label>" in body


def test_checklist_item_added_or_deactivated_in_the_admin_changes_the_checklist(
    admin_client, world
):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    first = phase(1)
    data, items = phase_form_data(first)
    data.pop("checklist_items-1-is_active")  # unticked: no longer in use
    n = len(items)
    data.update(
        {
            "checklist_items-TOTAL_FORMS": n + 1,
            f"checklist_items-{n}-text_nl": "De GGD is geraadpleegd",
            f"checklist_items-{n}-text_en": "",
            f"checklist_items-{n}-help_text_nl": "",
            f"checklist_items-{n}-help_text_en": "",
            f"checklist_items-{n}-order": 99,
            f"checklist_items-{n}-is_active": "on",
        }
    )
    response = admin_client.post(reverse("admin:partnerships_phase_change", args=[first.pk]), data)
    assert response.status_code == 302

    checklist = phase_rules.checklist_for(partnership, first)
    texts = [entry.item.text for entry in checklist.entries]
    assert checklist.total == n and texts[-1] == "De GGD is geraadpleegd"
    assert items[1].text not in texts
    body = (
        world.client_for(world.coordinator)
        .get(reverse("partnerships:phase", args=[partnership.pk]))
        .content.decode()
    )
    assert "De GGD is geraadpleegd" in body and escape(items[1].text) not in body


def test_phase_transitions_are_a_read_only_log(admin_client, partnership):
    transition = PhaseTransition.objects.get(partnership=partnership, from_phase__isnull=False)
    url = reverse("admin:partnerships_phasetransition_change", args=[transition.pk])
    response = admin_client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Wethouder wil door." in body
    assert 'name="reason"' not in body and 'name="_save"' not in body
    assert admin_client.post(url, {"reason": "Anders"}).status_code == 403
    transition.refresh_from_db()
    assert transition.reason == "Wethouder wil door."
    assert admin_client.get(reverse("admin:partnerships_phasetransition_add")).status_code == 403
    delete_url = reverse("admin:partnerships_phasetransition_delete", args=[transition.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert PhaseTransition.objects.filter(pk=transition.pk).exists()


def test_the_phase_is_not_changed_behind_the_rules_back(admin_client, partnership):
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="phase"' not in body  # moves go through the phase page and its log


@pytest.mark.parametrize("persona", ["officer", "coordinator", "officer_other_region"])
def test_officers_and_coordinators_cannot_reach_the_admin(world, persona):
    client = world.client_for(getattr(world, persona))
    first = phase(1)
    for url in (
        reverse("admin:index"),
        reverse("admin:partnerships_phase_changelist"),
        reverse("admin:partnerships_phase_change", args=[first.pk]),
        reverse("admin:partnerships_healththeme_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url
    data, _items = phase_form_data(first, purpose_nl="Gekaapt")
    client.post(reverse("admin:partnerships_phase_change", args=[first.pk]), data)
    assert Phase.objects.get(pk=first.pk).purpose != "Gekaapt"
