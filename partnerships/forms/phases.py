from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PhaseNote


class PhaseNoteForm(forms.ModelForm):
    class Meta:
        model = PhaseNote
        fields = ["kind", "text"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}


class PhaseMoveForm(forms.Form):
    to_phase = forms.TypedChoiceField(label=_("Naar fase"), coerce=int)
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Verplicht als de checklist nog niet af is, en altijd als de samenwerking een fase terug gaat."
        ),
    )

    def __init__(self, *args, partnership, phases, **kwargs):
        super().__init__(*args, **kwargs)
        current = partnership.phase.number
        self.fields["to_phase"].choices = [
            (p.number, str(p)) for p in phases if p.number == current + 1 or p.number < current
        ]
        self.fields["to_phase"].initial = current + 1 if current < len(phases) else None
