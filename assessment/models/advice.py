"""The collegeadvies of an assessment: the officer's text beside the portal's
draft, the gemeente's settings for it, and the stored .docx.

The text changes only while its assessment is a concept (the officer writes
it before submitting); at the finalisation it is frozen with the assessment
(``collegeadvies.texts.freeze``) and never changes again."""

import base64
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionField
from core.storage import private_storage, private_upload_path, read_stored

from .assessment import Assessment, AssessmentStatus, StoredAdvice, refuse_unless_stored_status

SECTION_MAX = 2000  # characters per section: the largest advice stays under 2 s as PDF
TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")


def validate_plain_text(value: str) -> None:
    if TAG.search(value or ""):
        raise ValidationError(
            _(
                "Schrijf gewone tekst, zonder HTML. Een witregel begint een nieuwe alinea, een "
                "regel die begint met ‘- ’ is een opsomming."
            ),
            code="html",
        )


def _section(label, max_length=SECTION_MAX):
    return models.TextField(
        label,
        blank=True,
        max_length=max_length,
        validators=[MaxLengthValidator(max_length), validate_plain_text],
    )


def _draft(label):
    # The portal's draft as it stood at the officer's last save (and, frozen,
    # at the finalisation): what she changed is her text against it.
    return models.TextField(label, blank=True, editable=False)


