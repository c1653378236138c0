"""The evaluation instrument as data, versioned like the Afwegingskader: a
published version never changes (the beheerder copies it to a draft, edits and
publishes that); a round keeps the version it was started with. Only its
English texts may still be added or corrected: a translation does not change
what was asked (``core.translations.only_translations_changed``)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translations import TranslatedContent
from core.versioning import PublishedOnce, VersionedContent


class InstrumentVersion(TranslatedContent, PublishedOnce):
    number = models.PositiveIntegerField(_("versienummer"), unique=True)
    title = models.CharField(_("titel"), max_length=200)
    introduction = models.TextField(
        _("inleiding voor wie antwoordt"),
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    notes = models.TextField(
        _("wat is er veranderd"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    # How a category's mean (1-5) is read: >= strong_from "sterk",
    # >= attention_from "aandacht", below it "zorg" (the bands of the Wilder
    # Collaboration Factors Inventory); and from what difference between the
    # public and the private side's means the difference is highlighted.
    strong_from = models.DecimalField(
        _("sterk vanaf"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("4.0"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
    )
    attention_from = models.DecimalField(
        _("aandacht vanaf"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("3.0"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("5"))],
    )
    difference_from = models.DecimalField(
        _("verschil tussen de kanten opvallend vanaf"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("4"))],
    )

    class Meta:
        verbose_name = _("versie van het evaluatie-instrument")
        verbose_name_plural = _("versies van het evaluatie-instrument")
        ordering = ["-number"]

    def __str__(self):
        return _("%(title)s, versie %(number)s") % {"title": self.title, "number": self.number}

    def clean(self):
        if (
            self.strong_from is not None
            and self.attention_from is not None
            and self.attention_from >= self.strong_from
        ):
            raise ValidationError(
                {"attention_from": _("'Aandacht vanaf' moet lager zijn dan 'sterk vanaf'.")}
            )

    @classmethod
    def current(cls):
        """The newest published version: the one a new round uses."""
        return cls.objects.filter(published_at__isnull=False).order_by("-number").first()


class Category(VersionedContent):
    """A group of statements read together (e.g. "gedeelde visie en doelen")."""

    version_model = InstrumentVersion

    version = models.ForeignKey(
        InstrumentVersion,
        verbose_name=_("versie"),
        related_name="categories",
        on_delete=models.CASCADE,
    )
    code = models.CharField(_("code"), max_length=5)
    title = models.CharField(_("titel"), max_length=200)
    short_title = models.CharField(
        _("korte titel"), max_length=40, help_text=_("Voor de as van het radardiagram.")
    )
    description = models.TextField(
        _("toelichting"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="unique_evaluation_category_code"
            )
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"

    def version_id_for_guard(self):
        return self.version_id


class Statement(VersionedContent):
    """A statement answered on a 1-5 scale (or "weet niet")."""

    version_model = InstrumentVersion

    category = models.ForeignKey(
        Category,
        verbose_name=_("categorie"),
        related_name="statements",
        on_delete=models.CASCADE,
    )
    code = models.CharField(_("code"), max_length=10)
    text = models.TextField(_("stelling"), max_length=500, validators=[MaxLengthValidator(500)])
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("stelling")
        verbose_name_plural = _("stellingen")
        ordering = ["category__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "code"], name="unique_evaluation_statement_code"
            )
        ]

    def __str__(self):
        return f"{self.code}. {self.text[:60]}"

    def version_id_for_guard(self):
        return self.category.version_id if self.category_id else None


class OpenQuestion(VersionedContent):
    """An open question every round asks (wat gaat goed, wat kan beter, ...)."""

    version_model = InstrumentVersion

    version = models.ForeignKey(
        InstrumentVersion,
        verbose_name=_("versie"),
        related_name="open_questions",
        on_delete=models.CASCADE,
    )
    code = models.CharField(_("code"), max_length=10)
    text = models.CharField(_("vraag"), max_length=300)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("open vraag")
        verbose_name_plural = _("open vragen")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="unique_evaluation_open_question_code"
            )
        ]

    def __str__(self):
        return self.text

    def version_id_for_guard(self):
        return self.version_id
