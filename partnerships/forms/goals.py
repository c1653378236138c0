"""Forms for goals on three levels, their indicators and measured values."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm
from core.forms import DateField, localized_decimal

from ..models import Goal, GoalLevel, Indicator, Measurement


class GoalForm(VersionedModelForm):
    """A goal of one partnership; a partner's goal names one of its partners."""

    class Meta:
        model = Goal
        fields = ["level", "participation", "title", "description"]
        widgets = {"level": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "participation": _("Alleen bij het doel van een partner: bij wie hoort dit doel?"),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        # Radio buttons need no empty "---------" choice: none ticked is empty.
        self.fields["level"].choices = GoalLevel.choices
        participation = self.fields["participation"]
        # Only the partners of this partnership can be chosen.
        participation.queryset = partnership.participations.select_related("organisation").order_by(
            "organisation__name", "pk"
        )
        participation.label_from_instance = lambda p: str(p.organisation)
        participation.empty_label = _("Geen partner (maatschappelijk of gezamenlijk doel)")

    def clean(self):
        cleaned = super().clean()
        level, participation = cleaned.get("level"), cleaned.get("participation")
        if level == GoalLevel.PARTNER and participation is None:
            self.add_error("participation", _("Kies de partner bij wie dit doel hoort."))
        if level and level != GoalLevel.PARTNER and participation is not None:
            self.add_error(
                "participation",
                _(
                    "Alleen een doel van een partner hoort bij een partner. Kies 'Geen partner' "
                    "of kies het niveau 'Doel van een partner'."
                ),
            )
        return cleaned


class IndicatorForm(VersionedModelForm):
    """How a goal is measured: from a baseline toward a target by a date."""

    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "target_date"]
        field_classes = {"target_date": DateField}

    # Typed as in the active language (12,5 or 1.250,75 in Dutch); bounded by
    # the digits the database keeps.
    baseline = localized_decimal(
        Indicator, "baseline", help_text=_("De waarde bij de start (nulmeting).")
    )
    target = localized_decimal(
        Indicator,
        "target",
        help_text=_("De waarde die u op de streefdatum wilt bereiken; mag lager zijn."),
    )


class MeasurementForm(forms.ModelForm):
    """One measured value of an indicator; at most one per day."""

    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "note"]
        field_classes = {"measured_on": DateField}

    value = localized_decimal(Measurement, "value")

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator

    def clean_measured_on(self):
        value = self.cleaned_data["measured_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Een meting kan niet in de toekomst liggen."))
        # The indicator is not a form field, so Django's own unique check skips
        # it: check the model's UniqueConstraint here, with a Dutch message.
        taken = Measurement.objects.filter(indicator=self.instance.indicator, measured_on=value)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Voor deze datum is al een meting vastgelegd."))
        return value
