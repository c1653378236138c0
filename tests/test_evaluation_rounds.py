"""Evaluation rounds as an officer runs them: the instrument, starting a round,
choosing whom to ask, opening (invitations by e-mail), following who
answered, re-sending and revoking links, reminders and closing; who may see
and do what (personas)."""

import io
import re
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.versioning import PublishedVersionError
from evaluation import running
from evaluation.actions import is_overdue
from evaluation.models import (
    Action,
    ActionStatus,
    Category,
    EvaluationRound,
    InstrumentVersion,
    Respondent,
    RoundStatus,
    Statement,
    StatementAnswer,
)
from evaluation.tokens import LinkProblem, hash_token, respondent_for_token
from evaluation.versions import copy_version, unpublishable
from partnerships.models import ParticipationStatus, Partnership
from tests.factories import (
    ContactPersonFactory,
    CoordinatorFactory,
    EvaluationRoundFactory,
    OfficerFactory,
    ParticipationFactory,
    PartnerRespondentFactory,
    PartnershipFactory,
    PublicRespondentFactory,
)

TODAY = timezone.localdate


@pytest.fixture
def partnership(world):
    partnership = PartnershipFactory(
        lead_municipality=world.municipality,
        participating_municipalities=[world.municipality_same_region],
    )
    active = ParticipationFactory(partnership=partnership)
    ContactPersonFactory(organisation=active.organisation, name="Marieke Dijkstra")
    ContactPersonFactory(organisation=active.organisation, name="Zonder Adres", email="")
    withdrawn = ParticipationFactory(partnership=partnership, status=ParticipationStatus.WITHDRAWN)
    ContactPersonFactory(organisation=withdrawn.organisation, name="Teruggetrokken Partner")
    return partnership


