"""The dashboard, the exports and the PDF overview: scoped counts, links,
constant queries, right column types."""

import csv
import io
import re
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from assessment import workflow
from core.prepared import sql_of
from partnerships.models import ParticipationStatus, Status
from tests.assessment_helpers import answer_all
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    ContributionFactory,
    IndicatorFactory,
    MunicipalityFactory,
    ParticipationFactory,
    PartnershipFactory,
    ThemeFactory,
    phase,
)


@pytest.fixture
def region_data(world):
    """Zwolle: 2 partnerships, Kampen: 1, Tilburg (other region): 3."""
    zwolle = [
        PartnershipFactory(name="Zwolle A", lead_municipality=world.municipality),
        PartnershipFactory(name="Zwolle B", lead_municipality=world.municipality, phase=phase(5)),
    ]
    kampen = PartnershipFactory(name="Kampen A", lead_municipality=world.municipality_same_region)
    tilburg = [
        PartnershipFactory(name=f"Tilburg {i}", lead_municipality=world.municipality_other_region)
        for i in range(3)
    ]
    ContributionFactory(participation__partnership=zwolle[0], hours=10, euros=None)
    ContributionFactory(participation__partnership=tilburg[0], hours=999, euros=None)
    return {"zwolle": zwolle, "kampen": kampen, "tilburg": tilburg}


def figures(response):
    dashboard = response.context["dashboard"]
    return dashboard.total, {bar.label: bar.count for bar in dashboard.charts[2].bars}


def test_coordinator_counts_her_region_only(world, region_data):
    total, per_municipality = figures(world.client_for(world.coordinator).get(reverse("home")))
    assert total == 3
    assert per_municipality == {"Kampen": 1, "Zwolle": 2}
    hours_chart = (
        world.client_for(world.coordinator)
        .get(reverse("home"))
        .context["dashboard"]
        .contributions[0]
    )
    hours = {bar.label: bar.count for bar in hours_chart.bars}
    assert hours["Mensen"] == 10, "Tilburg's 999 hours are another region's"


def test_officer_counts_her_gemeente_only(world, region_data):
    total, per_municipality = figures(world.client_for(world.officer).get(reverse("home")))
    assert total == 2 and per_municipality == {"Zwolle": 2}


def test_other_regions_coordinator_never_sees_this_region(world, region_data):
    total, per_municipality = figures(
        world.client_for(world.coordinator_other_region).get(reverse("home"))
    )
    assert total == 3 and set(per_municipality) == {"Tilburg"}


def test_filters_apply_and_numbers_link_to_the_list_they_count(world, region_data):
    client = world.client_for(world.coordinator)
    response = client.get(reverse("home"), {"municipality": world.municipality.pk})
    total, per_municipality = figures(response)
    assert total == 2
    phase_chart = response.context["dashboard"].charts[0]
    link = next(bar.url for bar in phase_chart.bars if bar.label.startswith("5."))
    listed = client.get(link).context["page"].object_list
    assert [p.name for p in listed] == ["Zwolle B"]


def test_every_phase_and_status_is_shown_also_when_none_is_in_it(world, region_data):
    region_data["kampen"].status = Status.PAUSED
    region_data["kampen"].save()
    dashboard = world.client_for(world.coordinator).get(reverse("home")).context["dashboard"]
    by_phase, by_status = dashboard.charts[0], dashboard.charts[3]
    assert [bar.label.split(".")[0] for bar in by_phase.bars] == [str(n) for n in range(1, 8)]
    assert {bar.label: bar.count for bar in by_phase.bars if bar.count} == {
        f"1. {phase(1).name}": 2,
        f"5. {phase(5).name}": 1,
    }
    assert [(bar.label, bar.count) for bar in by_status.bars] == [
        ("Actief", 2),
        ("Gepauzeerd", 1),
        ("Beëindigd", 0),
    ]


def test_filter_by_period_and_theme(world, region_data):
    region_data["kampen"].start_date = date(2030, 1, 1)
    region_data["kampen"].theme = ThemeFactory(name="Roken")
    region_data["kampen"].save()
    client = world.client_for(world.coordinator)
    assert figures(client.get(reverse("home"), {"end": "2029-12-31"}))[0] == 2
    theme = region_data["kampen"].theme
    assert figures(client.get(reverse("home"), {"theme": theme.pk}))[0] == 1
    bad = client.get(reverse("home"), {"start": "2027-01-01", "end": "2026-01-01"})
    assert "Het einde van de periode ligt vóór het begin." in bad.content.decode()


