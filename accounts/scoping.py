"""Who may see and change what: the one place that answers it.

Every view fetches domain objects through this module. The rules:

* a beleidsmedewerker sees and changes the records of her own gemeente;
* a GGD-coördinator sees the records of every gemeente in her region (and
  reviews there), but changes no gemeente's records;
* a functioneel beheerder sees everything (read-only in the portal; she
  manages data in the admin);
* a gemeente taking part in another gemeente's partnership sees it and its
  finalised assessments; drafts and assessments under review stay with the
  lead gemeente and the region (``sees_drafts``, ``visible_assessments``);
* nobody sees another region's records; an outsider gets a 404, so the
  existence of a record is not revealed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from regions.models import Municipality, Region

from .models import Role


@dataclass(frozen=True)
class Scope:
    """What one user may see, as a filter that any queryset can be put through."""

    kind: str  # "municipality", "region", "all" or "none"
    municipality_id: int | None = None
    region_id: int | None = None

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


# --- Partnerships --------------------------------------------------------------


def visible_partnerships(user, queryset=None):
    """Partnerships this user may see: an officer those her gemeente leads or
    takes part in, a coordinator those led by a gemeente of her region.

    ``queryset`` (of partnerships) is narrowed, so a view can add its own
    ``select_related`` or annotations first."""
    from partnerships.models import Partnership

    scope = scope_for(user)
    qs = queryset if queryset is not None else Partnership.objects.all()
    if scope.kind == "all":
        return qs
    if scope.kind == "region":
        return qs.filter(lead_municipality__region_id=scope.region_id)
    if scope.kind == "municipality":
        participating = Partnership.participating_municipalities.through.objects.filter(
            municipality_id=scope.municipality_id
        ).values("partnership_id")
        return qs.filter(Q(lead_municipality_id=scope.municipality_id) | Q(pk__in=participating))
    return qs.none()


def can_edit_partnership(user, partnership) -> bool:
    """Only officers of the lead gemeente change a partnership and its records."""
    return scope_for(user).can_edit_for(partnership.lead_municipality_id)


def get_partnership_for_user(user, pk, *, edit=False, queryset=None):
    """The partnership, or a 404 for an outsider; with ``edit=True`` a 403 for
    someone who may see it but not change it."""
    partnership = get_object_or_404(visible_partnerships(user, queryset), pk=pk)
    if edit and not can_edit_partnership(user, partnership):
        raise PermissionDenied
    return partnership


def get_related_for_user(user, model, pk, *, edit=False, partnership_path="partnership"):
    """A record that belongs to a partnership (a goal, an agreement, an
    activity…), reached through the partnership's scope."""
    visible = visible_partnerships(user).values("pk")
    obj = get_object_or_404(model.objects.filter(**{f"{partnership_path}__in": visible}), pk=pk)
    partnership = obj
    for part in partnership_path.split("__"):
        partnership = getattr(partnership, part)
    if edit and not can_edit_partnership(user, partnership):
        raise PermissionDenied
    return obj


# --- The partner register --------------------------------------------------------


def visible_organisations(user):
    """The register of the user's own region (everyone in the region shares it)."""
    from organisations.models import Organisation

    scope = scope_for(user)
    if scope.kind == "all":
        return Organisation.objects.all()
    region_id = user.home_region.pk if scope.kind != "none" and user.home_region else None
    if region_id is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(region_id=region_id)


def can_edit_organisations(user) -> bool:
    """Officers and coordinators keep their region's register up to date."""
    return scope_for(user).kind in {"municipality", "region"}


def get_organisation_for_user(user, pk, *, edit=False):
    organisation = get_object_or_404(visible_organisations(user), pk=pk)
    if edit and not can_edit_organisations(user):
        raise PermissionDenied
    return organisation


# --- Assessments ------------------------------------------------------------------


def sees_drafts(user, partnership) -> bool:
    """May this user, who may see ``partnership``, also see its assessments
    before they are finalised (concept, ter review) with their notes?

    The lead gemeente's officers, who write them, and the region's
    coordinators, who review them, do (and the beheerder); a gemeente that
    takes part in another gemeente's partnership sees only what is finalised.
    This and :func:`visible_assessments` are the one rule for drafts."""
    scope = scope_for(user)
    if scope.kind in {"all", "region"}:
        # A coordinator sees only partnerships led in her region.
        return True
    return (
        scope.kind == "municipality" and partnership.lead_municipality_id == scope.municipality_id
    )


def visible_assessments(user, queryset=None):
    """Assessments this user may see: of the partnerships she may see, and
    drafts only where :func:`sees_drafts` (her gemeente leads)."""
    from assessment.models import Assessment, AssessmentStatus

    qs = queryset if queryset is not None else Assessment.objects.all()
    qs = qs.filter(participation__partnership__in=visible_partnerships(user).values("pk"))
    scope = scope_for(user)
    if scope.kind == "municipality":
        qs = qs.filter(
            Q(status=AssessmentStatus.FINAL)
            | Q(participation__partnership__lead_municipality_id=scope.municipality_id)
        )
    return qs


def assessments_of_partnership(user, partnership, queryset=None):
    """``queryset`` (assessments of ``partnership``, which the user may see)
    narrowed to what this user may see of them, without a query of its own
    (for prefetching on a partnership's page)."""
    from assessment.models import Assessment, AssessmentStatus

    qs = queryset if queryset is not None else Assessment.objects.all()
    return qs if sees_drafts(user, partnership) else qs.filter(status=AssessmentStatus.FINAL)


def can_review_assessment(user, assessment) -> bool:
    """The GGD coordinators of the lead gemeente's region review and finalise."""
    scope = scope_for(user)
    return (
        scope.kind == "region"
        and assessment.participation.partnership.lead_municipality.region_id == scope.region_id
    )


def get_assessment_for_user(user, pk, *, edit=False, review=False, queryset=None):
    """The assessment, 404 for outsiders; 403 when ``edit`` (officers of the
    lead gemeente) or ``review`` (coordinators of its region) is asked of
    someone who may only look."""
    from assessment.models import Assessment

    base = queryset if queryset is not None else Assessment.objects.all()
    assessment = get_object_or_404(
        visible_assessments(
            user,
            # What every assessment view needs; more joins cost PostgreSQL
            # more time to plan than to run (cached pages need only these).
            base.select_related(
                "participation__organisation",
                "participation__partnership__lead_municipality",
            ),
        ),
        pk=pk,
    )
    if edit and not can_edit_partnership(user, assessment.participation.partnership):
        raise PermissionDenied
    if review and not can_review_assessment(user, assessment):
        raise PermissionDenied
    return assessment


def regional_outcomes(user, organisation):
    """The region's memory: finalised outcomes for an organisation, visible to
    every user of its region (gemeente, date, outcome; no details)."""
    from assessment.models import Assessment, AssessmentStatus

    scope = scope_for(user)
    home = user.home_region if scope.kind in {"municipality", "region"} else None
    if scope.kind != "all" and (home is None or home.pk != organisation.region_id):
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(
            participation__organisation=organisation, status=AssessmentStatus.FINAL
        )
        .select_related("participation__partnership__lead_municipality")
        .order_by("-finalised_at")
    )
