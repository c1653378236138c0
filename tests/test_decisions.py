"""Phase 7: a decision recorded with a confirmation, its effects in one
transaction, and never changed afterwards."""

from datetime import date

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from decisions import recording
from decisions.admin import DecisionAdmin
from decisions.models import Decision, Option
from partnerships.models import ChecklistFact, ChecklistTick, Partnership, PhaseTransition, Status
from partnerships.querysets import can_edit_partnership
from tests.conftest import PERSONAS
from tests.factories import PartnershipFactory, phase

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 opzeggingsbrief"


def letter(name="Opzegging partners.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def partnership(world):
    return PartnershipFactory(
        lead_municipality=world.municipality,
        phase=phase(7),
        participating_municipalities=[world.municipality_same_region],
    )


def url(partnership):
    return f"/samenwerkingen/{partnership.pk}/besluit/"


def ending(**extra):
    data = {
        "seen": 0,
        "option": Option.END,
        "decided_on": "10-03-2026",
        "decided_by": "College van B en W",
        "reference": "2026/123",
        "reasons": "De doelen zijn bereikt; de partners gaan elk zelfstandig verder.",
        "end_date": "30-06-2026",
        "notice_given_on": "12-03-2026",
        "results": "De lesbrieven gaan naar de GGD.",
        "communication": "Persbericht en brief aan de raad.",
        "archive": "Zaaksysteem, dossier 2026-44.",
    }
    data.update(extra)
    return data


def continuing(option=Option.CONTINUE, to_phase=5, **extra):
    data = {
        "seen": 0,
        "option": option,
        "to_phase": phase(to_phase).pk,
        "decided_on": "10-03-2026",
        "decided_by": "Partneroverleg",
        "reasons": "We gaan door met minder partners.",
    }
    if option == Option.SUSTAIN:
        data["sustain_by"] = "financiering"
    data.update(extra)
    return data


def record_through_the_views(client, partnership, data, document=None):
    """Step 1 (the form) and step 2 (the confirmation), as a browser would."""
    first = client.post(
        url(partnership), {**data, **({"notice_document": document} if document else {})}
    )
    assert first.status_code == 200, first.content.decode()[:2000]
    assert "Definitief vastleggen" in first.content.decode(), first.context["form"].errors
    confirmed = dict(first.context["form"].data.items())
    confirmed["confirmed"] = "1"
    return client.post(url(partnership), confirmed)


def test_ending_through_form_and_confirmation_closes_the_partnership(world, partnership):
    client = world.client_for(world.officer)
    assert client.get(url(partnership)).status_code == 200
    response = record_through_the_views(client, partnership, ending(), letter())
    decision = Decision.objects.get(partnership=partnership)
    assert response.status_code == 302 and response["Location"] == decision.get_absolute_url()
    stored = Partnership.objects.get(pk=partnership.pk)
    assert stored.status == Status.ENDED and stored.closed_at is not None
    assert decision.option == Option.END and decision.to_phase is None
    assert decision.recorded_by == world.officer
    assert decision.notice_document_name == "Opzegging partners.pdf"
    assert decision.notice_document.read() == PDF
    assert decision.end_date == date(2026, 6, 30)
    # Ticked by the fact; the ended partnership is read-only now.
    assert ChecklistTick.objects.filter(
        partnership=partnership, item__fact=ChecklistFact.DECISION_RECORDED
    ).exists()
    assert not can_edit_partnership(world.officer, stored)
    assert client.get(f"/samenwerkingen/{partnership.pk}/bewerken/").status_code == 403
    # Audited.
    assert decision.history.count() == 1
    assert stored.history.first().status == Status.ENDED


def test_the_first_step_records_nothing(world, partnership):
    client = world.client_for(world.officer)
    response = client.post(url(partnership), {**ending(), "notice_document": letter()})
    assert "Een beëindiging is definitief" in response.content.decode()
    assert not Decision.objects.exists()
    assert Partnership.objects.get(pk=partnership.pk).status == Status.ACTIVE


def test_going_back_from_the_confirmation_keeps_the_uploaded_letter(world, partnership):
    client = world.client_for(world.officer)
    first = client.post(url(partnership), {**ending(), "notice_document": letter()})
    back = dict(first.context["form"].data.items())
    back["back"] = "1"
    response = client.post(url(partnership), back)
    assert "Al geüpload: Opzegging partners.pdf" in response.content.decode()
    again = dict(response.context["form"].data.items())
    again.pop("back")
    second = client.post(url(partnership), again)
    confirmed = dict(second.context["form"].data.items())
    confirmed["confirmed"] = "1"
    assert client.post(url(partnership), confirmed).status_code == 302
    assert Decision.objects.get().notice_document.read() == PDF


def test_an_ending_needs_its_details_and_the_letter(world, partnership):
    client = world.client_for(world.officer)
    data = ending(end_date="", results=" ", archive="")
    response = client.post(url(partnership), data)
    errors = response.context["form"].errors
    assert set(errors) >= {"end_date", "results", "archive", "notice_document"}
    assert "Upload de brief" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_letter_of_another_type_is_refused(world, partnership):
    response = world.client_for(world.officer).post(
        url(partnership), {**ending(), "notice_document": letter("brief.exe", b"MZ")}
    )
    assert "notice_document" in response.context["form"].errors


def test_a_staged_letter_of_another_user_is_not_accepted(world, partnership):
    from accounts.models import Role
    from tests.factories import OfficerFactory

    colleague = OfficerFactory(username="pieter", municipality=world.municipality)
    assert colleague.role == Role.OFFICER
    first = world.client_for(world.officer).post(
        url(partnership), {**ending(), "notice_document": letter()}
    )
    stolen = dict(first.context["form"].data.items())
    stolen["confirmed"] = "1"
    response = world.client_for(colleague).post(url(partnership), stolen)
    assert "notice_document" in response.context["form"].errors
    assert not Decision.objects.exists()


def test_a_decision_in_the_future_is_refused(world, partnership):
    response = world.client_for(world.officer).post(
        url(partnership), continuing(decided_on="01-01-2099")
    )
    assert "decided_on" in response.context["form"].errors


def test_continuing_moves_to_the_named_phase_with_a_transition(world, partnership):
    client = world.client_for(world.officer)
    record_through_the_views(client, partnership, continuing(Option.SUSTAIN, to_phase=5))
    decision = Decision.objects.get()
    stored = Partnership.objects.get(pk=partnership.pk)
    assert stored.phase.number == 5 and stored.status == Status.ACTIVE and not stored.is_closed
    transition = PhaseTransition.objects.get(partnership=partnership)
    assert decision.transition == transition
    assert (transition.from_phase.number, transition.to_phase.number) == (7, 5)
    # The move stores the reasons only; its heading is written in the reader's language.
    assert transition.reason == decision.reasons
    assert transition.reason_heading.startswith("Besluit: Verduurzamen: structurele financiering")
    with translation.override("en"):
        assert PhaseTransition.objects.get(pk=transition.pk).reason_heading.startswith("Decision: ")
    assert decision.option_label == "Verduurzamen: structurele financiering"


def test_renegotiating_goes_back_to_phase_3(world, partnership):
    record_through_the_views(
        world.client_for(world.officer), partnership, continuing(Option.RENEGOTIATE)
    )
    assert Partnership.objects.get(pk=partnership.pk).phase.number == 3
    assert Decision.objects.get().to_phase.number == 3


def test_ending_in_phase_6_moves_to_phase_7(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(6))
    record_through_the_views(world.client_for(world.officer), partnership, ending(), letter())
    stored = Partnership.objects.get(pk=partnership.pk)
    assert stored.phase.number == 7 and stored.status == Status.ENDED
    assert PhaseTransition.objects.get(partnership=partnership).to_phase.number == 7


def test_continuing_in_the_same_phase_records_no_move(world):
    partnership = PartnershipFactory(
        lead_municipality=world.municipality, phase=phase(6), status=Status.PAUSED
    )
    record_through_the_views(world.client_for(world.officer), partnership, continuing(to_phase=6))
    stored = Partnership.objects.get(pk=partnership.pk)
    assert stored.phase.number == 6 and stored.status == Status.ACTIVE
    assert not PhaseTransition.objects.filter(partnership=partnership).exists()


def test_before_phase_6_no_decision_is_recorded(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(5))
    client = world.client_for(world.officer)
    response = client.get(url(partnership))
    assert response.status_code == 302
    client.post(url(partnership), {**continuing(), "confirmed": "1"})
    assert not Decision.objects.exists()


def test_an_ending_is_final(world, partnership):
    client = world.client_for(world.officer)
    record_through_the_views(client, partnership, ending(), letter())
    # The form is gone (403: nobody changes a closed partnership) …
    assert client.get(url(partnership)).status_code == 403
    # … and the rules refuse too.
    with pytest.raises(ValidationError) as refused:
        recording.record(
            partnership,
            Decision(option=Option.CONTINUE),
            world.officer,
            seen=Decision.objects.get().pk,
        )
    assert refused.value.code == recording.CLOSED


def test_a_recorded_decision_never_changes(world, partnership):
    record_through_the_views(world.client_for(world.officer), partnership, continuing())
    decision = Decision.objects.get()
    decision.reasons = "Toch anders."
    with pytest.raises(ValidationError):
        decision.save()
    with pytest.raises(ValidationError):
        decision.delete()
    assert Decision.objects.get().reasons == "We gaan door met minder partners."
    # A partnership with a decision is not deleted with it.
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Partnership.objects.get(pk=partnership.pk).delete()


def test_the_admin_only_shows_decisions(world, partnership):
    record_through_the_views(world.client_for(world.officer), partnership, continuing())
    admin = DecisionAdmin(Decision, site)
    request = RequestFactory().get("/beheer/")
    request.user = world.administrator
    decision = Decision.objects.get()
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, decision)
    assert not admin.has_delete_permission(request, decision)
    assert "delete_selected" not in admin.get_actions(request)


