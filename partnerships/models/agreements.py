from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionField
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

    version = VersionField()  # of its edit form (core.concurrency)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["participation__organisation__name", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None

    @classmethod
    def from_db(cls, db, field_names, values):
        agreement = super().from_db(db, field_names, values)
        # The stored file as loaded, to remove it once replaced or cleared.
        agreement._stored_document = _name(agreement.__dict__.get("document"))
        return agreement


def _name(file) -> str:
    return (getattr(file, "name", file) or "") if file else ""


def _remove_after_commit(storage, name: str) -> None:
    """Remove a stored file once the change that dropped it is committed (a
    rollback keeps record and file together)."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@receiver(post_save, sender=Agreement)
def _remove_replaced_document(sender, instance, **kwargs):
    # Every path: the portal, the admin, a script.
    stored, current = getattr(instance, "_stored_document", ""), _name(instance.document)
    if stored and stored != current:
        _remove_after_commit(instance.document.storage, stored)
    instance._stored_document = current


@receiver(post_delete, sender=Agreement)
def _remove_document_of_deleted_agreement(sender, instance, **kwargs):
    # Also when the agreement goes with its partnership or participation.
    _remove_after_commit(instance.document.storage, _name(instance.document))
