"""The "Fase 7: besluit" section of a partnership's page: its decisions and
lessons, and the buttons to record them. The decisions app renders it, so
the partnerships app does not import it (the import contract in
pyproject.toml)."""

from django import template

from core.prepared import Bundle
from core.translations import in_language, language_columns
from lessons.models import Lesson
from lessons.querysets import can_write_lessons
from partnerships.querysets import can_edit_partnership

from .. import recording
from ..models import Decision

register = template.Library()


def _decisions_of(key):
    return (
        Decision.objects.filter(partnership=key)
        .order_by("-recorded_at", "-pk")
        .values_list(
            "pk",
            "option",
            "sustain_by",
            "decided_on",
            "decided_by",
            "reference",
            "end_date",
            "to_phase__number",
            *language_columns("to_phase__name"),
        )
    )


def _lessons_of(key):
    return (
        Lesson.objects.filter(partnership=key)
        .order_by("-created_at", "-pk")
        .values_list("pk", "title")
    )


# One query, compiled once per process (the partnership's page is the
# busiest): what the section shows of the decisions (the phase a decision
# moved on to, in both languages) and of the lessons.
_SECTION = Bundle(decisions=_decisions_of, lessons=_lessons_of)


def _decisions(rows) -> list[Decision]:
    """The decisions as (unsaved) objects with what the section shows; a
    decision's ``to_phase_label`` names the phase it moved on to ("3. Naam")."""
    names = language_columns("to_phase__name")
    decisions = []
    for (
        pk,
        option,
        sustain_by,
        decided_on,
        decided_by,
        reference,
        end_date,
        number,
        *texts,
    ) in rows:
        decision = Decision(
            pk=pk,
            option=option,
            sustain_by=sustain_by,
            decided_on=decided_on,
            decided_by=decided_by,
            reference=reference,
            end_date=end_date,
        )
        decision.to_phase_label = ""
        if number is not None:
            name = in_language(dict(zip(names, texts, strict=True)), "to_phase__name")
            decision.to_phase_label = f"{number}. {name}"  # as Phase.__str__
        decisions.append(decision)
    return decisions


@register.inclusion_tag("decisions/includes/decision_section.html", takes_context=True)
def decision_section(context, partnership):
    """One query, compiled once: the decisions and the lessons. Shown from
    phase 6 on, or once there is a decision or a lesson."""
    user = context["request"].user
    rows = _SECTION.rows(partnership.pk)
    decisions = _decisions(rows["decisions"])
    lessons = [Lesson(pk=pk, title=title) for pk, title in rows["lessons"]]
    return {
        "partnership": partnership,
        "decisions": decisions,
        "lessons": lessons,
        "shown": bool(decisions or lessons) or partnership.phase.number >= 6,
        "can_record": can_edit_partnership(user, partnership) and recording.may_record(partnership),
        "can_write_lessons": can_write_lessons(user, partnership),
    }
