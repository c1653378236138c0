"""The cache on Redis, shared by every process: a cached dashboard or export
is never stale after a change made by another process.

"Another process" is a thread with its own database connection and its own
Redis client (Django keeps both per thread), which changes records through the
ORM, without a request. The tests need a Redis server (``PPS_TEST_REDIS_URL``);
without one they skip, but on CI (``CI=true``) they fail: CI runs them."""

import csv
import io
import re
import threading

import pytest
import redis
from django.db import connections
from django.test import Client
from django.urls import reverse

from partnerships.models import HealthTheme, Status
from tests.caches import RUN_PREFIX, require_redis
from tests.demo_helpers import ensure_reference_data
from tests.factories import OrganisationFactory, ParticipationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shared_redis(settings, cache_on):
    """Both caches on Redis, under a key prefix of this test."""
    from pps_portal.settings import cache_settings

    url = require_redis()
    prefix = f"{RUN_PREFIX}-shared"
    settings.CACHES = cache_settings(url, prefix)
    client = redis.Redis.from_url(url)
    yield lambda pattern="*": sorted(
        key.decode() for key in client.scan_iter(match=f"{prefix}-{pattern}", count=1000)
    )
    keys = list(client.scan_iter(match=f"{prefix}-*", count=1000))
    if keys:
        client.delete(*keys)


def in_another_process(work):
    """Run ``work`` in a thread of its own: its own database connection (which
    commits on its own) and its own Redis client."""
    failures = []

    def run():
        try:
            work()
        except BaseException as error:  # report it in the test's thread
            failures.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shown_total(response) -> int:
    assert response.status_code == 200
    match = re.search(r'<span class="stat">(\d+)</span>', response.content.decode())
    assert match, "the dashboard shows its total"
    return int(match.group(1))


def ended_shown(response) -> int:
    match = re.search(
        r'pps-chart__label">Beëindigd</span>.*?pps-chart__value">(\d+)<', response.content.decode()
    )
    assert match, "the status chart shows the ended partnerships"
    return int(match.group(1))


@pytest.fixture
def partnerships(world):
    ensure_reference_data()  # a transactional test empties the tables after itself
    zwolle = PartnershipFactory(name="Zwolle Gezond", lead_municipality=world.municipality)
    ParticipationFactory(partnership=zwolle, organisation=OrganisationFactory(name="Bakkerij"))
    PartnershipFactory(name="Kampen Fit", lead_municipality=world.municipality_same_region)
    return zwolle


def test_the_figures_one_process_cached_serve_another(world, partnerships, shared_redis):
    totals = []
    in_another_process(lambda: totals.append(shown_total(client_for(world.coordinator).get("/"))))
    assert totals == [2]
    assert shared_redis("default:*"), "the figures are in Redis"

    def no_counting(*args, **kwargs):
        raise AssertionError("the figures come from the shared cache")

    from dashboard import figures

    original, figures.build = figures.build, no_counting
    try:
        assert shown_total(client_for(world.coordinator).get("/")) == 2
    finally:
        figures.build = original


def test_a_change_by_another_process_shows_on_the_next_dashboard(world, partnerships, shared_redis):
    client = client_for(world.coordinator)
    first = client.get("/")
    assert (shown_total(first), ended_shown(first)) == (2, 0)
    assert shown_total(client.get("/")) == 2  # now from the cache

    def end_one_and_start_another():
        partnerships.status = Status.ENDED
        partnerships.save()
        PartnershipFactory(name="Kampen Sport", lead_municipality=world.municipality_same_region)

    in_another_process(end_one_and_start_another)
    after = client.get("/")
    assert (shown_total(after), ended_shown(after)) == (3, 1)


def test_a_renamed_theme_by_another_process_shows_on_the_next_dashboard(
    world, partnerships, shared_redis
):
    client = client_for(world.coordinator)
    theme = HealthTheme.objects.get(pk=partnerships.theme_id)
    assert theme.name in client.get("/").content.decode()

    def rename():
        renamed = HealthTheme.objects.get(pk=theme.pk)
        renamed.name = "Samen gezond (nieuw)"
        renamed.save()

    in_another_process(rename)
    assert "Samen gezond (nieuw)" in client.get("/").content.decode()


def export_names(response) -> dict[str, list[str]]:
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return {row[0]: row for row in rows[1:]}


def test_a_change_by_another_process_shows_in_the_next_export(world, partnerships, shared_redis):
    client = client_for(world.coordinator)
    url = reverse("dashboard:export_csv")
    assert "Bakkerij" in export_names(client.get(url))["Zwolle Gezond"]
    assert shared_redis("files:*"), "the export is in Redis"

    def rename_partner():
        organisation = partnerships.participations.get().organisation
        organisation.name = "Bakkerij Zuid"
        organisation.save()

    in_another_process(rename_partner)
    row = export_names(client.get(url))["Zwolle Gezond"]
    assert "Bakkerij Zuid" in row
