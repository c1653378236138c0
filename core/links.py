"""Small helpers for the links and query strings the views build."""

from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import QueryDict
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

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


# --- Addresses reversed once per process ------------------------------------

# The most addresses ``remembered_reverse`` keeps; past it, it starts afresh.
REMEMBERED_LIMIT = 20_000
_remembered: dict[tuple, str] = {}
# The values an address is kept for: Django writes any other by its str().
_PLAIN = (int, str)


def forget_remembered() -> None:
    """Forget every address ``remembered_reverse`` keeps (for tests that
    change the URLconf's patterns in place)."""
    _remembered.clear()


def remembered_reverse(view_name, args=(), kwargs=(), current_app=None) -> str:
    """``reverse(view_name, args=args, kwargs=dict(kwargs), current_app=…)``,
    each address reversed once per process: the same name, values, URLconf,
    script prefix and language always give the same address (the portal's
    paths are not translated; the language is in the key in case one is).
    Only addresses of plain values (whole numbers, text) are kept: an
    address of a record depends on its ``str()``, which can change. A page's
    header and menu reverse a dozen fixed addresses on every request; Django's
    ``reverse`` costs more than the rest of a link. ``kwargs``: (name, value)
    pairs. Raises ``NoReverseMatch`` as ``reverse`` does (nothing kept)."""
    plain = all(type(value) in _PLAIN for value in args) and all(
        type(value) in _PLAIN for _name, value in kwargs
    )
    if not plain:
        return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)
    key = (
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
        current_app,
        view_name,
        tuple(args),
        tuple(kwargs),
    )
    address = _remembered.get(key)
    if address is None:
        address = reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)
        if len(_remembered) >= REMEMBERED_LIMIT:
            _remembered.clear()
        _remembered[key] = address
    return address
