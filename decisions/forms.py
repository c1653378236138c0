"""The decision form: what the officer records, checked per option."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField
from partnerships.models import Phase

from . import staging
from .models import Decision, Option
from .recording import CONTINUE_PHASES

ENDING_FIELDS = ("end_date", "notice_given_on", "results", "communication", "archive")
DOCUMENT_TYPES = (
    ".pdf,.doc,.docx,.odt,application/pdf,application/msword,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    "application/vnd.oasis.opendocument.text"
)


class DecisionForm(forms.ModelForm):
    # The latest decision when the form was opened (0: none): recording from
    # an out-of-date page is refused (recording.record).
    seen = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    # A notice letter uploaded in the first step (staging.py).
    staged_notice = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)

    class Meta:
        model = Decision
        fields = [
            "option",
            "sustain_by",
            "to_phase",
            "decided_on",
            "decided_by",
            "reference",
            "reasons",
            "end_date",
            "notice_given_on",
            "notice_document",
            "results",
            "communication",
            "archive",
        ]
        field_classes = {
            "decided_on": DateField,
            "end_date": DateField,
            "notice_given_on": DateField,
        }
        widgets = {
            "option": forms.RadioSelect,
            "sustain_by": forms.RadioSelect,
            "reasons": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 3}),
            "communication": forms.Textarea(attrs={"rows": 3}),
            "archive": forms.Textarea(attrs={"rows": 2}),
            "notice_document": forms.FileInput(attrs={"accept": DOCUMENT_TYPES}),
        }

    def __init__(self, *args, partnership, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership, self.user = partnership, user
        self.staged_file = None
        self.fields["option"].choices = Option.choices
        self.fields["sustain_by"].choices = [
            c for c in self.fields["sustain_by"].choices if c[0] != ""
        ]
        self.fields["sustain_by"].required = False
        to_phase = self.fields["to_phase"]
        to_phase.queryset = Phase.objects.filter(number__in=CONTINUE_PHASES).order_by("number")
        to_phase.empty_label = None
        to_phase.required = False
        to_phase.label = _("Verder in fase (bij verduurzamen of doorgaan)")
        if not self.is_bound:
            self.initial.setdefault("decided_by", _("College van B en W"))
            five = next((p for p in to_phase.queryset if p.number == 5), None)
            if five is not None:
                self.initial.setdefault("to_phase", five.pk)

    def clean_decided_on(self):
        value = self.cleaned_data.get("decided_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("De datum van het besluit ligt in de toekomst."))
        return value

    def clean_notice_given_on(self):
        value = self.cleaned_data.get("notice_given_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("De datum van de opzegging ligt in de toekomst."))
        return value

    def clean(self):
        cleaned = super().clean()
        option = cleaned.get("option")
        required = _("Vul dit in bij dit besluit.")
        if option == Option.SUSTAIN and not cleaned.get("sustain_by"):
            self.add_error("sustain_by", _("Kies hoe de samenwerking wordt geborgd."))
        if option in (Option.SUSTAIN, Option.CONTINUE) and not cleaned.get("to_phase"):
            self.add_error("to_phase", _("Kies de fase waarin de samenwerking verdergaat."))
        if option == Option.END:
            for name in ENDING_FIELDS:
                value = cleaned.get(name)
                if not (value.strip() if isinstance(value, str) else value):
                    self.add_error(name, required)
            start = self.partnership.start_date
            end = cleaned.get("end_date")
            if start and end and end < start:
                self.add_error("end_date", _("De einddatum ligt vóór de startdatum."))
            upload = cleaned.get("notice_document")
            self.staged_file = staging.staged(
                cleaned.get("staged_notice") or "", user=self.user, partnership=self.partnership
            )
            if not upload and self.staged_file is None:
                self.add_error(
                    "notice_document",
                    _("Upload de brief waarmee de partners de opzegging kregen."),
                )
        return cleaned

    def stage_upload(self):
        """Keep a newly uploaded letter for the confirmation step."""
        upload = self.cleaned_data.get("notice_document")
        if self.cleaned_data.get("option") == Option.END and upload:
            token = staging.stage(upload, user=self.user, partnership=self.partnership)
            self.staged_file = staging.staged(token, user=self.user, partnership=self.partnership)
            self.data = self.data.copy()
            self.data["staged_notice"] = token
            self.cleaned_data["staged_notice"] = token

    def decision(self) -> Decision:
        """The unsaved decision, with only the fields of its option."""
        decision = Decision(
            **{
                name: self.cleaned_data.get(name)
                for name in self.Meta.fields
                if name != "notice_document"
            }
        )
        if decision.option != Option.SUSTAIN:
            decision.sustain_by = ""
        if decision.option not in (Option.SUSTAIN, Option.CONTINUE):
            decision.to_phase = None
        if decision.option == Option.END and self.staged_file is not None:
            decision.notice_document.name, decision.notice_document_name = self.staged_file
        elif decision.option != Option.END:
            for name in ENDING_FIELDS:
                setattr(decision, name, None if name.endswith(("_date", "_on")) else "")
        for name in ("reference", "results", "communication", "archive", "decided_by", "reasons"):
            setattr(decision, name, (getattr(decision, name) or "").strip())
        return decision