def _links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def _token(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


# --- The instrument ------------------------------------------------------------------


def test_default_instrument_has_six_categories_with_radar_titles_and_three_open_questions(db):
    instrument = InstrumentVersion.current()
    assert instrument.number == 1 and instrument.is_published
    categories = list(instrument.categories.prefetch_related("statements"))
    assert [c.title for c in categories] == [
        "Gedeelde visie en doelen",
        "De juiste partners aan tafel",
        "Leiderschap en regie",
        "Afspraken, structuur en verantwoording",
        "Communicatie, vertrouwen en draagvlak",
        "Resultaten en meerwaarde",
    ]
    for category in categories:
        assert 3 <= len(category.statements.all()) <= 5
        assert 0 < len(category.short_title) <= 20
    assert [q.text for q in instrument.open_questions.all()] == [
        "Wat gaat goed in de samenwerking?",
        "Wat kan beter?",
        "Wat moeten we nu doen? Noem de belangrijkste stap.",
    ]
    assert (instrument.strong_from, instrument.attention_from) == (4, 3)


def test_published_instrument_never_changes(db):
    instrument = InstrumentVersion.current()
    statement = Statement.objects.filter(category__version=instrument).first()
    statement.text = "Iets anders"
    with pytest.raises(PublishedVersionError):
        statement.save()
    with pytest.raises(PublishedVersionError):
        instrument.categories.first().delete()


def test_copy_is_an_editable_draft_and_publishing_makes_it_current(db):
    published = InstrumentVersion.current()
    draft = copy_version(published)
    assert draft.number == 2 and not draft.is_published
    assert draft.categories.count() == 6
    assert (
        Statement.objects.filter(category__version=draft).count()
        == Statement.objects.filter(category__version=published).count()
    )
    assert draft.open_questions.count() == 3
    statement = Statement.objects.filter(category__version=draft).first()
    statement.text = "Een betere stelling."
    statement.save()
    assert InstrumentVersion.current() == published
    draft.publish()
    assert InstrumentVersion.current() == draft
    # The published version it was copied from is untouched.
    assert not Statement.objects.filter(
        category__version=published, text="Een betere stelling."
    ).exists()


def test_a_version_with_an_empty_category_cannot_be_published(db):
    draft = copy_version(InstrumentVersion.current())
    Category.objects.create(version=draft, code="X", title="Leeg", short_title="Leeg")
    assert "ten minste één stelling" in unpublishable(draft)


def test_admin_copies_and_publishes_and_shows_a_published_version_read_only(world):
    client = world.client_for(world.administrator)
    published = InstrumentVersion.current()
    url = reverse("admin:evaluation_instrumentversion_changelist")
    client.post(url, {"action": "make_draft_copy", "_selected_action": [published.pk]})
    draft = InstrumentVersion.objects.get(number=2)
    change = reverse("admin:evaluation_instrumentversion_change", args=[published.pk])
    page = client.get(change).content.decode()
    # Shown, not offered for editing; only its English texts can still be
    # written (a translation does not change what is asked).
    assert 'name="title_nl"' not in page and 'name="title_en"' in page
    assert (
        'name="title_nl"'
        in client.get(
            reverse("admin:evaluation_instrumentversion_change", args=[draft.pk])
        ).content.decode()
    )
    client.post(url, {"action": "publish_versions", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published


# --- Who may see and run a round -----------------------------------------------------


@pytest.mark.parametrize(
    "persona, status",
    [
        ("officer", 200),
        ("officer_same_region", 200),  # Kampen takes part in this partnership
        ("coordinator", 200),
        ("administrator", 200),
        ("officer_other_region", 404),
        ("coordinator_other_region", 404),
    ],
)
def test_round_pages_follow_the_partnership_scope(world, partnership, persona, status):
    evaluation_round = EvaluationRoundFactory(partnership=partnership)
    client = world.client_for(getattr(world, persona))
    assert client.get(reverse("evaluation:round", args=[evaluation_round.pk])).status_code == status
    assert client.get(reverse("evaluation:rounds", args=[partnership.pk])).status_code == status


def test_officer_of_another_gemeente_in_the_region_gets_404(world):
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    evaluation_round = EvaluationRoundFactory(partnership=partnership)
    client = world.client_for(world.officer_same_region)
    assert client.get(reverse("evaluation:round", args=[evaluation_round.pk])).status_code == 404
    response = client.post(reverse("evaluation:round_close", args=[evaluation_round.pk]))
    assert response.status_code == 404
    assert EvaluationRound.objects.get().is_open


@pytest.mark.parametrize("persona", ["coordinator", "officer_same_region", "administrator"])
def test_only_the_lead_gemeente_runs_rounds(world, partnership, persona):
    evaluation_round = EvaluationRoundFactory(partnership=partnership)
    respondent = PartnerRespondentFactory(round=evaluation_round)
    client = world.client_for(getattr(world, persona))
    for url in (
        reverse("evaluation:round_add", args=[partnership.pk]),
        reverse("evaluation:round_edit", args=[evaluation_round.pk]),
        reverse("evaluation:respondents", args=[evaluation_round.pk]),
    ):
        assert client.get(url).status_code == 403
    for url in (
        reverse("evaluation:round_close", args=[evaluation_round.pk]),
        reverse("evaluation:respondent_revoke", args=[evaluation_round.pk, respondent.pk]),
        reverse("evaluation:respondent_resend", args=[evaluation_round.pk, respondent.pk]),
    ):
        assert client.post(url).status_code == 403
    response = client.get(reverse("evaluation:round", args=[evaluation_round.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ronde sluiten" not in page and "link intrekken" not in page
    assert EvaluationRound.objects.get().is_open
    assert len(mail.outbox) == 0


def test_a_respondent_of_another_round_is_not_reached_through_this_one(world, partnership):
    evaluation_round = EvaluationRoundFactory(partnership=partnership)
    other = PartnerRespondentFactory(
        round__partnership=PartnershipFactory(lead_municipality=world.municipality)
    )
    client = world.client_for(world.officer)
    url = reverse("evaluation:respondent_revoke", args=[evaluation_round.pk, other.pk])
    assert client.post(url).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


# --- Starting, choosing, opening ---------------------------------------------------


def test_officer_starts_a_round_chooses_people_and_opens_it(world, partnership):
    client = world.client_for(world.officer)
    closes_on = TODAY() + timedelta(days=21)
    response = client.post(
        reverse("evaluation:round_add", args=[partnership.pk]),
        {
            "title": "Evaluatie najaar 2026",
            "period_start": "01-01-2026",
            "period_end": "30-06-2026",
            "closes_on": closes_on.strftime("%d-%m-%Y"),
        },
    )
    evaluation_round = EvaluationRound.objects.get()
    assert response.url == reverse("evaluation:respondents", args=[evaluation_round.pk])
    assert evaluation_round.status == RoundStatus.DRAFT
    assert evaluation_round.instrument == InstrumentVersion.current()
    assert evaluation_round.created_by == world.officer
    assert not evaluation_round.named

    # The candidates: the public side of the gemeenten taking part and the
    # GGD, the active partners' contacts with an address; nobody else.
    form = client.get(response.url).context["form"]
    users = set(form.fields["users"].queryset)
    assert users == {world.officer, world.officer_same_region, world.coordinator}
    contacts = [c.name for c in form.fields["contacts"].queryset]
    assert contacts == ["Marieke Dijkstra"]

    marieke = form.fields["contacts"].queryset.get()
    client.post(
        response.url,
        {"users": [world.officer_same_region.pk, world.coordinator.pk], "contacts": [marieke.pk]},
    )
    assert evaluation_round.respondents.count() == 3
    assert len(mail.outbox) == 0  # nobody is mailed before the round opens

    with django_capture_on_commit():
        client.post(reverse("evaluation:round_open", args=[evaluation_round.pk]))
    evaluation_round.refresh_from_db()
    assert evaluation_round.status == RoundStatus.OPEN and evaluation_round.opened_at
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.officer_same_region.email, world.coordinator.email, marieke.email]
    )
    partner_mail = next(m for m in mail.outbox if m.to == [marieke.email])
    assert "Beste Marieke Dijkstra" in partner_mail.body
    assert partner_mail.reply_to == [world.officer.email]
    (link,) = _links(partner_mail)
    respondent = evaluation_round.respondents.get(contact=marieke)
    assert respondent.side == "privaat" and respondent.organisation == marieke.organisation
    # Only the token's hash is stored.
    assert respondent.token_hash == hash_token(_token(link))
    assert _token(link) not in str(Respondent.objects.values_list())
    public_mail = next(m for m in mail.outbox if m.to == [world.coordinator.email])
    assert reverse("evaluation:answer", args=[evaluation_round.pk]) in public_mail.body
    assert world.coordinator.notifications.count() == 1


@contextmanager
def on_day(day):
    """As if it were noon on ``day`` (local time)."""
    moment = timezone.make_aware(datetime.combine(day, time(12)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def django_capture_on_commit():
    """Run the commit hooks of the test's transaction (the e-mails) now."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_round_form_refuses_wrong_dates_with_messages(world, partnership):
    client = world.client_for(world.officer)
    response = client.post(
        reverse("evaluation:round_add", args=[partnership.pk]),
        {
            "title": "x" * 201,
            "period_start": "01-07-2026",
            "period_end": "01-01-2026",
            "closes_on": (TODAY() - timedelta(days=1)).strftime("%d-%m-%Y"),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "vóór het begin" in errors["period_end"][0]
    assert "verleden" in errors["closes_on"][0]
    assert "title" in errors
    assert not EvaluationRound.objects.exists()


def test_a_round_without_respondents_does_not_open(world, partnership):
    evaluation_round = EvaluationRoundFactory(partnership=partnership, status="concept")
    client = world.client_for(world.officer)
    response = client.post(
        reverse("evaluation:round_open", args=[evaluation_round.pk]), follow=True
    )
    assert "Kies eerst wie u uitnodigt" in response.content.decode()
    evaluation_round.refresh_from_db()
    assert evaluation_round.status == RoundStatus.DRAFT


def test_stale_save_of_the_round_form_is_refused(world, partnership):
    evaluation_round = EvaluationRoundFactory(partnership=partnership, status="concept")
    client = world.client_for(world.officer)
    url = reverse("evaluation:round_edit", args=[evaluation_round.pk])
    form = client.get(url).context["form"]
    data = {
        "title": "Mijn titel",
        "period_start": "01-01-2026",
        "period_end": "30-06-2026",
        "closes_on": evaluation_round.closes_on.strftime("%d-%m-%Y"),
        "version": form["version"].value(),
        "opened": form["opened"].value(),
    }
    # Someone else saves first.
    other = world.client_for(world.officer)
    assert other.post(url, {**data, "title": "Andermans titel"}).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 409
    assert "intussen opgeslagen" in response.content.decode()
    evaluation_round.refresh_from_db()
    assert evaluation_round.title == "Andermans titel"
    assert evaluation_round.history.count() == 2  # created, and the one save


def test_opening_the_round_refuses_an_edit_form_opened_before(world, partnership):
    evaluation_round = EvaluationRoundFactory(partnership=partnership, status="concept")
    PartnerRespondentFactory(round=evaluation_round, invited_at=None)
    client = world.client_for(world.officer)
    url = reverse("evaluation:round_edit", args=[evaluation_round.pk])
    form = client.get(url).context["form"]
    running.open_round(evaluation_round, world.officer)
    response = client.post(
        url,
        {
            "title": "Nieuw",
            "period_start": "01-01-2026",
            "period_end": "30-06-2026",
            "closes_on": evaluation_round.closes_on.strftime("%d-%m-%Y"),
            "version": form["version"].value(),
            "opened": form["opened"].value(),
        },
    )
    assert response.status_code == 409


def test_named_is_fixed_once_the_round_is_open(world, partnership):
    evaluation_round = EvaluationRoundFactory(partnership=partnership, named=False)
    client = world.client_for(world.officer)
    url = reverse("evaluation:round_edit", args=[evaluation_round.pk])
    form = client.get(url).context["form"]
    client.post(
        url,
        {
            "title": evaluation_round.title,
            "period_start": "01-01-2026",
            "period_end": "30-06-2026",
            "closes_on": evaluation_round.closes_on.strftime("%d-%m-%Y"),
            "named": "on",
            "version": form["version"].value(),
            "opened": form["opened"].value(),
        },
    )
    evaluation_round.refresh_from_db()
    assert not evaluation_round.named


# --- Following who answered ----------------------------------------------------------


def test_round_page_shows_progress_per_person_never_answers(world, partnership):
    evaluation_round = EvaluationRoundFactory(partnership=partnership)
    finished = PartnerRespondentFactory(
        round=evaluation_round, submitted_at=timezone.now(), last_saved_at=timezone.now()
    )
    StatementAnswer.objects.create(
        respondent=finished,
        statement=Statement.objects.filter(category__version=evaluation_round.instrument).first(),
        score=1,
    )
    PartnerRespondentFactory(round=evaluation_round, last_saved_at=timezone.now())
    PublicRespondentFactory(round=evaluation_round)
    response = world.client_for(world.coordinator).get(
        reverse("evaluation:round", args=[evaluation_round.pk])
    )
    page = response.content.decode()
    assert "1 van 3 personen hebben afgerond (33 %)" in page
    assert page.count("afgerond") >= 2 and "begonnen" in page and "uitgenodigd" in page
    assert "Helemaal oneens" not in page


def test_round_page_query_count_does_not_grow_with_respondents(
    world, partnership, django_assert_num_queries
):
    evaluation_round = EvaluationRoundFactory(partnership=partnership)
    PartnerRespondentFactory(round=evaluation_round)
    client = world.client_for(world.officer)
    url = reverse("evaluation:round", args=[evaluation_round.pk])
    client.get(url)
    # 1 session, 2 user, 3 the round (partnership, gemeente, region, instrument,
    # starter joined), 4 its respondents (people and groups joined), 5-7
    # savepoint, session update, release.
    with django_assert_num_queries(7):
        client.get(url)
    PartnerRespondentFactory.create_batch(10, round=evaluation_round)
    PublicRespondentFactory.create_batch(5, round=evaluation_round)
    with django_assert_num_queries(7):
        client.get(url)


def test_round_list_query_count(world, partnership, django_assert_num_queries):
    EvaluationRoundFactory.create_batch(2, partnership=partnership)
    client = world.client_for(world.officer)
    url = reverse("evaluation:rounds", args=[partnership.pk])
    client.get(url)
    # 1 session, 2 user, 3 the partnership, 4 its rounds with their counts,
    # 5-7 savepoint, session update, release.
    with django_assert_num_queries(7):
        client.get(url)
    EvaluationRoundFactory.create_batch(5, partnership=partnership)
    with django_assert_num_queries(7):
        client.get(url)


def test_partnership_page_links_to_its_rounds(world, partnership):
    evaluation_round = EvaluationRoundFactory(partnership=partnership, title="Voorjaar 2026")
    page = world.client_for(world.coordinator).get(partnership.get_absolute_url())
    content = page.content.decode()
    assert "Evaluatie" in content and "Voorjaar 2026" in content
    assert reverse("evaluation:round", args=[evaluation_round.pk]) in content
    assert reverse("evaluation:round_add", args=[partnership.pk]) not in content  # reads only
    content = world.client_for(world.officer).get(partnership.get_absolute_url()).content.decode()
    assert reverse("evaluation:round_add", args=[partnership.pk]) in content


# --- Links: re-send, revoke -----------------------------------------------------------


def test_resend_makes_a_new_link_and_the_old_one_stops(world, partnership):
    evaluation_round = EvaluationRoundFactory(partnership=partnership)
    respondent = PartnerRespondentFactory(round=evaluation_round, token="a" * 43)
    assert respondent_for_token("a" * 43)[0] == respondent
    client = world.client_for(world.officer)
    with django_capture_on_commit():
        client.post(
            reverse("evaluation:respondent_resend", args=[evaluation_round.pk, respondent.pk])
        )
    (message,) = mail.outbox
    (link,) = _links(message)
    assert respondent_for_token("a" * 43) == (None, LinkProblem.UNKNOWN)
    assert respondent_for_token(_token(link))[0] == respondent


def test_revoked_link_stops_and_resend_restores(world, partnership):
    evaluation_round = EvaluationRoundFactory(partnership=partnership)
    respondent = PartnerRespondentFactory(round=evaluation_round, token="c" * 43)
    client = world.client_for(world.officer)
    client.post(reverse("evaluation:respondent_revoke", args=[evaluation_round.pk, respondent.pk]))
    respondent.refresh_from_db()
    assert respondent.revoked_at is not None
    assert respondent_for_token("c" * 43)[0] is None
    assert respondent.history.count() == 2  # audited
    with django_capture_on_commit():
        client.post(
            reverse("evaluation:respondent_resend", args=[evaluation_round.pk, respondent.pk])
        )
    respondent.refresh_from_db()
    assert respondent.revoked_at is None
    assert respondent_for_token(_token(_links(mail.outbox[0])[0]))[0] == respondent


# --- Closing, reminders ---------------------------------------------------------------


def test_officer_closes_the_round_and_links_stop(world, partnership):
    evaluation_round = EvaluationRoundFactory(partnership=partnership)
    PartnerRespondentFactory(round=evaluation_round, token="d" * 43)
    client = world.client_for(world.officer)
    client.post(reverse("evaluation:round_close", args=[evaluation_round.pk]))
    evaluation_round.refresh_from_db()
    assert evaluation_round.is_closed and evaluation_round.closed_by == world.officer
    assert respondent_for_token("d" * 43)[0] is None
    # A closed round does not change any more.
    assert (
        client.get(reverse("evaluation:round_edit", args=[evaluation_round.pk])).status_code == 302
    )
    assert (
        client.get(reverse("evaluation:respondents", args=[evaluation_round.pk])).status_code == 302
    )


def test_command_closes_rounds_after_their_closing_date_only(world, partnership):
    past = EvaluationRoundFactory(partnership=partnership, closes_on=TODAY() - timedelta(days=1))
    today = EvaluationRoundFactory(partnership=partnership, closes_on=TODAY())
    call_command("send_evaluation_reminders", stdout=io.StringIO())
    past.refresh_from_db()
    today.refresh_from_db()
    assert past.is_closed and past.closed_by is None
    assert today.is_open


def test_reminder_moments():
    closes = date(2026, 12, 20)
    assert running.reminder_moment(closes, date(2026, 12, 12)) is None
    assert running.reminder_moment(closes, date(2026, 12, 13)) == date(2026, 12, 13)
    assert running.reminder_moment(closes, date(2026, 12, 17)) == date(2026, 12, 13)
    assert running.reminder_moment(closes, date(2026, 12, 18)) == date(2026, 12, 18)
    assert running.reminder_moment(closes, date(2026, 12, 20)) == date(2026, 12, 18)
    assert running.reminder_moment(closes, date(2026, 12, 21)) is None


def test_reminders_go_once_per_moment_to_those_not_finished(world, partnership):
    closes = TODAY() + timedelta(days=7)
    invited = timezone.now() - timedelta(days=10)
    evaluation_round = EvaluationRoundFactory(partnership=partnership, closes_on=closes)
    waiting = PartnerRespondentFactory(round=evaluation_round, invited_at=invited)
    started = PartnerRespondentFactory(
        round=evaluation_round, invited_at=invited, last_saved_at=timezone.now(), token="e" * 43
    )
    public = PublicRespondentFactory(round=evaluation_round, invited_at=invited)
    PartnerRespondentFactory(
        round=evaluation_round, invited_at=invited, submitted_at=timezone.now()
    )
    PartnerRespondentFactory(round=evaluation_round, invited_at=invited, revoked_at=timezone.now())
    with django_capture_on_commit():
        assert running.send_reminders() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [waiting.contact.email, started.contact.email, public.user.email]
    )
    # One who has started keeps her link (a page she has open keeps working);
    # one who has not gets a new one.
    assert respondent_for_token("e" * 43)[0] == started
    started_mail = next(m for m in mail.outbox if m.to == [started.contact.email])
    assert _links(started_mail) == []
    waiting_mail = next(m for m in mail.outbox if m.to == [waiting.contact.email])
    assert respondent_for_token(_token(_links(waiting_mail)[0]))[0] == waiting
    assert all("Herinnering" in m.subject for m in mail.outbox)

    # Idempotent: again the same day, nothing.
    with django_capture_on_commit():
        assert running.send_reminders() == 0
        call_command("send_evaluation_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 3
    # The next moment (2 days before) reminds once more; then nothing until closing.
    with django_capture_on_commit():
        for days_before, count in [(3, 0), (2, 3), (2, 0), (1, 0), (0, 0)]:
            with on_day(closes - timedelta(days=days_before)):
                assert running.send_reminders() == count, days_before
    assert len(mail.outbox) == 6


def test_no_reminder_for_one_invited_after_the_moment(world, partnership):
    evaluation_round = EvaluationRoundFactory(
        partnership=partnership, closes_on=TODAY() + timedelta(days=5)
    )
    PartnerRespondentFactory(round=evaluation_round, invited_at=timezone.now())
    assert running.send_reminders() == 0


def test_state_changes_raise_the_partnership_revision(world, partnership):
    evaluation_round = EvaluationRoundFactory(partnership=partnership)
    respondent = PartnerRespondentFactory(round=evaluation_round)

    def revision():
        return Partnership.objects.get(pk=partnership.pk).revision

    before = revision()
    running.revoke(respondent)
    assert revision() > before
    before = revision()
    running.close_round(evaluation_round, world.officer)
    assert revision() > before


def test_public_candidates_exclude_other_gemeenten_and_inactive_users(world, partnership):
    OfficerFactory(municipality=world.municipality, is_active=False)
    CoordinatorFactory(region=world.other_region)
    OfficerFactory(municipality=world.municipality_other_region)
    assert set(running.public_candidates(partnership)) == {
        world.officer,
        world.officer_same_region,
        world.coordinator,
    }


# --- Demo data ------------------------------------------------------------------------


def _load_demo(settings) -> str:
    """``load_demo`` as a developer runs it; what it prints."""
    from tests.demo_helpers import ensure_reference_data

    ensure_reference_data()
    settings.DEBUG = True
    out = io.StringIO()
    with mock.patch("assessment.advice.store_after_commit"):
        call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.mark.slow
def test_demo_has_two_closed_rounds_where_the_sides_disagree_and_an_open_round_with_a_link(
    db, settings
):
    from django.db.models import Avg

    out = _load_demo(settings)
    closed = EvaluationRound.objects.filter(
        partnership__name="Bewegen op Recept 's-Hertogenbosch", status=RoundStatus.CLOSED
    )
    assert closed.count() == 2
    for evaluation_round in closed:
        means = {
            (row["respondent__side"], row["statement__category__code"]): row["mean"]
            for row in StatementAnswer.objects.filter(respondent__round=evaluation_round)
            .exclude(score=0)
            .values("respondent__side", "statement__category__code")
            .annotate(mean=Avg("score"))
        }
        # The public side and the partners differ by a point or more on regie
        # and results, and less than that elsewhere.
        for code in "LR":
            assert means[("publiek", code)] - means[("privaat", code)] >= 1, (code, means)
        for code in "VPS":
            assert abs(means[("publiek", code)] - means[("privaat", code)]) < 1, (code, means)
        assert evaluation_round.respondents.filter(submitted_at__isnull=False).count() == 6

    # After each closed round the partnership agreed actions: those of the
    # first are done, of the second one is overdue (on the partnership's page).
    first, second = closed.order_by("closes_on")
    assert {a.status for a in first.actions.all()} == {ActionStatus.DONE}
    overdue = [a for a in second.actions.all() if is_overdue(a)]
    assert len(overdue) == 1 and second.actions.count() == 2
    assert any(a.owner_participation_id for a in second.actions.all())
    officer = User.objects.get(username="medewerker.denbosch")
    client = Client()
    client.force_login(officer)
    page = client.get(first.partnership.get_absolute_url()).content.decode()
    assert overdue[0].what in page and "1 actie is te laat." in page

    # The printed link opens the open round's page for Marieke, without logging in.
    link = re.search(r"https?://\S+/evaluatie/\S+/", out).group(0)
    response = Client().get(urlsplit(link).path)
    assert response.status_code == 200
    assert "Tussentijdse evaluatie 2026" in response.content.decode()
    assert "voor Marieke Dijkstra" in response.content.decode()

    # Again: nothing doubled; a new link, the old one stops.
    rounds, actions = EvaluationRound.objects.count(), Action.objects.count()
    out = _load_demo(settings)
    assert (EvaluationRound.objects.count(), Action.objects.count()) == (rounds, actions)
    new_link = re.search(r"https?://\S+/evaluatie/\S+/", out).group(0)
    assert new_link != link
    assert respondent_for_token(_token(link))[0] is None
