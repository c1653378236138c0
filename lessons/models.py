"""Lessons learned: what a partnership's lead gemeente wants the region to
remember (seed 003: "ervaringen … moeten niet in hun hoofden blijven zitten").

A lesson belongs to one partnership and is tagged by the phases it concerns;
its theme is the partnership's health theme. Every user of the region reads
and searches them (``querysets.py``); only the lead gemeente's officers write
and change them."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionField

from .querysets import LessonQuerySet

TEXT_MAX = 5000


def _text(label, help_text=""):
    return models.TextField(
        label,
        blank=True,
        help_text=help_text,
        max_length=TEXT_MAX,
        validators=[MaxLengthValidator(TEXT_MAX)],
    )


class Lesson(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("samenwerking"),
        related_name="lessons",
        on_delete=models.CASCADE,
    )
    title = models.CharField(_("titel"), max_length=200)
    what_worked = _text(_("wat werkte"))
    what_did_not = _text(_("wat werkte niet"))
    advice = _text(_("advies voor een volgende PPS"))
    phases = models.ManyToManyField(
        "partnerships.Phase",
        verbose_name=_("fasen"),
        related_name="+",
        help_text=_("Over welke fase of fasen gaat deze les?"),
    )
    evaluation_round = models.ForeignKey(
        "evaluation.EvaluationRound",
        verbose_name=_("naar aanleiding van evaluatieronde"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geschreven door"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    version = VersionField()  # of its edit form (core.concurrency)

    objects = LessonQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[phases], excluded_fields=["version", "updated_at"])

    class Meta:
        verbose_name = _("geleerde les")
        verbose_name_plural = _("geleerde lessen")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("lessons:detail", args=[self.pk])
