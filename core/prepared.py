"""Queries compiled once per process: a queryset whose only variable part is
one key (a partnership's), kept as SQL with that key as a parameter.

Django compiles a queryset anew every time it runs. For the small, fixed
queries of a busy page that costs more CPU than the database takes to run
them (on a partnership's page, a third of its time went to compiling SQL).
A :class:`Prepared` query is compiled the first time it runs in a process,
per database vendor and reader's language (a translated field reads the
language's column), and after that only executed: its rows come back as
tuples, through the same converters the ORM applies (dates and decimals on
SQLite), so they hold what ``values_list()`` would give.

``partnerships.audit`` does the same for its feed of changes by hand."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.db.models import QuerySet

from .translations import active_language

# Stands for the key while a query is compiled; never a real key.
KEY = -7_301_946_286


class Prepared:
    """``build(KEY)`` gives the queryset (of ``values_list()``); ``rows(key)``
    runs it for ``key``, its columns in the order ``values_list()`` names
    them (use a plain ``QuerySet(Model)`` for a model with translated fields:
    django-modeltranslation's queryset reorders them). Build it from lookups only: whatever else varies
    between requests would be frozen into the SQL of the first one. A query
    without a key (reference data) is built by ``build()``, with
    ``keyed=False``."""

    def __init__(self, build: Callable[..., QuerySet], *, keyed: bool = True):
        self._build = build
        self._keyed = keyed
        self._compiled: dict[tuple[str, str], tuple[str, tuple, list]] = {}

    def _compile(self) -> tuple[str, tuple, list]:
        which = (connection.vendor, active_language())
        compiled = self._compiled.get(which)
        if compiled is None:
            queryset = self._build(KEY) if self._keyed else self._build()
            compiler = queryset.query.get_compiler(connection=connection)
            sql, params = compiler.as_sql()
            assert (KEY in params) == self._keyed, "the key is a parameter of the query"
            columns = [column[0] for column in compiler.select[: compiler.col_count]]
            converters = list(compiler.get_converters(columns).items())
            compiled = self._compiled[which] = (sql, tuple(params), converters)
        return compiled

    def rows(self, key: int | None = None) -> list[tuple]:
        sql, params, converters = self._compile()
        with connection.cursor() as cursor:
            cursor.execute(sql, [key if p == KEY else p for p in params])
            rows = cursor.fetchall()
        if converters:
            rows = _converted(rows, converters)
        return rows


def _converted(rows, converters) -> list[tuple]:
    converted = []
    for row in rows:
        row = list(row)
        for position, (functions, expression) in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        converted.append(tuple(row))
    return converted
