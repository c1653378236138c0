"""A list of keys in one query parameter.

``filter(OneOf(F("participation__partnership_id"), keys))`` keeps the rows
whose field is one of ``keys`` (whole numbers), as ``field__in=keys`` does,
but sends the list as one parameter: an array in PostgreSQL (``= ANY(%s)``),
JSON in SQLite (``IN (SELECT value FROM json_each(%s))``). For a list of
hundreds of keys ``__in`` costs Django and the database driver a parameter
each, more than the query itself; the database plans both the same way.
Other databases get ``IN`` with a parameter per key."""

from __future__ import annotations

import json

from django.core.exceptions import EmptyResultSet
from django.db.models import BooleanField, Lookup


class OneOf(Lookup):
    lookup_name = "one_of"
    prepare_rhs = False

    @property
    def output_field(self):
        return BooleanField()

    def get_prep_lookup(self):
        return [int(key) for key in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if not self.rhs:
            raise EmptyResultSet
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", [*params, *self.rhs]

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        # An array literal of whole numbers: cheaper to send than a list the
        # driver converts value by value.
        return f"{lhs} = ANY(%s::bigint[])", [*params, "{" + ",".join(map(str, self.rhs)) + "}"]

    def as_sqlite(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        # The column is compiled SQL, the keys one parameter.
        sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608
        return sql, [*params, json.dumps(self.rhs)]
