"""Who reads and who writes lessons.

The region's memory: every user of a GGD region (the officers of its
gemeenten and its coordinators) reads and searches the lessons of every
partnership led in that region, also of partnerships she cannot open; the
beheerder reads all. Another region's lessons are a 404. Only the officers of
the lead gemeente write and change a partnership's lessons, and only once
there is something to learn from: from phase 5 on (where evaluation rounds are
held), or when the partnership has ended."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, Subquery
from django.shortcuts import get_object_or_404

from accounts.scoping import scope_for
from partnerships.models import Status
from regions.models import Municipality

FIRST_PHASE_WITH_LESSONS = 5


class LessonQuerySet(QuerySet):
    def visible_to(self, user) -> LessonQuerySet:
        scope = scope_for(user)
        if scope.kind == "all":
            return self
        if scope.kind == "region":
            return self.filter(partnership__lead_municipality__region_id=scope.region_id)
        if scope.kind == "municipality":
            region = Municipality.objects.filter(pk=scope.municipality_id).values("region_id")
            return self.filter(partnership__lead_municipality__region_id=Subquery(region))
        return self.none()


def is_lead_officer(user, partnership) -> bool:
    return scope_for(user).can_edit_for(partnership.lead_municipality_id)


def can_write_lessons(user, partnership) -> bool:
    """May ``user`` write a lesson of ``partnership`` now? (No query, given
    the partnership with its phase.) Also after an ending: lessons are
    written at the end."""
    if not is_lead_officer(user, partnership):
        return False
    return (
        partnership.status == Status.ENDED or partnership.phase.number >= FIRST_PHASE_WITH_LESSONS
    )


def get_lesson_for_user(user, pk, *, edit=False):
    """The lesson, or a 404 for an outsider; with ``edit=True`` a 403 for
    someone who may read it but not change it."""
    from .models import Lesson

    lesson = get_object_or_404(
        Lesson.objects.visible_to(user).select_related(
            "partnership__lead_municipality", "partnership__theme", "author"
        ),
        pk=pk,
    )
    if edit and not is_lead_officer(user, lesson.partnership):
        raise PermissionDenied
    return lesson