def test_a_decision_from_an_out_of_date_page_is_refused(world, partnership):
    client = world.client_for(world.officer)
    first = client.post(url(partnership), continuing(to_phase=6))
    stale = dict(first.context["form"].data.items())
    stale["confirmed"] = "1"
    # Meanwhile a colleague records a decision.
    recording.record(
        partnership,
        Decision(
            option=Option.CONTINUE,
            to_phase=phase(7 - 1),
            decided_on=date(2026, 3, 9),
            decided_by="Wethouder",
            reasons="Eerder besloten.",
        ),
        world.officer,
        seen=0,
    )
    response = client.post(url(partnership), stale)
    assert response.status_code == 409
    assert "Intussen heeft" in response.content.decode()
    assert Decision.objects.count() == 1
    # The form now carries the latest decision: deliberately again, it records.
    again = dict(response.context["form"].data.items())
    again.pop("confirmed")  # the form page of step 1 does not send it
    second = client.post(url(partnership), again)
    confirmed = dict(second.context["form"].data.items())
    confirmed["confirmed"] = "1"
    assert client.post(url(partnership), confirmed).status_code == 302
    assert Decision.objects.count() == 2


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_record_a_decision(world, partnership, persona):
    user = getattr(world, persona)
    expected = {"officer": 200, "officer_same_region": 403, "coordinator": 403}
    status = world.client_for(user).get(url(partnership)).status_code
    assert status == expected.get(persona, 404 if persona != "administrator" else 403)


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_read_a_decision_and_its_letter(world, partnership, persona):
    record_through_the_views(world.client_for(world.officer), partnership, ending(), letter())
    decision = Decision.objects.get()
    client = world.client_for(getattr(world, persona))
    # Those who see the partnership: its gemeente, a participating gemeente,
    # the region's coordinator, the beheerder. Others: 404.
    sees = persona in {"officer", "officer_same_region", "coordinator", "administrator"}
    assert client.get(decision.get_absolute_url()).status_code == (200 if sees else 404)
    document = client.get(f"/besluiten/{decision.pk}/opzegging/")
    assert document.status_code == (200 if sees else 404)
    if sees:
        assert b"".join(document.streaming_content) == PDF


