"""Decisions that hold: two people acting on the same assessment at the same
moment. Of two concurrent transitions exactly one wins; the other is refused
with a Dutch message, and a finalised assessment never changes again.

Each test runs a number of rounds with two real threads, each with its own
database connection, started together by a barrier. Both threads read the
assessment first (as two requests each load their page's record) and then
act, so without a lock inside the transaction both would see the old state
and both would win. Row locks need a database server: these run on
PostgreSQL (CI runs the suite there too) and skip on SQLite, whose writers
take turns as a whole (tested at the end of this file)."""

import threading
import time

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections

from assessment import workflow
from assessment.models import Assessment, AssessmentStatus
from tests.assessment_helpers import answer_all
from tests.demo_helpers import ensure_reference_data
from tests.factories import ParticipationFactory, PartnershipFactory

ROUNDS = 20

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks between two connections need PostgreSQL "
    "(DATABASE_URL=postgres://…); SQLite is covered by test_sqlite_*",
)
pytestmark = pytest.mark.django_db(transaction=True)


def race(*actions):
    """Run each action in its own thread and connection, all at once.

    An action is ``(load, act)``: ``load()`` runs before the barrier (reading
    the page), ``act(loaded)`` after it. Returns per action ``("ok", value)``,
    ``("refused", message)`` or ``("error", exception)``."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, load, act):
        try:
            loaded = load()
            barrier.wait(timeout=10)
            results[index] = ("ok", act(loaded))
        except ValidationError as error:
            results[index] = ("refused", " ".join(error.messages))
        except Exception as error:  # noqa: BLE001 - reported by the test
            results[index] = ("error", error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, load, act))
        for index, (load, act) in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def outcomes(results):
    return sorted(kind for kind, _value in results)


@pytest.fixture
def participation(world):
    ensure_reference_data()
    partnership = PartnershipFactory(lead_municipality=world.municipality)
    return ParticipationFactory(partnership=partnership)


def in_review(world, participation):
    assessment = workflow.start(participation, world.officer)
    answer_all(assessment)
    workflow.submit(assessment, world.officer)
    return assessment


def load(pk):
    return lambda: Assessment.objects.get(pk=pk)


@on_postgresql
def test_finalise_and_send_back_at_once_one_wins(world, participation):
    for _round in range(ROUNDS):
        assessment = in_review(world, participation)
        results = race(
            (load(assessment.pk), lambda a: workflow.finalise(a, world.coordinator, "Akkoord.")),
            (
                load(assessment.pk),
                lambda a: workflow.return_to_concept(a, world.coordinator, "Onderbouw C1."),
            ),
        )
        assert outcomes(results) == ["ok", "refused"], results
        assessment.refresh_from_db()
        if results[0][0] == "ok":
            # Finalised stays finalised: never back to concept.
            assert assessment.status == AssessmentStatus.FINAL
            assert "ter review" in results[1][1]
        else:
            assert assessment.status == AssessmentStatus.CONCEPT
            assert assessment.finalised_at is None and not assessment.outcome
        # The next round starts from a clean partner.
        Assessment.objects.filter(participation=participation).delete()


@pytest.mark.parametrize("remarks", [("Eerste.", "Tweede.")])
@on_postgresql
def test_two_finalisations_at_once_one_wins_and_nothing_is_overwritten(
    world, participation, remarks
):
    for _round in range(ROUNDS):
        assessment = in_review(world, participation)
        results = race(
            *(
                (
                    load(assessment.pk),
                    lambda a, r=remark: workflow.finalise(a, world.coordinator, r),
                )
                for remark in remarks
            )
        )
        assert outcomes(results) == ["ok", "refused"], results
        winner = remarks[[kind for kind, _v in results].index("ok")]
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.FINAL
        assert assessment.review_remark == winner
        # One history record of the finalisation, not two.
        finals = assessment.history.filter(status=AssessmentStatus.FINAL).count()
        assert finals == 1
        Assessment.objects.filter(participation=participation).delete()


@on_postgresql
def test_two_submissions_at_once_one_wins(world, participation):
    for _round in range(ROUNDS):
        assessment = workflow.start(participation, world.officer)
        answer_all(assessment)
        results = race(*((load(assessment.pk), lambda a: workflow.submit(a, world.officer)),) * 2)
        assert outcomes(results) == ["ok", "refused"], results
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.IN_REVIEW
        assert assessment.history.filter(status=AssessmentStatus.IN_REVIEW).count() == 1
        Assessment.objects.filter(participation=participation).delete()


@on_postgresql
def test_two_corrections_at_once_make_one_concept(world, participation):
    for _round in range(ROUNDS):
        assessment = in_review(world, participation)
        workflow.finalise(assessment, world.coordinator)
        results = race(*((load(assessment.pk), lambda a: workflow.correct(a, world.officer)),) * 2)
        assert outcomes(results) == ["ok", "refused"], results
        assert "correctie" in [v for k, v in results if k == "refused"][0]
        corrections = Assessment.objects.filter(corrects=assessment)
        assert corrections.count() == 1
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.FINAL
        corrections.delete()
        Assessment.objects.filter(participation=participation).delete()


@on_postgresql
def test_withdraw_and_finalise_at_once_one_wins(world, participation):
    for _round in range(ROUNDS):
        assessment = in_review(world, participation)
        results = race(
            (load(assessment.pk), lambda a: workflow.withdraw(a, world.officer)),
            (load(assessment.pk), lambda a: workflow.finalise(a, world.coordinator)),
        )
        assert outcomes(results) == ["ok", "refused"], results
        assessment.refresh_from_db()
        expected = AssessmentStatus.CONCEPT if results[0][0] == "ok" else AssessmentStatus.FINAL
        assert assessment.status == expected
        Assessment.objects.filter(participation=participation).delete()


# --- SQLite -----------------------------------------------------------------


def test_sqlite_writers_wait_for_each_other_instead_of_failing():
    """Django's SQLite options make two writers take turns: every transaction
    starts with ``BEGIN IMMEDIATE`` (the write lock is taken at the start, so
    a reader never has to upgrade to a writer and fail) and a writer waits up
    to 20 s for the lock instead of answering "database is locked" at once.

    The options are checked in the settings (whatever database the tests run
    on): the test database of pytest-django on SQLite is an in-memory shared
    cache, whose locks are per table and do not wait, so two threads cannot
    show the file database's behaviour there; see the next test for that."""
    from pps_portal.settings import sqlite_options

    assert sqlite_options() == {"transaction_mode": "IMMEDIATE", "timeout": 20}
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        options = settings.DATABASES["default"]["OPTIONS"]
        assert options["transaction_mode"] == "IMMEDIATE"
        assert options["timeout"] == 20