def test_attention_lists(world, region_data):
    zwolle_a, zwolle_b = region_data["zwolle"]
    # zwolle_a has a private partner without a finalised assessment (from the fixture)
    for _index in range(11):
        ParticipationFactory(partnership=zwolle_b)
    IndicatorFactory(goal__partnership=zwolle_a, target_date=date(2020, 1, 1))
    AgreementFactory(partnership=zwolle_b, signed_on=None)  # zwolle_b is in phase 5
    participation = ParticipationFactory(partnership=region_data["kampen"])
    assessment = workflow.start(participation, world.officer_same_region)
    answer_all(assessment)
    workflow.submit(assessment, world.officer_same_region)
    ActivityFactory(partnership=zwolle_a)

    attention = (
        world.client_for(world.coordinator).get(reverse("home")).context["dashboard"].attention
    )
    assert zwolle_a in attention["unassessed"].items
    assert attention["crowded"].items == [zwolle_b]
    assert attention["indicators"].total == 1
    assert [a.partnership for a in attention["unsigned"].items] == [zwolle_b]
    assert attention["review"].items == [assessment]
    # Nothing in this fresh data set is older than 90 days.
    assert attention["stale"].total == 0

    # The filters apply to the lists too: Zwolle's page shows only Zwolle's.
    zwolle_only = (
        world.client_for(world.coordinator)
        .get(reverse("home"), {"municipality": world.municipality.pk})
        .context["dashboard"]
        .attention
    )
    assert zwolle_only["review"].items == []
    assert zwolle_only["crowded"].items == [zwolle_b]
    assert zwolle_a in zwolle_only["unassessed"].items


def test_dashboard_queries_do_not_grow_with_the_data(world, region_data):
    client = world.client_for(world.coordinator)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("home"))
    for index in range(40):
        partnership = PartnershipFactory(
            lead_municipality=world.municipality_same_region, phase=phase(1 + index % 7)
        )
        ContributionFactory(participation__partnership=partnership)
        ActivityFactory(partnership=partnership)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("home"))
    assert len(large) == len(small)
    assert response.context["dashboard"].total == 43


def test_the_dashboard_costs_a_fixed_number_of_queries(world, region_data):
    """The page with its figures counted afresh (the cache is off in tests),
    query by query: named by the table of their first column."""
    client = world.client_for(world.coordinator)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    texts = [sql_of(q["sql"]) for q in queries]  # a prepared one by its own SQL
    first = [re.match(r'(?:SELECT (?:COUNT\()?"(\w+)"|(\w+))', sql) for sql in texts]
    names = [
        "UNION ALL" if " UNION ALL " in sql else match and (match[1] or match[2])
        for sql, match in zip(texts, first, strict=True)
    ]
    assert names == [
        "django_session",
        "accounts_user",
        # her gemeenten (the filter and the list of them) and the filter's
        # themes, in one prepared query (the partnership list's choices)
        "UNION ALL",
        # the partnerships counted, with their revisions (the figures' cache
        # key; a change makes new facts of that partnership only:
        # dashboard/facts.py)
        "partnerships_partnership",
        "partnerships_phase",
        # their facts, in one query (a UNION ALL): a row each (per status,
        # phase, theme, lead; private partners and those without a finalised
        # assessment; the last closed round and decision), their assessments,
        # contributions, indicators without a measurement, unsigned
        # agreements, open actions and open rounds
        "UNION ALL",
        # the partnerships by name, with the order of their themes' and lead
        # gemeenten's names (only when the figures are made)
        "partnerships_partnership",
        "SAVEPOINT",  # the session's expiry moves on
        "UPDATE",
        "RELEASE",
    ]


def test_csv_export_holds_the_filtered_list(world, region_data):
    response = world.client_for(world.coordinator).get(
        reverse("dashboard:export_csv"), {"municipality": world.municipality.pk}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Naam", "Trekkende gemeente", "GGD-regio"]
    assert sorted(row[0] for row in rows[1:]) == ["Zwolle A", "Zwolle B"]


def test_csv_export_is_written_as_dutch_people_read_it(world, region_data):
    client = world.client_for(world.coordinator)
    rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("dashboard:export_csv")).content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    zwolle_b = dict(zip(rows[0], next(row for row in rows if row[0] == "Zwolle B"), strict=True))
    assert zwolle_b["Startdatum"] == "01-01-2026"  # as the portal shows and reads dates
    # In English, the headers too, separated as English spreadsheet programs expect.
    client.cookies.load({"django_language": "en"})
    english = client.get(reverse("dashboard:export_csv")).content.decode("utf-8-sig")
    assert english.splitlines()[0].startswith("Name,Lead municipality,")


