"""Small helpers for the links and query strings the views build."""

from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from django.http import QueryDict
from django.urls import reverse

# A key no record has, filled in by ``reverser`` (digits only: an ``int`` converter takes it).
_MARKER = "9876543219876543210"


def with_query(url: str, **params) -> str:
    """``url`` with ``params`` added to (or replacing those in) its query string."""
    parts = urlsplit(url)
    query = QueryDict(parts.query, mutable=True)
    for name, value in params.items():
        query[name] = str(value)
    return urlunsplit(parts._replace(query=query.urlencode()))


def reverser(name: str) -> Callable[[object], str]:
    """``reverse(name, args=[key])`` as a function of ``key``, the address
    reversed once: for a list of many items' addresses (the dashboard's
    lists), where reversing each costs more than the rest of its line."""
    head, tail = reverse(name, args=[_MARKER]).split(_MARKER)
    return lambda key: f"{head}{key}{tail}"


class Addresses:
    """``reverse(name, args=[key])`` as ``addresses(name, key)``, each name
    reversed once (``reverser``). Made per list, not kept: the addresses
    depend on the request's script prefix."""

    def __init__(self):
        self._reversers: dict[str, Callable[[object], str]] = {}

    def __call__(self, name: str, key) -> str:
        made = self._reversers.get(name)
        if made is None:
            made = self._reversers[name] = reverser(name)
        return made(key)
