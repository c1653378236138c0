"""The dashboard's figures are cached, and a change to the data shows at once.

These tests commit for real (transactional): the figures are keyed by the
state of the partnerships in the scope (partnerships.revision.state_of), which
a change raises in its own transaction."""

import re
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from core.prepared import sql_of
from dashboard import figures
from partnerships.models import HealthTheme, Partnership, Phase, Status
from partnerships.revision import state_of, touch_partnerships
from regions.models import Municipality
from tests.demo_helpers import load_demo

# Each test loads the demo and commits for real: slow (left out of the everyday subset).
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db, settings, cache_on):
    load_demo(settings, advice_files=False)


def client_for(username) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def shown_total(response) -> int:
    match = re.search(r'<span class="stat">(\d+)</span>', response.content.decode())
    assert match, "the dashboard shows its total"
    return int(match.group(1))


def ended_shown(response) -> int:
    match = re.search(
        r'pps-chart__label">Beëindigd</span>.*?pps-chart__value">(\d+)<', response.content.decode()
    )
    assert match, "the status chart shows the ended partnerships"
    return int(match.group(1))


def counted_total(username, params=None) -> int:
    """The same figure computed afresh, bypassing the cache."""
    return figures.build(User.objects.get(username=username), params or {}).total


def partnership_queries(queries) -> list[str]:
    texts = [sql_of(q["sql"]) for q in queries]  # a prepared one by its own SQL
    return [sql for sql in texts if "partnerships_partnership" in sql]


def test_a_second_visit_does_not_count_again(demo):
    client = client_for("coordinator.ijsselland")
    with CaptureQueriesContext(connection) as first:
        first_total = shown_total(client.get(reverse("home")))
    with CaptureQueriesContext(connection) as second:
        second_total = shown_total(client.get(reverse("home")))
    assert len(partnership_queries(first)) > 1, "the first visit counts in the database"
    assert len(partnership_queries(second)) == 1, "the second reads the region's state only"
    assert first_total == second_total == counted_total("coordinator.ijsselland")


@pytest.mark.parametrize(
    "change",
    ["create", "status", "delete", "participating_municipality"],
)
def test_a_change_shows_on_the_next_visit(demo, change):
    client = client_for("coordinator.ijsselland")
    zwolle = Municipality.objects.get(name="Zwolle")
    kampen = Municipality.objects.get(name="Kampen")
    filters = {"municipality": kampen.pk}
    partnership = Partnership.objects.filter(lead_municipality=zwolle).order_by("pk").first()
    if change == "delete":  # one without partners or assessments, which may be deleted
        removable = Partnership.objects.create(
            name="Kortstondig",
            theme=partnership.theme,
            lead_municipality=kampen,
            phase=partnership.phase,
        )
    first = client.get(reverse("home"), filters)
    before, ended_before = shown_total(first), ended_shown(first)
    with transaction.atomic():
        if change == "create":
            Partnership.objects.create(
                name="Nieuwe samenwerking Kampen",
                theme=partnership.theme,
                lead_municipality=kampen,
                phase=partnership.phase,
            )
            expected = before + 1
        elif change == "status":
            kampen_partnership = Partnership.objects.filter(lead_municipality=kampen).first()
            kampen_partnership.status = Status.ENDED
            kampen_partnership.save()
            expected = before
        elif change == "delete":
            removable.delete()
            expected = before - 1
        else:
            partnership.participating_municipalities.add(kampen)
            expected = before + 1
    response = client.get(reverse("home"), filters)
    assert shown_total(response) == expected == counted_total("coordinator.ijsselland", filters)
    if change == "status":
        assert ended_shown(response) == ended_before + 1


def test_each_scope_gets_its_own_figures(demo):
    for username in ["coordinator.ijsselland", "coordinator.hvb", "medewerker.kampen"]:
        response = client_for(username).get(reverse("home"))
        assert shown_total(response) == counted_total(username), username
    # Two officers of the same gemeente share figures; another gemeente does not.
    assert shown_total(client_for("medewerker.zwolle").get(reverse("home"))) == counted_total(
        "medewerker.zwolle"
    )


def test_each_language_gets_its_own_figures(demo):
    client = client_for("coordinator.ijsselland")
    assert "Wat aandacht vraagt" in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "What needs attention" in client.get(reverse("home")).content.decode()


def ijsselland_state() -> str:
    return state_of(
        Partnership.objects.visible_to(User.objects.get(username="coordinator.ijsselland"))
    )


def test_load_demo_makes_cached_figures_stale(demo, settings):
    before = ijsselland_state()
    load_demo(settings, advice_files=False)
    assert ijsselland_state() != before


def test_a_renamed_theme_shows_at_once(demo):
    """Names of reference data are in the figures too: a change to them
    raises every partnership's revision, in the same transaction."""
    client = client_for("coordinator.ijsselland")
    theme = HealthTheme.objects.filter(partnerships__lead_municipality__name="Zwolle").first()
    assert theme.name in client.get(reverse("home")).content.decode()
    with transaction.atomic():
        theme.name = "Gezond in de wijk (hernoemd)"
        theme.save()
    assert "Gezond in de wijk (hernoemd)" in client.get(reverse("home")).content.decode()


