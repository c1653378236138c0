"""The dashboard's panel "Evaluatie en besluit": evaluations due, rounds
open with their response rate, actions overdue, decisions due; each rule at
its boundaries, the scope, the query budget and the labels in both
languages."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.prepared import sql_of
from dashboard import figures
from dashboard.follow_up import months_before, response_rate
from decisions.models import Decision, Option
from evaluation import running
from evaluation.models import ActionStatus, RoundStatus
from partnerships.models import Status
from tests.demo_helpers import load_demo
from tests.factories import (
    ActionFactory,
    EvaluationRoundFactory,
    PartnerRespondentFactory,
    PartnershipFactory,
    PublicRespondentFactory,
    phase,
)

TODAY = timezone.localdate


def panel(user, params=None) -> dict:
    """The panel's figures by key, computed afresh (the cache is off in tests)."""
    return {figure.key: figure for figure in figures.build(user, params or {}).follow_up}


def names(figure) -> list[str]:
    return [name for _url, name, _detail in figure.lines]


def closed_on(partnership, day):
    """A round of ``partnership`` closed on ``day`` (in the morning, local time)."""
    return EvaluationRoundFactory(
        partnership=partnership,
        status=RoundStatus.CLOSED,
        closes_on=day,
        closed_at=timezone.make_aware(datetime.combine(day, time(9))),
    )


def decide(partnership, on, option=Option.CONTINUE):
    return Decision.objects.create(
        partnership=partnership,
        option=option,
        from_phase=phase(6),
        to_phase=phase(6),
        decided_on=on,
        decided_by="College van B en W",
        reasons="Na de evaluatie.",
    )


@pytest.fixture
def zwolle(world):
    def make(**kwargs):
        kwargs.setdefault("lead_municipality", world.municipality)
        return PartnershipFactory(**kwargs)

    return make


# --- The rules, at their boundaries ------------------------------------------------------


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(date(2026, 12, 2), 12) == date(2025, 12, 2)
    assert months_before(date(2028, 2, 29), 12) == date(2027, 2, 28)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


def test_response_rate_is_finished_out_of_invited():
    assert response_rate(1, 3) == 33
    assert response_rate(2, 3) == 67
    assert response_rate(0, 0) == 0


def test_evaluation_due_from_phase_five_without_a_round_closed_in_twelve_months(world, zwolle):
    today = TODAY()
    year_ago = months_before(today, 12)
    zwolle(name="Fase 4", phase=phase(4))
    zwolle(name="Fase 5, nooit", phase=phase(5))
    zwolle(name="Fase 7, nooit", phase=phase(7))
    closed_on(zwolle(name="Precies een jaar", phase=phase(5)), year_ago)
    closed_on(zwolle(name="Jaar en een dag", phase=phase(6)), year_ago - timedelta(days=1))
    zwolle(name="Beëindigd", phase=phase(7), status=Status.ENDED)

    due = panel(world.officer)["evaluations"]
    assert sorted(names(due)) == ["Fase 5, nooit", "Fase 7, nooit", "Jaar en een dag"]
    assert due.total == 3
    # Never evaluated first, then the longest ago.
    assert names(due)[-1] == "Jaar en een dag"
    assert "nog nooit geëvalueerd" in due.lines[0][2]


def test_an_open_round_is_not_a_closed_one_and_the_line_leads_to_it(world, zwolle):
    partnership = zwolle(name="Met open ronde", phase=phase(5))
    running = EvaluationRoundFactory(partnership=partnership, status=RoundStatus.OPEN)
    never = zwolle(name="Zonder ronde", phase=phase(5))

    lines = {name: (url, detail) for url, name, detail in panel(world.officer)["evaluations"].lines}
    assert lines["Met open ronde"][0] == reverse("evaluation:round", args=[running.pk])
    assert "een ronde is gestart" in lines["Met open ronde"][1]
    # The officer of the lead gemeente starts a round; the coordinator sees the rounds.
    assert lines["Zonder ronde"][0] == reverse("evaluation:round_add", args=[never.pk])
    coordinator_lines = panel(world.coordinator)["evaluations"].lines
    assert (reverse("evaluation:rounds", args=[never.pk]), "Zonder ronde") in [
        (url, name) for url, name, _detail in coordinator_lines
    ]


