import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm

from .models import ContactPerson, Organisation, Sector
from .search import normalise_kvk


class KvkNumberField(forms.CharField):
    """A KvK number as people copy it: ``12345678``, ``1234 5678`` or
    ``12.34.56.78``; stored as its 8 digits. Anything else is refused."""

    default_error_messages = {
        "invalid": _(
            "Een KvK-nummer bestaat uit precies 8 cijfers, zoals 12345678 "
            "(spaties en punten mogen, zoals 1234 5678)."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("KvK-nummer"))
        kwargs.setdefault(
            "help_text",
            _("8 cijfers; spaties en punten mogen. Eén organisatie per KvK-nummer in de regio."),
        )
        # Room for the separators; the digits are checked below.
        super().__init__(max_length=20, required=False, **kwargs)

    def clean(self, value):
        value = normalise_kvk(super().clean(value))
        if value and not (len(value) == 8 and value.isascii() and value.isdigit()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class OrganisationForm(VersionedModelForm):
    related_fields = {"contacts": _("Contactpersonen")}

    kvk_number = KvkNumberField()

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
        value = self.cleaned_data["kvk_number"]
        if value and (
            Organisation.objects.filter(region=self.instance.region, kvk_number=value)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(
                _("Er staat al een organisatie met dit KvK-nummer in het register van deze regio.")
            )
        return value


class OrganisationAdminForm(forms.ModelForm):
    """The admin's form: the KvK number read as in the portal."""

    kvk_number = KvkNumberField()

    class Meta:
        model = Organisation
        fields = ["region", *OrganisationForm.Meta.fields]


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
