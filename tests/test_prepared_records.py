"""Records read through ``core.prepared.PreparedRecords``: an object page's
record with what it points to, compiled once per process and kind of
reader. They must be exactly what the ORM's ``select_related`` gives, to the
same readers, with the same 404s."""

import pytest
from django.db.models import QuerySet
from django.http import Http404
from django.utils import translation

from accounts.scoping import Scope, get_record_for_user, records_in_scope
from assessment import workflow
from assessment.models import Assessment
from assessment.querysets import with_siblings_for_user
from assessment.views.assessments import SHOWN as ASSESSMENT_PAGE
from core.prepared import PreparedRecords
from partnerships.models import Partnership
from partnerships.querysets import get_partnership_for_user
from partnerships.views.common import SUB_PAGES
from partnerships.views.partnerships import SHOWN as PARTNERSHIP_PAGE
from tests.assessment_helpers import answer_all
from tests.conftest import PERSONAS
from tests.factories import (
    OfficerFactory,
    ParticipationFactory,
    PartnershipFactory,
    ThemeFactory,
)

READERS = PERSONAS
ASSESSMENT_RELATED = (
    "participation",
    "participation__organisation",
    "participation__partnership",
    "participation__partnership__lead_municipality",
    "version",
    "version__questionnaire",
    "author",
    "reviewer",
)


def _values(record) -> dict:
    return {field.attname: getattr(record, field.attname) for field in record._meta.concrete_fields}


def _same(found, expected, paths):
    """Each record and every record it points to along ``paths`` hold the
    same values (or are both absent)."""
    assert [r.pk for r in found] == [r.pk for r in expected]
    for mine, theirs in zip(found, expected, strict=True):
        assert _values(mine) == _values(theirs)
        for path in paths:
            a, b = mine, theirs
            for step in path.split("__"):
                a, b = getattr(a, step), getattr(b, step)
            assert (a is None) == (b is None), path
            if a is not None:
                assert type(a) is type(b)
                assert _values(a) == _values(b), path


@pytest.fixture
def chain(world):
    """A partnership led by Zwolle in which Kampen takes part, with a
    partner assessed three times: finalised, in review and a draft."""
    partnership = PartnershipFactory(
        lead_municipality=world.municipality,
        participating_municipalities=[world.municipality_same_region],
    )
    participation = ParticipationFactory(partnership=partnership)
    final = answer_all(workflow.start(participation, world.officer))
    workflow.submit(final, world.officer)
    workflow.finalise(final, world.coordinator, "Akkoord.")
    in_review = answer_all(workflow.start(participation, world.officer))
    workflow.submit(in_review, world.officer)
    draft = workflow.start(participation, world.officer)
    return partnership, [final, in_review, draft]


@pytest.mark.parametrize("reader", READERS)
def test_an_assessment_page_reads_what_select_related_gives_to_every_reader(
    world, chain, reader, django_assert_num_queries
):
    user = getattr(world, reader)
    _partnership, assessments = chain
    for assessment in assessments:
        expected = list(
            Assessment.objects.select_related(*ASSESSMENT_RELATED)
            .filter(participation__assessments=assessment.pk)
            .visible_to(user)
            .order_by("-created_at", "-pk")
        )
        if all(e.pk != assessment.pk for e in expected):
            with pytest.raises(Http404):
                with_siblings_for_user(user, assessment.pk, records=ASSESSMENT_PAGE)
            continue
        with django_assert_num_queries(1):  # the records they point to come along
            _found, siblings = with_siblings_for_user(user, assessment.pk, records=ASSESSMENT_PAGE)
            _same(siblings, expected, ASSESSMENT_RELATED)
        # One record of a key that brings its siblings: that one, not the newest.
        assert get_record_for_user(user, ASSESSMENT_PAGE, assessment.pk).pk == assessment.pk
    # Who sees what: the lead gemeente and the region everything, a gemeente
    # taking part only what is finalised, another region nothing.
    seen = records_in_scope(user, ASSESSMENT_PAGE, assessments[0].pk)
    expected_count = {
        "officer": 3,
        "coordinator": 3,
        "administrator": 3,
        "officer_same_region": 1,
        "officer_other_region": 0,
        "coordinator_other_region": 0,
    }[reader]
    assert len(seen) == expected_count


