"""The "Fase 7: besluit" section of a partnership's page: its decisions and
lessons, and the buttons to record them. The decisions app renders it, so
the partnerships app does not import it (the import contract in
pyproject.toml)."""

from django import template

from lessons.models import Lesson
from lessons.querysets import can_write_lessons
from partnerships.querysets import can_edit_partnership

from .. import recording
from ..models import Decision

register = template.Library()


@register.inclusion_tag("decisions/includes/decision_section.html", takes_context=True)
def decision_section(context, partnership):
    """Two queries: the decisions (who recorded them joined) and the lessons.
    Shown from phase 6 on, or once there is a decision or a lesson."""
    user = context["request"].user
    decisions = list(
        Decision.objects.filter(partnership=partnership).select_related("recorded_by", "to_phase")
    )
    lessons = list(
        Lesson.objects.filter(partnership=partnership)
        .only("pk", "title", "created_at")
        .order_by("-created_at", "-pk")
    )
    return {
        "partnership": partnership,
        "decisions": decisions,
        "lessons": lessons,
        "shown": bool(decisions or lessons) or partnership.phase.number >= 6,
        "can_record": can_edit_partnership(user, partnership) and recording.may_record(partnership),
        "can_write_lessons": can_write_lessons(user, partnership),
    }
