"""core.cache.cached_each: a value per record, kept for its version."""

from django.conf import settings
from django.utils import translation

from core import cache


def made_by(log):
    def make(keys):
        log.append(sorted(keys))
        return {key: f"value of {key}" for key in keys}

    return make


def test_only_the_records_of_a_new_version_are_made_again(cache_on):
    log = []
    first = cache.cached_each("thing", {1: 0, 2: 0, 3: 0}, made_by(log))
    again = cache.cached_each("thing", {1: 0, 2: 5, 3: 0}, made_by(log))
    assert first == again == {1: "value of 1", 2: "value of 2", 3: "value of 3"}
    assert log == [[1, 2, 3], [2]]


def test_each_language_and_layout_keeps_its_own(cache_on):
    log = []
    cache.cached_each("thing", {1: 0}, made_by(log), layout=("a", "b"))
    with translation.override("en"):
        cache.cached_each("thing", {1: 0}, made_by(log), layout=("a", "b"))
    # A release that changed the values' fields never reads the old ones.
    cache.cached_each("thing", {1: 0}, made_by(log), layout=("a", "b", "c"))
    cache.cached_each("thing", {1: 0}, made_by(log), layout=("a", "b"))
    assert log == [[1], [1], [1]]


def test_without_the_cache_everything_is_made(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    log = []
    cache.cached_each("thing", {1: 0, 2: 0}, made_by(log))
    cache.cached_each("thing", {1: 0, 2: 0}, made_by(log))
    assert log == [[1, 2], [1, 2]]


def empty_shared_cache():
    """Empty the shared cache only: what this process keeps stays."""
    from tests.caches import clear_test_caches

    kept = dict(cache._recent)
    clear_test_caches()
    cache._recent.update(kept)


def test_the_process_keeps_what_it_read_or_made(cache_on):
    log = []
    cache.cached_each("thing", {1: 0, 2: 0}, made_by(log))
    empty_shared_cache()
    # Read back from this process: the same values, nothing made again.
    assert cache.cached_each("thing", {1: 0, 2: 0}, made_by(log)) == {
        1: "value of 1",
        2: "value of 2",
    }
    # A new version is a new entry: made, and kept in the shared cache for
    # the other processes.
    cache.cached_each("thing", {1: 0, 2: 1}, made_by(log))
    cache.forget_recent()
    cache.cached_each("thing", {2: 1}, made_by(log))
    assert log == [[1, 2], [2]]


def test_the_process_keeps_a_bounded_number_and_not_longer_than_the_cache(cache_on, monkeypatch):
    monkeypatch.setattr(cache, "RECENT_LIMIT", 2)
    log = []
    cache.cached_each("thing", {1: 0, 2: 0}, made_by(log))
    cache.cached_each("thing", {1: 0}, made_by(log))  # 1 used last
    cache.cached_each("thing", {3: 0}, made_by(log))  # 2 goes
    assert len(cache._recent) == 2
    empty_shared_cache()
    cache.cached_each("thing", {1: 0, 2: 0, 3: 0}, made_by(log))
    assert log == [[1, 2], [3], [2]]
    # Past the cache's time a value is read from the shared cache (or made) again.
    later = cache.monotonic() + settings.FRAGMENT_CACHE_SECONDS + 1
    monkeypatch.setattr(cache, "monotonic", lambda: later)
    empty_shared_cache()
    cache.cached_each("thing", {3: 0}, made_by(log))
    assert log == [[1, 2], [3], [2], [3]]
