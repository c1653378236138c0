from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
