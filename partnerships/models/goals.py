from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.concurrency import VersionField


class GoalLevel(models.TextChoices):
    SOCIETAL = "maatschappelijk", _("Maatschappelijk doel")
    JOINT = "gezamenlijk", _("Gezamenlijk doel")
    PARTNER = "partner", _("Doel van een partner")


class Goal(models.Model):
    """A goal on one of three levels (seed 000): the societal goal the
    partnership serves, the joint goals, and each partner's own goals."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("samenwerking"),
        related_name="goals",
        on_delete=models.CASCADE,
    )
    level = models.CharField(_("niveau"), max_length=20, choices=GoalLevel.choices)
    participation = models.ForeignKey(
        "partnerships.Participation",
        verbose_name=_("partner"),
        related_name="goals",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Alleen bij het doel van een partner."),
    )
    title = models.CharField(_("doel"), max_length=300)
    description = models.TextField(
        _("toelichting"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )

    version = VersionField()  # of its edit form (core.concurrency)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["level", "pk"]
        constraints = [
            models.CheckConstraint(
                name="partner_goal_has_partner",
                condition=(
                    models.Q(level=GoalLevel.PARTNER, participation__isnull=False)
                    | (~models.Q(level=GoalLevel.PARTNER) & models.Q(participation__isnull=True))
                ),
                violation_error_message=_(
                    "Een doel van een partner hoort bij een partner; andere doelen niet."
                ),
            )
        ]

    def __str__(self):
        return self.title


class Indicator(models.Model):
    goal = models.ForeignKey(
        Goal, verbose_name=_("doel"), related_name="indicators", on_delete=models.CASCADE
    )
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(
        _("eenheid"), max_length=50, help_text=_("Bijvoorbeeld: %, aantal, kinderen.")
    )
    baseline = models.DecimalField(_("nulmeting"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("streefwaarde"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("streefdatum"))

    version = VersionField()  # of its edit form (core.concurrency)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["target_date", "pk"]

    def __str__(self):
        return self.name


def with_latest_measurements(indicators, limit: int):
    """``indicators`` with ``measurement_count`` and, as
    ``latest_measurements``, their ``limit`` latest measurements (newest
    first): a page shows a bounded list however many there are (10,000 on one
    indicator once made the goals page take seconds). One query more, with a
    window function per indicator."""
    return indicators.annotate(measurement_count=models.Count("measurements")).prefetch_related(
        models.Prefetch(
            "measurements",
            queryset=Measurement.objects.order_by("-measured_on", "-pk")[:limit],
            to_attr="latest_measurements",
        )
    )


def latest_measurement(indicator: str = "pk") -> dict:
    """The newest measurement's ``latest_value`` and ``latest_date`` (None
    without one) of the indicator the outer query names by ``indicator``, as
    annotations: ``indicators.annotate(**latest_measurement())``, or from a
    goal ``latest_measurement("indicators")``."""
    newest = Measurement.objects.filter(indicator=models.OuterRef(indicator)).order_by(
        "-measured_on", "-pk"
    )
    return {
        "latest_value": models.Subquery(newest.values("value")[:1]),
        "latest_date": models.Subquery(newest.values("measured_on")[:1]),
    }


class Measurement(models.Model):
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        related_name="measurements",
        on_delete=models.CASCADE,
    )
    measured_on = models.DateField(_("meetdatum"))
    value = models.DecimalField(_("gemeten waarde"), max_digits=14, decimal_places=2)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        ordering = ["measured_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "measured_on"],
                name="one_measurement_per_day",
                violation_error_message=_("Voor deze datum is al een meting vastgelegd."),
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.measured_on})"
