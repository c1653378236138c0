"""Which assessments a list or a comparison shows: plain functions the views
call with what they gathered from the request."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.scoping import scope_for, visible_municipalities
from core.forms import active_filters
from partnerships.filters import filter_partnerships
from partnerships.forms.partnership import DashboardFilterForm
from partnerships.models import Partnership

from .models import Assessment, AssessmentStatus, Outcome


def latest_per_partner(assessments) -> dict[int, Assessment]:
    """Per participation (its key), the assessment a comparison shows: the
    newest finalised one, else the newest. ``assessments`` come newest first."""
    latest: dict[int, Assessment] = {}
    for assessment in assessments:
        current = latest.get(assessment.participation_id)
        if current is None or (assessment.is_final and not current.is_final):
            latest[assessment.participation_id] = assessment
    return latest


@dataclass
class AssessmentList:
    """The list of assessments: what it holds and whether a filter narrowed it."""

    assessments: QuerySet
    filtered: bool
    # The filters that narrow it, in words (label, value): core.forms.active_filters.
    active: list[tuple[str, str]] = field(default_factory=list)


def listed(user, params) -> AssessmentList:
    """The assessments the list shows for ``user`` and the query ``params``.

    Without filters: what waits for someone, a coordinator the assessments
    under review in her region, an officer her gemeente's drafts and those
    under review. The dashboard links here with ``status`` and ``outcome``
    and its own filters (gemeente, theme, period of the partnerships) for the
    list it counts; only what the user may see (``visible_to``), the oldest
    submission first."""
    if scope_for(user).kind == "region":
        statuses = [AssessmentStatus.IN_REVIEW]
    else:
        statuses = [AssessmentStatus.CONCEPT, AssessmentStatus.IN_REVIEW]
    active = []
    filtered = params.get("status") in AssessmentStatus.values
    if filtered:
        statuses = [params["status"]]
        active.append((_("status"), AssessmentStatus(params["status"]).label))
    queryset = Assessment.objects.filter(status__in=statuses)
    if params.get("outcome") in Outcome.values:
        queryset = queryset.filter(outcome=params["outcome"])
        active.append((_("uitkomst"), Outcome(params["outcome"]).label))
    form = DashboardFilterForm(params or None, municipalities=visible_municipalities(user))
    filters = form.filters()
    active += active_filters(form)
    if filters:
        filtered = True
        partnerships = filter_partnerships(Partnership.objects.visible_to(user), **filters)
        queryset = queryset.filter(participation__partnership__in=partnerships.values("pk"))
    return AssessmentList(
        queryset.select_related(
            "participation__organisation",
            "participation__partnership__lead_municipality",
            "author",
        )
        .visible_to(user)
        .order_by("submitted_at", "created_at", "pk"),
        filtered,
        [(str(label), str(value)) for label, value in active],
    )


def count_waiting_days(assessments, now) -> None:
    """Give each assessment ``waiting_days``: the days since it was submitted
    while it waits for review (``None`` when it does not wait)."""
    for assessment in assessments:
        waiting = assessment.submitted_at and assessment.status == AssessmentStatus.IN_REVIEW
        assessment.waiting_days = (now - assessment.submitted_at).days if waiting else None
