"""Questionnaires as data: a questionnaire has versions; a version has themes,
questions with answer options and points, and outcome bands. A published
version never changes; the beheerder publishes a new one instead. Only its
English texts may still be added or corrected: a translation does not change
what was asked (``core.translations.only_translations_changed``)."""

from decimal import Decimal

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translations import TranslatedContent
from core.versioning import PublishedOnce, VersionedContent


class Questionnaire(TranslatedContent):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    description = models.TextField(
        _("omschrijving"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )

    class Meta:
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def current_version(self):
        return self.versions.filter(published_at__isnull=False).order_by("-number").first()


class QuestionnaireVersion(PublishedOnce):
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("vragenlijst"),
        related_name="versions",
        on_delete=models.PROTECT,
    )
    number = models.PositiveIntegerField(_("versienummer"))
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    notes = models.TextField(
        _("wat is er veranderd"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )

    class Meta:
        verbose_name = _("versie van een vragenlijst")
        verbose_name_plural = _("versies van vragenlijsten")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="unique_questionnaire_version"
            )
        ]

    def __str__(self):
        return _("%(name)s, versie %(number)s") % {
            "name": self.questionnaire.name,
            "number": self.number,
        }


class QuestionnaireTheme(VersionedContent):
    """A theme of the questionnaire: a group of questions scored together (the
    knock-outs first); not a partnership's health theme (``partnerships.HealthTheme``)."""

    version_model = QuestionnaireVersion

    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("versie"),
        related_name="themes",
        on_delete=models.CASCADE,
    )
    code = models.CharField(_("code"), max_length=5)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(
        _("toelichting"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    weight = models.DecimalField(
        _("weging"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Relatief gewicht in de totaalscore; 0 voor de uitsluitingsgronden."),
    )
    is_knockout = models.BooleanField(
        _("uitsluitingsgronden"),
        default=False,
        help_text=_("De vragen van dit thema komen eerst en tellen niet mee in de score."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_theme_code")
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"

    def version_id_for_guard(self):
        return self.version_id


class Question(VersionedContent):
    version_model = QuestionnaireVersion

    theme = models.ForeignKey(
        QuestionnaireTheme,
        verbose_name=_("thema"),
        related_name="questions",
        on_delete=models.CASCADE,
    )
    code = models.CharField(_("code"), max_length=10)
    text = models.TextField(_("vraag"), max_length=1000, validators=[MaxLengthValidator(1000)])
    help_text = models.TextField(
        _("hulptekst"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    is_knockout = models.BooleanField(_("uitsluitingsgrond"), default=False)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["theme__order", "order", "code"]

    def __str__(self):
        return f"{self.code} {self.text[:60]}"

    def version_id_for_guard(self):
        return self.theme.version_id if self.theme_id else None


class AnswerOption(VersionedContent):
    version_model = QuestionnaireVersion

    question = models.ForeignKey(
        Question, verbose_name=_("vraag"), related_name="options", on_delete=models.CASCADE
    )
    label = models.CharField(_("antwoord"), max_length=50)
    points = models.PositiveSmallIntegerField(
        _("punten"),
        null=True,
        blank=True,
        help_text=_("Leeg voor 'Onbekend': telt niet mee en moet vóór de review opgelost zijn."),
    )
    is_unknown = models.BooleanField(_("is 'onbekend'"), default=False)
    triggers_knockout = models.BooleanField(
        _("sluit samenwerking uit"),
        default=False,
        help_text=_("Bij een uitsluitingsgrond: dit antwoord betekent 'Niet samenwerken'."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("antwoordmogelijkheid")
        verbose_name_plural = _("antwoordmogelijkheden")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label

    def version_id_for_guard(self):
        return self.question.theme.version_id if self.question_id else None


class Outcome(models.TextChoices):
    COLLABORATE = "samenwerken", _("Samenwerken")
    CONDITIONS = "voorwaarden", _("Samenwerken onder voorwaarden")
    DECLINE = "niet", _("Niet samenwerken")


# The same bands, worded for re-assessing a current partner.
REASSESSMENT_LABELS = {
    Outcome.COLLABORATE: _("Doorgaan"),
    Outcome.CONDITIONS: _("Doorgaan met maatregelen"),
    Outcome.DECLINE: _("Beëindigen"),
}


class OutcomeBand(VersionedContent):
    """From ``min_total`` % (and, if set, no theme below ``min_theme`` %) the
    outcome is ``outcome``; bands are tried from the highest ``min_total`` down."""

    version_model = QuestionnaireVersion

    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("versie"),
        related_name="bands",
        on_delete=models.CASCADE,
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices)
    min_total = models.DecimalField(
        _("vanaf totaalscore (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    min_theme = models.DecimalField(
        _("geen thema onder (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("uitkomstband")
        verbose_name_plural = _("uitkomstbanden")
        ordering = ["-min_total"]

    def __str__(self):
        return f"{self.get_outcome_display()} ≥ {self.min_total}%"

    def version_id_for_guard(self):
        return self.version_id