def test_excel_export_has_proper_column_types(world, region_data):
    response = world.client_for(world.coordinator).get(reverse("dashboard:export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    rows = {
        row[0]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert set(rows) == {"Zwolle A", "Zwolle B", "Kampen A"}
    zwolle_b = rows["Zwolle B"]
    # Numbers as numbers, not as text ("5"): Excel keeps every number as a
    # double, which openpyxl reads back as a float.
    assert zwolle_b["Fase (nummer)"] == 5 and isinstance(zwolle_b["Fase (nummer)"], float)
    assert zwolle_b["Startdatum"].date() == date(2026, 1, 1)
    assert isinstance(zwolle_b["Aantal partners"], float)
    start_column = header.index("Startdatum") + 1
    assert sheet.cell(row=2, column=start_column).number_format == "DD-MM-YYYY"
    assert sheet.cell(row=1, column=1).font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=len(header)).column_letter}4"


def test_exports_costs_do_not_grow_per_partnership(world, region_data):
    client = world.client_for(world.coordinator)
    client.get(reverse("dashboard:export_csv"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("dashboard:export_csv"))
    for _index in range(20):
        ParticipationFactory(partnership=PartnershipFactory(lead_municipality=world.municipality))
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("dashboard:export_csv"))
    assert len(large) == len(small)


def test_pdf_overview_holds_the_same_numbers(world, region_data):
    response = world.client_for(world.coordinator).get(reverse("dashboard:pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Overzicht publiek-private samenwerkingen" in text
    assert "3 samenwerkingen" in text
    assert "Tilburg" not in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]


@pytest.mark.parametrize(
    "url_name", ["home", "dashboard:pdf", "dashboard:export_csv", "dashboard:export_xlsx"]
)
def test_anonymous_is_sent_to_login(client, db, url_name):
    assert client.get(reverse(url_name)).status_code == 302


def test_ended_partnerships_are_not_in_the_attention_lists(world, region_data):
    zwolle_a = region_data["zwolle"][0]
    zwolle_a.status = Status.ENDED
    zwolle_a.save()
    attention = (
        world.client_for(world.coordinator).get(reverse("home")).context["dashboard"].attention
    )
    assert zwolle_a not in attention["unassessed"].items


def test_partnership_without_activity_or_change_for_90_days_needs_attention(world, region_data):
    from datetime import timedelta

    from django.utils import timezone

    from partnerships.models import Partnership

    quiet, busy = region_data["zwolle"]
    long_ago = timezone.now() - timedelta(days=120)
    ActivityFactory(partnership=quiet, date=long_ago.date())
    ActivityFactory(partnership=busy, date=timezone.localdate())
    # Recording an activity is a change; here both were last changed long ago.
    Partnership.objects.filter(pk__in=[quiet.pk, busy.pk]).update(
        updated_at=long_ago, last_activity_at=long_ago
    )
    stale = (
        world.client_for(world.coordinator)
        .get(reverse("home"))
        .context["dashboard"]
        .attention["stale"]
    )
    assert stale.items == [quiet]


def test_assessment_numbers_link_to_the_assessments_they_count(world, region_data):
    participation = ParticipationFactory(partnership=region_data["zwolle"][0])
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator)
    client = world.client_for(world.coordinator)
    chart = client.get(reverse("home")).context["dashboard"].assessment_outcome
    bar = next(b for b in chart.bars if b.label == "Samenwerken")
    assert bar.count == 1
    listed = client.get(bar.url).context["assessments"]
    assert listed == [assessment]


def test_export_lists_partners_and_the_outcomes_of_their_final_assessments(world, region_data):
    partnership = region_data["zwolle"][0]
    participation = ParticipationFactory(
        partnership=partnership, organisation__name="Aaa Supermarkt"
    )
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment, overrides={"A1": "Ja"})
    workflow.submit(assessment, world.officer)
    workflow.finalise(assessment, world.coordinator)
    response = world.client_for(world.officer).get(reverse("dashboard:export_csv"))
    rows = {
        row[0]: row
        for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    }
    zwolle_a = rows["Zwolle A"]
    assert "Aaa Supermarkt" in zwolle_a[10]
    assert zwolle_a[11] == "Aaa Supermarkt: Niet samenwerken"
    assert zwolle_a[9] == "2"


