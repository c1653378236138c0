"""Parts of pages kept as HTML in the cache, keyed by what they show.

A fragment's key names everything its HTML depends on: the records (by the
freshness signals of ``core.freshness``, so a change shows at once, in every
worker process), who may do what, the language and the day. Fragments are
rendered without the request, so no CSRF token, message or other detail of one
request can end up in HTML that another request is given."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
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


def cached_html(name: str, parts: Callable[[], Iterable], render: Callable[[], str]) -> SafeString:
    """The HTML ``render`` makes, from the cache when ``parts`` (the things
    it depends on, asked only when the cache is on) are the same."""
    if not enabled():
        return mark_safe(render())  # noqa: S308 - our own template, escaped there
    key = cache_key(name, parts())
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, settings.FRAGMENT_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template, escaped there
