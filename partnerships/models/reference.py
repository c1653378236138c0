"""Reference data the functioneel beheerder keeps in the admin: themes, the
seven phases with their guidance, and each phase's checklist.

Their texts are in Dutch and English (``partnerships/translation.py``, which
also registers their history: django-simple-history must copy the fields
after django-modeltranslation has added the per-language ones)."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translations import TranslatedContent


class HealthTheme(TranslatedContent):
    """A health theme a partnership works on (gezond gewicht, alcohol, roken, …);
    not the themes of the Afwegingskader's questionnaire (``assessment.QuestionnaireTheme``)."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    is_active = models.BooleanField(
        _("in gebruik"), default=True, help_text=_("Alleen thema's in gebruik zijn te kiezen.")
    )

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Phase(TranslatedContent):
    """One of the seven phases of Vos & Tjemkes, with its guidance texts."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("naam"), max_length=100)
    purpose = models.TextField(
        _("doel van deze fase"), max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    tips = models.TextField(
        _("tips"),
        blank=True,
        help_text=_("Eén tip per regel."),
        max_length=5000,
        validators=[MaxLengthValidator(5000)],
    )
    pitfalls = models.TextField(
        _("valkuilen"),
        blank=True,
        help_text=_("Eén valkuil per regel."),
        max_length=5000,
        validators=[MaxLengthValidator(5000)],
    )

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def tip_list(self) -> list[str]:
        return [line.strip() for line in self.tips.splitlines() if line.strip()]

    @property
    def pitfall_list(self) -> list[str]:
        return [line.strip() for line in self.pitfalls.splitlines() if line.strip()]


class ChecklistFact(models.TextChoices):
    """What the portal itself knows, and ticks a checklist item by
    (``partnerships.checklist``): such an item is never ticked by hand."""

    EVALUATION_ROUND_CLOSED = "evaluation_round_closed", _("een evaluatieronde is gesloten")
    DECISION_RECORDED = "decision_recorded", _("een besluit is vastgelegd")
    LESSONS_WRITTEN = "lessons_written", _("geleerde lessen zijn vastgelegd")


class ChecklistItem(TranslatedContent):
    phase = models.ForeignKey(
        Phase, verbose_name=_("fase"), related_name="checklist_items", on_delete=models.CASCADE
    )
    text = models.CharField(_("tekst"), max_length=300)
    help_text = models.TextField(
        _("toelichting"), blank=True, max_length=1000, validators=[MaxLengthValidator(1000)]
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_("Een item dat niet meer in gebruik is, telt niet mee maar blijft bewaard."),
    )
    fact = models.CharField(
        _("afgevinkt door het portaal"),
        max_length=30,
        choices=ChecklistFact.choices,
        blank=True,
        help_text=_(
            "Leeg voor een item dat de gebruiker zelf afvinkt. Anders vinkt het portaal het "
            "af zodra dit feit vaststaat; met de hand afvinken kan dan niet."
        ),
    )

    class Meta:
        verbose_name = _("checklistitem")
        verbose_name_plural = _("checklistitems")
        ordering = ["phase__number", "order", "pk"]

    def __str__(self):
        return self.text
