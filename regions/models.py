import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.storage import private_storage, read_stored

from .branding import (
    HEX_COLOUR,
    PAIRS,
    PROPERTIES,
    contrast_errors,
    logo_kind,
    normalise_colour,
    validate_hex_colour,
    validate_logo,
)

COLOUR_FIELDS = tuple(PROPERTIES)


def _colour(label, help_text):
    return models.CharField(
        label, max_length=7, blank=True, validators=[validate_hex_colour], help_text=help_text
    )


class Region(models.Model):
    """A GGD region (GGD-regio): the public health service for several gemeenten."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("Korte, vaste code voor de regio, bijvoorbeeld 'ijsselland'."),
        validators=[
            RegexValidator(r"^[a-z0-9-]+$", _("Gebruik alleen kleine letters, cijfers en '-'."))
        ],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("GGD-regio")
        verbose_name_plural = _("GGD-regio's")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A gemeente; it belongs to exactly one GGD region."""

    name = models.CharField(_("naam"), max_length=120)
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        help_text=_("Gemeentecode van het CBS, bijvoorbeeld GM0193 voor Zwolle."),
        validators=[RegexValidator(r"^GM\d{4}$", _("Een CBS-code is 'GM' en vier cijfers."))],
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("GGD-regio"),
        related_name="municipalities",
        on_delete=models.PROTECT,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_municipality_name")
        ]

    def __str__(self):
        return self.name


def logo_storage_name(digest: str, extension: str) -> str:
    return f"branding/{digest}.{extension}"


def logo_digest_of(data: bytes) -> tuple[str, str]:
    """(digest, extension) of a logo's content: its name in storage."""
    kind = logo_kind(data)
    return hashlib.sha256(data).hexdigest()[:16], kind[0] if kind else ""


def branding_upload_path(instance, filename: str) -> str:
    """The logo is stored under the digest of its content (its uploaded
    name is not kept), so ``regions.views.logo`` finds it without the
    database: ``branding/<digest>.<ext>``."""
    digest, extension = instance.logo_digest, instance.logo_extension  # set by save()
    if not digest:
        file = instance.logo
        file.seek(0)
        digest, extension = logo_digest_of(file.read())
        file.seek(0)
    return logo_storage_name(digest, extension or "bin")


class Branding(models.Model):
    """A huisstijl: the logo and colours of one GGD region or one gemeente
    (``regions.branding`` says which applies where and checks the contrast).
    Set by the functioneel beheerder."""

    region = models.OneToOneField(
        Region,
        verbose_name=_("GGD-regio"),
        related_name="branding",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("gemeente"),
        related_name="branding",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_(
            "Kies een GGD-regio of een gemeente. De huisstijl van een gemeente gaat voor die "
            "van haar regio; wat de gemeente niet instelt, komt van de regio."
        ),
    )
    primary = _colour(
        _("hoofdkleur"),
        _(
            "Voor knoppen, de huidige fase, grafieken en cijfers; ook als tekstkleur op wit, "
            "dus minstens 4,5:1 contrast met wit. Bijvoorbeeld #154273."
        ),
    )
    primary_text = _colour(
        _("tekstkleur op de hoofdkleur"),
        _("Minstens 4,5:1 contrast met de hoofdkleur, meestal wit (#ffffff)."),
    )
    header_background = _colour(_("achtergrond van de kop"), _("De balk boven aan elke pagina."))
    header_text = _colour(
        _("tekstkleur in de kop"),
        _("Minstens 4,5:1 contrast met de achtergrond van de kop."),
    )
    logo = models.FileField(
        _("logo"),
        storage=private_storage,
        upload_to=branding_upload_path,
        blank=True,
        max_length=200,
        validators=[validate_logo],
        help_text=_(
            "PNG, JPEG of WebP (geen SVG), hoogstens 300 kB en 1200 × 600 pixels; liefst "
            "ongeveer 3 keer zo breed als hoog. De alternatieve tekst is de naam van de "
            "gemeente of regio."
        ),
    )
    # Set on save from the logo's content: its address changes with it.
    logo_digest = models.CharField(max_length=16, blank=True, editable=False)
    logo_extension = models.CharField(max_length=4, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("huisstijl")
        verbose_name_plural = _("huisstijlen")
        ordering = ["region__name", "municipality__name"]
        constraints = [
            models.CheckConstraint(
                name="branding_of_region_or_municipality",
                condition=(
                    models.Q(region__isnull=False, municipality__isnull=True)
                    | models.Q(region__isnull=True, municipality__isnull=False)
                ),
                violation_error_message=_(
                    "Een huisstijl hoort bij een GGD-regio of bij een gemeente, niet bij beide."
                ),
            )
        ]

    def __str__(self):
        owner = self.municipality or self.region
        return str(owner) if owner else str(_("huisstijl"))

    def save(self, *args, **kwargs):
        for field in COLOUR_FIELDS:
            setattr(self, field, normalise_colour(getattr(self, field)))
        if self.logo and (not self.logo._committed or not self.logo_digest):
            # A new upload (read before it is stored), or a stored file without
            # its digest yet (saved to storage first, as the demo does).
            if self.logo._committed:
                data = self.logo_bytes()
            else:
                self.logo.seek(0)
                data = self.logo.read()
                self.logo.seek(0)
            self.logo_digest, self.logo_extension = logo_digest_of(data)
        elif not self.logo:
            self.logo_digest = self.logo_extension = ""
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if bool(self.region_id) == bool(self.municipality_id):
            errors["municipality"] = _("Kies een GGD-regio of een gemeente (één van beide).")
        for field in COLOUR_FIELDS:
            setattr(self, field, normalise_colour(getattr(self, field)))
        labels = {field: self._meta.get_field(field).verbose_name for field in COLOUR_FIELDS}
        for first, second in PAIRS:
            values = (getattr(self, first), getattr(self, second))
            if any(values) and not all(values):
                missing = second if values[0] else first
                errors[missing] = _(
                    "Vul ‘%(first)s’ en ‘%(second)s’ samen in, of laat ze allebei leeg."
                ) % {"first": labels[first], "second": labels[second]}
        valid = {
            field: getattr(self, field)
            for field in COLOUR_FIELDS
            if HEX_COLOUR.match(getattr(self, field))
        }
        for field, error in contrast_errors(valid).items():
            errors.setdefault(field, error)
        if errors:
            raise ValidationError(errors)

    def logo_bytes(self) -> bytes:
        return read_stored(self.logo)


@receiver(post_delete, sender=Branding)
def _forget_logo(sender, instance, **kwargs):
    """A deleted look's logo leaves storage, unless another look has the same."""
    if instance.logo and not Branding.objects.filter(logo_digest=instance.logo_digest).exists():
        instance.logo.delete(save=False)
