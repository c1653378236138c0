"""Shared fixtures: the personas every access rule is tested with.

The world: region IJsselland with the gemeenten Zwolle (own) and Kampen
(other gemeente, same region); region Hart voor Brabant with Tilburg.

* ``officer``: beleidsmedewerker of Zwolle, the owner of the records under test
* ``officer_same_region``: beleidsmedewerker of Kampen
* ``coordinator``: GGD-coördinator of IJsselland
* ``coordinator_other_region``: GGD-coördinator of Hart voor Brabant
* ``officer_other_region``: beleidsmedewerker of Tilburg
* ``administrator``: functioneel beheerder
"""

import os
from dataclasses import dataclass

import pytest
from django.test import Client

from tests.caches import cache_settings_for_tests, clear_test_caches
from tests.factories import (
    AdministratorFactory,
    CoordinatorFactory,
    MunicipalityFactory,
    OfficerFactory,
    RegionFactory,
)


@dataclass
class World:
    region: object
    other_region: object
    municipality: object
    municipality_same_region: object
    municipality_other_region: object
    officer: object
    officer_same_region: object
    officer_other_region: object
    coordinator: object
    coordinator_other_region: object
    administrator: object

    def client_for(self, user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def world(db) -> World:
    region = RegionFactory(name="GGD IJsselland", code="ijsselland")
    other_region = RegionFactory(name="GGD Hart voor Brabant", code="hvb")
    zwolle = MunicipalityFactory(name="Zwolle", cbs_code="GM0193", region=region)
    kampen = MunicipalityFactory(name="Kampen", cbs_code="GM0166", region=region)
    tilburg = MunicipalityFactory(name="Tilburg", cbs_code="GM0855", region=other_region)
    return World(
        region=region,
        other_region=other_region,
        municipality=zwolle,
        municipality_same_region=kampen,
        municipality_other_region=tilburg,
        officer=OfficerFactory(username="sanne", municipality=zwolle),
        officer_same_region=OfficerFactory(username="karim", municipality=kampen),
        officer_other_region=OfficerFactory(username="tilly", municipality=tilburg),
        coordinator=CoordinatorFactory(username="ingrid", region=region),
        coordinator_other_region=CoordinatorFactory(username="hanneke", region=other_region),
        administrator=AdministratorFactory(username="bram"),
    )


def national_tests_wanted(config) -> bool:
    """The ``national`` tests load the whole country (minutes): they run when
    PPS_NATIONAL_TESTS=1 (CI sets it for its PostgreSQL run) or when
    ``-m national`` selects them, and are skipped otherwise."""
    if os.environ.get("PPS_NATIONAL_TESTS", "").lower() in {"1", "true", "yes"}:
        return True
    markexpr = config.getoption("markexpr", "") or ""
    return "national" in markexpr and "not national" not in markexpr


def pytest_collection_modifyitems(config, items):
    if national_tests_wanted(config):
        return
    skip = pytest.mark.skip(
        reason="landelijke schaal: alleen met PPS_NATIONAL_TESTS=1 of -m national"
    )
    for item in items:
        if item.get_closest_marker("national"):
            item.add_marker(skip)


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _is_serialized_rollback(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("serialized_rollback"):
        return True
    return "django_db_serialized_rollback" in getattr(item, "fixturenames", ())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (``transaction=True``, the live server) empties
    the database when it ends, the reference data of the data migrations
    (phases, the questionnaire, the evaluation instrument) included. Run in
    one process, pytest-django runs those tests last; with pytest-xdist
    (scripts/test.sh) a worker may run other tests after one, so the
    reference data is put back at once, with the migrations' own code;
    unless the next test reloads the whole database itself
    (``serialized_rollback``): the reference data put back here would then be
    there twice, under other keys, and its unique names refuse the reload;
    nor after the last test, whose teardown has removed the test database."""
    yield
    if not _is_transactional(item):
        return
    if nextitem is None or _is_serialized_rollback(nextitem):
        return  # the last test of the run (its database is gone by now)
    from pytest_django.plugin import blocking_manager_key

    from tests.demo_helpers import ensure_reference_data

    with item.config.stash[blocking_manager_key].unblock():
        ensure_reference_data()


# Persona names as used in parametrised access tests.
PERSONAS = (
    "officer",
    "officer_same_region",
    "officer_other_region",
    "coordinator",
    "coordinator_other_region",
    "administrator",
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs ~0.3 s per user; the tests are about access, not hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _test_caches():
    """The caches of this test run: on the Redis of ``PPS_TEST_REDIS_URL``
    (CI sets it) under a key prefix of this run only, else in memory. Never
    the cache the environment configures for the portal itself."""
    from django.test.utils import override_settings

    override = override_settings(CACHES=cache_settings_for_tests())
    override.enable()
    yield
    clear_test_caches()
    override.disable()


@pytest.fixture(scope="session")
def _private_media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("private")


@pytest.fixture(autouse=True)
def _private_media(settings, _private_media_root):
    # Stored files (advice PDFs, documents) go to a folder of this test run.
    settings.PRIVATE_MEDIA_ROOT = _private_media_root


@pytest.fixture(autouse=True)
def _no_cached_figures(settings):
    # Tests share one cache but each rolls its data back, so keys made in one
    # test could meet another test's data. The cache and how it stays fresh are
    # tested with the ``cache_on`` fixture (test_cache.py, test_cache_redis.py).
    settings.FRAGMENT_CACHE_SECONDS = 0
    clear_test_caches()


@pytest.fixture
def cache_on(settings):
    """The cache as in production, empty at the start of the test."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    clear_test_caches()


@pytest.fixture(autouse=True)
def _dutch_by_default():
    # A request in English leaves English active in this thread; every test starts in Dutch.
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")