@pytest.mark.parametrize(
    ("records", "related"),
    [
        (PARTNERSHIP_PAGE, ("theme", "phase", "lead_municipality")),
        (SUB_PAGES, ("phase", "lead_municipality", "lead_municipality__region", "theme")),
    ],
    ids=["its page", "its own pages"],
)
@pytest.mark.parametrize("reader", READERS)
def test_a_partnership_page_reads_what_select_related_gives_to_every_reader(
    world, chain, reader, records, related, django_assert_num_queries
):
    user = getattr(world, reader)
    partnership, _assessments = chain
    elsewhere = PartnershipFactory(lead_municipality=world.municipality_other_region)
    # Zwolle leads the first, Kampen takes part; Tilburg leads the other.
    sees = {
        "officer": {partnership},
        "officer_same_region": {partnership},
        "officer_other_region": {elsewhere},
        "coordinator": {partnership},
        "coordinator_other_region": {elsewhere},
        "administrator": {partnership, elsewhere},
    }[reader]
    assert {
        p for p in (partnership, elsewhere) if records_in_scope(user, PARTNERSHIP_PAGE, p.pk)
    } == sees
    for pk in (partnership.pk, elsewhere.pk):
        try:
            expected = get_partnership_for_user(
                user,
                pk,
                queryset=Partnership.objects.select_related(*related),
            )
        except Http404:
            with pytest.raises(Http404):
                get_record_for_user(user, records, pk)
            continue
        with django_assert_num_queries(1):
            found = get_record_for_user(user, records, pk)
            _same([found], [expected], related)
            assert found.theme.name and found.phase.name


def test_a_reader_without_a_scope_gets_nothing_without_a_query(
    db, chain, django_assert_num_queries
):
    partnership, _assessments = chain
    nobody = OfficerFactory(municipality=partnership.lead_municipality, is_active=False)
    with django_assert_num_queries(0):
        assert records_in_scope(nobody, PARTNERSHIP_PAGE, partnership.pk) == []


def test_compiled_once_per_kind_of_reader_and_language(world, chain):
    partnership, _assessments = chain
    built = []

    def build(key, kind, ident):
        built.append(kind)
        return Partnership.objects.filter(pk=key).in_scope(Scope.of(kind, ident))

    records = PreparedRecords(build, related=("theme",))
    for user in (
        world.officer,
        world.officer_same_region,
        world.officer_other_region,
        world.coordinator,
        world.coordinator_other_region,
        world.officer,
    ):
        records_in_scope(user, records, partnership.pk)
    assert built == ["municipality", "region"]
    with translation.override("en"):
        records_in_scope(world.officer, records, partnership.pk)
    assert built == ["municipality", "region", "municipality"]


def test_a_translated_record_it_points_to_speaks_the_readers_language(world):
    theme = ThemeFactory(name="Gezond gewicht")
    QuerySet(type(theme)).filter(pk=theme.pk).update(
        name_nl="Gezond gewicht", name_en="Healthy weight"
    )
    partnership = PartnershipFactory(lead_municipality=world.municipality, theme=theme)
    for language, name in (
        ("nl", "Gezond gewicht"),
        ("en", "Healthy weight"),
        ("nl", "Gezond gewicht"),
    ):
        with translation.override(language):
            found = get_record_for_user(world.officer, PARTNERSHIP_PAGE, partnership.pk)
            assert str(found.theme.name) == name


def test_a_number_longer_than_any_key_is_no_record(world, client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert records_in_scope(world.officer, PARTNERSHIP_PAGE, 2**63) == []
    with django_assert_num_queries(1):  # the largest key there can be: asked, none found
        assert records_in_scope(world.officer, PARTNERSHIP_PAGE, 2**63 - 1) == []
    client.force_login(world.officer)
    assert client.get("/samenwerkingen/99999999999999999999999/").status_code == 404
    assert client.get("/afwegingen/99999999999999999999999/").status_code == 404
