"""The cache, for work that is heavy and shared: the dashboard's figures and
the exports (CSV, Excel, PDF overview).

A value is kept under a key made of its name, the ``parts`` it depends on, the
language and the day. The callers put the state of the partnerships counted
among the parts (``partnerships.revision.state_of``, one query), so a change to
any of them makes a new key at once, in every process that shares the cache;
an entry that is no longer asked for expires after
``settings.FRAGMENT_CACHE_SECONDS``.

Values per record (:func:`cached_each`: the dashboard's facts of each
partnership) are kept under the record's key and its version (a counter the
record raises with every change, ``Partnership.revision``), so that after a
change only that record is made again. What is kept under such a key never
changes, so each process also keeps the values it last read or made (at most
``RECENT_LIMIT``, for as long as the cache would): a dashboard of 254
partnerships reads them back in 0.2 instead of 5 ms. Files (PDFs, spreadsheets) go to a cache
of their own (``files``), so a few large files do not push out the figures."""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable
from time import monotonic
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone, translation

T = TypeVar("T")


def cache_key(name: str, parts: Iterable) -> str:
    source = "|".join(
        [
            *(str(part) for part in parts),
            translation.get_language() or "",
            # Waiting times, overdue indicators and "the last 90 days" change with the day.
            timezone.localdate().isoformat(),
        ]
    )
    return f"{name}:{hashlib.sha256(source.encode()).hexdigest()}"


def cached(
    name: str, parts: Callable[[], Iterable], make: Callable[[], T], *, alias: str = "default"
) -> T:
    """What ``make`` makes, from the cache ``alias`` when ``parts`` (what it
    depends on, asked only when the cache is on) are the same."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if seconds <= 0:
        return make()
    store = caches[alias]
    key = cache_key(name, parts())
    value = store.get(key)
    if value is None:
        value = make()
        store.set(key, value, seconds)
    return value


# The values of ``cached_each`` this process last read or made, by their key
# in the shared cache, with when they expire: (moment, value). Bounded: the
# least recently used go first. Shared by the process's threads.
RECENT_LIMIT = 12_000
_recent: OrderedDict[str, tuple[float, object]] = OrderedDict()
_recent_lock = threading.Lock()


def forget_recent() -> None:
    """Forget the values this process keeps (the tests, which empty the
    shared cache and roll their data back, so keys come back)."""
    with _recent_lock:
        _recent.clear()


def cached_each(
    name: str,
    versions: dict[int, object],
    make: Callable[[list[int]], dict[int, T]],
    *,
    layout: object = (),
) -> dict[int, T]:
    """A value per key of ``versions`` (key: its version), from the cache
    where one was kept for that version and language; ``make`` makes those
    of the other keys, all at once, from a list of them. ``layout``: what
    the values are made of (their fields), part of the key, so that an
    entry kept by an earlier release of the code is never read as a value of
    another shape. The values are shared with later callers in this
    process: never change one."""
    name = f"{name}-{zlib.crc32(repr(layout).encode()):08x}"
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if seconds <= 0:
        return make(list(versions))
    store = caches["default"]
    language = translation.get_language() or ""
    # The entries' names in the cache, and in this process (with the cache's prefix).
    names = {key: f"{name}:{key}:{version}:{language}" for key, version in versions.items()}
    prefix = f"{store.key_prefix}:"
    now = monotonic()
    values, asked = {}, {}
    with _recent_lock:
        for key, entry in names.items():
            found = _recent.get(prefix + entry)
            if found is not None and found[0] > now:
                _recent.move_to_end(prefix + entry)
                values[key] = found[1]
            else:
                asked[key] = entry
    if not asked:
        return values
    kept = store.get_many(asked.values())
    fetched = {key: kept[entry] for key, entry in asked.items() if entry in kept}
    missing = [key for key in asked if key not in fetched]
    if missing:
        made = make(missing)
        made = {key: made[key] for key in missing if key in made}
        store.set_many({names[key]: value for key, value in made.items()}, seconds)
        fetched.update(made)
    values.update(fetched)
    until = now + seconds
    with _recent_lock:
        for key, value in fetched.items():
            _recent[prefix + names[key]] = (until, value)
            _recent.move_to_end(prefix + names[key])
        while len(_recent) > RECENT_LIMIT:
            _recent.popitem(last=False)
    return values


def cached_file(name: str, parts: Callable[[], Iterable], make: Callable[[], T]) -> T:
    """A download's bytes (perhaps with its file name), kept in the ``files`` cache."""
    return cached(name, parts, make, alias="files")