def test_open_rounds_with_their_response_rate(world, zwolle):
    partnership = zwolle(name="Kinderkeuken", phase=phase(5))
    open_round = EvaluationRoundFactory(
        partnership=partnership, title="Tussentijds", closes_on=TODAY() + timedelta(days=3)
    )
    finished = PublicRespondentFactory(round=open_round)
    PublicRespondentFactory(round=open_round)
    PartnerRespondentFactory(round=open_round)
    # Asked but not yet invited (no e-mail address): not in the rate.
    PublicRespondentFactory(round=open_round, invited_at=None)
    finished.submitted_at = timezone.now()
    finished.save()
    EvaluationRoundFactory(partnership=partnership, title="Concept", status=RoundStatus.DRAFT)
    closed_on(partnership, TODAY() - timedelta(days=5))

    rounds = panel(world.officer)["rounds"]
    assert rounds.total == 1
    [(url, title, detail)] = rounds.lines
    assert url == reverse("evaluation:round", args=[open_round.pk])
    assert title == "Tussentijds"
    assert "Kinderkeuken" in detail and "1 van 3 afgerond (33%)" in detail


def test_overdue_actions_are_past_their_date_and_not_done(world, zwolle):
    partnership = zwolle(name="Bewegen", phase=phase(5))
    evaluation_round = closed_on(partnership, TODAY() - timedelta(days=40))
    yesterday, today = TODAY() - timedelta(days=1), TODAY()
    late = ActionFactory(
        partnership=partnership, round=evaluation_round, what="Regie beleggen", due_date=yesterday
    )
    ActionFactory(
        partnership=partnership,
        what="Bezig, te laat",
        due_date=yesterday - timedelta(days=3),
        status=ActionStatus.IN_PROGRESS,
    )
    ActionFactory(partnership=partnership, what="Vandaag", due_date=today)
    ActionFactory(partnership=partnership, what="Gereed", due_date=yesterday, status="gereed")
    ActionFactory(partnership=partnership, what="Vervallen", due_date=yesterday, status="vervallen")
    ActionFactory(partnership=partnership, what="Zonder datum", due_date=None)

    dashboard = figures.build(world.officer, {})
    actions = {figure.key: figure for figure in dashboard.follow_up}["actions"]
    assert names(actions) == ["Bezig, te laat", "Regie beleggen"]
    url, _name, detail = actions.lines[1]
    assert url == reverse("evaluation:actions", args=[partnership.pk])
    assert evaluation_round.title in detail and "Bewegen" in detail
    # The same figure on the attention list.
    assert dashboard.attention["actions"].total == 2
    assert late in dashboard.attention["actions"].items


def test_decision_due_after_the_planned_end_without_a_decision_for_it(world, zwolle):
    today = TODAY()
    end = today - timedelta(days=1)
    zwolle(name="Einde vandaag", phase=phase(6), planned_end_date=today)
    zwolle(name="Einde gisteren", phase=phase(6), planned_end_date=end)
    zwolle(name="Zonder einddatum", phase=phase(6), planned_end_date=None)
    decide(zwolle(name="Besloten na het einde", phase=phase(6), planned_end_date=end), today)
    decide(
        zwolle(name="Besloten een jaar ervoor", phase=phase(6), planned_end_date=end),
        months_before(end, 12),
    )
    # "Doorgaan" two years ago is about an earlier end date, not this one.
    decide(
        zwolle(name="Besloten te lang ervoor", phase=phase(6), planned_end_date=end),
        months_before(end, 12) - timedelta(days=1),
    )
    zwolle(name="Beëindigd", phase=phase(7), planned_end_date=end, status=Status.ENDED)
    early = zwolle(name="Fase 3, einde voorbij", phase=phase(3), planned_end_date=end)

    due = panel(world.officer)["decisions"]
    assert sorted(names(due)) == [
        "Besloten te lang ervoor",
        "Einde gisteren",
        "Fase 3, einde voorbij",
    ]
    lines = {name: url for url, name, _detail in due.lines}
    # The decision section (from phase 6 on), else the partnership's page.
    assert lines["Einde gisteren"].endswith("#besluit-kop")
    assert lines["Fase 3, einde voorbij"] == reverse("partnerships:detail", args=[early.pk])


# --- Scope and filters -------------------------------------------------------------------


