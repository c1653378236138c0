"""Phase 7: the decision to continue, renegotiate or end a partnership.

A decision is recorded once, by an officer of the lead gemeente, after a
confirmation (``recording.py`` applies its effects in the same transaction)
and never changes afterwards: not in the portal, not in the admin, not by a
script that saves or deletes the instance. A partnership can take several
decisions over the years (continue now, end later); an ending is its last."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.storage import private_storage, private_upload_path
from core.validators import validate_document


class Option(models.TextChoices):
    SUSTAIN = "verduurzamen", _("Verduurzamen")
    CONTINUE = "doorgaan", _("Doorgaan met aanpassingen")
    RENEGOTIATE = "heronderhandelen", _("Heronderhandelen (terug naar fase 3)")
    END = "beeindigen", _("Beëindigen")


class SustainBy(models.TextChoices):
    POLICY = "beleid", _("Borgen in beleid")
    FUNDING = "financiering", _("Structurele financiering")
    BOTH = "beide", _("Borgen in beleid en structurele financiering")


def _text(label, help_text="", *, limit=5000):
    return models.TextField(
        label,
        blank=True,
        help_text=help_text,
        max_length=limit,
        validators=[MaxLengthValidator(limit)],
    )


class DecisionFinal(ValidationError):
    pass


FINAL_MESSAGE = _(
    "Een vastgelegd besluit verandert nooit en wordt niet verwijderd. Is er iets anders "
    "besloten, leg dan een nieuw besluit vast (zolang de samenwerking niet is beëindigd)."
)


class Decision(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("samenwerking"),
        related_name="decisions",
        # A partnership with a decision is kept: decisions are its record.
        on_delete=models.PROTECT,
    )
    option = models.CharField(_("besluit"), max_length=20, choices=Option.choices)
    sustain_by = models.CharField(
        _("verduurzamen door"), max_length=20, choices=SustainBy.choices, blank=True
    )
    from_phase = models.ForeignKey(
        "partnerships.Phase",
        verbose_name=_("genomen in fase"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    to_phase = models.ForeignKey(
        "partnerships.Phase",
        verbose_name=_("verder in fase"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        help_text=_("De fase waarin de samenwerking verdergaat (niet bij beëindigen)."),
    )
    decided_on = models.DateField(_("datum van het besluit"))
    decided_by = models.CharField(
        _("besluitvormer"),
        max_length=200,
        help_text=_("Bijvoorbeeld: het college van B en W, de wethouder, het partneroverleg."),
    )
    reference = models.CharField(_("besluitnummer of kenmerk"), max_length=100, blank=True)
    reasons = models.TextField(
        _("overwegingen"), max_length=5000, validators=[MaxLengthValidator(5000)]
    )
    # An ending only.
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    notice_given_on = models.DateField(_("opzegging verstuurd op"), null=True, blank=True)
    notice_document = models.FileField(
        _("opzeggingsbrief aan de partners"),
        storage=private_storage,
        upload_to=private_upload_path,
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, Word of OpenDocument, hoogstens 10 MB."),
    )
    notice_document_name = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    results = _text(
        _("wat er met de resultaten gebeurt"),
        _("Wie zet wat voort, wie beheert materialen, gegevens en merknamen?"),
    )
    communication = _text(
        _("communicatie"), _("Hoe horen partners, deelnemers, college en raad het?")
    )
    archive = _text(_("archief"), _("Waar worden de stukken van de samenwerking bewaard?"))

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    transition = models.OneToOneField(
        "partnerships.PhaseTransition",
        verbose_name=_("faseovergang"),
        null=True,
        blank=True,
        related_name="decision",
        on_delete=models.PROTECT,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.get_option_display()} ({self.decided_on:%d-%m-%Y})"

    def save(self, *args, **kwargs):
        # Recorded once; never changed, whatever path a save comes by.
        if not self._state.adding or (
            self.pk is not None and type(self).objects.filter(pk=self.pk).exists()
        ):
            raise DecisionFinal(FINAL_MESSAGE, code="final")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("decisions:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        raise DecisionFinal(FINAL_MESSAGE, code="final")

    @property
    def is_ending(self) -> bool:
        return self.option == Option.END

    @property
    def option_label(self) -> str:
        if self.option == Option.SUSTAIN and self.sustain_by:
            return f"{self.get_option_display()}: {self.get_sustain_by_display().lower()}"
        return str(self.get_option_display())

    def move_heading(self) -> str:
        """What the phase move this decision made says before its reasons,
        in the active language (the move stores only the reasons)."""
        from django.utils.formats import date_format
        from django.utils.translation import gettext

        return gettext("Besluit: %(option)s (%(who)s, %(date)s).") % {
            "option": self.option_label,
            "who": self.decided_by,
            "date": date_format(self.decided_on),
        }
