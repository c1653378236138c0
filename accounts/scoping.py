"""What a user covers: her ``Scope`` (``scope_for``), and the gemeenten and
regions in it.

Who may see what is one idea, applied by each app to its own records through
its querysets, all starting from ``scope_for(user)``:

* a beleidsmedewerker sees and changes the records of her own gemeente;
* a GGD-coördinator sees the records of every gemeente in her region (and
  reviews there), but changes no gemeente's records;
* a functioneel beheerder sees everything (read-only in the portal; she
  manages data in the admin);
* nobody sees another region's records; an outsider gets a 404, so the
  existence of a record is not revealed.

Partnerships: ``Partnership.objects.visible_to(user)`` and the helpers in
``partnerships/querysets.py`` (also ``sees_drafts``: a gemeente taking part in
another gemeente's partnership sees only its finalised assessments); the
partner register: ``organisations/querysets.py``; assessments:
``assessment/querysets.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.prepared import PreparedRecords
from regions.models import Municipality, Region

from .models import Role


@dataclass(frozen=True)
class Scope:
    """What one user may see, as a filter that any queryset can be put through."""

    kind: str  # "municipality", "region", "all" or "none"
    municipality_id: int | None = None
    region_id: int | None = None

    @property
    def ident(self) -> int | None:
        """The one value a scope of its kind is defined by: its gemeente's or
        its region's key (``None`` for "all" and "none")."""
        return {"municipality": self.municipality_id, "region": self.region_id}.get(self.kind)

    @classmethod
    def of(cls, kind: str, ident: int | None) -> Scope:
        """The scope of ``kind`` defined by ``ident`` (see ``ident``)."""
        if kind == "municipality":
            return cls(kind, municipality_id=ident)
        if kind == "region":
            return cls(kind, region_id=ident)
        return cls(kind)

    @property
    def key(self) -> str:
        """The scope as text, for cache keys: users with the same scope see the same."""
        return f"{self.kind}:{self.region_id}:{self.municipality_id}"

    def municipality_q(self, path: str) -> Q | None:
        """A ``Q`` limiting ``path`` (a lookup ending in a Municipality) to
        this scope; ``None`` means no limit, ``Q(pk__in=[])`` means nothing."""
        if self.kind == "all":
            return None
        if self.kind == "region":
            return Q(**{f"{path}__region_id": self.region_id})
        if self.kind == "municipality":
            return Q(**{f"{path}_id": self.municipality_id})
        return Q(pk__in=[])

    def filter(self, queryset: QuerySet, path: str) -> QuerySet:
        if self.kind == "none":
            return queryset.none()
        q = self.municipality_q(path)
        return queryset if q is None else queryset.filter(q)

    def can_edit_for(self, municipality_id: int | None) -> bool:
        """May this user change records owned by this gemeente?"""
        return self.kind == "municipality" and municipality_id == self.municipality_id


NOBODY = Scope("none")


def scope_for(user) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    if user.role == Role.OFFICER and user.municipality_id:
        return Scope("municipality", municipality_id=user.municipality_id)
    if user.role == Role.COORDINATOR and user.region_id:
        return Scope("region", region_id=user.region_id)
    if user.role == Role.ADMINISTRATOR:
        return Scope("all")
    return NOBODY


def records_in_scope(user, records: PreparedRecords, key: int) -> list:
    """The records of ``key`` that ``user`` may see, read through ``records``
    (a ``core.prepared.PreparedRecords`` whose queryset is limited by
    ``Scope.of(kind, ident)``: compiled once per kind of scope)."""
    scope = scope_for(user)
    if scope.kind == "none":
        return []
    return records.records(key, shape=scope.kind, second=scope.ident)


def get_record_for_user(user, records: PreparedRecords, key: int):
    """The record of ``key`` among ``records_in_scope``, or a 404 (as
    ``get_object_or_404``)."""
    found = next((r for r in records_in_scope(user, records, key) if r.pk == key), None)
    if found is None:
        raise Http404("No record matches the given query.")
    return found


# --- Regions and gemeenten ---------------------------------------------------


def visible_municipalities(user) -> QuerySet[Municipality]:
    scope = scope_for(user)
    qs = Municipality.objects.select_related("region")
    if scope.kind == "all":
        return qs
    if scope.kind == "region":
        return qs.filter(region_id=scope.region_id)
    if scope.kind == "municipality":
        return qs.filter(pk=scope.municipality_id)
    return qs.none()


def visible_regions(user) -> QuerySet[Region]:
    """A region is visible to its coordinators (and the beheerder).

    An officer works for her gemeente; she is told her region's name but gets
    no region pages."""
    scope = scope_for(user)
    if scope.kind == "all":
        return Region.objects.all()
    if scope.kind == "region":
        return Region.objects.filter(pk=scope.region_id)
    return Region.objects.none()


def get_municipality_for_user(user, pk) -> Municipality:
    return get_object_or_404(visible_municipalities(user), pk=pk)


def get_region_for_user(user, pk) -> Region:
    return get_object_or_404(visible_regions(user), pk=pk)


def ensure(condition: bool) -> None:
    """Raise a 404 when ``condition`` is false: an outsider learns nothing."""
    if not condition:
        raise Http404
