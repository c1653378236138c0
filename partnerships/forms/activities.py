"""The form for the activity log: meetings, work visits and other events."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm
from core.forms import DateField

from ..models import Activity


def one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class ActivityForm(VersionedModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "date", "title", "participants", "notes"]
        field_classes = {"date": DateField}
        widgets = {
            "participants": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "participants": _("Wie waren erbij? Namen en organisaties."),
        }

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > one_year_after(timezone.localdate()):
            raise forms.ValidationError(_("Kies een datum binnen een jaar vanaf vandaag."))
        return value
