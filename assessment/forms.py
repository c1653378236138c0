from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Answer, Assessment, AssessmentKind, ThemeNote


def _max_length(model, name: str) -> int:
    """The model's limit for a text, so form and model refuse the same."""
    return model._meta.get_field(name).max_length


class StartForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort afweging"),
        choices=AssessmentKind.choices,
        initial=AssessmentKind.PROSPECTIVE,
        widget=forms.RadioSelect,
    )


class ThemeForm(forms.Form):
    """The answers, explanations and conversation notes of one theme."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    notes = forms.CharField(
        label=_("Gespreksnotities bij dit thema"),
        required=False,
        max_length=_max_length(ThemeNote, "notes"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )

    def __init__(self, *args, questions, answers, notes, revision, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.fields["revision"].initial = revision
        self.fields["notes"].initial = notes
        for question in questions:
            answer = answers.get(question.pk)
            self.fields[f"q_{question.pk}"] = forms.TypedChoiceField(
                label=f"{question.code}. {question.text}",
                choices=[(o.pk, o.label) for o in question.options.all()],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                initial=answer.option_id if answer else None,
                help_text=question.help_text,
            )
            self.fields[f"e_{question.pk}"] = forms.CharField(
                label=_("Toelichting bij %(code)s") % {"code": question.code},
                required=False,
                max_length=_max_length(Answer, "explanation"),
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                initial=answer.explanation if answer else "",
            )

    def rows(self):
        """(question, answer field, explanation field) per question, for the template."""
        return [(q, self[f"q_{q.pk}"], self[f"e_{q.pk}"]) for q in self.questions]

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}") or None for q in self.questions}

    def explanations(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"e_{q.pk}", "").strip() for q in self.questions}


class ConditionsForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    conditions = forms.CharField(
        label=_("Voorwaarden voor de samenwerking"),
        required=False,
        max_length=_max_length(Assessment, "conditions"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Deze tekst komt in het advies aan het college."),
    )


class ReviewForm(forms.Form):
    remark = forms.CharField(
        label=_("Opmerking bij de vaststelling (optioneel)"),
        required=False,
        max_length=_max_length(Assessment, "review_remark"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SendBackForm(forms.Form):
    comments = forms.CharField(
        label=_("Wat moet er veranderen?"),
        max_length=_max_length(Assessment, "review_comments"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
