"""A lesson's form and the search over the region's lessons."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm
from core.forms import ModelMultipleChoiceField
from evaluation.models import EvaluationRound, RoundStatus
from partnerships.models import HealthTheme, Phase

from .models import Lesson


class LessonForm(VersionedModelForm):
    """Stale edits are refused (core.concurrency): two officers of the lead
    gemeente may edit the same lesson."""

    class Meta:
        model = Lesson
        fields = [
            "title",
            "what_worked",
            "what_did_not",
            "advice",
            "phases",
            "evaluation_round",
        ]
        field_classes = {"phases": ModelMultipleChoiceField}
        widgets = {
            "what_worked": forms.Textarea(attrs={"rows": 4}),
            "what_did_not": forms.Textarea(attrs={"rows": 4}),
            "advice": forms.Textarea(attrs={"rows": 4}),
            "phases": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["phases"].queryset = Phase.objects.order_by("number")
        self.fields["phases"].error_messages["required"] = _(
            "Kies de fase of fasen waar deze les over gaat."
        )
        rounds = self.fields["evaluation_round"]
        # Only this partnership's closed rounds.
        rounds.queryset = EvaluationRound.objects.filter(
            partnership=partnership, status=RoundStatus.CLOSED
        ).order_by("-period_end", "-pk")
        rounds.empty_label = _("Geen (na afloop van de samenwerking)")
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("phases", [partnership.phase_id])

    def clean(self):
        cleaned = super().clean()
        if not any(
            (cleaned.get(name) or "").strip() for name in ("what_worked", "what_did_not", "advice")
        ):
            raise forms.ValidationError(
                _("Schrijf op wat werkte, wat niet werkte of welk advies u een volgende PPS geeft.")
            )
        return cleaned


class LessonSearchForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=HealthTheme.objects.order_by("name"),
        required=False,
        empty_label=_("Alle"),
    )
    phase = forms.ModelChoiceField(
        label=_("Fase"),
        queryset=Phase.objects.order_by("number"),
        required=False,
        empty_label=_("Alle"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css