@pytest.mark.parametrize("options", ["settings", "without"])
def test_sqlite_file_database_two_writers_take_turns(tmp_path, options):
    """Two threads on an SQLite file, each in a transaction that reads and then
    writes (as a transition does): with the portal's options both succeed one
    after the other; without them, the second fails with "database is locked"
    (the defect seen as a 500). Run on a file of its own, with Django's own
    SQLite backend and transaction start, whatever database the suite uses."""
    from django.db.utils import ConnectionHandler, OperationalError

    from pps_portal.settings import sqlite_options

    name = str(tmp_path / "twee-schrijvers.sqlite3")
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": name,
                "OPTIONS": sqlite_options() if options == "settings" else {"timeout": 20},
            }
        }
    )
    setup = handler["default"]
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE teller (id INTEGER PRIMARY KEY, waarde INTEGER)")
        cursor.execute("INSERT INTO teller VALUES (1, 0)")
    setup.close()
    barrier = threading.Barrier(2)
    errors = []

    def writer():
        conn = handler["default"]  # one connection per thread
        conn.ensure_connection()
        try:
            barrier.wait(timeout=5)
            conn._start_transaction_under_autocommit()  # what transaction.atomic does
            with conn.cursor() as cursor:
                cursor.execute("SELECT waarde FROM teller WHERE id = 1")
                value = cursor.fetchone()[0]
                time.sleep(0.3)  # the other one reads too, meanwhile
                cursor.execute("UPDATE teller SET waarde = %s WHERE id = 1", [value + 1])
                cursor.execute("COMMIT")
        except OperationalError as error:
            errors.append(str(error))
            with conn.cursor() as cursor:
                cursor.execute("ROLLBACK")
        finally:
            conn.close()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    check = handler["default"]
    with check.cursor() as cursor:
        cursor.execute("SELECT waarde FROM teller WHERE id = 1")
        value = cursor.fetchone()[0]
    check.close()
    if options == "settings":
        assert errors == [] and value == 2
    else:
        assert errors == ["database is locked"] and value == 1
