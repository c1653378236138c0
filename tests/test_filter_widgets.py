"""The filter forms' widgets write their HTML in Python (core/forms.py): it must
be the HTML Django's widget templates write, for every state a filter shows."""

import datetime

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.scoping import visible_municipalities
from core.forms import DateInput, Select, TextInput
from partnerships.forms.partnership import DashboardFilterForm, PartnershipFilterForm

CHOICES = [("", "Alle"), ("a", "Één & <twee>"), (1, 'Met "aanhalingstekens"'), ("a", "Dubbel")]


def django_rendered(widget, name, value, attrs):
    """What Django's own templates make of the same widget."""
    return forms.Widget.render(widget, name, value, attrs)


@pytest.mark.parametrize("value", [None, "", "a", 1, "1", "onbekend", ["a"]])
@pytest.mark.parametrize(
    "attrs",
    [
        None,
        {"id": "id_x", "class": "form-select"},
        {"id": "id_x", "required": True, "disabled": False, "aria-invalid": "true"},
        {"id": "id_x", "data-note": 'a "quote" & <tag>'},
    ],
)
def test_select_writes_what_djangos_template_writes(value, attrs):
    widget = Select(choices=CHOICES)
    assert widget.render("x", value, attrs) == django_rendered(widget, "x", value, attrs)


def test_select_selects_only_the_first_option_with_the_value():
    html = Select(choices=CHOICES).render("x", "a", None)
    assert html.count(" selected") == 1 and "&lt;twee&gt;" in html


def test_select_leaves_groups_and_multiple_choice_to_djangos_templates():
    grouped = Select(choices=[("Groep", [("1", "Een"), ("2", "Twee")]), ("3", "Drie")])
    assert grouped.render("x", "2", None) == django_rendered(grouped, "x", "2", None)
    assert "<optgroup" in grouped.render("x", "2", None)
    multiple = forms.SelectMultiple(choices=CHOICES)
    fast = type("Multiple", (Select, forms.SelectMultiple), {})(choices=CHOICES)
    assert fast.render("x", ["a", 1], None) == multiple.render("x", ["a", 1], None)


@pytest.mark.parametrize("value", [None, "", "zoek", 'a "b" & <c>', 12])
def test_text_input_writes_what_djangos_template_writes(value):
    widget = TextInput(attrs={"class": "form-control", "maxlength": 200})
    attrs = {"id": "id_q", "required": True, "disabled": False}
    assert widget.render("q", value, attrs) == django_rendered(widget, "q", value, attrs)


@pytest.mark.parametrize("value", [None, "", datetime.date(2026, 12, 31), "31-13-2026"])
def test_date_input_writes_what_djangos_template_writes(value):
    widget = DateInput(attrs={"class": "form-control"})
    assert widget.render("start", value, {"id": "id_start"}) == django_rendered(
        widget, "start", value, {"id": "id_start"}
    )
    if isinstance(value, datetime.date):
        assert 'value="31-12-2026"' in widget.render("start", value)


def test_the_lists_filters_read_the_gemeenten_once_for_both_fields(world):
    with CaptureQueriesContext(connection) as queries:
        form = PartnershipFilterForm(
            {"municipality": world.municipality.pk, "lead": "999999", "start": "31-02-2026"},
            municipalities=visible_municipalities(world.coordinator),
        )
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        assert not form.is_valid()  # a gemeente outside the choices, a date that does not exist
    assert len(queries) == 2  # each given gemeente checked against the scope's, nothing listed
    with CaptureQueriesContext(connection) as queries:
        municipality, lead = str(form["municipality"]), str(form["lead"])
    assert len(queries) == 1
    assert f'<option value="{world.municipality.pk}" selected>Zwolle</option>' in municipality
    assert world.municipality_other_region.name not in municipality
    assert 'aria-invalid="true"' in lead and " selected" not in lead
    assert 'aria-invalid="true"' in str(form["start"]) and 'value="31-02-2026"' in str(
        form["start"]
    )


def test_the_dashboards_filters_offer_the_scopes_gemeenten(world):
    form = DashboardFilterForm(None, municipalities=visible_municipalities(world.officer))
    html = str(form["municipality"])
    assert '<option value="" selected>Alle</option>' in html
    assert f'<option value="{world.municipality.pk}">{world.municipality.name}</option>' in html
    assert world.municipality_same_region.name not in html