def listed_count(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    if "page" in response.context:
        return response.context["page"].paginator.count
    return response.context["page"].paginator.count


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"municipality": "zwolle"},
        {"start": "2026-06-01", "end": "2026-12-31"},
        {"theme": "roken", "start": "2020-01-01"},
    ],
)
def test_every_number_links_to_a_list_of_exactly_that_many(world, region_data, filters):
    kampen = region_data["kampen"]
    kampen.theme = ThemeFactory(name="Roken")
    kampen.planned_end_date = date(2026, 3, 1)  # ended before the period above
    kampen.save()
    region_data["zwolle"][1].participating_municipalities.add(world.municipality_same_region)
    participation = ParticipationFactory(partnership=region_data["zwolle"][0])
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    params = {
        **filters,
        **({"municipality": world.municipality.pk} if "municipality" in filters else {}),
        **({"theme": kampen.theme.pk} if "theme" in filters else {}),
    }
    client = world.client_for(world.coordinator)
    dashboard = client.get(reverse("home"), params).context["dashboard"]
    assert listed_count(client, dashboard.total_url) == dashboard.total
    bars = [
        bar
        for chart in [*dashboard.charts, dashboard.assessment_status, dashboard.assessment_outcome]
        for bar in chart.bars
    ]
    assert any(bar.count for bar in bars)
    for bar in bars:
        assert listed_count(client, bar.url) == bar.count, bar
    review = dashboard.attention["review"]
    assert listed_count(client, dashboard.review_url) == review.total


def test_an_officer_gets_links_for_her_own_gemeente_as_lead_only(world, region_data):
    kampen = region_data["kampen"]
    kampen.participating_municipalities.add(world.municipality)
    client = world.client_for(world.officer)
    dashboard = client.get(reverse("home")).context["dashboard"]
    leads = {bar.label: bar for bar in dashboard.charts[2].bars}
    assert set(leads) == {"Zwolle", "Kampen"}
    assert leads["Kampen"].url == "", "her list cannot filter on another gemeente"
    assert listed_count(client, leads["Zwolle"].url) == leads["Zwolle"].count == 2


