"""Small helpers for the links and query strings the views build."""

from urllib.parse import urlsplit, urlunsplit

from django.http import QueryDict


def with_query(url: str, **params) -> str:
    """``url`` with ``params`` added to (or replacing those in) its query string."""
    parts = urlsplit(url)
    query = QueryDict(parts.query, mutable=True)
    for name, value in params.items():
        query[name] = str(value)
    return urlunsplit(parts._replace(query=query.urlencode()))
