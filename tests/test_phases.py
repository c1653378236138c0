"""The seven phases: the rules of moving on and back, and the phase page
(guidance, checklist, decisions and notes, moving, the timeline)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from core.history import moment
from partnerships import phases as phase_rules
from partnerships.models import (
    ChecklistItem,
    ChecklistTick,
    Partnership,
    PhaseNote,
    PhaseNoteKind,
    PhaseTransition,
    Status,
)
from tests.browserless import press
from tests.factories import OfficerFactory, PartnershipFactory, phase


@pytest.fixture
def partnership(world):
    return PartnershipFactory(name="Gezonde Kinderkeuken", lead_municipality=world.municipality)


def tick_all(partnership, number, user):
    for item in ChecklistItem.objects.filter(phase__number=number, is_active=True):
        phase_rules.set_tick(partnership, item, True, user)


def shown_name(user):
    """The user's name as the page shows it (HTML-escaped: think of "van 't Hof")."""
    return escape(user.get_full_name())


def phase_url(partnership, number=None):
    if number is None:
        return reverse("partnerships:phase", args=[partnership.pk])
    return reverse("partnerships:phase_detail", args=[partnership.pk, number])


def move_url(partnership):
    return reverse("partnerships:phase_move", args=[partnership.pk])


def checklist_url(partnership, number):
    return reverse("partnerships:checklist_save", args=[partnership.pk, number])


def note_url(partnership, number):
    return reverse("partnerships:phase_note_add", args=[partnership.pk, number])


# --- The rules ----------------------------------------------------------------------


def test_the_seven_phases_each_have_guidance_and_a_checklist(db):
    phases = phase_rules.all_phases()
    assert [p.number for p in phases] == [1, 2, 3, 4, 5, 6, 7]
    for p in phases:
        assert p.purpose and p.tip_list and p.pitfall_list
        assert ChecklistItem.objects.filter(phase=p, is_active=True).exists()


def test_complete_checklist_moves_on_without_a_reason(world, partnership):
    tick_all(partnership, 1, world.officer)
    transition = phase_rules.move(partnership, phase(2), world.officer)
    assert transition.checklist_complete and transition.reason == ""
    assert partnership.phase.number == 2
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 2


def test_incomplete_checklist_needs_a_reason_to_move_on(world, partnership):
    with pytest.raises(ValidationError, match="nog niet af") as caught:
        phase_rules.move(partnership, phase(2), world.officer, "   ")
    assert caught.value.code == phase_rules.REASON_REQUIRED
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 1
    assert not PhaseTransition.objects.filter(partnership=partnership).exists()

    transition = phase_rules.move(partnership, phase(2), world.officer, " Wethouder wil door. ")
    assert transition.reason == "Wethouder wil door."
    assert not transition.checklist_complete


def test_skipping_a_phase_is_refused(world, partnership):
    tick_all(partnership, 1, world.officer)
    with pytest.raises(ValidationError, match="één fase tegelijk") as caught:
        phase_rules.move(partnership, phase(3), world.officer, "haast")
    assert caught.value.code == phase_rules.SKIPS_PHASE
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 1


def test_moving_to_the_current_phase_is_refused(world, partnership):
    with pytest.raises(ValidationError, match="al in deze fase"):
        phase_rules.move(partnership, phase(1), world.officer, "nog eens")


def test_moving_back_needs_a_reason_and_may_go_to_any_earlier_phase(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(4))
    with pytest.raises(ValidationError, match="fase terug") as caught:
        phase_rules.move(partnership, phase(1), world.officer, "")
    assert caught.value.code == phase_rules.REASON_REQUIRED
    transition = phase_rules.move(partnership, phase(1), world.officer, "Partner haakte af.")
    assert transition.is_backwards
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 1


