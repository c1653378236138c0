"""Numbers and dates as Dutch people type them (issue 11, item 1).

A Dutch officer typed ``1200,50`` in "Bedrag in euro": the browser's number
input dropped the comma and € 120.050,00 was stored. Every amount, hours and
indicator value is now a text field read strictly in the active language:
what cannot be read unambiguously is refused with a message naming the
expected form, never changed silently."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from core.forms import DateField, LocalizedDecimalField, parse_decimal
from partnerships.models import Contribution, Indicator, Measurement
from tests.factories import (
    ContributionFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    ParticipationFactory,
    PartnershipFactory,
)

# --- The parser ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1200,50", Decimal("1200.50")),
        ("1.200,50", Decimal("1200.50")),
        ("1200", Decimal("1200")),
        ("1.200", Decimal("1200")),
        ("1.234.567,8", Decimal("1234567.8")),
        ("0,5", Decimal("0.5")),
        (" 12,5 ", Decimal("12.5")),
        ("-3,25", Decimal("-3.25")),
    ],
)
def test_dutch_forms_are_read(typed, value):
    assert parse_decimal(typed, decimal_separator=",", thousand_separator=".") == value


@pytest.mark.parametrize(
    "typed",
    [
        "1.20",
        "1200.50",
        "1,2,3",
        "12.00.0",
        "1.2000",
        "12a",
        "veel",
        "",
        "1,",
        ",5",
        "1 200",
        "--1",
    ],
)
def test_dutch_ambiguous_or_wrong_forms_are_refused(typed):
    assert parse_decimal(typed, decimal_separator=",", thousand_separator=".") is None


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,200.50", Decimal("1200.50")),
        ("1200.50", Decimal("1200.50")),
        ("1200", Decimal("1200")),
        ("1,200", Decimal("1200")),
    ],
)
def test_english_forms_are_read(typed, value):
    assert parse_decimal(typed, decimal_separator=".", thousand_separator=",") == value


@pytest.mark.parametrize("typed", ["1200,50", "1.200,50", "1,20", "1.2.3", "twelve"])
def test_english_ambiguous_or_wrong_forms_are_refused(typed):
    assert parse_decimal(typed, decimal_separator=".", thousand_separator=",") is None


def euro_field():
    return LocalizedDecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        max_value=100_000_000,
        required=False,
        error_messages={"invalid": "Vul een bedrag in zoals %(example)s."},
    )


def test_field_reads_the_active_language():
    field = euro_field()
    with translation.override("nl"):
        assert field.clean("1.200,50") == Decimal("1200.50")
        assert field.clean("") is None
    with translation.override("en"):
        assert field.clean("1,200.50") == Decimal("1200.50")


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        ("nl", "1200.50", "Vul een bedrag in zoals 1.200,50."),
        ("nl", "1.20", "Vul een bedrag in zoals 1.200,50."),
        ("nl", "1,2,3", "Vul een bedrag in zoals 1.200,50."),
        ("nl", "twaalf", "Vul een bedrag in zoals 1.200,50."),
        ("nl", "1200,505", "Gebruik hoogstens 2 cijfers achter de komma, zoals 1.200,50."),
        ("nl", "-5", "Vul een getal van 0 tot en met 100.000.000 in."),
        ("nl", "100.000.000,01", "Vul een getal van 0 tot en met 100.000.000 in."),
        ("en", "1200,50", "Vul een bedrag in zoals 1,200.50."),
        ("en", "1,200.505", "Use at most 2 digits after the decimal point, such as 1,200.50."),
    ],
)
def test_field_refuses_with_a_message_naming_the_expected_form(language, typed, message):
    with translation.override(language), pytest.raises(forms.ValidationError) as refused:
        euro_field().clean(typed)
    assert refused.value.messages == [message]


def test_field_is_a_text_input_for_decimals_and_shows_values_in_the_language():
    class Form(forms.Form):
        euros = euro_field()

    with translation.override("nl"):
        html = str(Form(initial={"euros": Decimal("1200.50")})["euros"])
        assert 'type="text"' in html and 'inputmode="decimal"' in html
        assert 'value="1.200,50"' in html
        assert 'value="1.200"' in str(Form(initial={"euros": Decimal("1200.00")})["euros"])
    with translation.override("en"):
        assert 'value="1,200.50"' in str(Form(initial={"euros": Decimal("1200.50")})["euros"])


def test_field_keeps_what_was_typed_when_refused():
    class Form(forms.Form):
        euros = euro_field()

    with translation.override("nl"):
        form = Form({"euros": "1200.50"})
        assert not form.is_valid()
        assert 'value="1200.50"' in str(form["euros"])


@pytest.mark.parametrize(
    ("language", "typed", "value"),
    [
        ("nl", "31-12-2026", date(2026, 12, 31)),
        ("nl", "1-2-2026", date(2026, 2, 1)),
        ("nl", "2026-02-01", date(2026, 2, 1)),
        ("en", "31-12-2026", date(2026, 12, 31)),
        ("en", "2026-02-01", date(2026, 2, 1)),
    ],
)
def test_dates_are_read_as_dd_mm_yyyy_or_iso(language, typed, value):
    with translation.override(language):
        assert DateField().clean(typed) == value


@pytest.mark.parametrize("typed", ["02/01/2026", "31-12-26", "2026-13-01", "31 december", "1-2"])
def test_ambiguous_dates_are_refused_with_the_expected_form(typed):
    with translation.override("nl"), pytest.raises(forms.ValidationError) as refused:
        DateField().clean(typed)
    assert "dd-mm-jjjj" in refused.value.messages[0]


def test_dates_are_shown_as_dd_mm_yyyy_in_a_text_input():
    class Form(forms.Form):
        day = DateField()

    with translation.override("nl"):
        html = str(Form(initial={"day": date(2026, 2, 1)})["day"])
        assert 'type="text"' in html and 'value="01-02-2026"' in html
        assert 'placeholder="dd-mm-jjjj"' in html
    with translation.override("en"):
        assert 'value="01-02-2026"' in str(Form(initial={"day": date(2026, 2, 1)})["day"])


# --- The pages ------------------------------------------------------------------------


@pytest.fixture
def participation(world):
    partnership = PartnershipFactory(
        name="Gezonde Kinderkeuken", lead_municipality=world.municipality
    )
    return ParticipationFactory(partnership=partnership)


def contribution_post(participation, **amounts):
    return {
        "role": participation.role,
        "status": participation.status,
        "motives": participation.motives,
        "inbreng-TOTAL_FORMS": 1,
        "inbreng-INITIAL_FORMS": 0,
        "inbreng-0-type": "geld",
        "inbreng-0-description": "Bijdrage aan de proeverij",
        **{f"inbreng-0-{name}": value for name, value in amounts.items()},
    }


def edit_url(participation):
    return reverse(
        "partnerships:participation_edit", args=[participation.partnership_id, participation.pk]
    )


def test_euro_field_is_a_text_input_not_a_number_input(world, participation):
    html = world.client_for(world.officer).get(edit_url(participation)).content.decode()
    (euros,) = re.findall(r'<input[^>]*name="inbreng-0-euros"[^>]*>', html)
    assert 'type="text"' in euros and 'inputmode="decimal"' in euros


def test_dutch_amount_with_a_comma_is_stored_and_shown_as_typed(world, participation):
    client = world.client_for(world.officer)
    response = client.post(
        edit_url(participation), contribution_post(participation, euros="1200,50")
    )
    assert response.status_code == 302
    assert Contribution.objects.get(participation=participation).euros == Decimal("1200.50")
    page = client.get(participation.partnership.get_absolute_url()).content.decode()
    assert "€ 1.200,50" in page
    # The edit form shows the stored value back as a Dutch person writes it.
    assert 'value="1.200,50"' in client.get(edit_url(participation)).content.decode()


def test_english_amount_is_read_and_shown_in_english(world, participation):
    client = world.client_for(world.officer)
    client.cookies.load({"django_language": "en"})
    response = client.post(
        edit_url(participation), contribution_post(participation, euros="1,200.50")
    )
    assert response.status_code == 302
    assert Contribution.objects.get(participation=participation).euros == Decimal("1200.50")
    assert "€1,200.50" in client.get(participation.partnership.get_absolute_url()).content.decode()


def test_ambiguous_amount_is_refused_and_kept(world, participation):
    client = world.client_for(world.officer)
    response = client.post(
        edit_url(participation), contribution_post(participation, euros="1200.50")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vul een bedrag in zoals 1.200,50." in body
    assert 'value="1200.50"' in body
    assert not Contribution.objects.filter(participation=participation).exists()


def test_implausible_hours_are_refused_with_the_bounds(world, participation):
    client = world.client_for(world.officer)
    response = client.post(
        edit_url(participation), contribution_post(participation, hours="250.000")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vul een aantal uren van 0 tot en met 100.000 in." in body
    assert 'value="250.000"' in body


def test_dashboard_and_pdf_overview_show_euros_in_dutch(world, participation):
    ContributionFactory(
        participation=participation, type="geld", hours=None, euros=Decimal("1200.50")
    )
    client = world.client_for(world.officer)
    assert "€ 1.200,50" in client.get(reverse("home")).content.decode()
    pdf = PdfReader(io.BytesIO(client.get(reverse("dashboard:pdf")).content))
    assert "€ 1.200,50" in " ".join(page.extract_text() for page in pdf.pages)


@pytest.fixture
def indicator(world, participation):
    goal = GoalFactory(partnership=participation.partnership)
    return IndicatorFactory(goal=goal, baseline=Decimal("1500"), target=Decimal("2500.5"))


def test_indicator_values_are_read_and_shown_in_dutch(world, indicator):
    client = world.client_for(world.officer)
    partnership = indicator.goal.partnership
    url = reverse(
        "partnerships:indicator_edit", args=[partnership.pk, indicator.goal_id, indicator.pk]
    )
    form = client.get(url).content.decode()
    assert 'value="1.500"' in form and 'value="2.500,50"' in form
    assert 'value="31-12-2027"' in form
    data = {
        "name": indicator.name,
        "unit": "stuks",
        "baseline": "1.250,5",
        "target": "3000",
        "target_date": "30-6-2028",
    }
    assert client.post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert (indicator.baseline, indicator.target) == (Decimal("1250.50"), Decimal("3000"))
    assert indicator.target_date == date(2028, 6, 30)
    page = client.get(reverse("partnerships:goals", args=[partnership.pk])).content.decode()
    assert "Nulmeting 1.250,5 stuks, streefwaarde 3.000 stuks" in page


def test_measurement_with_an_english_decimal_point_is_refused_in_dutch(world, indicator):
    client = world.client_for(world.officer)
    url = reverse(
        "partnerships:measurement_add", args=[indicator.goal.partnership_id, indicator.pk]
    )
    response = client.post(url, {"measured_on": "30-06-2026", "value": "1800.5"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vul een getal in zoals 1.200,50." in body and 'value="1800.5"' in body
    assert not Measurement.objects.filter(indicator=indicator).exists()
    assert client.post(url, {"measured_on": "30-06-2026", "value": "1.800,5"}).status_code == 302
    assert Measurement.objects.get(indicator=indicator).value == Decimal("1800.50")


def test_measurements_show_grouped_dutch_numbers_on_the_goals_page(world, indicator):
    MeasurementFactory(indicator=indicator, value=Decimal("1800.25"))
    page = (
        world.client_for(world.officer)
        .get(reverse("partnerships:goals", args=[indicator.goal.partnership_id]))
        .content.decode()
    )
    assert "1.800,25" in page
    assert Indicator.objects.count() == 1


def test_the_admin_shows_and_reads_amounts_as_the_portal_does(world, participation):
    ContributionFactory(
        participation=participation, type="geld", hours=None, euros=Decimal("1200.5")
    )
    client = world.client_for(world.administrator)
    url = reverse("admin:partnerships_participation_change", args=[participation.pk])
    html = client.get(url).content.decode()
    (euros,) = re.findall(r'<input[^>]*name="contributions-0-euros"[^>]*>', html)
    assert 'inputmode="decimal"' in euros and 'value="1.200,50"' in euros