class AdviceText(models.Model):
    """The officer's collegeadvies for one assessment. A section left empty,
    or saved as the portal drafted it, follows the portal's draft."""

    assessment = models.OneToOneField(
        Assessment, verbose_name=_("afweging"), related_name="advice_text", on_delete=models.CASCADE
    )
    # The letterhead.
    case_number = models.CharField(_("zaaknummer"), max_length=50, blank=True)
    author_name = models.CharField(
        _("steller"), max_length=150, blank=True, help_text=_("Leeg: wie de afweging opstelde.")
    )
    department = models.CharField(_("afdeling"), max_length=150, blank=True)
    portfolio_holder = models.CharField(_("portefeuillehouder"), max_length=150, blank=True)
    meeting_date = models.DateField(_("collegevergadering"), null=True, blank=True)
    confidential = models.BooleanField(
        _("geheim"), default=False, help_text=_("Niet aangevinkt: het advies is openbaar.")
    )
    confidential_ground = models.CharField(
        _("grond voor geheimhouding"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld een weigeringsgrond van de Woo, zoals bedrijfsgegevens."),
    )
    # The gemeente's own share in the finances (it is no partner in the portal).
    own_hours = models.DecimalField(
        _("eigen inbreng van de gemeente (uren)"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    own_euros = models.DecimalField(
        _("eigen inbreng van de gemeente (euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    own_description = models.CharField(
        _("omschrijving van de eigen inbreng"), max_length=300, blank=True
    )
    # The sections: the officer's text, and the portal's draft beside it.
    subject = _section(_("onderwerp"), 300)
    decision = _section(_("voorgesteld besluit"))
    summary = _section(_("samenvatting"))
    occasion = _section(_("aanleiding"))
    frame = _section(_("kader"))
    effect = _section(_("beoogd effect"))
    arguments = _section(_("argumenten"))
    caveats = _section(_("kanttekeningen en risico's"))
    finances = _section(_("financiën"))
    legal = _section(_("juridisch"))
    communication = _section(_("communicatie en openbaarheid"))
    follow_up = _section(_("uitvoering en vervolg"))
    draft_subject = _draft(_("onderwerp (concept van het portaal)"))
    draft_decision = _draft(_("voorgesteld besluit (concept van het portaal)"))
    draft_summary = _draft(_("samenvatting (concept van het portaal)"))
    draft_occasion = _draft(_("aanleiding (concept van het portaal)"))
    draft_frame = _draft(_("kader (concept van het portaal)"))
    draft_effect = _draft(_("beoogd effect (concept van het portaal)"))
    draft_arguments = _draft(_("argumenten (concept van het portaal)"))
    draft_caveats = _draft(_("kanttekeningen en risico's (concept van het portaal)"))
    draft_finances = _draft(_("financiën (concept van het portaal)"))
    draft_legal = _draft(_("juridisch (concept van het portaal)"))
    draft_communication = _draft(_("communicatie en openbaarheid (concept van het portaal)"))
    draft_follow_up = _draft(_("uitvoering en vervolg (concept van het portaal)"))
    # The finances table as it stood at the finalisation (frozen with the text).
    frozen_finances = models.JSONField(
        _("financiën bij de vaststelling"), default=list, blank=True, editable=False
    )
    frozen_at = models.DateTimeField(_("bevroren op"), null=True, blank=True, editable=False)

    version = VersionField()  # of its edit form (core.concurrency)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("tekst van het collegeadvies")
        verbose_name_plural = _("teksten van collegeadviezen")

    def __str__(self):
        return str(self.assessment)

    def save(self, *args, freezing=False, **kwargs):
        # Written by the officer while the assessment is a concept; frozen
        # once, inside the finalising transaction; never changed afterwards.
        if not freezing:
            refuse_unless_stored_status(self.assessment_id, {AssessmentStatus.CONCEPT})
        elif AdviceText.objects.filter(pk=self.pk, frozen_at__isnull=False).exists():
            raise ValidationError(
                _("Een vastgestelde afweging verandert nooit; start een correctie."), code="final"
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        refuse_unless_stored_status(self.assessment_id, {AssessmentStatus.CONCEPT})
        return super().delete(*args, **kwargs)


LOGO_SIGNATURES = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
LOGO_MAX_BYTES = 300 * 1024


def validate_logo(upload):
    suffix = Path(upload.name).suffix.lower()
    if suffix not in LOGO_SIGNATURES:
        raise ValidationError(_("Een logo is een PNG- of JPEG-bestand."))
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("Een logo mag hoogstens 300 kB zijn."))
    if hasattr(upload, "content_type") or not getattr(upload, "_committed", True):
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(LOGO_SIGNATURES[suffix]):
            raise ValidationError(_("De inhoud van het bestand past niet bij de extensie."))


class HeaderField(models.TextChoices):
    CASE_NUMBER = "case_number", _("Zaaknummer")
    AUTHOR = "author", _("Steller")
    DEPARTMENT = "department", _("Afdeling")
    PORTFOLIO_HOLDER = "portfolio_holder", _("Portefeuillehouder")
    MEETING = "meeting", _("Collegevergadering")
    CONFIDENTIALITY = "confidentiality", _("Openbaarheid")


def all_header_fields() -> list[str]:
    return list(HeaderField.values)


class AdviceSettings(models.Model):
    """How a gemeente's collegeadvies looks: its name, its logo and the
    fields of the letterhead it uses. Set by the functioneel beheerder."""

    municipality = models.OneToOneField(
        "regions.Municipality",
        verbose_name=_("gemeente"),
        related_name="advice_settings",
        on_delete=models.CASCADE,
    )
    display_name = models.CharField(
        _("naam in het briefhoofd"),
        max_length=150,
        blank=True,
        help_text=_("Leeg: ‘Gemeente’ en de naam van de gemeente."),
    )
    logo = models.FileField(
        _("logo"),
        storage=private_storage,
        upload_to=private_upload_path,
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG of JPEG, hoogstens 300 kB."),
    )
    header_fields = models.JSONField(
        _("velden in het briefhoofd"),
        default=all_header_fields,
        blank=True,
        help_text=_("Gemeente en datum staan er altijd in."),
    )
    policy = models.TextField(
        _("eigen beleid (kader)"),
        blank=True,
        max_length=500,
        validators=[MaxLengthValidator(500)],
        help_text=_(
            "Het beleid van de gemeente waarin een PPS past, bijvoorbeeld de nota "
            "gezondheidsbeleid. Komt als eerste punt onder ‘Kader’."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instellingen van het collegeadvies")
        verbose_name_plural = _("instellingen van het collegeadvies")

    def __str__(self):
        return str(self.municipality)

    def logo_bytes(self) -> bytes:
        return read_stored(self.logo)

    def logo_data_url(self) -> str:
        data = self.logo_bytes()
        if not data:
            return ""
        mime = "image/png" if data.startswith(LOGO_SIGNATURES[".png"]) else "image/jpeg"
        return f"data:{mime};base64,{base64.b64encode(data).decode()}"


class AdviceDocument(StoredAdvice):
    """The .docx of a finalised assessment's collegeadvies, kept like its PDF."""

    assessment = models.OneToOneField(
        Assessment,
        verbose_name=_("afweging"),
        related_name="advice_document",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("bewaard collegeadvies (Word)")
        verbose_name_plural = _("bewaarde collegeadviezen (Word)")
