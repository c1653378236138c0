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
change only that record is made again. Files (PDFs, spreadsheets) go to a cache
of their own (``files``), so a few large files do not push out the figures."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterable
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
    another shape."""
    name = f"{name}-{zlib.crc32(repr(layout).encode()):08x}"
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if seconds <= 0:
        return make(list(versions))
    store = caches["default"]
    language = translation.get_language() or ""
    names = {key: f"{name}:{key}:{version}:{language}" for key, version in versions.items()}
    kept = store.get_many(names.values())
    values = {key: kept[entry] for key, entry in names.items() if entry in kept}
    missing = [key for key in versions if key not in values]
    if missing:
        made = make(missing)
        store.set_many({names[key]: made[key] for key in missing if key in made}, seconds)
        values.update(made)
    return values


def cached_file(name: str, parts: Callable[[], Iterable], make: Callable[[], T]) -> T:
    """A download's bytes (perhaps with its file name), kept in the ``files`` cache."""
    return cached(name, parts, make, alias="files")
