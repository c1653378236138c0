"""Two officers record a decision for the same partnership at the same
moment: exactly one is recorded, the other is told (PostgreSQL, two real
connections; SQLite serialises writers)."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from decisions import recording
from decisions.models import Decision, Option
from partnerships.models import Partnership, PhaseTransition, Status
from tests.demo_helpers import ensure_reference_data
from tests.factories import OfficerFactory, PartnershipFactory, phase

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two transactions run side by side only on PostgreSQL (SQLite serialises writers)",
    ),
]

ROUNDS = 6


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    ensure_reference_data()


def run_together(*jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - handed back to the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "a recording hung"
    return results


def record_job(partnership_pk, user, option, to_number=None):
    def job():
        partnership = Partnership.objects.select_related("phase").get(pk=partnership_pk)
        decision = Decision(
            option=option,
            to_phase=phase(to_number) if to_number else None,
            decided_on=date(2026, 3, 10),
            decided_by="College van B en W",
            reasons="Besloten.",
            end_date=date(2026, 6, 30) if option == Option.END else None,
        )
        return recording.record(partnership, decision, user, seen=0)

    return job


def test_of_two_concurrent_decisions_exactly_one_is_recorded(world):
    first = world.officer
    second = OfficerFactory(username="pieter", municipality=world.municipality)
    for _ in range(ROUNDS):
        partnership = PartnershipFactory(lead_municipality=world.municipality, phase=phase(7))
        results = run_together(
            record_job(partnership.pk, first, Option.END),
            record_job(partnership.pk, second, Option.CONTINUE, 5),
        )
        won = [r for r in results if isinstance(r, Decision)]
        lost = [r for r in results if isinstance(r, ValidationError)]
        assert len(won) == 1 and len(lost) == 1, results
        assert lost[0].code in {recording.STALE, recording.CLOSED}
        stored = Partnership.objects.get(pk=partnership.pk)
        assert Decision.objects.filter(partnership=partnership).count() == 1
        if won[0].option == Option.END:
            assert stored.status == Status.ENDED and stored.closed_at is not None
            assert not PhaseTransition.objects.filter(partnership=partnership).exists()
        else:
            assert stored.phase.number == 5 and stored.closed_at is None
            assert PhaseTransition.objects.filter(partnership=partnership).count() == 1
