"""The toegankelijkheidsverklaring (issue 15, item 6): for everyone, without
logging in, linked from every page's footer, in Dutch and in English."""

from django.urls import reverse

URL = reverse("accessibility")


def test_readable_without_logging_in_and_says_what_it_must(db, client, django_assert_num_queries):
    with django_assert_num_queries(0):  # no session, no database
        response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in body and "Toegankelijkheidsverklaring" in body
    # The standard, the status, how it was tested, the limits, where to go.
    for text in (
        "WCAG 2.2 op niveau AA",
        "EN 301 549",
        "Voldoet gedeeltelijk",
        "wcag2a, wcag2aa, wcag21aa en wcag22aa",
        "1366 pixels",
        "390 pixels",
        "alleen met het toetsenbord",
        "Bekende beperkingen",
        "functioneel beheerder van uw GGD-regio",
        "binnen 5 werkdagen",
        "Nationale ombudsman",
        "2 december 2026",
    ):
        assert text in body, text


def test_in_english(client):
    client.cookies["django_language"] = "en"
    body = client.get(URL).content.decode()
    assert '<html lang="en">' in body
    for text in ("Accessibility statement", "WCAG 2.2 at level AA", "Partially compliant"):
        assert text in body, text
    assert "Toegankelijkheidsverklaring" not in body


def test_the_contact_address_comes_from_the_settings(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "toegankelijkheid@ggd.example.nl"
    body = client.get(URL).content.decode()
    assert 'href="mailto:toegankelijkheid@ggd.example.nl"' in body


def test_every_page_links_to_it_from_the_footer(client, world):
    login = client.get(reverse("login")).content.decode()
    footer = login[login.index("<footer") :]
    assert f'href="{URL}"' in footer
    page = world.client_for(world.officer).get(reverse("partnerships:list")).content.decode()
    assert f'href="{URL}"' in page[page.index("<footer") :]