@pytest.fixture
def everything_due(world):
    """A Zwolle partnership owing all four (Kampen takes part), a Tilburg one too."""

    def make(lead, name, participating=()):
        partnership = PartnershipFactory(
            name=name,
            lead_municipality=lead,
            phase=phase(6),
            planned_end_date=TODAY() - timedelta(days=30),
            participating_municipalities=list(participating),
        )
        EvaluationRoundFactory(partnership=partnership, title=f"Ronde {name}")
        ActionFactory(
            partnership=partnership, what=f"Actie {name}", due_date=TODAY() - timedelta(days=2)
        )
        return partnership

    return {
        "zwolle": make(world.municipality, "Zwolle samen"),
        "tilburg": make(world.municipality_other_region, "Tilburg samen"),
    }


def totals(user, params=None) -> dict:
    return {key: figure.total for key, figure in panel(user, params).items()}


NOTHING = {"evaluations": 0, "rounds": 0, "actions": 0, "decisions": 0}
ALL = {"evaluations": 1, "rounds": 1, "actions": 1, "decisions": 1}


def test_each_sees_only_what_is_in_her_scope(world, everything_due):
    assert totals(world.officer) == ALL
    assert totals(world.coordinator) == ALL
    assert totals(world.officer_same_region) == NOTHING  # Kampen takes no part
    assert totals(world.officer_other_region) == ALL  # Tilburg's own
    assert totals(world.coordinator_other_region) == ALL
    assert names(panel(world.coordinator_other_region)["rounds"]) == ["Ronde Tilburg samen"]
    assert totals(world.administrator) == {key: 2 for key in ALL}


def test_a_participating_gemeente_sees_the_partnership_it_takes_part_in(world, everything_due):
    everything_due["zwolle"].participating_municipalities.add(world.municipality_same_region)
    figures_of_kampen = panel(world.officer_same_region)
    assert {key: figure.total for key, figure in figures_of_kampen.items()} == ALL
    assert names(figures_of_kampen["rounds"]) == ["Ronde Zwolle samen"]


def test_the_dashboards_filters_apply(world, everything_due):
    assert totals(world.coordinator, {"municipality": world.municipality_same_region.pk}) == (
        NOTHING
    )
    assert totals(world.coordinator, {"municipality": world.municipality.pk}) == ALL


def test_the_page_shows_the_panel_and_an_outsider_none_of_it(world, everything_due):
    page = world.client_for(world.officer).get(reverse("home")).content.decode()
    assert "Evaluatie en besluit" in page
    for shown in ("Ronde Zwolle samen", "Actie Zwolle samen", "Besluit nodig"):
        assert shown in page
    assert "Tilburg samen" not in page
    other = world.client_for(world.officer_same_region).get(reverse("home")).content.decode()
    assert "Zwolle samen" not in other


# --- Queries and languages ---------------------------------------------------------------


def test_the_panel_costs_no_query_of_its_own_whatever_the_data(world, everything_due):
    """The open rounds and the actions come with the partnerships' facts
    (one query for all of them: dashboard/facts.py), the rest with the rows."""
    client = world.client_for(world.coordinator)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("home"))
    for index in range(15):
        partnership = PartnershipFactory(
            lead_municipality=world.municipality,
            phase=phase(5 + index % 3),
            planned_end_date=TODAY() - timedelta(days=index + 1),
        )
        closed_on(partnership, TODAY() - timedelta(days=400 + index))
        open_round = EvaluationRoundFactory(partnership=partnership)
        PublicRespondentFactory(round=open_round)
        ActionFactory(partnership=partnership, due_date=TODAY() - timedelta(days=index + 1))
        decide(partnership, TODAY() - timedelta(days=900))
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("home"))
    assert len(large) == len(small)
    # No query of the panel's own: named by the table of their first column.
    texts = [sql_of(q["sql"]) for q in large]  # a prepared one by its own SQL
    first = [sql.split(".")[0] for sql in texts]
    assert not [name for name in first if name.startswith('SELECT "evaluation_')]
    (facts,) = [sql for sql in texts if "evaluation_action" in sql]
    assert "evaluation_evaluationround" in facts
    shown = {figure.key: figure for figure in response.context["dashboard"].follow_up}
    assert {key: figure.total for key, figure in shown.items()} == {key: 16 for key in ALL}
    assert len(shown["rounds"].lines) == figures.ATTENTION_LIMIT
    assert "10 van 16 getoond." in response.content.decode()


