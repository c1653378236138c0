"""Forms of the phase page: a decision or note, and moving to another phase.

The checklist itself is a plain list of checkboxes (one per active item of
the phase); the view compares it with the saved ticks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import phases as phase_rules
from ..models import PhaseNote, PhaseTransition


class PhaseNoteForm(forms.ModelForm):
    class Meta:
        model = PhaseNote
        fields = ["kind", "text"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}


class PhaseMoveForm(forms.Form):
    """Where to: the next phase or any earlier one. The rules themselves
    (checklist done or a reason; back only with a reason) live in
    ``partnerships.phases``; ``add_rule_error`` shows their verdict."""

    # The phase the page showed: a move made from an older page is refused
    # when someone else moved the partnership in between.
    from_phase = forms.TypedChoiceField(coerce=int, required=False, widget=forms.HiddenInput)
    to_phase = forms.TypedChoiceField(label=_("Naar fase"), coerce=int)
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=PhaseTransition._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Verplicht als de checklist nog niet af is, en altijd als de samenwerking "
            "een fase terug gaat."
        ),
    )

    def __init__(self, *args, partnership, phases, **kwargs):
        super().__init__(*args, **kwargs)
        numbers = [p.number for p in phases]
        self.phases = phases
        self.fields["from_phase"].choices = [(n, n) for n in numbers]
        self.fields["from_phase"].initial = partnership.phase.number
        # The choices the user had: those of the phase her page showed.
        seen = self.data.get("from_phase") if self.is_bound else None
        current = int(seen) if seen and seen.isdigit() and int(seen) in numbers else None
        current = current or partnership.phase.number
        self.fields["to_phase"].choices = [
            (p.number, str(p)) for p in phases if p.number == current + 1 or p.number < current
        ]
        following = [p.number for p in phases if p.number == current + 1]
        self.fields["to_phase"].initial = following[0] if following else None

    def expected_phase(self):
        """The phase the page showed (None for a form without it)."""
        number = self.cleaned_data.get("from_phase")
        return next((p for p in self.phases if p.number == number), None)

    def add_rule_error(self, error):
        """Put a ValidationError of ``phases.check_move`` next to its field."""
        field = "reason" if getattr(error, "code", None) == phase_rules.REASON_REQUIRED else None
        if field is None and getattr(error, "code", None) in {
            phase_rules.SAME_PHASE,
            phase_rules.SKIPS_PHASE,
        }:
            field = "to_phase"
        self.add_error(field, error)
