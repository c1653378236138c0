"""The rows and files of the export (dashboard/exports.py), apart from the
download views: which partnerships, in which order, with which outcomes."""

import csv
import io
from datetime import UTC, datetime

from django.http import QueryDict
from django.utils import translation

from assessment import workflow
from assessment.models import Assessment, Outcome
from dashboard.exports import chosen_partnerships, csv_bytes, export_rows
from partnerships.models import Partnership
from tests.assessment_helpers import answer_all
from tests.factories import ParticipationFactory, PartnershipFactory


def test_rows_hold_partners_and_only_finalised_outcomes(world):
    partnership = PartnershipFactory(name="Gezonde school", lead_municipality=world.municipality)
    final = workflow.start(
        ParticipationFactory(partnership=partnership, organisation__name="Bakker"), world.officer
    )
    answer_all(final)
    workflow.submit(final, world.officer)
    workflow.finalise(final, world.coordinator, "Akkoord")
    draft = workflow.start(
        ParticipationFactory(partnership=partnership, organisation__name="Appel"), world.officer
    )
    answer_all(draft)
    PartnershipFactory(name="Andere", lead_municipality=world.municipality_same_region)
    rows = list(export_rows(Partnership.objects.filter(pk=partnership.pk)))
    assert len(rows) == 1
    row = rows[0]
    assert (row["name"], row["lead"], row["partner_count"]) == ("Gezonde school", "Zwolle", 2)
    assert row["partners"] == "Appel; Bakker"
    assert row["outcomes"].startswith("Bakker: ")
    assert "Appel" not in row["outcomes"]  # a draft has no outcome yet


def _finalised(participation, world, *, at, outcome):
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator, "Akkoord")
    Assessment.objects.filter(pk=assessment.pk).update(
        finalised_at=datetime(2026, 3, at, tzinfo=UTC), outcome=outcome
    )


def test_outcomes_give_each_partners_newest_in_the_order_of_their_first(world):
    """Per partner the outcome of its newest final assessment (of two at the
    same moment, the later one), the partners in the order of their first."""
    partnership = PartnershipFactory(name="Gezonde school", lead_municipality=world.municipality)
    appel = ParticipationFactory(partnership=partnership, organisation__name="Appel")
    bakker = ParticipationFactory(partnership=partnership, organisation__name="Bakker")
    clown = ParticipationFactory(partnership=partnership, organisation__name="Clown")
    _finalised(bakker, world, at=1, outcome=Outcome.DECLINE)
    _finalised(appel, world, at=2, outcome=Outcome.CONDITIONS)
    _finalised(bakker, world, at=3, outcome=Outcome.COLLABORATE)
    _finalised(clown, world, at=2, outcome=Outcome.DECLINE)
    _finalised(clown, world, at=2, outcome=Outcome.CONDITIONS)
    with translation.override("nl"):
        (row,) = export_rows(Partnership.objects.filter(pk=partnership.pk))
    assert row["partners"] == "Appel; Bakker; Clown"
    assert row["outcomes"] == (
        "Bakker: Samenwerken; Appel: Samenwerken onder voorwaarden; "
        "Clown: Samenwerken onder voorwaarden"
    )


def test_the_export_holds_what_the_user_may_see_with_the_lists_filters(world):
    PartnershipFactory(name="Zwolle leidt", lead_municipality=world.municipality)
    PartnershipFactory(name="Kampen leidt", lead_municipality=world.municipality_same_region)
    PartnershipFactory(name="Tilburg leidt", lead_municipality=world.municipality_other_region)
    officer = chosen_partnerships(world.officer, QueryDict(""))
    assert sorted(officer.values_list("name", flat=True)) == ["Zwolle leidt"]
    coordinator = chosen_partnerships(
        world.coordinator, QueryDict(f"lead={world.municipality_same_region.pk}")
    )
    assert sorted(coordinator.values_list("name", flat=True)) == ["Kampen leidt"]
    rows = [r["name"] for r in export_rows(chosen_partnerships(world.coordinator, QueryDict("")))]
    assert rows == ["Kampen leidt", "Zwolle leidt"]  # by lead gemeente, then name


def test_a_name_that_looks_like_a_formula_stays_text_in_the_csv(world):
    PartnershipFactory(name="=HYPERLINK(1)", lead_municipality=world.municipality)
    content = csv_bytes(export_rows(Partnership.objects.all())).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert table[1][0] == "'=HYPERLINK(1)"


def test_the_rows_cost_three_queries(world, django_assert_num_queries):
    """The partnerships in the export's order with their revisions, then
    their rows: the partnerships, their partners with their finalised
    assessments."""
    for name in ("Een", "Twee"):
        ParticipationFactory(
            partnership=PartnershipFactory(name=name, lead_municipality=world.municipality)
        )
    with django_assert_num_queries(3):
        rows = list(export_rows(Partnership.objects.all()))
    assert [row["partner_count"] for row in rows] == [1, 1]


def test_after_a_change_only_that_partnerships_row_is_read_again(world, cache_on, monkeypatch):
    from dashboard import exports

    first, second = (
        PartnershipFactory(name=name, lead_municipality=world.municipality)
        for name in ("Een", "Twee")
    )
    read = []
    original = exports.rows_of
    monkeypatch.setattr(
        exports, "rows_of", lambda keys: read.append(sorted(keys)) or original(keys)
    )
    assert [row["partner_count"] for row in export_rows(Partnership.objects.all())] == [0, 0]
    ParticipationFactory(partnership=second)  # raises the second's revision
    rows = export_rows(Partnership.objects.all())
    assert read == [sorted([first.pk, second.pk]), [second.pk]]
    assert [(row["name"], row["partner_count"]) for row in rows] == [("Een", 0), ("Twee", 1)]