def test_a_move_is_recorded_with_user_reason_and_checklist_state(world, partnership):
    tick_all(partnership, 1, world.officer)
    phase_rules.move(partnership, phase(2), world.officer)
    phase_rules.move(partnership, phase(1), world.officer, "Opnieuw de vorm kiezen.")
    forward, back = PhaseTransition.objects.filter(partnership=partnership).order_by("pk")
    assert (forward.from_phase.number, forward.to_phase.number) == (1, 2)
    assert forward.moved_by == world.officer and forward.checklist_complete
    assert not forward.is_backwards
    assert (back.from_phase.number, back.to_phase.number) == (2, 1)
    assert back.reason == "Opnieuw de vorm kiezen." and back.is_backwards
    assert not back.checklist_complete  # phase 2's checklist was untouched
    assert (
        partnership.history.first().history_change_reason == "pps.phase:1"
    )  # a code: shown in the reader's language


def test_a_deactivated_checklist_item_does_not_count(world, partnership):
    items = list(ChecklistItem.objects.filter(phase__number=1).order_by("order", "pk"))
    for item in items[:-1]:
        phase_rules.set_tick(partnership, item, True, world.officer)
    assert not phase_rules.checklist_for(partnership, phase(1)).is_complete
    items[-1].is_active = False
    items[-1].save()
    checklist = phase_rules.checklist_for(partnership, phase(1))
    assert checklist.is_complete and checklist.total == len(items) - 1
    assert phase_rules.move(partnership, phase(2), world.officer).checklist_complete


def test_ticking_twice_keeps_one_tick_and_the_first_ticker(world, partnership):
    item = ChecklistItem.objects.filter(phase__number=1).first()
    phase_rules.set_tick(partnership, item, True, world.officer)
    phase_rules.set_tick(partnership, item, True, world.coordinator)
    tick = ChecklistTick.objects.get(partnership=partnership, item=item)
    assert tick.ticked_by == world.officer


# --- Who may see and change the phase pages -------------------------------------------

VIEW_EXPECTED = {
    "officer": 200,
    "coordinator": 200,
    "administrator": 200,
    "officer_same_region": 404,
    "officer_other_region": 404,
    "coordinator_other_region": 404,
}
EDIT_EXPECTED = {**VIEW_EXPECTED, "officer": 302, "coordinator": 403, "administrator": 403}


@pytest.mark.parametrize(("persona", "expected"), VIEW_EXPECTED.items())
def test_phase_pages_respect_the_access_rules(world, partnership, persona, expected):
    client = world.client_for(getattr(world, persona))
    for url in (phase_url(partnership), phase_url(partnership, 1), phase_url(partnership, 5)):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize(("persona", "expected"), EDIT_EXPECTED.items())
