from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm
from core.forms import DateField, Select, localized_decimal
from organisations.models import Organisation
from organisations.search import find, option_label

from ..models import Contribution, Motive, Participation


def addable_organisations(partnership, user):
    """The organisations ``user`` may add to ``partnership``: its region's
    register (never another region's), less those already its partners."""
    visible = Organisation.objects.all() if user is None else Organisation.objects.visible_to(user)
    return visible.filter(region_id=partnership.lead_municipality.region_id).exclude(
        pk__in=partnership.participations.values("organisation_id")
    )


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

    def __init__(self, *args, partnership, user=None, search="", **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.found = None
        if self.instance.pk:
            del self.fields["organisation"]
            return
        # A searchable list (organisations.search): it offers the organisations
        # found (a bounded number) and the one chosen; any organisation of the
        # register that is not yet a partner is accepted.
        field = self.fields["organisation"]
        field.queryset = addable_organisations(partnership, user)
        field.empty_label = None
        field.help_text = _("Organisaties uit het partnerregister van uw regio.")
        field_id = self.auto_id % self.add_prefix("organisation")
        field.widget = Select(
            attrs={
                "size": 8,
                "class": "form-select",
                # The number found and the help text (the picker's template).
                "aria-describedby": f"{field_id}_status {field_id}_hulp",
            }
        )
        self.search = search
        self.found = find(field.queryset, search)
        shown = list(self.found.organisations)
        chosen = self._chosen()
        if chosen and all(o.pk != chosen for o in shown):
            shown[:0] = field.queryset.filter(pk=chosen).only(
                "pk", "name", "sector", "city", "kvk_number"
            )
        field.widget.choices = [(o.pk, option_label(o)) for o in shown]

    def _chosen(self) -> int | None:
        """The key of the organisation chosen (typed in, or given to start with)."""
        value = (
            self.data.get(self.add_prefix("organisation"))
            if self.is_bound
            else self.initial.get("organisation")
        )
        try:
            key = int(value)
        except (TypeError, ValueError):
            return None
        return key if 0 < key < 2**63 else None

    def full_clean(self):
        super().full_clean()
        if self.found is not None and "organisation" in self._errors:
            attrs = self.fields["organisation"].widget.attrs
            attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
            attrs["aria-invalid"] = "true"
            field_id = self.auto_id % self.add_prefix("organisation")
            attrs["aria-describedby"] += f" error_1_{field_id}"

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
