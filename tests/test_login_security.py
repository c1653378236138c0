"""Login throttling that an attacker cannot turn against users, throttled
password reset, strong passwords, an absolute session lifetime and a
Permissions-Policy header."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import password_validation
from django.core import mail
from django.core.exceptions import ValidationError
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.throttling import client_ip
from demo.data import DEMO_PASSWORD
from tests.factories import TEST_PASSWORD

PROXY = "10.0.0.2"
VICTIM = "198.51.100.7"
ATTACKER = "203.0.113.66"


def login(client, username, password, *, forwarded_for=None):
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded_for:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


# --- The client's address behind a proxy ------------------------------------


def test_behind_a_proxy_failures_from_one_address_do_not_lock_out_the_user_elsewhere(
    world, settings, behind_proxy
):
    attacker = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(attacker, "sanne", "fout", forwarded_for=ATTACKER)
    assert login(attacker, "sanne", TEST_PASSWORD, forwarded_for=ATTACKER).status_code == 429

    # Sanne, at her own desk, behind the same proxy, still gets in.
    response = login(Client(), "sanne", TEST_PASSWORD, forwarded_for=VICTIM)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_spoofed_forwarded_for_does_not_escape_the_lockout(world, settings, behind_proxy):
    # The attacker writes a new address in X-Forwarded-For each time; the proxy
    # appends the address it saw, and that one (the right-most) is what counts.
    attacker = Client()
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(attacker, "sanne", "fout", forwarded_for=f"192.0.2.{attempt}, {ATTACKER}")
    locked = login(attacker, "sanne", TEST_PASSWORD, forwarded_for=f"192.0.2.99, {ATTACKER}")
    assert locked.status_code == 429


@pytest.mark.parametrize(
    "count, remote, forwarded, expected",
    [
        (0, "10.0.0.2", "203.0.113.66", "10.0.0.2"),  # not behind a proxy: header ignored
        (1, "10.0.0.2", "203.0.113.66", "203.0.113.66"),
        (1, "10.0.0.2", "1.2.3.4, 203.0.113.66", "203.0.113.66"),  # left-most is spoofable
        (2, "10.0.0.3", "1.2.3.4, 203.0.113.66, 10.0.0.2", "203.0.113.66"),
        (2, "10.0.0.3", "203.0.113.66", "203.0.113.66"),  # fewer hops than proxies
        (1, "10.0.0.2", "", "10.0.0.2"),  # no header: the proxy itself
        (1, "10.0.0.2", "onzin", "10.0.0.2"),  # not an address: never trusted
        (1, "10.0.0.2", "203.0.113.66:51234", "203.0.113.66"),
        (1, "10.0.0.2", "2001:db8::1", "2001:db8::1"),
        (1, "10.0.0.2", "[2001:db8::1]:443", "2001:db8::1"),
    ],
)
def test_client_ip_is_the_right_most_untrusted_forwarded_address(
    rf, settings, count, remote, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_axes_uses_the_portal_client_address(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "accounts.throttling.client_ip"


# --- The cool-off is not extended by attempts during it ---------------------


def time_passes(minutes):
    """Move every recorded login attempt back in time, as if the minutes passed."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def test_an_attempt_during_the_cool_off_does_not_extend_it(client, world, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sanne", "fout")
    time_passes(10)

    # Ten minutes into the cool-off someone tries again: still locked out ...
    assert login(client, "sanne", "fout").status_code == 429
    # ... but the cool-off still ends 15 minutes after the lock-out, not 15 after this try.
    time_passes(6)
    assert login(client, "sanne", TEST_PASSWORD).status_code == 302


def test_an_attempt_every_15_minutes_does_not_keep_a_user_locked_out(client, world, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "sanne", "fout")
    time_passes(14)
    assert login(client, "sanne", "fout").status_code == 429
    # A quarter of an hour after the lock-out it is over, however often someone tried.
    time_passes(2)
    assert login(client, "sanne", TEST_PASSWORD).status_code == 302


# --- Password reset is throttled ---------------------------------------------


