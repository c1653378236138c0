"""Every page's <title> is a short text: no markup, no form, no CSRF token.

The test crawls the demo data as users do: it starts at the start page and
follows every link of every page it reaches (a few pages per kind of page), so
a page added later is checked as soon as something links to it.
"""

import re
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from accounts.models import User
from tests.demo_helpers import load_demo

# Loads the demo and crawls every page: left out of the everyday subset.
pytestmark = pytest.mark.slow

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')
PAGES_PER_KIND = 3
# Links that are not pages: downloads, the admin (its own titles), logging out.
NOT_PAGES = ("/beheer/", "/accounts/logout/", "/i18n/")
DOWNLOADS = (".pdf", ".csv", ".xlsx", "/document/")


def page_title(html: str) -> str:
    found = TITLE.findall(html)
    assert len(found) == 1, "one <title> per page"
    return found[0]


def assert_short_plain_title(url: str, html: str) -> None:
    title = page_title(html)
    text = unescape(title)
    assert len(text) < 120, f"{url}: title of {len(text)} characters: {text[:200]!r}"
    assert "<" not in text and "{" not in text, f"{url}: markup in the title: {text[:200]!r}"
    assert "csrf" not in text.lower(), f"{url}: a form in the title"
    assert text.strip(" ·"), f"{url}: empty title"


def crawl(client: Client) -> dict[str, list[str]]:
    """Visit every page reachable by links from the start page (at most a few of
    each kind); return the visited URLs by URL name."""
    visited: dict[str, list[str]] = {}
    seen: set[str] = set()
    queue = ["/"]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            name = resolve(urlsplit(url).path).view_name
        except Resolver404:
            continue
        if len(visited.get(name, [])) >= PAGES_PER_KIND:
            continue
        response = client.get(url)
        if response.status_code == 302:  # e.g. a delete page of something that must stay
            queue.append(response["Location"])
            continue
        assert response.status_code == 200, f"{url}: {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            continue
        visited.setdefault(name, []).append(url)
        html = response.content.decode()
        assert_short_plain_title(url, html)
        for href in HREF.findall(html):
            link = urldefrag(unescape(href)).url
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not link.startswith("/"):
                continue
            if link.startswith(NOT_PAGES) or parts.path.endswith(DOWNLOADS):
                continue
            if link not in seen:
                queue.append(link)
    return visited


@pytest.fixture
def demo(db, settings):
    load_demo(settings)


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_every_page_of_an_officer_has_a_short_plain_title(demo):
    visited = crawl(client_for("medewerker.zwolle"))
    expected = {
        "home",
        "partnerships:list",
        "partnerships:create",
        "partnerships:detail",
        "partnerships:edit",
        "partnerships:participation_add",
        "partnerships:participation_edit",
        "partnerships:goal_delete",
        "partnerships:activity_delete",
        "partnerships:agreement_delete",
        "partnerships:indicator_delete",
        "regions:municipality_detail",
        "partnerships:goals",
        "partnerships:goal_add",
        "partnerships:goal_edit",
        "partnerships:indicator_add",
        "partnerships:indicator_edit",
        "partnerships:measurement_add",
        "partnerships:phase_detail",
        "partnerships:agreements",
        "partnerships:agreement_add",
        "partnerships:agreement_edit",
        "partnerships:activities",
        "partnerships:activity_add",
        "partnerships:activity_edit",
        "assessment:list",
        "assessment:detail",
        "assessment:theme",
        "assessment:outcome",
        "assessment:compare",
        "organisations:list",
        "organisations:detail",
        "organisations:edit",
        "organisations:create",
    }
    assert expected <= set(visited), sorted(expected - set(visited))


def test_every_page_of_a_coordinator_has_a_short_plain_title(demo):
    visited = crawl(client_for("coordinator.ijsselland"))
    assert {
        "home",
        "partnerships:list",
        "partnerships:detail",
        "assessment:list",
        "assessment:detail",
        "assessment:outcome",
        "organisations:detail",
    } <= set(visited)


def test_the_participation_edit_page_has_its_own_title(demo):
    from partnerships.models import Participation

    officer = User.objects.get(username="medewerker.zwolle")
    participation = Participation.objects.filter(
        partnership__lead_municipality=officer.municipality
    ).first()
    url = f"/samenwerkingen/{participation.partnership_id}/partners/{participation.pk}/"
    html = client_for("medewerker.zwolle").get(url).content.decode()
    assert unescape(page_title(html)) == (
        f"{participation.organisation} · {participation.partnership.name} · PPS-portaal"
    )


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/password_reset/", "/accounts/password_reset/done/"]
)
def test_pages_before_login_have_a_short_plain_title(db, url):
    response = Client().get(url)
    assert response.status_code == 200
    assert_short_plain_title(url, response.content.decode())
