from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

from ..models import Activity, Agreement


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "participation",
            "title",
            "roles_and_tasks",
            "time_commitment",
            "money",
            "out_of_scope",
            "signed_on",
            "signed_by",
            "document",
        ]
        widgets = {
            "roles_and_tasks": forms.Textarea(attrs={"rows": 3}),
            "time_commitment": forms.Textarea(attrs={"rows": 2}),
            "money": forms.Textarea(attrs={"rows": 2}),
            "out_of_scope": forms.Textarea(attrs={"rows": 2}),
            "signed_on": DateInput,
            "document": forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.doc,.odt"}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["participation"].queryset = partnership.participations.select_related(
            "organisation"
        )
        self.fields["participation"].label_from_instance = lambda p: str(p.organisation)
        self.fields["participation"].empty_label = _("De hele samenwerking")

    def clean(self):
        cleaned = super().clean()
        signed_on = cleaned.get("signed_on")
        if signed_on and signed_on > date.today():
            self.add_error("signed_on", _("De datum van ondertekening ligt in de toekomst."))
        if signed_on and not cleaned.get("signed_by", "").strip():
            self.add_error("signed_by", _("Vul in wie de overeenkomst heeft getekend."))
        return cleaned


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "date", "title", "participants", "notes"]
        widgets = {
            "date": DateInput,
            "participants": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > date.today() + timedelta(days=366):
            raise forms.ValidationError(_("Kies een datum binnen een jaar vanaf vandaag."))
        return value
