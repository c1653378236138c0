"""Forms of evaluation rounds: the round itself (a versioned edit form), who
is asked, and the answers of one respondent."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm
from core.forms import DateField, ModelMultipleChoiceField
from core.history import person_name

from .models import EvaluationRound, RoundStatus, Score

OPEN_ANSWER_LENGTH = 2000


class RoundForm(VersionedModelForm):
    """Title, period, closing date and whether answers are named. Once the
    round is open, whether it is named no longer changes: respondents were
    told when they were invited."""

    class Meta:
        model = EvaluationRound
        fields = ["title", "period_start", "period_end", "closes_on", "named"]
        field_classes = {"period_start": DateField, "period_end": DateField, "closes_on": DateField}
        labels = {
            "period_start": _("Periode die u evalueert: van"),
            "period_end": _("tot en met"),
        }
        help_texts = {"title": _("Bijvoorbeeld: Evaluatie voorjaar 2027.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.status != RoundStatus.DRAFT:
            self.fields["named"].disabled = True
            self.fields["named"].help_text = _(
                "Ligt vast sinds de ronde is geopend: de uitgenodigden is verteld of hun "
                "antwoorden op naam zijn."
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        closes_on = cleaned.get("closes_on")
        if start and end and end < start:
            self.add_error("period_end", _("Het einde van de periode ligt vóór het begin."))
        if closes_on and closes_on < timezone.localdate() and "closes_on" in self.changed_data:
            self.add_error("closes_on", _("De sluitingsdatum ligt in het verleden."))
        if closes_on and start and closes_on < start:
            self.add_error("closes_on", _("De sluitingsdatum ligt vóór het begin van de periode."))
        return cleaned


class RespondentsForm(forms.Form):
    """Whom to ask: the public side (portal users) and the partners' contact
    persons. Those already asked are not offered again."""

    users = ModelMultipleChoiceField(
        label=_("Publieke kant (met een account in het portaal)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contacts = ModelMultipleChoiceField(
        label=_("Partners (contactpersonen, via een persoonlijke link)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, users, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = users
        self.fields["users"].label_from_instance = person_label
        self.fields["contacts"].queryset = contacts
        self.fields["contacts"].label_from_instance = lambda c: (
            f"{c.name} ({c.organisation.name}) · {c.email}"
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("users") and not cleaned.get("contacts"):
            raise forms.ValidationError(_("Kies ten minste één persoon."))
        return cleaned


def person_label(user) -> str:
    """A portal user in a list to choose from: her name and her gemeente or
    GGD region (load ``municipality`` and ``region`` with her)."""
    place = user.municipality or user.region
    return f"{person_name(user)} ({place})" if place else person_name(user)


# The scale as the respondent sees it, from agree to disagree, "weet niet" last.
SCALE = [
    (int(Score.STRONGLY_AGREE), _("5 · helemaal eens")),
    (int(Score.AGREE), _("4 · eens")),
    (int(Score.NEUTRAL), _("3 · neutraal")),
    (int(Score.DISAGREE), _("2 · oneens")),
    (int(Score.STRONGLY_DISAGREE), _("1 · helemaal oneens")),
    (int(Score.UNKNOWN), _("weet niet")),
]


class AnswerForm(forms.Form):
    """One respondent's answers to a round's instrument: a choice per
    statement (1-5 or weet niet) and a text per open question. Nothing is
    required while saving: what is filled in and valid is saved, the rest
    keeps what was typed with a message (``answering.save``)."""

    def __init__(self, *args, categories, open_questions, answers, open_answers, **kwargs):
        initial = {statement_field(pk): score for pk, score in answers.items()}
        initial.update({question_field(pk): text for pk, text in open_answers.items()})
        super().__init__(*args, initial=initial, **kwargs)
        self.categories = categories
        self.open_questions = open_questions
        for category in categories:
            for statement in category.statements.all():
                self.fields[statement_field(statement.pk)] = forms.TypedChoiceField(
                    label=statement.text,
                    choices=SCALE,
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect,
                )
        for question in open_questions:
            self.fields[question_field(question.pk)] = forms.CharField(
                label=question.text,
                required=False,
                max_length=OPEN_ANSWER_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def sections(self):
        """(category, [bound field of each statement]) in order, for the template."""
        return [
            (category, [self[statement_field(s.pk)] for s in category.statements.all()])
            for category in self.categories
        ]

    def open_fields(self):
        return [self[question_field(q.pk)] for q in self.open_questions]


def statement_field(pk) -> str:
    return f"stelling_{pk}"


def question_field(pk) -> str:
    return f"vraag_{pk}"
