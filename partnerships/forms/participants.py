from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm
from core.forms import DateInput
from organisations.models import Organisation

from ..models import Contribution, Motive, Participation


class ParticipationForm(VersionedModelForm):
    related_fields = {"contributions": _("Inbreng")}

    motives = forms.MultipleChoiceField(
        label=_("Motieven"),
        choices=Motive.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Waarom wil deze organisatie samenwerken? (Loket Gezond Leven)"),
    )

    class Meta:
        model = Participation
        fields = ["organisation", "role", "status", "motives", "motives_notes", "joined_on"]
        widgets = {"joined_on": DateInput, "motives_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        if self.instance.pk:
            del self.fields["organisation"]
        else:
            taken = partnership.participations.values("organisation_id")
            self.fields["organisation"].queryset = Organisation.objects.filter(
                region_id=partnership.lead_municipality.region_id
            ).exclude(pk__in=taken)
            self.fields["organisation"].help_text = _(
                "Organisaties uit het partnerregister van uw regio."
            )

    def clean_motives(self):
        return list(self.cleaned_data["motives"])


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["type", "description", "hours", "euros"]

    def clean(self):
        cleaned = super().clean()
        for field in ("hours", "euros"):
            value = cleaned.get(field)
            if value is not None and value < 0:
                self.add_error(field, _("Vul een bedrag of aantal van 0 of meer in."))
        return cleaned


ContributionFormSet = forms.inlineformset_factory(
    Participation, Contribution, form=ContributionForm, extra=1, can_delete=True
)
