"""An assessment of one organisation for one partnership, with its answers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.storage import private_storage, private_upload_path

from ..querysets import AssessmentQuerySet
from .questionnaire import (
    REASSESSMENT_LABELS,
    AnswerOption,
    Outcome,
    Question,
    QuestionnaireTheme,
    QuestionnaireVersion,
)


class AssessmentKind(models.TextChoices):
    PROSPECTIVE = "nieuw", _("Beoogde partner")
    REASSESSMENT = "herbeoordeling", _("Herbeoordeling van een huidige partner")


class AssessmentStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    IN_REVIEW = "ter_review", _("Ter review")
    FINAL = "vastgesteld", _("Vastgesteld")


class Assessment(models.Model):
    participation = models.ForeignKey(
        "partnerships.Participation",
        verbose_name=_("deelname"),
        related_name="assessments",
        on_delete=models.PROTECT,
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("versie van de vragenlijst"),
        related_name="assessments",
        on_delete=models.PROTECT,
    )
    kind = models.CharField(
        _("soort"),
        max_length=20,
        choices=AssessmentKind.choices,
        default=AssessmentKind.PROSPECTIVE,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.CONCEPT,
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("correctie van"),
        null=True,
        blank=True,
        related_name="corrections",
        on_delete=models.PROTECT,
    )
    conditions = models.TextField(
        _("voorwaarden"),
        blank=True,
        help_text=_("Bij 'onder voorwaarden': de voorwaarden voor de samenwerking."),
        max_length=3000,
        validators=[MaxLengthValidator(3000)],
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgesteld door"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgesteld door"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    submitted_at = models.DateTimeField(_("ter review aangeboden op"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    review_remark = models.TextField(
        _("opmerking bij vaststelling"),
        blank=True,
        max_length=1000,
        validators=[MaxLengthValidator(1000)],
    )
    review_comments = models.TextField(
        _("commentaar van de coördinator"),
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    # Stored when finalised, so lists and the regional memory need no recomputation.
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    total_percent = models.DecimalField(
        _("totaalscore (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    knocked_out = models.BooleanField(_("uitgesloten"), default=False)
    # Optimistic locking: a save based on an older revision is refused.
    revision = models.PositiveIntegerField(_("revisie"), default=0)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afweging")
        verbose_name_plural = _("afwegingen")
        ordering = ["-created_at", "-pk"]
        # Lists of assessments are always within a scope: they are found from
        # the scope's partnerships through their participations. (An index on
        # status and submitted_at made PostgreSQL walk the whole country's
        # review queue in date order instead, three times slower for a region.)
        indexes = [models.Index(fields=["participation", "status"])]

    def __str__(self):
        return _("Afweging %(organisation)s voor %(partnership)s") % {
            "organisation": self.participation.organisation,
            "partnership": self.participation.partnership,
        }

    def save(self, *args, **kwargs):
        # A finalised assessment never changes, whatever path a save comes by
        # (the workflow's transitions lock the row and check its state first).
        if not self._state.adding and self.pk is not None:
            refuse_unless_stored_status(
                self.pk, {AssessmentStatus.CONCEPT, AssessmentStatus.IN_REVIEW}
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("assessment:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if self.pk is not None:
            refuse_unless_stored_status(
                self.pk, {AssessmentStatus.CONCEPT, AssessmentStatus.IN_REVIEW}
            )
        return super().delete(*args, **kwargs)

    @property
    def is_final(self) -> bool:
        return self.status == AssessmentStatus.FINAL

    @property
    def is_in_review(self) -> bool:
        return self.status == AssessmentStatus.IN_REVIEW

    @property
    def is_editable(self) -> bool:
        return self.status == AssessmentStatus.CONCEPT

    def outcome_label(self, outcome=None) -> str:
        outcome = outcome or self.outcome
        if not outcome:
            return ""
        if self.kind == AssessmentKind.REASSESSMENT:
            return str(REASSESSMENT_LABELS[outcome])
        return str(Outcome(outcome).label)


def refuse_unless_stored_status(assessment_id, allowed) -> None:
    """Refuse a write to (a part of) an assessment whose stored state is not
    in ``allowed`` (one query)."""
    status = Assessment.objects.filter(pk=assessment_id).values_list("status", flat=True).first()
    if status is not None and status not in allowed:
        if status == AssessmentStatus.FINAL:
            raise ValidationError(
                _("Een vastgestelde afweging verandert nooit; start een correctie."),
                code="final",
            )
        raise ValidationError(
            _("Deze afweging is niet meer in concept en kan niet meer veranderen."),
            code="not_concept",
        )


class ConceptOnly:
    """Answers and notes change only while their assessment is a concept."""

    def save(self, *args, **kwargs):
        refuse_unless_stored_status(self.assessment_id, {AssessmentStatus.CONCEPT})
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_unless_stored_status(self.assessment_id, {AssessmentStatus.CONCEPT})
        return super().delete(*args, **kwargs)


class Answer(ConceptOnly, models.Model):
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("afweging"), related_name="answers", on_delete=models.CASCADE
    )
    question = models.ForeignKey(
        Question, verbose_name=_("vraag"), related_name="+", on_delete=models.PROTECT
    )
    option = models.ForeignKey(
        AnswerOption,
        verbose_name=_("antwoord"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    # The limits of the texts keep the PDF advice of the largest allowed
    # assessment under 2 s (``benchmark_pdf``): 24 explanations, 8 themes' notes.
    explanation = models.TextField(
        _("toelichting"), blank=True, max_length=800, validators=[MaxLengthValidator(800)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question.code}: {self.option or '—'}"


class ThemeNote(ConceptOnly, models.Model):
    """Conversation notes per theme: the framework is direction for the
    conversations, not a checklist (seed 000)."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("afweging"), related_name="theme_notes", on_delete=models.CASCADE
    )
    theme = models.ForeignKey(
        QuestionnaireTheme, verbose_name=_("thema"), related_name="+", on_delete=models.PROTECT
    )
    notes = models.TextField(
        _("gespreksnotities"), blank=True, max_length=1500, validators=[MaxLengthValidator(1500)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gespreksnotitie")
        verbose_name_plural = _("gespreksnotities")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "theme"], name="one_note_per_theme")
        ]

    def __str__(self):
        return f"{self.theme.code}: {self.notes[:60]}"


class ReportDownload(models.Model):
    """Who downloaded the PDF advice of an assessment, and when."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("afweging"), related_name="downloads", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    downloaded_at = models.DateTimeField(_("gedownload op"), auto_now_add=True)
    format = models.CharField(
        _("bestandsvorm"),
        max_length=10,
        choices=[("pdf", "PDF"), ("docx", _("Word (.docx)"))],
        default="pdf",
    )

    class Meta:
        verbose_name = _("download van het advies")
        verbose_name_plural = _("downloads van het advies")
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"{self.user} {self.downloaded_at:%Y-%m-%d %H:%M}"


class StoredAdvice(models.Model):
    """A file of a finalised assessment's advice, made once and kept: a
    finalised assessment never changes, so neither does its advice
    (``assessment.advice``). In private storage, served only by the download
    views, which log every download."""

    file = models.FileField(
        _("bestand"), storage=private_storage, upload_to=private_upload_path, max_length=200
    )
    filename = models.CharField(_("bestandsnaam"), max_length=200)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.filename


class AdviceFile(StoredAdvice):
    """The PDF advice."""

    assessment = models.OneToOneField(
        Assessment,
        verbose_name=_("afweging"),
        related_name="advice_file",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("bewaard advies")
        verbose_name_plural = _("bewaarde adviezen")
