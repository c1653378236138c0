"""The review loop is closed: everyone learns what happened to an assessment,
in the portal (the inbox and the header's count) and by e-mail, sent only
once the action is committed, with an absolute link and a one-line subject
whatever the names; a failing mail server never undoes the action."""

import logging

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.urls import reverse

from accounts.models import Notification
from assessment import workflow
from assessment.models import AssessmentStatus
from tests.assessment_helpers import answer_all
from tests.factories import CoordinatorFactory, ParticipationFactory, PartnershipFactory


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP-server onbereikbaar")


@pytest.fixture
def answered(world):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken", lead_municipality=world.municipality
    )
    participation = ParticipationFactory(partnership=partnership, organisation__name="Versmarkt")
    return answer_all(workflow.start(participation, world.officer))


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://pps.example.nl"


def texts_of(user):
    return [n.text for n in Notification.objects.filter(recipient=user)]


def test_no_mail_when_the_submission_rolls_back(
    world, answered, site, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        workflow.submit(answered, world.officer)
        raise RuntimeError("iets anders mislukt daarna")
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_mail_after_commit_with_an_absolute_link(
    world, answered, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.submit(answered, world.officer)
        assert mail.outbox == [], "not before the commit"
    assert len(callbacks) == 1
    (message,) = mail.outbox
    assert message.to == [world.coordinator.email]
    assert message.subject == "Afweging ter review: Versmarkt"
    assert f"https://pps.example.nl/afwegingen/{answered.pk}/" in message.body


def test_names_with_line_breaks_and_long_names_submit_fine(
    world, site, django_capture_on_commit_callbacks
):
    partnership = PartnershipFactory(name="P" * 200, lead_municipality=world.municipality)
    participation = ParticipationFactory(
        partnership=partnership,
        organisation__name="Versmarkt\nBcc: iedereen@example.nl " + "x" * 160,
    )
    assessment = answer_all(workflow.start(participation, world.officer))
    client = world.client_for(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessment:submit", args=[assessment.pk]))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_REVIEW
    (message,) = mail.outbox
    assert "\n" not in message.subject and len(message.subject) <= 120
    assert message.subject.startswith("Afweging ter review: Versmarkt Bcc: iedereen@")
    assert message.subject.endswith("…")
    assert message.to == [world.coordinator.email]
    assert f"https://pps.example.nl/afwegingen/{assessment.pk}/" in message.body
    (text,) = texts_of(world.coordinator)
    assert "Versmarkt Bcc" in text


def test_a_failing_mail_server_leaves_the_action_done_and_logs(
    world, answered, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_notifications.FailingBackend"
    client = world.client_for(world.officer)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessment:submit", args=[answered.pk]), follow=True)
    assert response.status_code == 200
    assert "ter review aangeboden" in response.content.decode()
    answered.refresh_from_db()
    assert answered.status == AssessmentStatus.IN_REVIEW
    assert texts_of(world.coordinator), "the notice in the portal stands"
    (record,) = [r for r in caplog.records if r.name == "accounts.notifications"]
    assert record.exc_info and "kon niet worden verstuurd" in record.getMessage()


def test_each_step_tells_the_right_people(world, answered, django_capture_on_commit_callbacks):
    second = CoordinatorFactory(username="greet", region=world.region)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(answered, world.officer)
    for coordinator in (world.coordinator, second):
        assert len(texts_of(coordinator)) == 1 and "vast te stellen" in texts_of(coordinator)[0]
    assert texts_of(world.coordinator_other_region) == []
    assert texts_of(world.officer) == []

    with django_capture_on_commit_callbacks(execute=True):
        workflow.withdraw(answered, world.officer)
    assert "ingetrokken" in texts_of(world.coordinator)[0]
    assert "ingetrokken" in texts_of(second)[0]
    # The notice of the submission is done with: read.
    assert (
        Notification.objects.filter(recipient=world.coordinator, read_at__isnull=True).count() == 1
    )

    workflow.submit(answered, world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_to_concept(answered, world.coordinator, "Onderbouw C1 met cijfers.")
    (sent_back,) = texts_of(world.officer)
    assert "teruggestuurd" in sent_back and "Onderbouw C1 met cijfers." in sent_back

    workflow.submit(answered, world.officer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.finalise(answered, world.coordinator, "Akkoord in het regio-overleg.")
    finalised = texts_of(world.officer)[0]
    assert "vastgesteld" in finalised and "Samenwerken" in finalised
    assert "Akkoord in het regio-overleg." in finalised
    assert [m.to for m in mail.outbox] == [[world.officer.email]]
    assert "Akkoord in het regio-overleg." in mail.outbox[0].body
    assert texts_of(world.officer_same_region) == []


def test_inbox_shows_newest_first_and_marks_read(
    world, answered, django_capture_on_commit_callbacks
):
    workflow.submit(answered, world.officer)
    workflow.return_to_concept(answered, world.coordinator, "Onderbouw C1.")
    workflow.submit(answered, world.officer)
    workflow.finalise(answered, world.coordinator, "Akkoord.")
    client = world.client_for(world.officer)
    page = client.get(reverse("home")).content.decode()
    assert "Meldingen <span" in page and ">2<" in page  # the header's count
    inbox = client.get(reverse("accounts:inbox"))
    body = inbox.content.decode()
    assert body.index("vastgesteld") < body.index("teruggestuurd")
    newest = Notification.objects.filter(recipient=world.officer).first()
    response = client.get(reverse("accounts:open_notification", args=[newest.pk]))
    assert response.status_code == 302 and response.url == answered.get_absolute_url()
    newest.refresh_from_db()
    assert newest.read_at is not None
    assert ">1<" in client.get(reverse("accounts:inbox")).content.decode()
    client.post(reverse("accounts:mark_all_read"))
    assert not Notification.objects.filter(recipient=world.officer, read_at__isnull=True).exists()
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Meldingen <span" not in response.content.decode()
    # Someone else's notification is not there for her.
    other = Notification.objects.filter(recipient=world.coordinator).first()
    assert client.get(reverse("accounts:open_notification", args=[other.pk])).status_code == 404


def test_inbox_comes_in_pages(world):
    Notification.objects.bulk_create(
        Notification(recipient=world.officer, text=f"Bericht {n}") for n in range(30)
    )
    client = world.client_for(world.officer)
    first = client.get(reverse("accounts:inbox"))
    assert len(first.context["notifications"]) == 25
    second = client.get(reverse("accounts:inbox"), {"pagina": 2})
    assert len(second.context["notifications"]) == 5


def test_site_address_comes_from_the_environment_and_is_checked():
    from tests.test_settings import PRODUCTION_ENV, run_django

    show = ["shell", "-c", "from django.conf import settings; print(settings.SITE_URL)"]
    assert run_django(show, PRODUCTION_ENV).stdout.strip().endswith("https://pps.example.nl")
    configured = {**PRODUCTION_ENV, "DJANGO_SITE_URL": "https://portaal.ggd.nl/"}
    assert run_django(show, configured).stdout.strip().endswith("https://portaal.ggd.nl")
    wrong = run_django(["check"], {**PRODUCTION_ENV, "DJANGO_SITE_URL": "portaal.ggd.nl"})
    assert wrong.returncode != 0 and "DJANGO_SITE_URL" in wrong.stderr
