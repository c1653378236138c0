"""Login, throttling, logout, password change and reset, session expiry."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_dutch_and_labelled(client, db):
    response = client.get(reverse("login"))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in body
    assert 'for="id_username"' in body and 'for="id_password"' in body
    assert "Inloggen" in body


def test_login_with_right_password_leads_to_start_page(client, world):
    response = login(client, "sanne", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert "Zwolle" in client.get(reverse("home")).content.decode()


def test_wrong_password_gives_dutch_error_and_keeps_username(client, world):
    response = login(client, "sanne", "fout")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in body
    assert 'value="sanne"' in body


def test_too_many_failures_cool_off_then_login_works_again(client, world, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sanne", "fout")
    locked = login(client, "sanne", TEST_PASSWORD)
    assert locked.status_code == 429
    assert "Te veel mislukte inlogpogingen" in locked.content.decode()
    assert "15 minuten" in locked.content.decode()

    # Not a permanent lock-out: once the cool-off has passed, the right password works.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert login(client, "sanne", TEST_PASSWORD).status_code == 302


def test_lockout_is_per_username_so_colleagues_can_still_log_in(client, world, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sanne", "fout")
    assert login(client, "karim", TEST_PASSWORD).status_code == 302


def test_logout_ends_the_session(client, world):
    client.force_login(world.officer)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_session_expires_after_inactivity(client, world, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(world.officer)
    assert client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_each_request_pushes_the_expiry_forward(client, world):
    client.force_login(world.officer)
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    client.get(reverse("home"))
    assert Session.objects.get().expire_date > timezone.now() + timedelta(minutes=29)


def test_password_change(client, world):
    client.force_login(world.officer)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "nieuw-en-lang-genoeg-42",
            "new_password2": "nieuw-en-lang-genoeg-42",
        },
    )
    assert response.status_code == 302
    world.officer.refresh_from_db()
    assert world.officer.check_password("nieuw-en-lang-genoeg-42")


def test_password_change_rejects_a_weak_password_in_dutch(client, world):
    client.force_login(world.officer)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "12345", "new_password2": "12345"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort" in body


def test_password_reset_by_email(client, world):
    response = client.post(reverse("password_reset"), {"email": world.officer.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nieuw wachtwoord voor het PPS-portaal"
    assert world.officer.username in message.body
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "vers-wachtwoord-2026", "new_password2": "vers-wachtwoord-2026"},
    )
    assert response.status_code == 302
    world.officer.refresh_from_db()
    assert world.officer.check_password("vers-wachtwoord-2026")


def test_password_reset_does_not_reveal_unknown_addresses(client, world):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.nl"})
    assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize("persona", ["officer", "coordinator"])
def test_admin_is_closed_to_officers_and_coordinators(world, persona):
    response = world.client_for(getattr(world, persona)).get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/beheer/login/" in response["Location"]


def test_admin_is_dutch_for_the_beheerder(world):
    response = world.client_for(world.administrator).get(reverse("admin:index"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Functioneel beheer" in body
    assert "Gebruikers" in body
