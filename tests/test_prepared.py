"""Queries compiled once per process (core.prepared): they give what the ORM
gives, in its order and types, for any key, and are compiled only once."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import F, QuerySet

from core.lookups import OneOf
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


def _contributions_of(keys):
    return (
        Contribution.objects.filter(OneOf(F("participation__partnership_id"), keys))
        .order_by("participation__partnership_id", "pk")
        .values_list("participation__partnership_id", "type", "euros")
    )


def _activities_of(keys):
    return (
        Activity.objects.filter(OneOf(F("partnership_id"), keys))
        .order_by("partnership_id", "-date", "pk")
        .values_list("partnership_id", "date")
    )


def test_a_bundle_of_many_keys_gives_each_list_for_any_list_of_keys(db, django_assert_num_queries):
    first, second, third = PartnershipFactory(), PartnershipFactory(), PartnershipFactory()
    for partnership in (first, second, third):
        ContributionFactory(participation__partnership=partnership, type="geld")
        ActivityFactory(partnership=partnership, date=date(2026, 5, partnership.pk % 28 + 1))
    bundle = Bundle(many=True, contributions=_contributions_of, activities=_activities_of)
    for keys in ([first.pk, third.pk], [second.pk], [], [first.pk, second.pk, third.pk]):
        with django_assert_num_queries(1):
            rows = bundle.rows(keys)
        assert rows == {
            "contributions": list(_contributions_of(keys)),
            "activities": list(_activities_of(keys)),
        }
    assert {partnership for partnership, _type, _euros in rows["contributions"]} == {
        first.pk,
        second.pk,
        third.pk,
    }
    assert len(bundle._compiled) == 1  # one vendor, one language: compiled once


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


def test_the_query_log_can_be_read_back_as_sql(db):
    """``sql_of``: a prepared statement's run (``EXECUTE pps_statement_N``
    on PostgreSQL) read as the SQL it runs; other queries as they are."""
    from django.test.utils import CaptureQueriesContext

    from core.prepared import sql_of

    partnership = PartnershipFactory()
    prepared = Prepared(_contributions)
    with CaptureQueriesContext(connection) as queries:
        prepared.rows(partnership.pk)
    (logged,) = [q["sql"] for q in queries]
    assert '"partnerships_contribution"' in sql_of(logged)
    assert sql_of("SELECT 1") == "SELECT 1"
