"""The filters on lists of partnerships (partnerships/filters.py): the list's,
the exports' and the dashboard's, as plain functions over a queryset."""

import datetime

from partnerships.filters import (
    active_in_period,
    apply_list_filters,
    filter_partnerships,
    involving_municipality,
)
from partnerships.models import ContributionType, Partnership
from tests.factories import (
    ContributionFactory,
    ParticipationFactory,
    PartnershipFactory,
    ThemeFactory,
)


def names(queryset):
    return sorted(queryset.values_list("name", flat=True))


def test_a_gemeente_is_involved_as_lead_or_as_participant_once(world):
    PartnershipFactory(
        name="Leads",
        lead_municipality=world.municipality,
        participating_municipalities=[
            world.municipality_same_region,
            world.municipality_other_region,
        ],
    )
    PartnershipFactory(
        name="Takes part",
        lead_municipality=world.municipality_same_region,
        participating_municipalities=[world.municipality, world.municipality_other_region],
    )
    PartnershipFactory(name="Elsewhere", lead_municipality=world.municipality_same_region)
    found = involving_municipality(Partnership.objects.all(), world.municipality)
    assert names(found) == ["Leads", "Takes part"]  # each once, however many participants


def test_the_period_keeps_partnerships_active_at_some_time_in_it(world):
    day = datetime.date
    PartnershipFactory(
        name="Before", start_date=day(2020, 1, 1), planned_end_date=day(2020, 12, 31)
    )
    PartnershipFactory(
        name="Overlaps", start_date=day(2020, 6, 1), planned_end_date=day(2022, 1, 1)
    )
    PartnershipFactory(name="After", start_date=day(2023, 1, 1), planned_end_date=None)
    PartnershipFactory(name="Undated", start_date=None, planned_end_date=None)
    found = active_in_period(Partnership.objects.all(), day(2021, 1, 1), day(2022, 6, 30))
    assert names(found) == ["Overlaps", "Undated"]
    assert names(active_in_period(Partnership.objects.all())) == [
        "After",
        "Before",
        "Overlaps",
        "Undated",
    ]


def test_the_dashboards_filters_combine_gemeente_and_theme(world):
    food = ThemeFactory(name="Voeding")
    PartnershipFactory(name="Food in Zwolle", lead_municipality=world.municipality, theme=food)
    PartnershipFactory(name="Other theme", lead_municipality=world.municipality)
    PartnershipFactory(
        name="Food in Kampen", lead_municipality=world.municipality_same_region, theme=food
    )
    found = filter_partnerships(
        Partnership.objects.all(), municipality=world.municipality, theme=food
    )
    assert names(found) == ["Food in Zwolle"]


def test_the_lists_filters_search_lead_and_contribution(world):
    with_hours = PartnershipFactory(
        name="Gezonde kantine", lead_municipality=world.municipality, societal_goal="Water drinken"
    )
    ContributionFactory(
        participation=ParticipationFactory(partnership=with_hours), type=ContributionType.MEANS
    )
    PartnershipFactory(
        name="Beweegtuin",
        lead_municipality=world.municipality_same_region,
        participating_municipalities=[world.municipality],
    )
    everything = Partnership.objects.all()
    assert names(apply_list_filters(everything, {"q": "water"})) == ["Gezonde kantine"]
    assert names(apply_list_filters(everything, {"municipality": world.municipality})) == [
        "Beweegtuin",
        "Gezonde kantine",
    ]
    assert names(apply_list_filters(everything, {"lead": world.municipality})) == [
        "Gezonde kantine"
    ]
    assert names(apply_list_filters(everything, {"contribution": ContributionType.MEANS})) == [
        "Gezonde kantine"
    ]
    assert names(apply_list_filters(everything, {})) == ["Beweegtuin", "Gezonde kantine"]
