"""core.lookups.OneOf: a list of keys as one query parameter keeps the same
rows as ``__in``, on SQLite and on PostgreSQL."""

from django.db.models import F

from core.lookups import OneOf
from partnerships.models import Participation, Partnership
from tests.factories import ParticipationFactory, PartnershipFactory


def test_one_of_keeps_the_rows_whose_key_is_in_the_list(db):
    first, second, third = PartnershipFactory.create_batch(3)
    chosen = Partnership.objects.filter(OneOf(F("pk"), [first.pk, third.pk]))
    assert set(chosen) == {first, third}
    assert set(chosen) == set(Partnership.objects.filter(pk__in=[first.pk, third.pk]))
    assert second not in chosen


def test_one_of_follows_a_relation_and_an_empty_list_keeps_nothing(db):
    kept = ParticipationFactory()
    ParticipationFactory()
    related = OneOf(F("partnership_id"), [kept.partnership_id])
    assert list(Participation.objects.filter(related)) == [kept]
    assert not Participation.objects.filter(OneOf(F("partnership_id"), [])).exists()
