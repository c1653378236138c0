"""Which assessments a user may see, review and change.

Assessments are seen through their partnership (``Partnership.objects
.visible_to``, partnerships/querysets.py), with one more rule: a gemeente
that takes part in another gemeente's partnership sees only its finalised
assessments; drafts and assessments under review, with their notes, stay with
the lead gemeente's officers, the region's coordinators and the beheerder
(``partnerships.querysets.sees_drafts`` says it for one partnership,
``visible_to`` below in the database). An outsider gets a 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.scoping import Scope, records_in_scope, scope_for
from core.prepared import PreparedRecords
from partnerships.models import Partnership
from partnerships.querysets import can_edit_partnership, sees_drafts


class AssessmentQuerySet(QuerySet):
    def visible_to(self, user) -> AssessmentQuerySet:
        """Assessments of the partnerships this user may see, and drafts only
        where ``sees_drafts`` (her gemeente leads, her region, the beheerder)."""
        return self.in_scope(scope_for(user))

    def in_scope(self, scope: Scope) -> AssessmentQuerySet:
        """``visible_to`` for a user with this ``Scope``."""
        return self.filter(
            participation__partnership__in=Partnership.objects.in_scope(scope).values("pk")
        ).as_seen_in(scope)

    def as_seen_by(self, user) -> AssessmentQuerySet:
        """These assessments (of partnerships the user may see) narrowed to
        what she may see of them: drafts only where ``sees_drafts``. For a
        caller that has the partnerships already (the dashboard)."""
        return self.as_seen_in(scope_for(user))

    def as_seen_in(self, scope: Scope) -> AssessmentQuerySet:
        """``as_seen_by`` for a user with this ``Scope``."""
        from .models import AssessmentStatus

        if scope.kind == "municipality":
            return self.filter(
                Q(status=AssessmentStatus.FINAL)
                | Q(participation__partnership__lead_municipality_id=scope.municipality_id)
            )
        return self

    def of_partnership_for(self, user, partnership) -> AssessmentQuerySet:
        """These assessments (of ``partnership``, which the user may see)
        narrowed to what this user may see of them, without a query of its
        own (for prefetching on a partnership's page)."""
        from .models import AssessmentStatus

        return (
            self if sees_drafts(user, partnership) else self.filter(status=AssessmentStatus.FINAL)
        )

    def regional_outcomes(self, user, organisation) -> AssessmentQuerySet:
        """The region's memory: finalised outcomes for an organisation, visible
        to every user of its region (gemeente, date, outcome; no details)."""
        from .models import AssessmentStatus

        scope = scope_for(user)
        home = user.home_region if scope.kind in {"municipality", "region"} else None
        if scope.kind != "all" and (home is None or home.pk != organisation.region_id):
            return self.none()
        return (
            self.filter(participation__organisation=organisation, status=AssessmentStatus.FINAL)
            .select_related("participation__partnership__lead_municipality")
            .order_by("-finalised_at")
        )


def can_review_assessment(user, assessment) -> bool:
    """The GGD coordinators of the lead gemeente's region review and finalise."""
    scope = scope_for(user)
    return (
        scope.kind == "region"
        and assessment.participation.partnership.lead_municipality.region_id == scope.region_id
    )


def with_siblings(*related: str) -> PreparedRecords:
    """How ``with_siblings_for_user`` reads an assessment and its partner's
    other assessments, with its partner, partnership and lead gemeente and
    the records ``related`` names (each step named, as ``PreparedRecords``
    says): compiled once per process and kind of reader (a module's
    constant, made once)."""
    from .models import Assessment

    return PreparedRecords(
        lambda key, kind, ident: (
            Assessment.objects.filter(participation__assessments=key)
            .in_scope(Scope.of(kind, ident))
            .order_by("-created_at", "-pk")
        ),
        related=(
            "participation",
            "participation__organisation",
            "participation__partnership",
            "participation__partnership__lead_municipality",
            *related,
        ),
    )


def with_siblings_for_user(user, pk, *, records: PreparedRecords):
    """The assessment (404 for outsiders) and every assessment of its partner
    this user may see, itself included, newest first: one query, through
    ``records`` (``with_siblings``). The siblings follow the same rule as
    ``visible_to`` (drafts only where ``sees_drafts``), as
    ``of_partnership_for`` does for one partnership."""
    siblings = records_in_scope(user, records, pk)
    assessment = next((a for a in siblings if a.pk == pk), None)
    if assessment is None:  # as get_object_or_404 says it
        raise Http404("No Assessment matches the given query.")
    return assessment, siblings


def get_assessment_for_user(user, pk, *, edit=False, review=False, queryset=None):
    """The assessment, 404 for outsiders; 403 when ``edit`` (officers of the
    lead gemeente) or ``review`` (coordinators of its region) is asked of
    someone who may only look."""
    from .models import Assessment

    base = queryset if queryset is not None else Assessment.objects.all()
    assessment = get_object_or_404(
        # What every assessment view needs; more joins cost PostgreSQL more
        # time to plan than to run (cached pages need only these).
        base.select_related(
            "participation__organisation",
            "participation__partnership__lead_municipality",
        ).visible_to(user),
        pk=pk,
    )
    if edit and not can_edit_partnership(user, assessment.participation.partnership):
        raise PermissionDenied
    if review and not can_review_assessment(user, assessment):
        raise PermissionDenied
    return assessment
