from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionField

from ..querysets import PartnershipQuerySet


class CollaborationFunction(models.TextChoices):
    STRATEGIC = "strategisch", _("Strategische afstemming")
    OPERATIONAL = "operationeel", _("Operationele afstemming")
    DEVELOPMENT = "ontwikkelen", _("Ontwikkelen")
    PROCUREMENT = "inkoop", _("Inkoop")


class OrganisationalForm(models.TextChoices):
    PROJECT = "project", _("Projectorganisatie")
    COVENANT = "convenant", _("Convenant")
    ALLIANCE = "alliantie", _("Alliantie")
    NETWORK = "netwerk", _("Netwerk")
    FOUNDATION = "stichting", _("Stichting")
    OTHER = "anders", _("Anders")


class RegieHolder(models.TextChoices):
    MUNICIPALITY = "gemeente", _("De gemeente")
    GGD = "ggd", _("De GGD")
    PARTNER = "partner", _("Een van de partners")
    SHARED = "gezamenlijk", _("Gezamenlijk")
    INDEPENDENT = "onafhankelijk", _("Een onafhankelijke regisseur")


class Status(models.TextChoices):
    ACTIVE = "actief", _("Actief")
    PAUSED = "gepauzeerd", _("Gepauzeerd")
    ENDED = "beeindigd", _("Beëindigd")


class Partnership(models.Model):
    """A publiek-private samenwerking, owned by one lead gemeente (trekker)."""

    name = models.CharField(_("naam"), max_length=200)
    theme = models.ForeignKey(
        "partnerships.HealthTheme",
        verbose_name=_("thema"),
        related_name="partnerships",
        on_delete=models.PROTECT,
    )
    lead_municipality = models.ForeignKey(
        "regions.Municipality",
        verbose_name=_("trekkende gemeente"),
        related_name="led_partnerships",
        on_delete=models.PROTECT,
    )
    participating_municipalities = models.ManyToManyField(
        "regions.Municipality",
        verbose_name=_("deelnemende gemeenten"),
        related_name="participating_partnerships",
        blank=True,
        help_text=_("Andere gemeenten uit de regio die meedoen."),
    )
    societal_goal = models.TextField(
        _("maatschappelijk doel"),
        help_text=_("Het doel voor de samenleving waaraan de samenwerking bijdraagt."),
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    function = models.CharField(
        _("functie van de samenwerking"),
        max_length=20,
        choices=CollaborationFunction.choices,
        blank=True,
    )
    organisational_form = models.CharField(
        _("organisatievorm"), max_length=20, choices=OrganisationalForm.choices, blank=True
    )
    organisational_form_other = models.CharField(
        _("andere organisatievorm"),
        max_length=100,
        blank=True,
        help_text=_("Alleen als u 'Anders' kiest."),
    )
    regie_holder = models.CharField(
        _("regie bij"), max_length=20, choices=RegieHolder.choices, blank=True
    )
    regie_notes = models.TextField(
        _("toelichting op de regie"),
        blank=True,
        help_text=_("Wie voert de regie op uitvoerings-, beheers- en visieniveau?"),
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    planned_end_date = models.DateField(_("geplande einddatum"), null=True, blank=True)
    phase = models.ForeignKey(
        "partnerships.Phase",
        verbose_name=_("fase"),
        related_name="partnerships",
        on_delete=models.PROTECT,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    # Set once, when a recorded decision ended the partnership (the decisions
    # app): an ending is final, so from then on the partnership is read-only
    # in the portal (querysets.can_edit_partnership). A status set to
    # "beëindigd" by hand, without a decision, can still be changed.
    closed_at = models.DateTimeField(
        _("definitief beëindigd op"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    # When the partnership's own record was last saved (its form, the admin, a
    # phase move). Nothing else writes it.
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    # The last real change to the partnership's own work: the partnership
    # itself and its own records (partners and their contributions, goals,
    # indicators, measurements, agreements, activities, checklist ticks, phase
    # notes and moves, the assessments of its partners). Not a change to a
    # partner organisation or its contact persons, which are shared by every
    # partnership of that organisation. Written in the database by
    # partnerships.revision, in the change's own transaction; "geen activiteit of
    # wijziging in 90 dagen" on the dashboard is about this time.
    last_activity_at = models.DateTimeField(
        _("laatste activiteit"), default=timezone.now, editable=False, db_index=True
    )
    # A cache counter, not a domain field: goes up by one with every change to
    # the partnership or to anything that belongs to it (the shared
    # organisation and its contact persons too) or that it shows (names of
    # reference data), in the database and in the change's own transaction
    # (partnerships.revision). Sums of it over a set of partnerships key the
    # cached dashboard figures and exports: they change with any committed
    # change, in whatever order transactions commit.
    revision = models.PositiveBigIntegerField(_("revisie"), default=0, editable=False)

    # The version its edit form was opened with (core.concurrency): a stale
    # save is refused. Not the cache counter ``revision`` above.
    version = VersionField()

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=[participating_municipalities],
        excluded_fields=["revision", "last_activity_at", "version"],
    )

    class Meta:
        verbose_name = _("samenwerking")
        verbose_name_plural = _("samenwerkingen")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["lead_municipality", "status"]),
            models.Index(fields=["phase"]),
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self):
        return self.name

    DATABASE_ONLY_FIELDS = frozenset({"revision", "last_activity_at"})

    def save(self, *args, **kwargs):
        # The revision and the last activity are only written in the database
        # (partnerships.revision): saving an instance read earlier must not write their
        # old values back.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.DATABASE_ONLY_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        """Ended by a recorded decision: final, read-only."""
        return self.closed_at is not None

    @property
    def organisational_form_label(self) -> str:
        if self.organisational_form == OrganisationalForm.OTHER and self.organisational_form_other:
            return self.organisational_form_other
        return self.get_organisational_form_display()
