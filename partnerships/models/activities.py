from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionField


class ActivityKind(models.TextChoices):
    MEETING = "overleg", _("Overleg")
    WORK_VISIT = "werkbezoek", _("Werkbezoek")
    EVENT = "bijeenkomst", _("Bijeenkomst")
    OTHER = "anders", _("Anders")


class Activity(models.Model):
    """Something that happened in the partnership: a meeting, a work visit…"""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("samenwerking"),
        related_name="activities",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ActivityKind.choices)
    date = models.DateField(_("datum"))
    title = models.CharField(_("onderwerp"), max_length=200)
    participants = models.TextField(
        _("deelnemers"), blank=True, max_length=1000, validators=[MaxLengthValidator(1000)]
    )
    notes = models.TextField(
        _("verslag of notities"), blank=True, max_length=5000, validators=[MaxLengthValidator(5000)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    version = VersionField()  # of its edit form (core.concurrency)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["partnership", "-date"])]

    def __str__(self):
        return self.title
