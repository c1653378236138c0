"""A partnership's way through the seven phases: ticked checklist items,
decisions and notes per phase, and every move between phases."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ChecklistTick(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("samenwerking"),
        related_name="checklist_ticks",
        on_delete=models.CASCADE,
    )
    item = models.ForeignKey(
        "partnerships.ChecklistItem",
        verbose_name=_("checklistitem"),
        related_name="ticks",
        on_delete=models.CASCADE,
    )
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgevinkt door"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    ticked_at = models.DateTimeField(_("afgevinkt op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afgevinkt item")
        verbose_name_plural = _("afgevinkte items")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "item"], name="unique_checklist_tick")
        ]

    def __str__(self):
        return f"{self.partnership}: {self.item}"


class PhaseNoteKind(models.TextChoices):
    DECISION = "besluit", _("Besluit")
    NOTE = "notitie", _("Notitie")


class PhaseNote(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("samenwerking"),
        related_name="phase_notes",
        on_delete=models.CASCADE,
    )
    phase = models.ForeignKey(
        "partnerships.Phase", verbose_name=_("fase"), related_name="+", on_delete=models.PROTECT
    )
    kind = models.CharField(
        _("soort"), max_length=10, choices=PhaseNoteKind.choices, default=PhaseNoteKind.NOTE
    )
    text = models.TextField(_("tekst"), max_length=2000, validators=[MaxLengthValidator(2000)])
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit of notitie")
        verbose_name_plural = _("besluiten en notities")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text[:60]


class PhaseTransition(models.Model):
    """One move of a partnership from one phase to another: who, when, why."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("samenwerking"),
        related_name="phase_transitions",
        on_delete=models.CASCADE,
    )
    from_phase = models.ForeignKey(
        "partnerships.Phase",
        verbose_name=_("van fase"),
        null=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    to_phase = models.ForeignKey(
        "partnerships.Phase",
        verbose_name=_("naar fase"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    reason = models.TextField(
        _("reden"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    checklist_complete = models.BooleanField(_("checklist was af"), default=False)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    moved_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("faseovergang")
        verbose_name_plural = _("faseovergangen")
        ordering = ["-moved_at", "-pk"]

    def __str__(self):
        return f"{self.partnership}: {self.from_phase} → {self.to_phase}"

    @property
    def is_backwards(self) -> bool:
        return self.from_phase_id is not None and self.to_phase.number < self.from_phase.number

    @property
    def reason_heading(self) -> str:
        """For a move a decision made (the decisions app's ``decision``, read
        with ``select_related("decision")``): "Besluit: … (who, date)." in the
        active language, written before the stored reasons. Else ""."""
        try:
            decision = self.decision
        except ObjectDoesNotExist:
            return ""
        return decision.move_heading() if decision is not None else ""
