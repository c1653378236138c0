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
from evaluation.models import EvaluationRound, Respondent, RoundStatus
from evaluation.running import respond_path
from evaluation.tokens import new_token
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


def evaluation_pages() -> dict[str, tuple[str, str]]:
    """The evaluation's pages, each as the person who works with it (the
    coordinator of IJsselland sees no closed round of the demo): the lead
    officer of the partnership with two closed rounds and their actions,
    the Zwolle officer of the open round, and the partner's link page."""
    closed = (
        EvaluationRound.objects.filter(status=RoundStatus.CLOSED, actions__isnull=False)
        .order_by("-closes_on")
        .first()
    )
    open_round = EvaluationRound.objects.filter(status=RoundStatus.OPEN).order_by("pk").first()
    denbosch, zwolle = "medewerker.denbosch", "medewerker.zwolle"
    partnership = closed.partnership_id
    return {
        "round": (denbosch, reverse("evaluation:round", args=[closed.pk])),
        "round list": (denbosch, reverse("evaluation:rounds", args=[partnership])),
        "results": (denbosch, reverse("evaluation:round_results", args=[closed.pk])),
        "open answers": (denbosch, reverse("evaluation:open_answers", args=[closed.pk])),
        "trend": (denbosch, reverse("evaluation:trend", args=[partnership])),
        "actions": (denbosch, reverse("evaluation:actions", args=[partnership])),
        "partnership with evaluations": (
            denbosch,
            reverse("partnerships:detail", args=[partnership]),
        ),
        "open round": (zwolle, reverse("evaluation:round", args=[open_round.pk])),
        "provisional results": (
            zwolle,
            reverse("evaluation:round_results", args=[open_round.pk]),
        ),
        "close round (confirm)": (
            zwolle,
            reverse("evaluation:round_close", args=[open_round.pk]),
        ),
        "answer in the portal": (zwolle, reverse("evaluation:answer", args=[open_round.pk])),
        "respondent link": (None, _partner_link(open_round)),
    }


def _partner_link(open_round) -> str:
    """A fresh personal link of a partner in the open round (``load_demo``
    makes a new one on every run: only its hash is stored)."""
    token, token_hash = new_token()
    respondent = open_round.respondents.filter(contact__isnull=False).order_by("pk").first()
    Respondent.objects.filter(pk=respondent.pk).update(token_hash=token_hash, revoked_at=None)
    return respond_path(token)


def evaluation_query_counts() -> dict[str, int]:
    clients = {}
    counts = {}
    for name, (username, url) in evaluation_pages().items():
        if username not in clients:
            clients[username] = Client()
            if username:
                clients[username].force_login(User.objects.get(username=username))
        counts.update(query_counts(clients[username], {name: url}))
    return counts


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
    demo_evaluation = evaluation_query_counts()

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
    assert evaluation_query_counts() == demo_evaluation
