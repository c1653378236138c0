"""The query budget at national scale: every page and download costs the same
number of queries with the country's data (``load_demo --national``) as with
the demo data alone.

One test, because loading the country takes half a minute: it counts each
page's queries on the demo data, loads the national data set on top, checks
its size and counts again. Pages are never cached; the dashboard's figures
and the exports are, but the cache is off here (as in every test but the
cache tests), so every count is that of a page gathered afresh."""

import os

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role, User
from assessment.models import Answer, Assessment, AssessmentStatus
from organisations.models import Organisation
from partnerships.models import Activity, Participation, Partnership
from regions.models import Municipality
from tests.demo_helpers import load_demo

# Skipped unless asked for (tests/conftest.py): CI runs it once, on PostgreSQL.
pytestmark = [pytest.mark.national, pytest.mark.django_db(transaction=True)]


def pages() -> dict[str, str]:
    """What a coordinator of IJsselland opens, on records of the demo."""
    assessment = (
        Assessment.objects.filter(
            status=AssessmentStatus.FINAL,
            participation__partnership__lead_municipality__name="Zwolle",
        )
        .order_by("pk")
        .first()
    )
    partnership = assessment.participation.partnership
    return {
        "dashboard": reverse("home"),
        "dashboard, filtered": reverse("home")
        + f"?municipality={partnership.lead_municipality_id}",
        "list": reverse("partnerships:list"),
        "list, page 2": reverse("partnerships:list") + "?pagina=2",
        "partnership": partnership.get_absolute_url(),
        "assessment": assessment.get_absolute_url(),
        "outcome": reverse("assessment:outcome", args=[assessment.pk]),
        "assessment history": reverse("assessment:history", args=[assessment.pk]),
        "review queue": reverse("assessment:list"),
        "export CSV": reverse("dashboard:export_csv"),
        "export Excel": reverse("dashboard:export_xlsx"),
        "PDF overview": reverse("dashboard:pdf"),
        "PDF advice": reverse("assessment:report_pdf", args=[assessment.pk]),
    }


def query_counts(client, urls) -> dict[str, int]:
    counts = {}
    for name, url in urls.items():
        client.get(url)  # the session is settled, as on any later visit
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_every_page_costs_the_same_queries_with_the_whole_country(settings):
    load_demo(settings)
    client = Client()
    client.force_login(User.objects.get(username="coordinator.ijsselland"))
    urls = pages()
    # The demo has fewer than 25 partnerships in the region: its page 2 is page 1.
    demo = query_counts(client, urls)

    with open(os.devnull, "w") as devnull:
        call_command("load_demo", national=True, force=True, stdout=devnull)
    assert Municipality.objects.count() == 342
    assert User.objects.filter(role=Role.COORDINATOR).values("region").distinct().count() >= 25
    assert Partnership.objects.count() >= 5000
    assert Organisation.objects.count() >= 20000
    assert Participation.objects.count() >= 40000
    assert Assessment.objects.count() >= 15000
    assert Answer.objects.count() > 15000
    assert Activity.objects.count() >= 50000
    in_region = Partnership.objects.filter(lead_municipality__region__name="GGD IJsselland")
    assert in_region.count() > 50, "the list has several pages, the dashboard much to count"

    assert query_counts(client, urls) == demo
