"""Forms for goals on three levels, their indicators and measured values."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm
from core.forms import DateInput

from ..models import Goal, GoalLevel, Indicator, Measurement


class DecimalField(forms.DecimalField):
    """Accepts a Dutch decimal comma too (12,5), as people type it."""

    def to_python(self, value):
        if isinstance(value, str) and "," in value and "." not in value:
            value = value.replace(",", ".")
        return super().to_python(value)


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
        widgets = {"target_date": DateInput}
        field_classes = {"baseline": DecimalField, "target": DecimalField}
        help_texts = {
            "baseline": _("De waarde bij de start (nulmeting)."),
            "target": _("De waarde die u op de streefdatum wilt bereiken; mag lager zijn."),
        }


class MeasurementForm(forms.ModelForm):
    """One measured value of an indicator; at most one per day."""

    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "note"]
        widgets = {"measured_on": DateInput}
        field_classes = {"value": DecimalField}

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
