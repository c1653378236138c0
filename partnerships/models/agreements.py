from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.storage import private_storage, private_upload_path
from core.validators import validate_document


class Agreement(models.Model):
    """Afspraken: for one partner, or (without a partner) for the whole partnership."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("samenwerking"),
        related_name="agreements",
        on_delete=models.CASCADE,
    )
    participation = models.ForeignKey(
        "partnerships.Participation",
        verbose_name=_("partner"),
        related_name="agreements",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Leeg laten voor afspraken met de hele samenwerking."),
    )
    title = models.CharField(_("titel"), max_length=200)
    roles_and_tasks = models.TextField(
        _("rollen en taken"), blank=True, max_length=5000, validators=[MaxLengthValidator(5000)]
    )
    time_commitment = models.TextField(
        _("tijd"),
        blank=True,
        help_text=_("Wie zet hoeveel tijd in?"),
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    money = models.TextField(
        _("geld"),
        blank=True,
        help_text=_("Wie betaalt wat?"),
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    out_of_scope = models.TextField(
        _("buiten de samenwerking"),
        blank=True,
        help_text=_("Wat valt uitdrukkelijk buiten de samenwerking?"),
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    signed_on = models.DateField(_("getekend op"), null=True, blank=True)
    signed_by = models.CharField(
        _("getekend door"),
        max_length=300,
        blank=True,
        help_text=_("Namen en functies van de ondertekenaars."),
    )
    document = models.FileField(
        _("getekende overeenkomst"),
        storage=private_storage,
        upload_to=private_upload_path,
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, Word of OpenDocument, hoogstens 10 MB."),
    )
    document_name = models.CharField(_("bestandsnaam"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["participation__organisation__name", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None
