from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionField

from ..querysets import ParticipationQuerySet


class ParticipationRole(models.TextChoices):
    CORE = "kernpartner", _("Kernpartner")
    PARTNER = "partner", _("Partner")
    SUPPORTER = "supporter", _("Supporter")


class ParticipationStatus(models.TextChoices):
    CANDIDATE = "kandidaat", _("Kandidaat")
    IN_TALKS = "in_gesprek", _("In gesprek")
    ACTIVE = "actief", _("Actief")
    WITHDRAWN = "teruggetrokken", _("Teruggetrokken")


class Motive(models.TextChoices):
    """Reasons to collaborate, from Loket Gezond Leven (seed 000)."""

    # Reasons companies give.
    CSR = "mvo", _("MVO concreet maken: goed voor imago en werknemerstevredenheid")
    BUNDLE_SPONSORING = "sponsoring_bundelen", _("Versnipperde sponsoring bundelen en versterken")
    GIVE_BACK = "iets_terugdoen", _("Iets terugdoen voor de wijk waar het bedrijf gevestigd is")
    INNOVATION = "innovatie", _("Experimenteren met creatieve en innovatieve oplossingen")
    TARGET_GROUPS = "doelgroepen", _("Toegang tot bestaande en nieuwe doelgroepen")
    POSITION = "concurrentiepositie", _("Concurrentiepositie en zichtbaarheid versterken")
    # Reasons public partners give.
    RESOURCES = "kennis_middelen", _("Toegang tot kennis, financiële middelen en netwerkcontacten")
    COMMUNICATION = "communicatiekracht", _("Communicatiekracht vergroten")
    INTERVENTIONS = "interventies", _("Gebruikmaken van interventies die de partner ontwikkelde")
    FUNDING = "financiering", _("Aanvullende financieringsbronnen")
    SUPPORT = "draagvlak", _("Breed maatschappelijk draagvlak")


class Participation(models.Model):
    """An organisation taking part in (or a candidate for) a partnership."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("samenwerking"),
        related_name="participations",
        on_delete=models.CASCADE,
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        related_name="participations",
        on_delete=models.PROTECT,
    )
    role = models.CharField(
        _("rol"),
        max_length=20,
        choices=ParticipationRole.choices,
        default=ParticipationRole.PARTNER,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.CANDIDATE,
    )
    motives = models.JSONField(_("motieven"), default=list, blank=True)
    motives_notes = models.TextField(
        _("toelichting op de motieven"),
        blank=True,
        help_text=_("Andere motieven, en wat de partner wil halen en brengen."),
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    joined_on = models.DateField(_("deelname sinds"), null=True, blank=True)

    version = VersionField()  # of its edit form (core.concurrency)

    objects = ParticipationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                name="unique_participation",
                violation_error_message=_("Deze organisatie doet al mee aan deze samenwerking."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.partnership}"

    @property
    def motive_labels(self) -> list[str]:
        labels = dict(Motive.choices)
        return [str(labels[m]) for m in self.motives if m in labels]


ACTIVE_PARTICIPATION = ~Q(status=ParticipationStatus.WITHDRAWN)


class ContributionType(models.TextChoices):
    """What a partner brings: the M's of JOGG plus money, knowledge and network."""

    PEOPLE = "mensen", _("Mensen")
    MEANS = "middelen", _("Middelen")
    MEDIA = "media", _("Media")
    MASS = "massa", _("Massa")
    MONEY = "geld", _("Geld")
    KNOWLEDGE = "kennis", _("Kennis")
    NETWORK = "netwerk", _("Netwerk")


class Contribution(models.Model):
    participation = models.ForeignKey(
        Participation,
        verbose_name=_("deelname"),
        related_name="contributions",
        on_delete=models.CASCADE,
    )
    type = models.CharField(_("soort inbreng"), max_length=20, choices=ContributionType.choices)
    description = models.CharField(_("omschrijving"), max_length=300)
    hours = models.DecimalField(_("uren"), max_digits=9, decimal_places=1, null=True, blank=True)
    euros = models.DecimalField(
        _("bedrag in euro"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inbreng")
        verbose_name_plural = _("inbreng")
        ordering = ["type", "pk"]
        constraints = [
            models.CheckConstraint(
                name="contribution_amounts_not_negative",
                condition=(Q(hours__isnull=True) | Q(hours__gte=0))
                & (Q(euros__isnull=True) | Q(euros__gte=0)),
            )
        ]

    def __str__(self):
        return f"{self.get_type_display()}: {self.description}"
