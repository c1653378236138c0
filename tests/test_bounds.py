"""Bounded input (issue 11, item 5): every text has a limit that fits its use,
refused in the form with a Dutch message (keeping what was typed) and in the
model; the demo data fits; long lists on a page are bounded."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Max
from django.db.models.functions import Length
from django.urls import reverse

from assessment import workflow
from partnerships.models import Goal, Partnership
from tests.factories import GoalFactory, ParticipationFactory, PartnershipFactory

APPS = (
    "accounts",
    "assessment",
    "core",
    "decisions",
    "evaluation",
    "lessons",
    "organisations",
    "partnerships",
    "regions",
)


def text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.concrete_fields:
            # Texts the portal writes itself and no form offers (e.g. the
            # collegeadvies drafts, made from bounded answers) are no input.
            if isinstance(field, models.CharField | models.TextField) and field.editable:
                yield model, field


def test_every_text_field_has_a_limit_in_the_form_and_the_model():
    unbounded = []
    for model, field in text_fields():
        if field.max_length is None:
            unbounded.append(f"{model._meta.label}.{field.name}")
        elif isinstance(field, models.TextField) and not any(
            isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length
            for v in field.validators
        ):
            unbounded.append(f"{model._meta.label}.{field.name} (no validator)")
    assert unbounded == []


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_demo_data_fits_the_limits(settings):
    from tests.demo_helpers import load_demo

    load_demo(settings)
    too_long = []
    for model, field in text_fields():
        longest = model.objects.aggregate(n=Max(Length(field.name)))["n"] or 0
        if longest > field.max_length:
            too_long.append((model._meta.label, field.name, longest))
    assert too_long == []


@pytest.fixture
def partnership(world):
    return PartnershipFactory(name="Gezonde Kinderkeuken", lead_municipality=world.municipality)


def test_a_societal_goal_of_a_megabyte_is_refused_by_the_model(partnership):
    partnership.societal_goal = "x" * 1_000_000
    with pytest.raises(ValidationError) as refused:
        partnership.full_clean()
    assert "societal_goal" in refused.value.message_dict
    partnership.societal_goal = "x" * 2000
    partnership.full_clean()
    assert Partnership._meta.get_field("societal_goal").max_length == 2000


def test_an_overlong_goal_description_is_refused_in_dutch_and_kept(world, partnership):
    client = world.client_for(world.officer)
    typed = "Beweegplein " * 200  # 2,400 characters
    response = client.post(
        reverse("partnerships:goal_add", args=[partnership.pk]),
        {"level": "gezamenlijk", "title": "Schoolpleinen", "description": typed},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Zorg dat deze waarde niet meer dan 2000 tekens bevat (het zijn er nu 2399)." in body
    assert typed.strip() in body
    assert not Goal.objects.filter(title="Schoolpleinen").exists()
    assert 'maxlength="2000"' in body  # the browser stops typing at the limit too


def test_an_overlong_explanation_in_an_assessment_is_refused_and_kept(world, partnership):
    participation = ParticipationFactory(partnership=partnership)
    assessment = workflow.start(participation, world.officer)
    client = world.client_for(world.officer)
    url = reverse("assessment:theme", args=[assessment.pk, "B"])
    form = client.get(url).context["form"]
    question = form.questions[0]
    typed = "a" * 801
    response = client.post(
        url, {"revision": assessment.revision, f"e_{question.pk}": typed, "notes": "Kort."}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "niet meer dan 800 tekens bevat (het zijn er nu 801)" in body
    assert typed in body
    assert not assessment.answers.filter(explanation=typed).exists()


def test_an_overlong_review_remark_gets_a_message_with_the_limit(world, partnership):
    participation = ParticipationFactory(partnership=partnership)
    assessment = workflow.start(participation, world.officer)
    response = world.client_for(world.coordinator).post(
        reverse("assessment:send_back", args=[assessment.pk]), {"comments": "b" * 2001}, follow=True
    )
    assert "niet meer dan 2000 tekens bevat (het zijn er nu 2001)" in response.content.decode()


def test_goal_title_of_an_unbounded_length_cannot_reach_the_database(partnership):
    goal = GoalFactory.build(partnership=partnership, title="t" * 301)
    with pytest.raises(ValidationError):
        goal.full_clean()


def test_the_pdf_advice_of_the_largest_allowed_assessment_stays_short(world, partnership):
    """Every text at its limit (``benchmark_pdf`` times this; 1 MB of text once
    made 805 pages): the PDF holds all of it on a bounded number of pages."""
    import io

    from pypdf import PdfReader

    from assessment.models import Answer
    from demo.management.commands.benchmark_pdf import fill_to_the_limits, portal_pdf

    assessment = workflow.start(ParticipationFactory(partnership=partnership), world.officer)
    characters = fill_to_the_limits(assessment)
    assert Answer.objects.filter(assessment=assessment).count() == 24
    assert characters > 30_000
    pages = PdfReader(io.BytesIO(portal_pdf(assessment.pk))).pages
    assert 5 < len(pages) <= 20


def test_the_goals_page_shows_the_latest_measurements_and_links_to_all(world, partnership):
    from datetime import date, timedelta

    from partnerships.models import Measurement
    from tests.factories import IndicatorFactory

    indicator = IndicatorFactory(goal=GoalFactory(partnership=partnership), name="Waterdrinkers")
    first = date(2020, 1, 1)
    Measurement.objects.bulk_create(
        Measurement(indicator=indicator, measured_on=first + timedelta(days=n), value=n)
        for n in range(120)
    )
    client = world.client_for(world.officer)
    page = client.get(reverse("partnerships:goals", args=[partnership.pk])).content.decode()
    assert page.count("meting van ") == 10  # the delete links: ten rows, not 120
    assert "De laatste 10 van 120 metingen." in page
    assert "Laatste meting: 119 % op 29 april 2020." in page
    all_url = reverse("partnerships:measurements", args=[partnership.pk, indicator.pk])
    assert all_url in page
    listed = client.get(all_url)
    assert listed.status_code == 200
    assert len(listed.context["page"].object_list) == 50
    assert listed.context["page"].object_list[0].value == 119  # newest first
    assert list(client.get(all_url, {"pagina": 3}).context["page"].object_list)[-1].value == 0
    outsider = world.client_for(world.officer_other_region)
    assert outsider.get(all_url).status_code == 404


def test_the_partnership_page_shows_the_latest_measurement(world, partnership):
    from datetime import date

    from tests.factories import IndicatorFactory, MeasurementFactory

    indicator = IndicatorFactory(goal=GoalFactory(partnership=partnership))
    MeasurementFactory(indicator=indicator, measured_on=date(2026, 3, 1), value=30)
    MeasurementFactory(indicator=indicator, measured_on=date(2026, 6, 1), value=40)
    MeasurementFactory(indicator=indicator, measured_on=date(2026, 1, 1), value=25)
    page = world.client_for(world.officer).get(partnership.get_absolute_url()).content.decode()
    assert "Laatste meting 40 % (1 juni 2026)" in page
