from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    OFFICER = "beleidsmedewerker", _("Beleidsmedewerker gezondheid")
    COORDINATOR = "coordinator", _("GGD-coördinator")
    ADMINISTRATOR = "beheerder", _("Functioneel beheerder")


class PortalUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # A superuser is a functioneel beheerder, never tied to a gemeente or region.
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in: an officer of one gemeente, a coordinator of one
    GGD region, or a functioneel beheerder."""

    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        related_name="users",
        on_delete=models.PROTECT,
        help_text=_("Verplicht voor een beleidsmedewerker."),
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("GGD-regio"),
        null=True,
        blank=True,
        related_name="coordinators",
        on_delete=models.PROTECT,
        help_text=_("Verplicht voor een GGD-coördinator."),
    )

    objects = PortalUserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                name="user_role_matches_organisation",
                condition=(
                    Q(role=Role.OFFICER, municipality__isnull=False, region__isnull=True)
                    | Q(role=Role.COORDINATOR, municipality__isnull=True, region__isnull=False)
                    | Q(role=Role.ADMINISTRATOR, municipality__isnull=True, region__isnull=True)
                ),
                violation_error_message=_(
                    "Een beleidsmedewerker hoort bij een gemeente, een GGD-coördinator bij een "
                    "regio en een functioneel beheerder bij geen van beide."
                ),
            )
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.role == Role.OFFICER:
            if not self.municipality_id:
                errors["municipality"] = _("Kies de gemeente van deze beleidsmedewerker.")
            if self.region_id:
                errors["region"] = _(
                    "Een beleidsmedewerker hoort bij een gemeente, niet bij een regio."
                )
        elif self.role == Role.COORDINATOR:
            if not self.region_id:
                errors["region"] = _("Kies de GGD-regio van deze coördinator.")
            if self.municipality_id:
                errors["municipality"] = _(
                    "Een GGD-coördinator hoort bij een regio, niet bij een gemeente."
                )
        elif self.municipality_id or self.region_id:
            errors["role"] = _("Een functioneel beheerder hoort niet bij een gemeente of regio.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_officer(self) -> bool:
        return self.role == Role.OFFICER

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @cached_property
    def home_region(self):
        """The GGD region this user works in (None for a beheerder)."""
        if self.is_officer and self.municipality_id:
            return self.municipality.region
        return self.region

    @property
    def organisation_label(self) -> str:
        """What the header shows: 'Zwolle (GGD IJsselland)' or the region."""
        if self.is_officer and self.municipality_id:
            return f"{self.municipality} ({self.municipality.region})"
        if self.is_coordinator and self.region_id:
            return str(self.region)
        return ""


NOTIFICATION_LENGTH = 5000


class Notification(models.Model):
    """A message in the portal for one user: what happened to her work (an
    assessment submitted, sent back, finalised, withdrawn, …). Any app may
    create one; the inbox (``/meldingen/``) shows them all."""

    recipient = models.ForeignKey(
        User,
        verbose_name=_("ontvanger"),
        related_name="notifications",
        on_delete=models.CASCADE,
    )
    # Room for the longest: a coordinator's comments (2,000) with the names.
    text = models.TextField(
        _("bericht"),
        max_length=NOTIFICATION_LENGTH,
        validators=[MaxLengthValidator(NOTIFICATION_LENGTH)],
    )
    link = models.CharField(_("link"), max_length=500, blank=True)
    # What the system wrote, as a code and its values (names, a date, what a
    # person typed), shown in the reader's language (``message``); ``text``
    # keeps the Dutch wording, read when the code is unknown (older rows).
    code = models.CharField(_("soort"), max_length=60, blank=True)
    params = models.JSONField(_("gegevens"), default=dict, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.text[:80]

    @property
    def message(self) -> str:
        """The text in the active language (its code's, else the stored text)."""
        from .notifications import message_text

        return message_text(self.code, self.params, self.text)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
