"""Which partnerships, and which of their records, a user may see and change.

The rule (with ``accounts.scoping.scope_for``, which says what a user covers):

* an officer sees the partnerships her gemeente leads or takes part in, and
  changes only those her gemeente leads;
* a coordinator sees the partnerships led by a gemeente of her region, and
  changes none;
* the beheerder sees everything (and changes data in the admin);
* an outsider gets a 404, so the existence of a record is not revealed.

``Partnership.objects.visible_to(user)`` is the one filter; the helpers below
fetch one object through it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.scoping import Scope, get_record_for_user, scope_for
from core.prepared import PreparedRecords


class PartnershipQuerySet(QuerySet):
    def visible_to(self, user) -> PartnershipQuerySet:
        """Partnerships this user may see: an officer those her gemeente leads
        or takes part in, a coordinator those led by a gemeente of her region."""
        return self.in_scope(scope_for(user))

    def in_scope(self, scope: Scope) -> PartnershipQuerySet:
        """``visible_to`` for a user with this ``Scope``."""
        if scope.kind == "all":
            return self
        if scope.kind == "region":
            return self.filter(lead_municipality__region_id=scope.region_id)
        if scope.kind == "municipality":
            participating = self.model.participating_municipalities.through.objects.filter(
                municipality_id=scope.municipality_id
            ).values("partnership_id")
            return self.filter(
                Q(lead_municipality_id=scope.municipality_id) | Q(pk__in=participating)
            )
        return self.none()


class ParticipationQuerySet(QuerySet):
    def visible_to(self, user) -> ParticipationQuerySet:
        """Partners of the partnerships this user may see (also reached as
        ``organisation.participations.visible_to(user)``)."""
        from .models import Partnership

        return self.filter(partnership__in=Partnership.objects.visible_to(user).values("pk"))


def can_edit_partnership(user, partnership) -> bool:
    """Only officers of the lead gemeente change a partnership and its
    records, and nobody once a recorded decision ended it (``closed_at``)."""
    if partnership.closed_at is not None:
        return False
    return scope_for(user).can_edit_for(partnership.lead_municipality_id)


def sees_drafts(user, partnership) -> bool:
    """May this user, who may see ``partnership``, also see its assessments
    before they are finalised (concept, ter review) with their notes?

    The lead gemeente's officers, who write them, and the region's
    coordinators, who review them, do (and the beheerder); a gemeente that
    takes part in another gemeente's partnership sees only what is finalised.
    ``Assessment.objects.visible_to`` (assessment/querysets.py) applies the
    same rule in the database."""
    scope = scope_for(user)
    if scope.kind in {"all", "region"}:
        # A coordinator sees only partnerships led in her region.
        return True
    return (
        scope.kind == "municipality" and partnership.lead_municipality_id == scope.municipality_id
    )


def with_related(*related: str) -> PreparedRecords:
    """A partnership with the records ``related`` names (as
    ``core.prepared.PreparedRecords`` names them), read for a reader of any
    scope through a query compiled once per process and kind of scope: for
    ``get_partnership_for_user(records=…)`` (a module's constant, made once)."""
    from .models import Partnership

    return PreparedRecords(
        lambda key, kind, ident: Partnership.objects.filter(pk=key).in_scope(Scope.of(kind, ident)),
        related=related,
    )


def get_partnership_for_user(user, pk, *, edit=False, queryset=None, records=None):
    """The partnership, or a 404 for an outsider; with ``edit=True`` a 403 for
    someone who may see it but not change it. ``queryset`` (of partnerships)
    lets a view add its own ``select_related`` first; ``records``
    (``with_related``) reads it through a query compiled once."""
    from .models import Partnership

    if records is not None:
        partnership = get_record_for_user(user, records, pk)
    else:
        base = queryset if queryset is not None else Partnership.objects.all()
        partnership = get_object_or_404(base.visible_to(user), pk=pk)
    if edit and not can_edit_partnership(user, partnership):
        raise PermissionDenied
    return partnership


def get_related_for_user(user, model, pk, *, edit=False, partnership_path="partnership"):
    """A record that belongs to a partnership (a goal, an agreement, an
    activity…), reached through the partnership's scope."""
    from .models import Partnership

    visible = Partnership.objects.visible_to(user).values("pk")
    obj = get_object_or_404(model.objects.filter(**{f"{partnership_path}__in": visible}), pk=pk)
    partnership = obj
    for part in partnership_path.split("__"):
        partnership = getattr(partnership, part)
    if edit and not can_edit_partnership(user, partnership):
        raise PermissionDenied
    return obj
