"""Checklist items ticked by the facts that belong to this app and the one
below it: a lesson written (phase 7), an evaluation round closed (phase 6).

The evaluation app does not know about the checklist's facts; this app sits
above it and listens for a round being saved as closed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from evaluation.models import EvaluationRound, RoundStatus
from partnerships.checklist import tick_fact, untick_fact
from partnerships.models import ChecklistFact

from .models import Lesson


@receiver(post_save, sender=EvaluationRound, dispatch_uid="lessons-round-closed-ticks")
def _round_closed(sender, instance, raw=False, **kwargs):
    if raw or instance.status != RoundStatus.CLOSED:
        return
    tick_fact(instance.partnership, ChecklistFact.EVALUATION_ROUND_CLOSED, instance.closed_by)


@receiver(post_save, sender=Lesson, dispatch_uid="lessons-lesson-written-ticks")
def _lesson_written(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        tick_fact(instance.partnership, ChecklistFact.LESSONS_WRITTEN, instance.author)


@receiver(post_delete, sender=Lesson, dispatch_uid="lessons-last-lesson-deleted")
def _lesson_deleted(sender, instance, origin=None, **kwargs):
    # Only when lessons themselves were deleted, not when they go with their
    # partnership (its ticks go with it too).
    model = getattr(origin, "model", type(origin))
    if model is not Lesson:
        return
    partnership = instance.partnership
    if not partnership.lessons.exists():
        untick_fact(partnership, ChecklistFact.LESSONS_WRITTEN)