def test_editing_a_phase_is_for_officers_of_the_lead_gemeente(
    world, partnership, persona, expected
):
    client = world.client_for(getattr(world, persona))
    item = ChecklistItem.objects.filter(phase__number=1).first()
    posts = [
        (checklist_url(partnership, 1), {"items": [item.pk]}),
        (note_url(partnership, 1), {"kind": "notitie", "text": "Notitie"}),
        (move_url(partnership), {"to_phase": 2, "reason": "Door."}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == expected, url
    changed = expected == 302
    assert ChecklistTick.objects.filter(partnership=partnership).exists() == changed
    assert PhaseNote.objects.filter(partnership=partnership).exists() == changed
    assert Partnership.objects.get(pk=partnership.pk).phase.number == (2 if changed else 1)


def test_anonymous_users_go_to_login(client, partnership):
    urls = [phase_url(partnership), phase_url(partnership, 2)]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    for url in (checklist_url(partnership, 1), note_url(partnership, 1), move_url(partnership)):
        response = client.post(url, {})
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not PhaseNote.objects.exists()


@pytest.mark.parametrize("number", [0, 8, 99])
def test_a_phase_that_does_not_exist_gives_404(world, partnership, number):
    client = world.client_for(world.officer)
    assert client.get(phase_url(partnership, number)).status_code == 404
    assert client.post(checklist_url(partnership, number), {}).status_code == 404
    assert client.post(note_url(partnership, number), {"text": "x"}).status_code == 404


def test_the_actions_accept_only_post(world, partnership):
    client = world.client_for(world.officer)
    for url in (checklist_url(partnership, 1), note_url(partnership, 1), move_url(partnership)):
        assert client.get(url).status_code == 405


# --- The page ----------------------------------------------------------------------


def test_the_step_indicator_marks_the_current_phase(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(3))
    body = world.client_for(world.officer).get(phase_url(partnership, 5)).content.decode()
    for number in range(1, 8):
        assert f'href="{phase_url(partnership, number)}"' in body
    assert body.count('aria-current="step"') == 1
    current_link = f'href="{phase_url(partnership, 3)}" class="phase-link" aria-current="step"'
    assert current_link in body
    assert f'href="{phase_url(partnership, 5)}" class="phase-link" aria-current="page"' in body
    assert "De samenwerking is nu in fase 3." in body


def test_the_page_shows_the_guidance_of_the_phase(world, partnership):
    shown = phase(4)
    body = world.client_for(world.coordinator).get(phase_url(partnership, 4)).content.decode()
    assert escape(shown.name) in body and escape(shown.purpose.splitlines()[0]) in body
    for text in shown.tip_list + shown.pitfall_list:
        assert f"<li>{escape(text)}</li>" in body


def test_officer_gets_the_checklist_as_checkboxes_and_the_move_form(world, partnership):
    items = list(ChecklistItem.objects.filter(phase__number=1, is_active=True))
    phase_rules.set_tick(partnership, items[0], True, world.officer)
    response = world.client_for(world.officer).get(phase_url(partnership))
    body = response.content.decode()
    assert body.count('type="checkbox" name="items"') == len(items)
    assert f'value="{items[0].pk}" id="item-{items[0].pk}" checked' in body
    assert f'id="item-{items[1].pk}" checked' not in body
    assert f"Afgevinkt door {shown_name(world.officer)}" in body
    assert 'name="to_phase"' in body and 'name="reason"' in body
    assert response.context["move_form"].fields["to_phase"].choices == [(2, str(phase(2)))]


def test_the_move_form_offers_the_next_and_every_earlier_phase(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(4))
    response = world.client_for(world.officer).get(phase_url(partnership))
    numbers = [number for number, _ in response.context["move_form"].fields["to_phase"].choices]
    assert numbers == [1, 2, 3, 5]


def test_coordinator_sees_a_read_only_checklist_without_forms(world, partnership):
    items = list(ChecklistItem.objects.filter(phase__number=1, is_active=True))
    phase_rules.set_tick(partnership, items[0], True, world.officer)
    body = world.client_for(world.coordinator).get(phase_url(partnership)).content.decode()
    assert 'type="checkbox"' not in body
    assert body.count("✓") == 1 and body.count("✗") == len(items) - 1
    assert f"afgevinkt door {shown_name(world.officer)}" in body
    assert 'name="to_phase"' not in body and 'name="text"' not in body
    assert "<form" not in body.split('id="inhoud"')[1]


def test_no_move_form_on_another_phase_than_the_current(world, partnership):
    body = world.client_for(world.officer).get(phase_url(partnership, 2)).content.decode()
    assert 'name="to_phase"' not in body
    assert 'type="checkbox" name="items"' in body  # ticking ahead is allowed


def test_ticking_and_unticking_through_the_form_is_audited(world, partnership):
    client = world.client_for(world.officer)
    items = list(ChecklistItem.objects.filter(phase__number=1, is_active=True))
    response = client.post(checklist_url(partnership, 1), {"items": [items[0].pk, items[1].pk]})
    assert response.status_code == 302 and response["Location"] == phase_url(partnership, 1)
    ticks = ChecklistTick.objects.filter(partnership=partnership)
    assert sorted(ticks.values_list("item_id", flat=True)) == sorted([items[0].pk, items[1].pk])
    assert {t.ticked_by for t in ticks} == {world.officer}

    client.post(checklist_url(partnership, 1), {"items": [items[1].pk]})
    assert list(ticks.values_list("item_id", flat=True)) == [items[1].pk]
    added = ChecklistTick.history.filter(partnership_id=partnership.pk, history_type="+")
    removed = ChecklistTick.history.get(partnership_id=partnership.pk, history_type="-")
    assert added.count() == 2 and {h.history_user for h in added} == {world.officer}
    assert removed.item_id == items[0].pk and removed.history_user == world.officer
    body = client.get(phase_url(partnership, 1)).content.decode()
    assert "De checklist is opgeslagen." in body


def test_saving_the_checklist_ignores_items_of_another_phase(world, partnership):
    client = world.client_for(world.officer)
    foreign = ChecklistItem.objects.filter(phase__number=3).first()
    client.post(checklist_url(partnership, 1), {"items": [foreign.pk, "geen-getal"]})
    assert not ChecklistTick.objects.filter(partnership=partnership).exists()


def test_notes_are_recorded_per_phase_newest_first_with_author(world, partnership):
    client = world.client_for(world.officer)
    client.post(note_url(partnership, 1), {"kind": "besluit", "text": "Convenant gekozen."})
    response = client.post(note_url(partnership, 1), {"kind": "notitie", "text": "Bel de GGD."})
    assert response.status_code == 302
    assert response["Location"] == phase_url(partnership, 1) + "#notities"
    client.post(note_url(partnership, 2), {"kind": "notitie", "text": "Voor later."})

    first = PhaseNote.objects.get(text="Convenant gekozen.")
    assert first.author == world.officer and first.kind == PhaseNoteKind.DECISION
    assert first.phase.number == 1
    body = world.client_for(world.coordinator).get(phase_url(partnership)).content.decode()
    assert body.index("Bel de GGD.") < body.index("Convenant gekozen.")
    assert "Besluit" in body and shown_name(world.officer) in body
    assert "Voor later." not in body


def test_an_empty_note_gives_a_dutch_error_and_keeps_the_input(world, partnership):
    client = world.client_for(world.officer)
    response = client.post(note_url(partnership, 1), {"kind": "besluit", "text": "  "})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dit veld is verplicht." in body
    assert re.search(r'value="besluit"\s+id="id_kind_0" required checked', body)

    response = client.post(note_url(partnership, 1), {"kind": "onzin", "text": "Mijn tekst"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Selecteer een geldige keuze." in body and "Mijn tekst</textarea>" in body
    assert not PhaseNote.objects.exists()


def test_moving_on_redirects_to_the_partnership_with_a_message(world, partnership):
    tick_all(partnership, 1, world.officer)
    client = world.client_for(world.officer)
    response = client.post(move_url(partnership), {"to_phase": 2, "reason": ""})
    assert response.status_code == 302 and response["Location"] == partnership.get_absolute_url()
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 2
    body = client.get(response["Location"]).content.decode()
    assert "De samenwerking is nu in fase 2." in body


def test_moving_on_without_a_reason_gives_a_dutch_error_next_to_the_reason(world, partnership):
    client = world.client_for(world.officer)
    response = client.post(move_url(partnership), {"to_phase": 2, "reason": ""})
    assert response.status_code == 200
    form = response.context["move_form"]
    assert "De checklist van deze fase is nog niet af (0 van 6)" in form.errors["reason"][0]
    assert "De checklist van deze fase is nog niet af" in response.content.decode()
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 1


def test_a_refused_move_keeps_the_typed_reason(world, partnership):
    client = world.client_for(world.officer)
    response = client.post(move_url(partnership), {"to_phase": 3, "reason": "Haast & spoed"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Selecteer een geldige keuze." in body
    assert "Haast &amp; spoed</textarea>" in body
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 1


def test_a_rule_error_from_the_move_is_shown_not_a_500(world, partnership, monkeypatch):
    # Another officer moved the partnership in the meantime: move() re-checks
    # under a lock and refuses; the page shows why and keeps the reason.
    def refuse(*args, **kwargs):
        raise ValidationError("De samenwerking is al in deze fase.", code=phase_rules.SAME_PHASE)

    monkeypatch.setattr(phase_rules, "check_move", refuse)
    client = world.client_for(world.officer)
    response = client.post(move_url(partnership), {"to_phase": 2, "reason": "Mijn reden"})
    assert response.status_code == 200
    assert response.context["move_form"].errors["to_phase"] == [
        "De samenwerking is al in deze fase."
    ]
    assert "Mijn reden</textarea>" in response.content.decode()
    assert not PhaseTransition.objects.exists()


def test_the_timeline_shows_who_when_and_why(world, partnership):
    tick_all(partnership, 1, world.officer)
    client = world.client_for(world.officer)
    client.post(move_url(partnership), {"to_phase": 2})
    client.post(move_url(partnership), {"to_phase": 1, "reason": "Partner haakte af."})
    client.post(move_url(partnership), {"to_phase": 2, "reason": "Nieuwe partner gevonden."})

    body = world.client_for(world.coordinator).get(phase_url(partnership, 6)).content.decode()
    timeline = body.split('id="tijdlijn"')[1]
    assert "<ol" in timeline and timeline.count("<time datetime=") == 3
    name = shown_name(world.officer)
    assert timeline.count(f"door {name}") == 3
    assert timeline.count(">terug</span>") == 1
    assert "checklist was af" in timeline and "checklist was niet af" not in timeline
    first = timeline.index("van fase 1. ")
    assert first < timeline.index("Partner haakte af.") < timeline.index("Nieuwe partner gevonden.")
    # When, as the histories say it: local time in words.
    moved_at = PhaseTransition.objects.filter(partnership=partnership).latest("moved_at").moved_at
    assert f">{moment(moved_at)}</time>" in timeline


def test_a_forward_move_with_an_incomplete_checklist_is_marked(world, partnership):
    phase_rules.move(partnership, phase(2), world.officer, "Wethouder wil snel starten.")
    body = world.client_for(world.officer).get(phase_url(partnership)).content.decode()
    assert "checklist was niet af" in body and "Wethouder wil snel starten." in body


def test_an_ended_partnership_says_so_and_can_still_move(world):
    partnership = PartnershipFactory(
        lead_municipality=world.municipality, phase=phase(7), status=Status.ENDED
    )
    client = world.client_for(world.officer)
    body = client.get(phase_url(partnership)).content.decode()
    assert "Deze samenwerking is beëindigd." in body
    assert 'name="to_phase"' in body
    response = client.post(move_url(partnership), {"to_phase": 6, "reason": "Toch verduurzamen."})
    assert response.status_code == 302
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 6


def test_phase_page_queries_do_not_grow_with_notes_and_moves(
    world, partnership, django_assert_num_queries
):
    client = world.client_for(world.officer)
    url = phase_url(partnership)
    PhaseNote.objects.create(partnership=partnership, phase=phase(1), text="Een", author=None)
    client.get(url)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200

    tick_all(partnership, 1, world.officer)
    for number in (2, 1, 2, 1, 2, 1):
        phase_rules.move(partnership, phase(number), world.officer, "heen en weer")
    for i in range(10):
        PhaseNote.objects.create(
            partnership=partnership, phase=phase(1), text=f"Notitie {i}", author=world.officer
        )
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["transitions"]) == 6
    assert len(response.context["notes"]) == 11


# --- The checklist and the move are one flow -------------------------------------------


def active_items(number):
    return list(ChecklistItem.objects.filter(phase__number=number, is_active=True))


def test_ticks_made_before_pressing_move_are_kept_and_count(world, partnership):
    # The officer ticks every item and presses "Verplaatsen" (not "Checklist opslaan").
    client = world.client_for(world.officer)
    items = active_items(1)
    page = client.get(phase_url(partnership)).content.decode()
    url, data = press(page, "Verplaatsen", ticks={"items": [str(i.pk) for i in items]})
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == partnership.get_absolute_url()
    ticked = ChecklistTick.objects.filter(partnership=partnership)
    assert sorted(ticked.values_list("item_id", flat=True)) == sorted(i.pk for i in items)
    assert {t.ticked_by for t in ticked} == {world.officer}
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 2
    transition = PhaseTransition.objects.get(partnership=partnership, from_phase__number=1)
    assert transition.checklist_complete and transition.reason == ""


def test_ticks_are_kept_when_the_move_is_refused(world, partnership):
    client = world.client_for(world.officer)
    items = active_items(1)
    page = client.get(phase_url(partnership)).content.decode()
    url, data = press(page, "Verplaatsen", ticks={"items": [str(items[0].pk), str(items[1].pk)]})
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    total = len(items)
    assert f"De checklist van deze fase is nog niet af (2 van {total})" in body
    assert f"2 van {total} punten afgerond." in body
    assert ChecklistTick.objects.filter(partnership=partnership).count() == 2
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 1


def test_saving_the_checklist_from_the_shared_form_does_not_move(world, partnership):
    client = world.client_for(world.officer)
    items = active_items(1)
    page = client.get(phase_url(partnership)).content.decode()
    url, data = press(page, "Checklist opslaan", ticks={"items": [str(items[0].pk)]})
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == phase_url(partnership, 1)
    assert list(
        ChecklistTick.objects.filter(partnership=partnership).values_list("item_id", flat=True)
    ) == [items[0].pk]
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 1


def test_an_old_checklist_form_does_not_untick_what_someone_else_ticked(world, partnership):
    # Two tabs: the first ticks item 0 and saves; the second (opened before)
    # ticks item 1 and saves. Both ticks stay: a form only changes what its
    # user changed.
    client = world.client_for(world.officer)
    items = active_items(1)
    first = client.get(phase_url(partnership)).content.decode()
    second = client.get(phase_url(partnership)).content.decode()
    client.post(*press(first, "Checklist opslaan", ticks={"items": [str(items[0].pk)]}))
    client.post(*press(second, "Checklist opslaan", ticks={"items": [str(items[1].pk)]}))
    ticked = ChecklistTick.objects.filter(partnership=partnership).values_list("item_id", flat=True)
    assert sorted(ticked) == sorted([items[0].pk, items[1].pk])


# --- A move made from a page that is out of date ----------------------------------------


@pytest.fixture
def colleague(world):
    return OfficerFactory(
        username="pieter",
        first_name="Pieter",
        last_name="van 't Hof",
        municipality=world.municipality,
    )


def test_a_move_from_an_out_of_date_page_is_refused_and_keeps_the_reason(world, colleague):
    # The officer opened the page in phase 3; a colleague moved it to phase 4
    # in the meantime. Her "to phase 4" must not be taken as "stay" or undo it.
    partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(3))
    client = world.client_for(world.officer)
    page = client.get(phase_url(partnership)).content.decode()
    tick_all(partnership, 3, colleague)
    phase_rules.move(partnership, phase(4), colleague)

    url, data = press(page, "Verplaatsen", fill={"to_phase": "4", "reason": "Mijn reden"})
    assert data["from_phase"] == ["3"]
    response = client.post(url, data)
    assert response.status_code == 409
    body = response.content.decode()
    assert (
        f"De samenwerking is intussen verplaatst naar fase {escape(str(phase(4)))} "
        f"door {shown_name(colleague)}." in body
    )
    assert "Mijn reden</textarea>" in body
    assert response.context["move_form"]["from_phase"].value() == 4
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 4
    assert PhaseTransition.objects.filter(partnership=partnership).count() == 1


def test_a_move_back_from_an_out_of_date_page_is_refused(world, colleague):
    # Page opened in phase 3, moved on to 4 by a colleague; "back to 2" chosen
    # on the old page must not apply to phase 4 without her knowing.
    partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(3))
    client = world.client_for(world.officer)
    page = client.get(phase_url(partnership)).content.decode()
    phase_rules.move(partnership, phase(4), colleague, "Door.")
    url, data = press(page, "Verplaatsen", fill={"to_phase": "2", "reason": "Terug"})
    assert client.post(url, data).status_code == 409
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 4
