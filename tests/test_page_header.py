"""The header's tools and the main menu (core.chrome), written in Python
for every page: who is logged in, the language switch, the menu with the
current part marked and the unread notifications."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Notification
from tests.factories import AdministratorFactory, CoordinatorFactory, OfficerFactory

pytestmark = pytest.mark.django_db


def page(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status
    body = response.content.decode()
    return body[body.index("<header") : body.index("</header>")]


def logged_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def test_an_officer_sees_who_she_is_and_the_menu_with_her_part_marked():
    officer = OfficerFactory(first_name="Sanne", last_name="de Vries")
    header = page(logged_in(officer), "/samenwerkingen/?status=active")
    municipality = officer.municipality
    assert (
        '<span class="visually-hidden">Ingelogd als</span> <strong>Sanne de Vries</strong>'
    ) in header
    assert f"· {municipality} ({municipality.region})</span>" in header
    assert 'href="/samenwerkingen/" aria-current="page">Samenwerkingen</a>' in header
    assert 'href="/">Dashboard</a>' in header
    assert header.count('aria-current="page"') == 1
    assert "Beheer" not in header
    # The language switch returns to this page, with its filters.
    assert '<input type="hidden" name="next" value="/samenwerkingen/?status=active">' in header
    assert '<option value="nl" lang="nl" selected>Nederlands</option>' in header


def test_the_dashboard_is_marked_by_its_name_and_the_inbox_by_its_own():
    coordinator = CoordinatorFactory()
    client = logged_in(coordinator)
    assert 'href="/" aria-current="page">Dashboard</a>' in page(client, "/")
    inbox = page(client, "/meldingen/")
    assert 'href="/meldingen/" aria-current="page">Meldingen' in inbox
    assert inbox.count('aria-current="page"') == 1
    assert f"· {coordinator.region}</span>" in inbox


def test_the_unread_notifications_are_counted_in_the_menu():
    officer = OfficerFactory()
    for text in ("een", "twee", "drie"):
        Notification.objects.create(recipient=officer, text=text)
    Notification.objects.create(recipient=officer, text="gelezen", read_at=timezone.now())
    header = page(logged_in(officer), "/samenwerkingen/")
    assert re.search(
        r'Meldingen <span class="utrecht-number-badge pps-number-badge">3'
        r'<span class="visually-hidden"> ongelezen</span></span></a>',
        header,
    )
    Notification.objects.filter(recipient=officer).update(read_at=timezone.now())
    assert "pps-number-badge" not in page(logged_in(officer), "/samenwerkingen/")


def test_the_beheerder_has_the_admin_in_her_menu():
    header = page(logged_in(AdministratorFactory()), "/samenwerkingen/")
    assert 'href="/beheer/">Beheer</a>' in header


def test_in_english_the_header_speaks_english():
    client = logged_in(OfficerFactory())
    client.cookies["django_language"] = "en"
    header = page(client, "/samenwerkingen/")
    assert "Logged in as" in header
    assert 'aria-current="page">Partnerships</a>' in header
    assert '<option value="en" lang="en" selected>English</option>' in header
    assert ">Log out</button>" in header


def test_a_visitor_who_is_not_logged_in_has_no_menu_but_can_switch_language():
    header = page(Client(), "/accounts/login/")
    assert "Hoofdmenu" not in header and "Uitloggen" not in header
    assert 'name="language"' in header


def test_both_forms_carry_a_token_that_the_portal_accepts():
    """Logging out and switching language are POSTs: the tokens the header
    writes are accepted with CSRF checks on."""
    officer = OfficerFactory()
    client = logged_in(officer, enforce_csrf_checks=True)
    header = page(client, "/samenwerkingen/")
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', header)
    assert len(tokens) == 2
    switched = client.post(
        "/i18n/setlang/",
        {"csrfmiddlewaretoken": tokens[0], "language": "en", "next": "/samenwerkingen/"},
    )
    assert switched.status_code == 302
    logged_out = client.post("/accounts/logout/", {"csrfmiddlewaretoken": tokens[1]})
    assert logged_out.status_code == 302
    assert client.get("/samenwerkingen/").status_code == 302  # to the login page
