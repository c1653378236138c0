"""The partner register: organisations a gemeente may work with, kept per GGD region.

An organisation is registered once per region, so a company Zwolle met is
recognised when Kampen meets it (by its KvK number).
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionField

from .querysets import OrganisationQuerySet

KVK_VALIDATOR = RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."))
POSTCODE_VALIDATOR = RegexValidator(
    r"^[1-9]\d{3} ?[A-Za-z]{2}$", _("Vul een Nederlandse postcode in, zoals 8011 AB.")
)
PHONE_VALIDATOR = RegexValidator(
    r"^\+?[0-9 ()-]{8,20}$", _("Vul een telefoonnummer in, zoals 038 123 45 67.")
)


class Sector(models.TextChoices):
    COMPANY = "bedrijf", _("Bedrijf")
    INSURER = "zorgverzekeraar", _("Zorgverzekeraar")
    CIVIL_SOCIETY = "maatschappelijk", _("Maatschappelijke organisatie")
    KNOWLEDGE = "kennisinstelling", _("Kennisinstelling")
    GOVERNMENT = "overheid", _("Overheid")
    OTHER = "anders", _("Anders")


# Sectors whose organisations count as private partners (seed 001: at most ten
# companies; every private candidate is screened with the Afwegingskader).
PRIVATE_SECTORS = (Sector.COMPANY, Sector.INSURER)


class Organisation(models.Model):
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("GGD-regio"),
        related_name="organisations",
        on_delete=models.PROTECT,
    )
    name = models.CharField(_("naam"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[KVK_VALIDATOR],
        help_text=_("8 cijfers. Eén organisatie per KvK-nummer in de regio."),
    )
    website = models.URLField(_("website"), blank=True)
    street_address = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[POSTCODE_VALIDATOR]
    )
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    version = VersionField()  # of its edit form (core.concurrency)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "kvk_number"],
                condition=~Q(kvk_number=""),
                name="unique_kvk_number_per_region",
                violation_error_message=_(
                    "Er staat al een organisatie met dit KvK-nummer in het register van deze regio."
                ),
            )
        ]
        indexes = [models.Index(fields=["region", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.pk])

    @property
    def is_private(self) -> bool:
        return self.sector in PRIVATE_SECTORS


class ContactPerson(models.Model):
    """A contact at an organisation. Personal data (AVG): only what is needed
    to get in touch; removing a contact also removes its audit history."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        related_name="contacts",
        on_delete=models.CASCADE,
    )
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("functie of rol"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(
        _("telefoonnummer"), max_length=20, blank=True, validators=[PHONE_VALIDATOR]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["name"]

    def __str__(self):
        return self.name


@receiver(post_delete, sender=ContactPerson)
def erase_contact_history(sender, instance, **kwargs):
    """Right to erasure: no copies of a removed contact's details stay behind
    in the audit trail (also when the organisation itself is removed)."""
    ContactPerson.history.model.objects.filter(id=instance.pk).delete()
