"""core.cache.cached_each: a value per record, kept for its version."""

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
