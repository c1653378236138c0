from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm
from core.forms import DateField, FilterForm, ModelMultipleChoiceField, Select, TextInput
from regions.models import Municipality

from ..models import ContributionType, HealthTheme, OrganisationalForm, Partnership, Phase, Status


class PartnershipForm(VersionedModelForm):
    class Meta:
        model = Partnership
        fields = [
            "name",
            "theme",
            "societal_goal",
            "participating_municipalities",
            "function",
            "organisational_form",
            "organisational_form_other",
            "regie_holder",
            "regie_notes",
            "start_date",
            "planned_end_date",
            "status",
        ]
        field_classes = {
            "start_date": DateField,
            "planned_end_date": DateField,
            "participating_municipalities": ModelMultipleChoiceField,
        }
        widgets = {
            "societal_goal": forms.Textarea(attrs={"rows": 3}),
            "regie_notes": forms.Textarea(attrs={"rows": 3}),
            "participating_municipalities": forms.CheckboxSelectMultiple,
            "function": forms.RadioSelect,
        }

    def __init__(self, *args, lead_municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.lead_municipality = lead_municipality
        themes = HealthTheme.objects.filter(is_active=True)
        if self.instance.pk:
            themes = themes | HealthTheme.objects.filter(pk=self.instance.theme_id)
        self.fields["theme"].queryset = themes.distinct()
        self.fields["participating_municipalities"].queryset = Municipality.objects.filter(
            region_id=lead_municipality.region_id
        ).exclude(pk=lead_municipality.pk)
        self.fields["function"].choices = [c for c in self.fields["function"].choices if c[0] != ""]
        self.fields["function"].required = False
        if not self.instance.pk:
            # A new partnership starts active; the status is changed later.
            del self.fields["status"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("planned_end_date")
        if start and end and end < start:
            self.add_error("planned_end_date", _("De geplande einddatum ligt vóór de startdatum."))
        if (
            cleaned.get("organisational_form") == OrganisationalForm.OTHER
            and not cleaned.get("organisational_form_other", "").strip()
        ):
            self.add_error(
                "organisational_form_other", _("Beschrijf de organisatievorm die u kiest.")
            )
        return cleaned

    def save(self, commit=True):
        partnership = super().save(commit=False)
        partnership.lead_municipality = self.lead_municipality
        if partnership.organisational_form != OrganisationalForm.OTHER:
            partnership.organisational_form_other = ""
        if not partnership.pk:
            partnership.phase = Phase.objects.get(number=1)
            partnership.status = Status.ACTIVE
        if commit:
            partnership.save()
            self.save_m2m()
        return partnership


class PartnershipFilterForm(FilterForm):
    """The filters above the list of partnerships (GET); the dashboard's
    numbers link here with theirs (gemeente, theme, period and the one counted)."""

    municipality_fields = ("municipality", "lead")

    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200, widget=TextInput)
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=HealthTheme.objects.all(),
        required=False,
        empty_label=_("Alle"),
        widget=Select,
    )
    phase = forms.ModelChoiceField(
        label=_("Fase"),
        queryset=Phase.objects.only("id", "number", "name"),  # not its guidance
        required=False,
        empty_label=_("Alle"),
        widget=Select,
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente (trekker of deelnemer)"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Alle"),
        widget=Select,
    )
    lead = forms.ModelChoiceField(
        label=_("Trekkende gemeente"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Alle"),
        widget=Select,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle")), *Status.choices], required=False, widget=Select
    )
    contribution = forms.ChoiceField(
        label=_("Met inbreng van de soort"),
        choices=[("", _("Alle")), *ContributionType.choices],
        required=False,
        widget=Select,
    )

    field_order = [
        "q",
        "theme",
        "phase",
        "municipality",
        "lead",
        "status",
        "contribution",
        "start",
        "end",
    ]


class DashboardFilterForm(FilterForm):
    """The dashboard's filters (gemeente, theme, period); the list of
    assessments understands them too (``filters.filter_partnerships``)."""

    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("Alle"),
        widget=Select,
    )
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=HealthTheme.objects.all(),
        required=False,
        empty_label=_("Alle"),
        widget=Select,
    )

    field_order = ["municipality", "theme", "start", "end"]
