"""Queries compiled once per process: a queryset whose variable part is one
key (a partnership's; for ``PreparedRecords`` also the reader's gemeente or
region), kept as SQL with that key as a parameter.

Django compiles a queryset anew every time it runs. For the small, fixed
queries of a busy page that costs more CPU than the database takes to run
them (on a partnership's page, a third of its time went to compiling SQL).
A :class:`Prepared` query is compiled the first time it runs in a process,
per database vendor and reader's language (a translated field reads the
language's column), and after that only executed: its rows come back as
tuples, through the same converters the ORM applies (dates and decimals on
SQLite), so they hold what ``values_list()`` would give.

A :class:`Bundle` sends several such lists of one key as one query (a
``UNION ALL``), so a page that shows many short lists waits for the
database once instead of once a list.

On PostgreSQL the SQL is kept with its fixed values written in (as the
database's driver would write them) and only the key's place left, and it
is prepared on the database connection the first time it runs there
(``PREPARE``): after that only ``EXECUTE`` with the key goes over the wire.
PostgreSQL parsing and planning a page's long ``UNION ALL`` anew took it
ten times longer than running it. Django leaves the driver's own prepared
statements off (for connection poolers); these are named, one per
statement, and remembered per connection.

The key may also be a list of keys (``many=True``): the query is built with
``core.lookups.OneOf`` on a list, and runs for any list, empty or of
thousands (the dashboard reads its facts of a region's partnerships so).

A :class:`PreparedRecords` gives records (model instances) with the records
they point to, as ``select_related`` would, for the one record an object's
page is about: compiled once per kind of reader, whose gemeente or region
is a second parameter (``accounts.scoping.records_in_scope``).

``partnerships.audit`` keeps the SQL of its feed of changes the same way
(:class:`Statement`)."""

from __future__ import annotations

import itertools
import json
import re
import weakref
from collections.abc import Callable, Sequence
from contextlib import contextmanager

from django.db import connection
from django.db.models import F, IntegerField, QuerySet, Value
from django.db.models.functions import Cast

from .translations import active_language

# Stands for the key while a query is compiled; never a real key.
KEY = -7_301_946_286
# Stands for a second value of a query that also depends on who reads it
# (the reader's gemeente or region, ``PreparedRecords``); never a real key.
SECOND = -7_301_946_287

Key = int | Sequence[int] | None


# The names of the statements prepared on each of the driver's connections
# (PostgreSQL): a new connection has none. PREPARE is not undone by a rollback.
_PREPARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_NAMES = itertools.count()
# Each statement's SQL, by its name (``sql_of``).
_TEXTS: dict[str, str] = {}
_EXECUTED = re.compile(r"EXECUTE (pps_statement_\d+)")


def sql_of(logged: str) -> str:
    """The SQL a query as Django logs it runs: for ``EXECUTE
    pps_statement_N(…)`` the statement's own SQL (for reading the query log,
    and for the tests that name queries by their tables), else itself."""
    match = _EXECUTED.match(logged)
    return _TEXTS.get(match.group(1), logged) if match else logged


def _list_forms(marker: int) -> dict[str, str]:
    """How ``core.lookups.OneOf`` sends the list ``[marker]`` (an array
    literal on PostgreSQL, JSON on SQLite), with the text it stands as in
    the SQL with its values written in."""
    array = f"{{{marker}}}"
    return {array: f"'{array}'", json.dumps([marker]): json.dumps([marker])}


