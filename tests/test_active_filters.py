"""Lists say which filters narrow them, in words, with a link that clears
them (issue 15, item 5): partnerships, assessments, the partner register and
the lessons."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PartnershipFactory, ThemeFactory, phase


def _summary(response) -> str:
    """The line that names the active filters, as text (tags removed)."""
    body = response.content.decode()
    start = body.find('<p class="active-filters">')
    if start < 0:
        return ""
    end = body.index("</p>", start)
    text = body[start:end].replace("<strong>", "").replace("</strong>", "")
    return " ".join(text.split("\n")).split(">", 1)[1].strip()


@pytest.fixture
def moving(world):
    return ThemeFactory(name="Bewegen")


def test_partnership_list_names_its_filters_and_clears_them(world, moving):
    PartnershipFactory(lead_municipality=world.municipality, theme=moving)
    response = world.client_for(world.officer).get(
        reverse("partnerships:list"),
        {"theme": moving.pk, "phase": phase(3).pk, "q": "gezond", "start": "01-01-2026"},
    )
    summary = _summary(response)
    assert summary.startswith("Gefilterd op:")
    assert "zoekterm ‘gezond’" in summary
    assert "thema Bewegen" in summary
    assert f"fase {phase(3)}" in summary
    assert "periode van 01-01-2026" in summary
    assert f'href="{reverse("partnerships:list")}">Wis filters</a>' in summary


def test_without_filters_there_is_no_summary(world):
    for name in ("partnerships:list", "organisations:list", "lessons:list", "assessment:list"):
        response = world.client_for(world.coordinator).get(reverse(name))
        assert _summary(response) == "", name


def test_a_filter_that_is_not_valid_is_not_named(world):
    # An invalid form filters nothing, so the line names nothing either.
    response = world.client_for(world.officer).get(reverse("partnerships:list"), {"theme": "abc"})
    assert _summary(response) == ""


def test_the_summary_costs_no_query(world, moving, monkeypatch):
    client = world.client_for(world.coordinator)
    url = reverse("partnerships:list")
    params = {"theme": moving.pk, "phase": phase(2).pk, "municipality": world.municipality.pk}
    client.get(url, params)
    with CaptureQueriesContext(connection) as with_summary:
        assert "gemeente (trekker of deelnemer) Zwolle" in _summary(client.get(url, params))
    monkeypatch.setattr("partnerships.views.partnerships.active_filters", lambda form: [])
    with CaptureQueriesContext(connection) as without:
        client.get(url, params)
    assert len(with_summary) == len(without)


def test_the_summary_in_english(world, moving):
    moving.name_en = "Exercise"
    moving.save()
    client = world.client_for(world.officer)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("partnerships:list"), {"theme": moving.pk, "status": "actief"})
    summary = _summary(response)
    assert summary.startswith("Filtered on:")
    assert "theme Exercise" in summary and "status Active" in summary
    assert "Clear filters" in summary


def test_register_names_its_filters(world):
    response = world.client_for(world.officer).get(
        reverse("organisations:list"), {"q": "4005 9123", "sector": "bedrijf"}
    )
    summary = _summary(response)
    assert "zoekterm ‘4005 9123’" in summary and "sector Bedrijf" in summary
    assert f'href="{reverse("organisations:list")}"' in summary


def test_lessons_name_their_filters(world, moving):
    response = world.client_for(world.officer).get(
        reverse("lessons:list"), {"theme": moving.pk, "phase": phase(7).pk}
    )
    summary = _summary(response)
    assert "thema Bewegen" in summary and f"fase {phase(7)}" in summary
    assert f'href="{reverse("lessons:list")}"' in summary


def test_assessment_list_names_the_dashboards_filters(world):
    theme = ThemeFactory(name="Roken")
    response = world.client_for(world.coordinator).get(
        reverse("assessment:list"),
        {
            "status": "vastgesteld",
            "outcome": "voorwaarden",
            "municipality": world.municipality.pk,
            "theme": theme.pk,
        },
    )
    summary = _summary(response)
    assert "status Vastgesteld" in summary
    assert "uitkomst Samenwerken onder voorwaarden" in summary
    assert "gemeente Zwolle" in summary and "thema Roken" in summary
    assert f'href="{reverse("assessment:list")}">Wis filters</a>' in summary


def test_a_gemeente_outside_the_scope_is_not_named(world):
    response = world.client_for(world.officer).get(
        reverse("partnerships:list"), {"municipality": world.municipality_other_region.pk}
    )
    assert "Tilburg" not in response.content.decode()