def test_the_partnership_page_shows_the_section(world, partnership):
    client = world.client_for(world.officer)
    body = client.get(partnership.get_absolute_url()).content.decode()
    assert "Fase 7: besluit" in body and url(partnership) in body
    record_through_the_views(client, partnership, ending(), letter())
    body = client.get(partnership.get_absolute_url()).content.decode()
    assert "Beëindigen" in body and "Een beëindiging is definitief" in body
    assert url(partnership) not in body
    assert "Les vastleggen" in body  # lessons are written after the end


def test_an_early_partnership_shows_no_section(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(2))
    response = world.client_for(world.officer).get(partnership.get_absolute_url())
    assert response.status_code == 200
    assert "Fase 7: besluit" not in response.content.decode()


def test_an_ended_partnership_leaves_the_active_counts(world, partnership):
    from dashboard.figures import attention  # noqa: F401 - the dashboard's rule

    record_through_the_views(world.client_for(world.officer), partnership, ending(), letter())
    assert not Partnership.objects.filter(pk=partnership.pk).exclude(status=Status.ENDED).exists()


def test_the_decision_page_costs_a_fixed_number_of_queries(
    world, partnership, django_assert_num_queries
):
    client = world.client_for(world.officer)
    record_through_the_views(client, partnership, ending(), letter())
    decision = Decision.objects.get()
    client.get(decision.get_absolute_url())
    with CaptureQueriesContext(connection) as first:
        client.get(decision.get_absolute_url())
    # More history does not cost more (and a decision has only its one entry).
    with django_assert_num_queries(len(first)):
        client.get(decision.get_absolute_url())
    # 1 session, 2 user, 3 the decision (partnership, phases, who joined),
    # 4 its history, savepoint, session update, release.
    assert len(first) <= 8, [q["sql"] for q in first.captured_queries]


def test_the_form_costs_a_fixed_number_of_queries(world, partnership, django_assert_num_queries):
    client = world.client_for(world.officer)
    client.get(url(partnership))
    with CaptureQueriesContext(connection) as first:
        client.get(url(partnership))
    few = len(first)  # now: the next request clears the connection's log
    for _ in range(3):
        record_through_the_views(
            client,
            partnership,
            continuing(to_phase=7 - 1, seen=recording.latest_decision_pk(partnership)),
        )
        Partnership.objects.filter(pk=partnership.pk).update(phase=phase(7))
    with django_assert_num_queries(few):
        client.get(url(partnership))
