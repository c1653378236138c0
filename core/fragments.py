"""Parts of pages (and downloads) kept in the cache, keyed by what they show.

A fragment's key names everything its HTML depends on: the records (by the
freshness signals of ``core.freshness``, so a change shows at once, in every
worker process), who may do what, the language and the day. Fragments are
rendered without the request, so no CSRF token, message or other detail of one
request can end up in HTML that another request is given.

Downloads (PDFs, spreadsheets) go to a cache of their own (``files``) that
holds fewer entries, so a handful of large files cannot push out the pages'
many small ones."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe


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


def enabled() -> bool:
    return settings.FRAGMENT_CACHE_SECONDS > 0


T = TypeVar("T")


def cached(
    name: str, parts: Callable[[], Iterable], make: Callable[[], T], *, alias: str = "default"
) -> T:
    """What ``make`` makes, from the cache ``alias`` when ``parts`` (the
    things it depends on, asked only when the cache is on) are the same."""
    if not enabled():
        return make()
    store = caches[alias]
    key = cache_key(name, parts())
    value = store.get(key)
    if value is None:
        value = make()
        store.set(key, value, settings.FRAGMENT_CACHE_SECONDS)
    return value


def cached_download(name: str, parts: Callable[[], Iterable], make: Callable[[], T]) -> T:
    """A download (PDF, spreadsheet: its bytes, perhaps with its file name),
    kept in the ``files`` cache."""
    return cached(name, parts, make, alias="files")


def cached_html(name: str, parts: Callable[[], Iterable], render: Callable[[], str]) -> SafeString:
    """The HTML ``render`` makes, from the cache when ``parts`` (the things
    it depends on, asked only when the cache is on) are the same."""
    return cached_pieces(name, parts, lambda: {"html": render()})["html"]


def cached_pieces(
    name: str, parts: Callable[[], Iterable], render: Callable[[], dict[str, str]]
) -> dict[str, SafeString]:
    """Like :func:`cached_html` for a page made of several pieces of HTML
    (between which the request's own parts go, such as forms), kept together."""
    pieces = cached(name, parts, lambda: {piece: str(html) for piece, html in render().items()})
    # Our own templates made these pieces and escaped what they show.
    return {piece: mark_safe(html) for piece, html in pieces.items()}  # noqa: S308