def test_exports_keep_names_that_look_like_formulas_as_text(world, region_data):
    PartnershipFactory(name='=HYPERLINK("http://x")', lead_municipality=world.municipality)
    client = world.client_for(world.coordinator)
    rows = csv.reader(
        io.StringIO(client.get(reverse("dashboard:export_csv")).content.decode("utf-8-sig")),
        delimiter=";",
    )
    assert '\'=HYPERLINK("http://x")' in [row[0] for row in rows]
    sheet = load_workbook(io.BytesIO(client.get(reverse("dashboard:export_xlsx")).content)).active
    cell = next(c for c in sheet["A"] if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"


def test_exports_leave_withdrawn_partners_out_as_the_list_does(world, region_data):
    zwolle_a = region_data["zwolle"][0]
    ParticipationFactory(
        partnership=zwolle_a,
        organisation__name="Teruggetrokken BV",
        status=ParticipationStatus.WITHDRAWN,
    )
    response = world.client_for(world.coordinator).get(reverse("dashboard:export_csv"))
    rows = {
        row[0]: row
        for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    }
    assert "Teruggetrokken BV" not in rows["Zwolle A"][10]
    assert rows["Zwolle A"][9] == "1"


def test_the_list_offers_itself_as_csv_and_excel_with_its_filters(world, region_data):
    client = world.client_for(world.coordinator)
    response = client.get(reverse("partnerships:list"), {"phase": phase(5).pk})
    assert [p.name for p in response.context["page"].object_list] == ["Zwolle B"]
    html = response.content.decode()
    export = re.search(r'href="([^"]*export\.csv[^"]*)"', html).group(1).replace("&amp;", "&")
    rows = list(
        csv.reader(io.StringIO(client.get(export).content.decode("utf-8-sig")), delimiter=";")
    )
    assert [row[0] for row in rows[1:]] == ["Zwolle B"]
    assert "export.xlsx?phase=" in html


def test_contribution_numbers_link_to_the_partnerships_they_come_from(world, region_data):
    client = world.client_for(world.coordinator)
    hours, euros = client.get(reverse("home")).context["dashboard"].contributions
    people = next(bar for bar in hours.bars if bar.label == "Mensen")
    assert people.count == 10
    listed = client.get(people.url).context["page"].object_list
    assert [p.name for p in listed] == ["Zwolle A"]
    assert [bar.label for bar in euros.bars] == [bar.label for bar in hours.bars]


def test_the_pdf_overview_holds_every_number_of_the_screen(world, region_data):
    client = world.client_for(world.coordinator)
    params = {"municipality": world.municipality.pk}
    dashboard = client.get(reverse("home"), params).context["dashboard"]
    reader = PdfReader(io.BytesIO(client.get(reverse("dashboard:pdf"), params).content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    charts = [
        *dashboard.charts,
        dashboard.assessment_status,
        dashboard.assessment_outcome,
        *dashboard.contributions,
    ]
    for chart in charts:
        assert chart.title in text
        for bar in chart.bars:
            assert f"{bar.label[:20]}" in text
    counts = re.findall(r"\d+", text)
    for chart in charts:
        for bar in chart.bars:
            # Sums of hours are decimals ("10.0" on PostgreSQL); the PDF prints 10.
            assert f"{Decimal(bar.count).normalize():f}" in counts, (chart.title, bar)
    for section in dashboard.attention.values():
        assert f"{section.title} {section.total}" in text
    for figure in dashboard.follow_up:  # "Evaluatie en besluit"
        assert f"{figure.title} {figure.total}" in text


def test_the_spreadsheet_holds_the_numbers_of_the_screen(world, region_data):
    region_data["kampen"].status = Status.PAUSED
    region_data["kampen"].save()
    client = world.client_for(world.coordinator)
    params = {"start": "2026-01-01"}
    dashboard = client.get(reverse("home"), params).context["dashboard"]
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("dashboard:export_xlsx"), params).content)
    ).active
    header = [cell.value for cell in sheet[1]]
    rows = [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert len(rows) == dashboard.total == 3

    def shown(chart):
        return {bar.label: bar.count for bar in chart.bars if bar.count}

    # The phase's number as a number (Excel keeps it as a double: 5.0 is 5).
    by_phase = Counter(f"{row['Fase (nummer)']:g}. {row['Fase']}" for row in rows)
    assert by_phase == shown(dashboard.charts[0])
    assert Counter(row["Thema"] for row in rows) == shown(dashboard.charts[1])
    assert Counter(row["Trekkende gemeente"] for row in rows) == shown(dashboard.charts[2])
    assert Counter(row["Status"] for row in rows) == shown(dashboard.charts[3])


def test_the_pdf_overview_of_the_whole_country_fits_its_page(world, region_data):
    for index in range(30):
        gemeente = MunicipalityFactory(name=f"Gemeente {index:02d}", region=world.other_region)
        for _repeat in range(1 + index % 3):
            PartnershipFactory(lead_municipality=gemeente)
    client = world.client_for(world.administrator)
    leads = client.get(reverse("home")).context["dashboard"].charts[2]
    assert len(leads.bars) == 33
    reader = PdfReader(io.BytesIO(client.get(reverse("dashboard:pdf")).content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert len(reader.pages) == 1
    printed = leads.largest()
    assert len(printed.bars) == 12 and printed.bars[-1].label == "Overige 22"
    assert sum(bar.count for bar in printed.bars) == sum(bar.count for bar in leads.bars)
    assert "Overige 22" in text


def _options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select[1])


@pytest.mark.parametrize("persona", ["officer", "coordinator", "administrator"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_dashboards_filters_offer_what_the_list_offers(world, persona, language):
    """The dashboard's gemeenten and themes (the list's prepared choices, or
    the fields' own for the beheerder) are the list's, in the same order,
    in the reader's language; the page names the same gemeenten."""
    ThemeFactory(name="Zorg en welzijn")
    client = world.client_for(getattr(world, persona))
    client.cookies["django_language"] = language
    dashboard = client.get(reverse("home")).content.decode()
    listed = client.get(reverse("partnerships:list")).content.decode()
    for name in ("municipality", "theme"):
        assert _options(dashboard, name) == _options(listed, name)
        assert _options(dashboard, name)
    gemeenten = re.findall(r'<a href="/gemeenten/(\d+)/">([^<]*)</a>', dashboard)
    assert gemeenten == _options(dashboard, "municipality")
    names = [name for _pk, name in _options(dashboard, "municipality")]
    assert (
        names
        == {
            "officer": ["Zwolle"],
            "coordinator": ["Kampen", "Zwolle"],
            "administrator": ["Kampen", "Tilburg", "Zwolle"],
        }[persona]
    )
    if language == "nl":  # the themes by their Dutch name, whatever the language
        themes = [name for _pk, name in _options(dashboard, "theme")]
        assert "Zorg en welzijn" in themes and themes == sorted(themes)
