"""Searching the region's lessons: every word of the query must occur in the
lesson's title, what worked, what did not, its advice or its partnership's
name (any case); the theme is the partnership's, the phases the lesson's
tags. Plain ``icontains`` so it works alike on SQLite and PostgreSQL; the
region's lessons are counted in hundreds, not millions."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Lesson

SEARCHED_FIELDS = ("title", "what_worked", "what_did_not", "advice", "partnership__name")
MAX_WORDS = 10


def search(lessons: QuerySet, *, q: str = "", theme=None, phase=None) -> QuerySet:
    for word in q.split()[:MAX_WORDS]:
        matches = Q()
        for name in SEARCHED_FIELDS:
            matches |= Q(**{f"{name}__icontains": word})
        lessons = lessons.filter(matches)
    if theme is not None:
        lessons = lessons.filter(partnership__theme=theme)
    if phase is not None:
        # A subquery, not a join: a lesson tagged with several phases is found once.
        tagged = Lesson.phases.through.objects.filter(phase=phase).values("lesson_id")
        lessons = lessons.filter(pk__in=tagged)
    return lessons
