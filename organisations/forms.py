import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm

from .models import ContactPerson, Organisation, Sector


class OrganisationForm(VersionedModelForm):
    related_fields = {"contacts": _("Contactpersonen")}

    class Meta:
        model = Organisation
        fields = [
            "name",
            "sector",
            "kvk_number",
            "website",
            "street_address",
            "postal_code",
            "city",
        ]

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        # The region is set before validation so the KvK uniqueness per region is checked.
        self.instance.region = region

    def clean_postal_code(self):
        value = self.cleaned_data["postal_code"].strip().upper()
        match = re.fullmatch(r"(\d{4}) ?([A-Z]{2})", value)
        return f"{match[1]} {match[2]}" if match else value

    def clean_kvk_number(self):
        # The region is not a form field, so Django's own constraint check skips it.
        value = self.cleaned_data["kvk_number"].strip()
        if value and (
            Organisation.objects.filter(region=self.instance.region, kvk_number=value)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(
                _("Er staat al een organisatie met dit KvK-nummer in het register van deze regio.")
            )
        return value


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone"]


ContactFormSet = forms.inlineformset_factory(
    Organisation, ContactPerson, form=ContactPersonForm, extra=1, can_delete=True
)


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken op naam, KvK-nummer of plaats"), required=False, max_length=200
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("Alle"))] + list(Sector.choices), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["class"] = "form-control"
        self.fields["sector"].widget.attrs["class"] = "form-select"
