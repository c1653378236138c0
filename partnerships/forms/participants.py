from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm
from core.forms import DateField, localized_decimal
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
        widgets = {"motives_notes": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"joined_on": DateField}

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
    # Typed as in the active language (1.200,50 in Dutch), within what a
    # partner plausibly brings in.
    hours = localized_decimal(
        Contribution,
        "hours",
        min_value=0,
        max_value=100_000,
        error_messages={
            "invalid": _("Vul een aantal uren in zoals %(example)s."),
            "range": _("Vul een aantal uren van %(min)s tot en met %(max)s in."),
        },
    )
    euros = localized_decimal(
        Contribution,
        "euros",
        min_value=0,
        max_value=100_000_000,
        error_messages={
            "invalid": _("Vul een bedrag in zoals %(example)s."),
            "range": _("Vul een bedrag van %(min)s tot en met %(max)s euro in."),
        },
    )

    class Meta:
        model = Contribution
        fields = ["type", "description", "hours", "euros"]


ContributionFormSet = forms.inlineformset_factory(
    Participation, Contribution, form=ContributionForm, extra=1, can_delete=True
)
