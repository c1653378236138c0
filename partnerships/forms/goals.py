from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

from ..models import Goal, GoalLevel, Indicator, Measurement


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["level", "participation", "title", "description"]
        widgets = {"level": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["participation"].queryset = partnership.participations.select_related(
            "organisation"
        )
        self.fields["participation"].label_from_instance = lambda p: str(p.organisation)

    def clean(self):
        cleaned = super().clean()
        level, participation = cleaned.get("level"), cleaned.get("participation")
        if level == GoalLevel.PARTNER and participation is None:
            self.add_error("participation", _("Kies de partner bij wie dit doel hoort."))
        if level and level != GoalLevel.PARTNER and participation is not None:
            self.add_error(
                "participation", _("Alleen een doel van een partner hoort bij een partner.")
            )
        return cleaned


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "target_date"]
        widgets = {"target_date": DateInput}


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "note"]
        widgets = {"measured_on": DateInput}

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator

    def clean_measured_on(self):
        # The indicator is not a form field, so Django's own unique check skips it.
        value = self.cleaned_data["measured_on"]
        taken = Measurement.objects.filter(indicator=self.instance.indicator, measured_on=value)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Voor deze datum is al een meting vastgelegd."))
        return value
