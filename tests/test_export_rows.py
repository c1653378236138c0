"""The rows and files of the export (dashboard/exports.py), apart from the
download views: which partnerships, in which order, with which outcomes."""

import csv
import io

from django.http import QueryDict

from assessment import workflow
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


def test_the_rows_cost_two_queries(world, django_assert_num_queries):
    """The partnerships, then their partners with their finalised assessments."""
    for name in ("Een", "Twee"):
        ParticipationFactory(
            partnership=PartnershipFactory(name=name, lead_municipality=world.municipality)
        )
    with django_assert_num_queries(2):
        rows = list(export_rows(Partnership.objects.all()))
    assert [row["partner_count"] for row in rows] == [1, 1]
