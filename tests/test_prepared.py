"""Queries compiled once per process (core.prepared): they give what the ORM
gives, in its order and types, for any key, and are compiled only once."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import QuerySet

from core.prepared import Bundle, Prepared
from partnerships.models import Activity, Contribution, Phase
from tests.factories import (
    ActivityFactory,
    ContributionFactory,
    ParticipationFactory,
    PartnershipFactory,
)


def _contributions(key):
    return (
        Contribution.objects.filter(participation__partnership=key)
        .order_by("-type", "pk")
        .values_list("type", "hours", "euros")
    )


def _activities(key):
    return (
        Activity.objects.filter(partnership=key)
        .order_by("-date", "-pk")
        .values_list("date", "title")
    )


def _phases(key):
    return QuerySet(Phase).order_by("-number").values_list("number", "name_nl")


def test_a_prepared_query_gives_what_the_orm_gives_for_any_key(db, django_assert_num_queries):
    first, second = PartnershipFactory(), PartnershipFactory()
    participation = ParticipationFactory(partnership=first)
    ContributionFactory(participation=participation, type="geld", euros=Decimal("12.50"))
    ContributionFactory(participation=participation, type="mensen", hours=Decimal("4.5"))
    ContributionFactory(participation=ParticipationFactory(partnership=second), type="geld")
    prepared = Prepared(_contributions)
    for partnership in (first, second, first):
        with django_assert_num_queries(1):
            rows = prepared.rows(partnership.pk)
        assert rows == list(_contributions(partnership.pk))
    assert any(isinstance(euros, Decimal) for _type, _hours, euros in rows)
    assert len(prepared._compiled) == 1  # one vendor, one language: compiled once


def test_a_bundle_gives_each_list_in_its_own_order_in_one_query(db, django_assert_num_queries):
    partnership = PartnershipFactory()
    ContributionFactory(participation__partnership=partnership, type="geld")
    ContributionFactory(participation__partnership=partnership, type="mensen")
    for day in (3, 1, 2):
        ActivityFactory(partnership=partnership, date=date(2026, 5, day))
    ActivityFactory(date=date(2026, 5, 9))  # another partnership's
    bundle = Bundle(contributions=_contributions, activities=_activities, phases=_phases)
    with django_assert_num_queries(1):
        rows = bundle.rows(partnership.pk)
    assert rows == {
        "contributions": list(_contributions(partnership.pk)),
        "activities": list(_activities(partnership.pk)),
        "phases": list(_phases(partnership.pk)),
    }
    assert [day for day, _title in rows["activities"]] == [
        date(2026, 5, 3),
        date(2026, 5, 2),
        date(2026, 5, 1),
    ]
    # An empty list comes back empty, the others still whole.
    other = PartnershipFactory()
    assert bundle.rows(other.pk)["activities"] == []
    assert bundle.rows(other.pk)["phases"] == rows["phases"]
    assert (connection.vendor, "nl") in bundle._compiled


def test_a_prepared_query_runs_again_on_a_new_connection(transactional_db):
    """On PostgreSQL a statement is prepared once per connection; a new
    connection (after the old one was closed) prepares it again."""
    partnership = PartnershipFactory()
    ContributionFactory(participation__partnership=partnership, type="geld")
    prepared = Prepared(_contributions)
    first = prepared.rows(partnership.pk)
    connection.close()
    assert prepared.rows(partnership.pk) == first == list(_contributions(partnership.pk))


def test_queries_planned_once_give_what_the_orm_gives(db):
    """``planned_once``: the ORM's queries, prepared on PostgreSQL the first
    time their SQL comes, give the same rows for other values too."""
    from core.prepared import planned_once

    first, second = PartnershipFactory(name="Een 100% fit"), PartnershipFactory()
    for partnership in (first, second, first):
        query = Activity.objects.filter(partnership=partnership).select_related("partnership")
        ActivityFactory(partnership=partnership, title="50% meer")
        with planned_once():
            found = list(query.filter(title__contains="%").order_by("pk"))
        assert found == list(query.filter(title__contains="%").order_by("pk"))
        assert found[0].partnership.name == partnership.name