def test_labels_in_dutch_and_in_english(world, everything_due):
    client = world.client_for(world.officer)
    dutch = client.get(reverse("home")).content.decode()
    for label in (
        "Evaluatie en besluit",
        "Evaluatie nodig",
        "Lopende evaluatierondes",
        "Afgesproken acties uit evaluaties voorbij hun datum",
        "Besluit nodig",
        "0 van 0 afgerond (0%)",
        "een ronde is gestart",
    ):
        assert label in dutch, label
    english_client = Client(HTTP_ACCEPT_LANGUAGE="en")
    english_client.force_login(world.officer)
    english = english_client.get(reverse("home")).content.decode()
    for label in (
        "Evaluation and decision",
        "Evaluation due",
        "Evaluation rounds open",
        "Agreed evaluation actions past their date",
        "Decision due",
        "0 of 0 finished (0%)",
        "a round has been started",
    ):
        assert label in english, label
    assert "Evaluatie en besluit" not in english


# --- The cache: a change shows on the next request -----------------------------------------


def shown_counts(response) -> dict[str, int]:
    """The panel's numbers as the page shows them (read from the HTML, which
    comes from the cache when nothing changed)."""
    html = response.content.decode()
    panel_html = html[html.index('id="evaluatie-besluit-kop"') : html.index('id="cijfers-kop"')]
    return {
        title: int(n)
        for title, n in re.findall(r'<h3 class="h5">([^<(]+) \((\d+)\)</h3>', panel_html)
    }


def test_with_the_cache_on_every_change_shows_on_the_next_request(world, cache_on):
    """Rounds, respondents, actions and decisions raise their partnership's
    revision (partnerships.revision), so the cached figures are made anew."""
    partnership = PartnershipFactory(
        name="Sportkantines",
        lead_municipality=world.municipality,
        phase=phase(6),
        planned_end_date=TODAY() - timedelta(days=10),
    )
    open_round = EvaluationRoundFactory(partnership=partnership, title="Voorjaar")
    respondent = PublicRespondentFactory(round=open_round)
    client = world.client_for(world.officer)

    def visit():
        response = client.get(reverse("home"))
        assert response.status_code == 200
        return shown_counts(response), response.content.decode()

    counts, html = visit()
    assert counts == {
        "Evaluatie nodig": 1,
        "Lopende evaluatierondes": 1,
        "Afgesproken acties uit evaluaties voorbij hun datum": 0,
        "Besluit nodig": 1,
    }
    assert "0 van 1 afgerond (0%)" in html
    assert visit()[0] == counts  # from the cache: the same

    respondent.submitted_at = timezone.now()
    respondent.save()
    assert "1 van 1 afgerond (100%)" in visit()[1]

    action = ActionFactory(partnership=partnership, due_date=TODAY() - timedelta(days=1))
    assert visit()[0]["Afgesproken acties uit evaluaties voorbij hun datum"] == 1
    action.status = ActionStatus.DONE
    action.save()
    assert visit()[0]["Afgesproken acties uit evaluaties voorbij hun datum"] == 0

    running.close_round(open_round, world.officer)
    counts = visit()[0]
    assert counts["Lopende evaluatierondes"] == 0 and counts["Evaluatie nodig"] == 0

    decide(partnership, TODAY())
    assert visit()[0]["Besluit nodig"] == 0


# --- The demo ------------------------------------------------------------------------------


def test_the_demo_gives_zwolle_and_the_coordinator_something_to_act_on(db, settings):
    load_demo(settings, advice_files=False)
    load_demo(settings, advice_files=False)  # again: nothing doubles
    zwolle = panel(User.objects.get(username="medewerker.zwolle"))
    assert {key: figure.total for key, figure in zwolle.items()} == ALL
    assert names(zwolle["evaluations"]) == ["Gezonde Sportkantines Zwolle"]
    assert names(zwolle["rounds"]) == ["Tussentijdse evaluatie 2026"]
    assert names(zwolle["decisions"]) == ["Gezonde Sportkantines Zwolle"]
    coordinator = panel(User.objects.get(username="coordinator.ijsselland"))
    # Kampen's partnership, made lasting in phase 5, has had no round in the portal;
    # its decision (June 2026) counts for its end date (July 2026).
    assert sorted(names(coordinator["evaluations"])) == [
        "Fietsend naar School Kampen",
        "Gezonde Sportkantines Zwolle",
    ]
    assert names(coordinator["decisions"]) == ["Gezonde Sportkantines Zwolle"]
    assert coordinator["actions"].total == coordinator["rounds"].total == 1