def test_logging_in_does_not_make_the_figures_stale(demo):
    zwolle = User.objects.get(username="medewerker.zwolle")
    before = state_of(Partnership.objects.visible_to(zwolle))
    client = Client()
    response = client.post(
        reverse("login"), {"username": "medewerker.zwolle", "password": "pps-demo-2026"}
    )
    assert response.status_code == 302, "logged in"
    assert state_of(Partnership.objects.visible_to(zwolle)) == before


def test_a_change_that_commits_late_still_changes_the_state(demo):
    """A change written before another but committed after it (its updated_at
    is older than the newest) still gives the set a new state."""
    partnerships = Partnership.objects.filter(lead_municipality__name="Zwolle")
    early, late = partnerships.order_by("pk")[:2]
    touch_partnerships(pk=late.pk)
    before = state_of(partnerships)
    # What the late commit brings: its touch, stamped with an earlier time.
    Partnership.objects.filter(pk=early.pk).update(
        updated_at=Partnership.objects.get(pk=late.pk).updated_at - timedelta(seconds=1),
        revision=F("revision") + 1,
    )
    assert state_of(partnerships) != before


def test_saving_a_partnership_read_earlier_does_not_set_its_revision_back(demo):
    partnership = Partnership.objects.filter(lead_municipality__name="Zwolle").first()
    read_earlier = Partnership.objects.get(pk=partnership.pk)
    touch_partnerships(pk=partnership.pk)  # meanwhile, another change
    revision = Partnership.objects.get(pk=partnership.pk).revision
    read_earlier.name = "Nieuwe naam"
    read_earlier.save()
    saved = Partnership.objects.get(pk=partnership.pk)
    assert saved.name == "Nieuwe naam"
    assert saved.revision == revision + 1


def test_another_regions_change_leaves_the_figures_cached(demo):
    client = client_for("coordinator.ijsselland")
    client.get(reverse("home"))
    with transaction.atomic():
        other = Partnership.objects.exclude(
            lead_municipality__region__name__icontains="IJsselland"
        ).first()
        other.status = Status.ENDED
        other.save()
    with CaptureQueriesContext(connection) as queries:
        shown = shown_total(client.get(reverse("home")))
    assert len(partnership_queries(queries)) == 1, "only the region's state is read"
    assert shown == counted_total("coordinator.ijsselland")


@pytest.fixture
def facts_read(monkeypatch):
    """The keys of the partnerships whose facts each request read from the
    database (dashboard/facts.py: the rest came from the cache)."""
    from dashboard import facts

    reads = []
    original = facts.read

    def read(keys):
        reads.append(sorted(keys))
        return original(keys)

    monkeypatch.setattr(facts, "read", read)
    return reads


def test_after_a_change_only_that_partnerships_facts_are_read_again(demo, facts_read):
    client = client_for("coordinator.ijsselland")
    client.get(reverse("home"))
    region = sorted(
        Partnership.objects.visible_to(
            User.objects.get(username="coordinator.ijsselland")
        ).values_list("pk", flat=True)
    )
    assert facts_read == [region], "the first visit reads every partnership's facts, at once"
    changed = Partnership.objects.filter(pk__in=region).exclude(status=Status.ENDED).first()
    ended_before = ended_shown(client.get(reverse("home")))
    with transaction.atomic():
        changed.status = Status.ENDED
        changed.save()
    response = client.get(reverse("home"))
    assert facts_read[1:] == [[changed.pk]], "after the change, only that partnership's"
    assert ended_shown(response) == ended_before + 1
    assert shown_total(response) == counted_total("coordinator.ijsselland")


def test_other_filters_count_the_facts_already_read(demo, facts_read):
    client = client_for("coordinator.ijsselland")
    client.get(reverse("home"))
    kampen = Municipality.objects.get(name="Kampen")
    filters = {"municipality": kampen.pk}
    response = client.get(reverse("home"), filters)
    assert len(facts_read) == 1, "the filtered figures came from the facts read for all"
    assert shown_total(response) == counted_total("coordinator.ijsselland", filters) > 0


def test_the_facts_are_kept_per_language(demo, facts_read):
    theme = HealthTheme.objects.filter(partnerships__lead_municipality__name="Zwolle").first()
    with transaction.atomic():
        theme.name_en = "Theme in English"
        theme.save()
    client = client_for("coordinator.ijsselland")
    assert theme.name_nl in client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home")).content.decode()
    assert "Theme in English" in page and theme.name_nl not in page
    assert len(facts_read) == 2, "read once for each language"


def test_figures_of_nothing_counted_show_a_renamed_phase_at_once(demo):
    """A filter that matches no partnership has no revision to tell a
    change to the names the figures show (the phases' chart)."""
    client = client_for("coordinator.ijsselland")
    empty = HealthTheme.objects.create(name="Zonder samenwerkingen")
    filters = {"theme": empty.pk}
    assert shown_total(client.get(reverse("home"), filters)) == 0
    phase = Phase.objects.get(number=1)
    with transaction.atomic():
        phase.name = "Fase een, hernoemd"
        phase.save()
    assert "Fase een, hernoemd" in client.get(reverse("home"), filters).content.decode()
