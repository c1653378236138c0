"""The caches the tests use, and how a test reaches the Redis server.

With ``PPS_TEST_REDIS_URL`` (e.g. ``redis://127.0.0.1:6379/3``; CI sets it)
every test runs on that Redis, as the portal does in production, under a key
prefix of its own run and process (each pytest-xdist worker has its own): tests
clear only their own keys, never the database
(other runs, or other programs, may share it). Without it the caches are in
memory, and the tests that need Redis skip, except on CI (``CI=true``), where
they fail: CI must run them."""

from __future__ import annotations

import os
import uuid

import pytest

REDIS_URL = os.environ.get("PPS_TEST_REDIS_URL", "").strip()
# One prefix per test process: with pytest-xdist (scripts/test.sh) every
# worker is a process of its own and clears only its own keys.
RUN_PREFIX = f"pps-test-{uuid.uuid4().hex[:12]}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def redis_problem() -> str | None:
    """Why the tests cannot use Redis, or None when they can."""
    if not REDIS_URL:
        return "PPS_TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379/5)"
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return f"Redis at {REDIS_URL} does not answer: {error}"
    return None


def require_redis() -> str:
    """The Redis URL; skips the test without one, fails it on CI."""
    problem = redis_problem()
    if problem is None:
        return REDIS_URL
    if on_ci():
        pytest.fail(f"CI runs the Redis cache tests, but {problem}")
    pytest.skip(problem)


def _use_redis() -> bool:
    problem = redis_problem() if REDIS_URL else "not configured"
    if REDIS_URL and problem is not None and on_ci():
        raise RuntimeError(f"CI runs the tests on Redis, but {problem}")
    return problem is None


USE_REDIS = _use_redis()


def cache_settings_for_tests() -> dict:
    from pps_portal.settings import cache_settings

    return cache_settings(REDIS_URL if USE_REDIS else "", RUN_PREFIX)


def clear_test_caches() -> None:
    """Empty this run's caches: its own keys only, and what this process
    keeps of them (``core.cache.forget_recent``), and the addresses it
    remembers (``core.links.forget_remembered``)."""
    from django.core.cache import caches

    from core.cache import forget_recent
    from core.links import forget_remembered

    forget_recent()
    forget_remembered()

    if not USE_REDIS:
        for store in caches.all():
            store.clear()
        return
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{RUN_PREFIX}-*", count=1000))
    if keys:
        client.delete(*keys)