def ask_reset(client, email, address=VICTIM):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_password_reset_is_throttled_per_email_address(client, world, settings):
    limit = settings.PASSWORD_RESET_LIMIT
    for attempt in range(limit):
        response = ask_reset(client, world.officer.email, address=f"192.0.2.{attempt}")
        assert response.status_code == 302
    assert len(mail.outbox) == limit

    refused = ask_reset(client, world.officer.email.upper(), address="192.0.2.200")
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "Er is al te vaak om een nieuw wachtwoord gevraagd" in body
    assert f'value="{world.officer.email.upper()}"' in body  # what she typed is kept
    assert len(mail.outbox) == limit


def test_password_reset_is_throttled_per_client_address(client, world, settings):
    for attempt in range(settings.PASSWORD_RESET_LIMIT):
        ask_reset(client, f"iemand{attempt}@example.nl", address=ATTACKER)
    refused = ask_reset(client, world.officer.email, address=ATTACKER)
    assert refused.status_code == 429
    assert mail.outbox == []
    # Someone else, elsewhere, can still ask for a new password.
    assert ask_reset(client, world.officer.email, address=VICTIM).status_code == 302
    assert len(mail.outbox) == 1


def test_password_reset_throttle_ends_after_an_hour(client, world, settings, monkeypatch):
    import time

    # The counts expire with the cache's own timeout: a memory cache here,
    # whose clock the test can move (Redis keeps time on the server).
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
        for alias in ("default", "files")
    }
    for _attempt in range(settings.PASSWORD_RESET_LIMIT):
        ask_reset(client, world.officer.email)
    assert ask_reset(client, world.officer.email).status_code == 429

    in_an_hour = time.time() + 3601
    monkeypatch.setattr(time, "time", lambda: in_an_hour)
    assert ask_reset(client, world.officer.email).status_code == 302


# --- Passwords ---------------------------------------------------------------


def test_passwords_need_twelve_characters(world):
    with pytest.raises(ValidationError) as error:
        password_validation.validate_password("kort-maar-1", world.officer)  # 11 characters
    assert "minstens 12 tekens" in str(error.value)
    password_validation.validate_password("lang-genoeg-1", world.officer)  # 13 characters


def test_common_passwords_are_refused_even_when_long(world):
    with pytest.raises(ValidationError) as error:
        password_validation.validate_password("password1234", world.officer)
    assert error.value.messages == ["Dit wachtwoord is te algemeen."]


def test_the_passwords_of_demo_and_tests_pass_the_validators(world):
    password_validation.validate_password(DEMO_PASSWORD)
    password_validation.validate_password(TEST_PASSWORD)


def test_password_change_refuses_eleven_characters_in_dutch(client, world):
    client.force_login(world.officer)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "kort-maar-1",
            "new_password2": "kort-maar-1",
        },
    )
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort: gebruik minstens 12 tekens." in response.content.decode()


# --- Absolute session lifetime ----------------------------------------------


def age_session(client, hours):
    session = client.session
    session["login_at"] = session["login_at"] - int(hours * 3600)
    session.save()


def test_session_ends_after_its_absolute_lifetime_even_when_active(client, world, settings):
    assert settings.SESSION_MAX_AGE_HOURS == 12
    client.force_login(world.officer)
    assert client.get(reverse("home")).status_code == 200
    age_session(client, 11.9)
    assert client.get(reverse("home")).status_code == 200  # still within the 12 hours

    age_session(client, 0.2)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    login_page = client.get(response["Location"]).content.decode()
    assert "U bent na 12 uur automatisch uitgelogd" in login_page
    # Really logged out, not only redirected once.
    assert client.get(reverse("home")).status_code == 302


def test_session_lifetime_is_counted_from_the_login(client, world):
    response = client.post(
        reverse("login"), {"username": "sanne", "password": TEST_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    started = client.session["login_at"]
    assert abs(started - timezone.now().timestamp()) < 60


def test_session_lifetime_is_configurable(client, world, settings):
    settings.SESSION_MAX_AGE_HOURS = 1
    client.force_login(world.officer)
    age_session(client, 1.1)
    assert client.get(reverse("home")).status_code == 302


# --- Permissions-Policy -----------------------------------------------------


@pytest.mark.parametrize("url", ["/accounts/login/", "/", "/gezondheid/"])
def test_every_response_has_a_permissions_policy(client, world, url):
    client.force_login(world.officer)
    policy = client.get(url)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