class Statement:
    """SQL with ``marker`` among its ``params`` where the key goes, ready to
    run for any key (an integer) or, built with ``[marker]``, any list of keys;
    with ``SECOND`` among them too, for a second value (an integer)."""

    def __init__(self, sql: str, params, marker: int = KEY):
        params = tuple(params)
        self.marker = marker
        forms = _list_forms(marker)
        lists = [p for p in params if isinstance(p, str) and p in forms]
        self.many = bool(lists)
        self.keyed = self.many or marker in params
        self.second = SECOND in params
        assert not (self.many and marker in params), "one key, or one list of keys"
        assert not self.second or (self.keyed and not self.many), "a second value after a key"
        if connection.vendor == "postgresql":
            # The fixed values written in, the key's place marked by its text.
            sql = connection.ops.compose_sql(sql, params)
            places = len(lists) + params.count(marker)
            assert sql.count(str(marker)) == places, "the key's place is clear"
            assert sql.count(str(SECOND)) == params.count(SECOND), "the second's place is clear"
            if self.many:
                sql = sql.replace(forms[lists[0]], "$1")
            self.name = f"pps_statement_{next(_NAMES)}"
            kind = (
                "(bigint[])"
                if self.many
                else "(bigint, bigint)"
                if self.second
                else "(bigint)"
                if self.keyed
                else ""
            )
            _TEXTS[self.name] = sql.replace(str(marker), "$1").replace(str(SECOND), "$2")
            self.prepare = f"PREPARE {self.name}{kind} AS {_TEXTS[self.name]}"
            self.sql = self.params = None
        else:
            self.sql, self.params = sql, params

    def run(self, key: Key = None, second: int | None = None) -> list[tuple]:
        """The rows for ``key``: a key, or a list of keys when built with one;
        and ``second`` when built with ``SECOND``."""
        if self.many:
            keys = [int(k) for k in key]
        assert second is not None or not self.second, "a second value for this statement"
        if self.sql is None:
            self._prepare()
            if not self.keyed:
                sql = f"EXECUTE {self.name}"
            elif self.many:
                sql = f"EXECUTE {self.name}('{{{','.join(map(str, keys))}}}')"
            elif self.second:
                sql = f"EXECUTE {self.name}({int(key)}, {int(second)})"
            else:
                sql = f"EXECUTE {self.name}({int(key)})"
            params = None
        else:
            sql = self.sql
            forms = _list_forms(self.marker)
            params = [
                json.dumps(keys)
                if self.many and isinstance(p, str) and p in forms
                else key
                if p == self.marker
                else second
                if p == SECOND
                else p
                for p in self.params
            ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _prepare(self):
        """Prepare the statement on this connection unless it is there: once
        per connection, on the driver's connection, so that it counts as
        none of the page's queries (like a connection's own settings)."""
        connection.ensure_connection()
        prepared = _PREPARED.setdefault(connection.connection, set())
        if self.name not in prepared:
            connection.connection.execute(self.prepare)
            prepared.add(self.name)


def _compiled(queryset: QuerySet):
    """The queryset's :class:`Statement` and its converters, by column."""
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    columns = [column[0] for column in compiler.select[: compiler.col_count]]
    return Statement(sql, params), list(compiler.get_converters(columns).items())


def _converted(rows, converters) -> list[tuple]:
    if not converters:
        return rows
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


class Prepared:
    """``build(KEY)`` gives the queryset (of ``values_list()``); ``rows(key)``
    runs it for ``key``, its columns in the order ``values_list()`` names
    them (use a plain ``QuerySet(Model)`` for a model with translated fields:
    django-modeltranslation's queryset reorders them). Build it from lookups only:
    whatever else varies between requests would be frozen into the SQL of the
    first one. A query without a key (reference data) is built by
    ``build()``, with ``keyed=False``."""

    def __init__(self, build: Callable[..., QuerySet], *, keyed: bool = True):
        self._build = build
        self._keyed = keyed
        self._compiled: dict[tuple[str, str], tuple] = {}

    def _compile(self):
        which = (connection.vendor, active_language())
        compiled = self._compiled.get(which)
        if compiled is None:
            queryset = self._build(KEY) if self._keyed else self._build()
            compiled = self._compiled[which] = _compiled(queryset)
            assert compiled[0].keyed == self._keyed, "the key is a parameter of the query"
        return compiled

    def rows(self, key: int | None = None) -> list[tuple]:
        statement, converters = self._compile()
        return _converted(statement.run(key), converters)


def _fits_a_key(key: int) -> bool:
    """Whether ``key`` fits a database key (64 bits): a number in an address
    can be longer."""
    return -(2**63) <= key < 2**63


class PreparedRecords:
    """Records (model instances) of one key, with the records they point to,
    compiled once per process: for the one record a page is about, which a
    queryset with ``select_related`` would give, without compiling its joins
    on every request (an assessment with its partner, partnership, gemeente,
    questionnaire and authors: 1.6 ms to compile, 0.8 ms to run).

    ``build(key, shape, second)`` gives the queryset (of ``model``, only
    lookups, as for :class:`Prepared`); it is compiled once per ``shape``
    (a hashable the caller picks, such as the kind of the reader's scope,
    for whatever changes the query's form) with ``KEY`` and ``SECOND`` for
    the values that change between requests. ``related`` names the records
    each one brings along, as ``select_related`` names them (each path's
    steps named too: ``"participation", "participation__organisation"``).

    ``records(key, shape=…, second=…)`` gives the records in the
    queryset's order, made as the ORM makes them (``Model.from_db`` with
    every column; the records they point to set through their fields), so
    that nothing differs for the code that uses them."""

    def __init__(self, build: Callable[..., QuerySet], *, related: Sequence[str] = ()):
        self._build = build
        self._related = tuple(related)
        self._compiled: dict[tuple, tuple] = {}

    def _compile(self, shape):
        which = (connection.vendor, active_language(), shape)
        compiled = self._compiled.get(which)
        if compiled is None:
            queryset = self._build(KEY, shape, SECOND)
            model = queryset.model
            parts, columns = [], []
            for path in ("", *self._related):
                target = model
                for step in path.split("__") if path else ():
                    field = target._meta.get_field(step)
                    # As select_related: a record it points to, one per row.
                    assert field.many_to_one or (field.one_to_one and field.concrete), path
                    target = field.related_model
                names = [field.attname for field in target._meta.concrete_fields]
                prefix = f"{path}__" if path else ""
                parent, _, step = path.rpartition("__")
                assert not path or parent in {p[0] for p in parts}, (
                    f"{parent!r} named before {path!r}"
                )
                start, pk_at = len(columns), names.index(target._meta.pk.attname)
                parts.append((path, parent, step, target, names, start, pk_at))
                columns += [prefix + name for name in names]
            # A plain QuerySet: a translated model's own would rename columns.
            plain = QuerySet(model=model, query=queryset.query.chain()).values_list(*columns)
            statement, converters = _compiled(plain)
            assert statement.keyed and not statement.many, "one key is a parameter of the query"
            compiled = self._compiled[which] = (statement, converters, parts)
        return compiled

    def records(self, key: int, *, shape=None, second: int | None = None) -> list:
        if not _fits_a_key(key):  # no record has it
            return []
        statement, converters, parts = self._compile(shape)
        db = connection.alias
        found = []
        for row in _converted(statement.run(key, second), converters):
            made: dict[str, object] = {}
            for path, parent, step, model, names, start, pk_at in parts:
                values = row[start : start + len(names)]
                record = None if values[pk_at] is None else model.from_db(db, names, values)
                made[path] = record
                if path and made[parent] is not None:
                    setattr(made[parent], step, record)
            found.append(made[""])
        return found


class Bundle:
    """Several lists of one key, each a :class:`Prepared`-like build of a
    ``values_list()`` with its ``order_by()`` (and no slice: limit it with
    ``pk__in`` a sliced subquery), read in one ``UNION ALL``.

    Each part has columns of its own (the others' are empty), so the
    database need not match their types; the union is sorted by the part,
    then by each part's own ordering, so every list comes back in the order
    its queryset gives. ``rows(key)`` gives ``{name: rows}``. With
    ``many=True`` the parts are built for a list of keys (``[KEY]``, matched
    with ``core.lookups.OneOf``) and ``rows(keys)`` takes any list."""

    def __init__(self, *, many: bool = False, **parts: Callable[..., QuerySet]):
        self._parts = parts
        self._key = [KEY] if many else KEY
        self._compiled: dict[tuple[str, str], tuple] = {}

    def _compile(self):
        which = (connection.vendor, active_language())
        compiled = self._compiled.get(which)
        if compiled is not None:
            return compiled
        built = {name: build(self._key) for name, build in self._parts.items()}
        # Each part's columns and sort terms, at their own places in the union.
        layout, columns, order = [], [], ["bundle_part"]
        for index, (name, queryset) in enumerate(built.items()):
            fields = list(queryset._fields)
            terms = [str(term) for term in queryset.query.order_by]
            assert terms, f"part {name} says its order"
            names = [f"p{index}_c{position}" for position in range(len(fields))]
            sorts = [f"p{index}_s{position}" for position in range(len(terms))]
            layout.append((name, fields, terms, names, sorts))
            columns += names + sorts
            order += [
                f"-{sort}" if term.startswith("-") else sort
                for sort, term in zip(sorts, terms, strict=True)
            ]
        # Each part's own columns, to learn their types: another part's
        # column is an empty value of that type (a NULL alone would be read
        # as text by PostgreSQL, which matches a union's branches pairwise).
        owns, types = [], {}
        for name, fields, terms, names, sorts in layout:
            own = dict(zip(names, (F(field) for field in fields), strict=True))
            own.update((sort, F(term.lstrip("-"))) for sort, term in zip(sorts, terms, strict=True))
            owns.append(own)
            compiler = (
                built[name]
                .order_by()
                .annotate(**own)
                .values_list(*own)
                .query.get_compiler(connection=connection)
            )
            compiler.setup_query()
            for column, (expression, *_sql) in zip(own, compiler.select, strict=False):
                types[column] = expression.output_field
        parts = []
        for index, (name, *_rest) in enumerate(layout):
            values = {
                column: owns[index].get(column) or Cast(Value(None), output_field=types[column])
                for column in columns
            }
            parts.append(
                built[name]
                .order_by()
                .annotate(bundle_part=Value(index, output_field=IntegerField()), **values)
                .values_list("bundle_part", *columns)
            )
        union = parts[0].union(*parts[1:], all=True).order_by(*order)
        statement, _converters = _compiled(union)
        assert statement.keyed, "the key is a parameter of the query"
        # Each part's converters, as the ORM applies them to that part alone.
        own_converters = [_compiled(built[name])[1] for name, *_rest in layout]
        offsets, start = [], 1
        for _name, fields, _terms, names, sorts in layout:
            offsets.append((start, start + len(fields)))
            start += len(names) + len(sorts)
        compiled = self._compiled[which] = (
            statement,
            [name for name, *_rest in layout],
            offsets,
            own_converters,
        )
        return compiled

    def rows(self, key: Key) -> dict[str, list[tuple]]:
        statement, names, offsets, converters = self._compile()
        found: dict[str, list[tuple]] = {name: [] for name in names}
        for row in statement.run(key):
            part = row[0]
            begin, end = offsets[part]
            found[names[part]].append(row[begin:end])
        return {
            name: _converted(found[name], converters[index]) for index, name in enumerate(names)
        }


# The ORM's SQL run as prepared statements (``planned_once``), by its text:
# a statement's name, the same on every connection.
_PLACES = re.compile(r"%%|%s")
_BY_SQL: dict[str, str] = {}
_MOST_SQL = 100  # distinct texts prepared; any beyond run as usual


@contextmanager
def planned_once():
    """Inside, on PostgreSQL, each query the ORM sends (compiled as usual) is
    prepared on the connection the first time its SQL comes and then only
    executed with its values: PostgreSQL plans it once instead of on every
    request. For a query with many joins whose shape depends on the user
    (an assessment with everything its page shows of it took PostgreSQL
    4 ms to plan and 0.5 ms to run); its values must all be compared with
    columns (so that PostgreSQL knows their types)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.execute_wrapper(_as_prepared):
        yield


def _as_prepared(execute, sql, params, many, context):
    name = _BY_SQL.get(sql)
    if name is None:
        if many or len(_BY_SQL) >= _MOST_SQL or not sql.startswith("SELECT"):
            return execute(sql, params, many, context)
        name = _BY_SQL[sql] = f"pps_statement_{next(_NAMES)}"
        _TEXTS[name] = sql
    prepared = _PREPARED.setdefault(connection.connection, set())
    if name not in prepared:
        places = itertools.count(1)
        body = _PLACES.sub(lambda m: "%" if m.group() == "%%" else f"${next(places)}", sql)
        connection.connection.execute(f"PREPARE {name} AS {body}")
        prepared.add(name)
    values = f"({', '.join(['%s'] * len(params))})" if params else ""
    return execute(f"EXECUTE {name}{values}", params or None, many, context)


def record(model, **values):
    """A record of ``model`` with only these fields (by attribute name), as
    the ORM loads it with ``only``: for a few rows read as tuples that go on
    as records (an attention list's items). Other fields load when asked for."""
    fields = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    assert len(fields) == len(values), "every value is a field of the model"
    return model.from_db(model.objects.db, fields, [values[name] for name in fields])
