from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm
from core.forms import DateField, Select, localized_decimal
from partnerships.models import ParticipationStatus

from .collegeadvies.drafts import SECTIONS
from .collegeadvies.texts import TYPED_FIELDS
from .models import AdviceText, Answer, Assessment, AssessmentKind, ThemeNote


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


class PartnershipChoiceForm(forms.Form):
    """ "Nieuwe afweging", step 1 (GET): the partnership. ``partnerships``
    are read once, for the page to know whether there are any."""

    samenwerking = forms.ModelChoiceField(
        label=_("Samenwerking"),
        queryset=None,
        empty_label=_("Kies een samenwerking"),
        help_text=_("De lopende samenwerkingen die uw gemeente trekt."),
        error_messages={"required": _("Kies de samenwerking.")},
        widget=Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["samenwerking"]
        field.queryset = partnerships
        self.partnerships = list(partnerships.only("pk", "name").order_by("name", "pk"))
        field.widget.choices = [("", field.empty_label)] + [
            (p.pk, p.name) for p in self.partnerships
        ]


class NewAssessmentForm(StartForm):
    """ "Nieuwe afweging", step 2: a partner of the chosen partnership (those
    that have not withdrawn, read once), and the kind of assessment."""

    participation = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de partner die u wilt afwegen.")},
    )

    field_order = ["participation", "kind"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["participation"]
        field.queryset = partnership.participations.exclude(
            status=ParticipationStatus.WITHDRAWN
        ).select_related("organisation")
        self.partners = list(field.queryset.order_by("organisation__name", "pk"))
        field.widget.choices = [
            (
                p.pk,
                " · ".join(
                    [
                        p.organisation.name,
                        p.organisation.get_sector_display(),
                        p.get_status_display(),
                    ]
                ),
            )
            for p in self.partners
        ]


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


class AdviceTextForm(VersionedModelForm):
    """The officer's collegeadvies: the letterhead, the gemeente's own share
    and every section as plain text (core.concurrency refuses a stale save)."""

    own_hours = localized_decimal(AdviceText, "own_hours", min_value=0)
    own_euros = localized_decimal(AdviceText, "own_euros", min_value=0)

    class Meta:
        model = AdviceText
        fields = list(TYPED_FIELDS)
        field_classes = {"meeting_date": DateField}

    def __init__(self, *args, drafts: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for key, heading in SECTIONS:
            field = self.fields[key]
            field.label = heading
            rows = 2 if key == "subject" else max(4, min(14, drafts[key].count("\n") + 3))
            field.widget = forms.Textarea(attrs={"rows": rows, "maxlength": field.max_length})
            # Empty means: as the portal drafts it. The form shows that draft.
            if not self.is_bound and not getattr(self.instance, key):
                self.initial[key] = drafts[key]
        self.fields["decision"].help_text = _(
            "Eén beslispunt per regel; de nummering komt er vanzelf bij."
        )
        self.fields["subject"].help_text = _("Eén regel.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("confidential") and not cleaned.get("confidential_ground", "").strip():
            self.add_error("confidential_ground", _("Noem de grond waarop het advies geheim is."))
        return cleaned
