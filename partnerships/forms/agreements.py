"""The form for agreements (afspraken), with the signed document."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModelForm
from core.forms import DateField

from ..models import Agreement


class AgreementForm(VersionedModelForm):
    """Roles, tasks, time and money, for one partner or the whole partnership.

    The document field keeps the model's ``validate_document`` validator (PDF,
    Word or OpenDocument, at most 10 MB, content matching the extension)."""

    class Meta:
        model = Agreement
        fields = [
            "participation",
            "title",
            "roles_and_tasks",
            "time_commitment",
            "money",
            "out_of_scope",
            "signed_on",
            "signed_by",
            "document",
        ]
        field_classes = {"signed_on": DateField}
        widgets = {
            "roles_and_tasks": forms.Textarea(attrs={"rows": 3}),
            "time_commitment": forms.Textarea(attrs={"rows": 2}),
            "money": forms.Textarea(attrs={"rows": 2}),
            "out_of_scope": forms.Textarea(attrs={"rows": 2}),
            "document": forms.ClearableFileInput(
                attrs={
                    "accept": (
                        ".pdf,.doc,.docx,.odt,application/pdf,application/msword,"
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                        "application/vnd.oasis.opendocument.text"
                    )
                }
            ),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        participation = self.fields["participation"]
        # Only the partners of this partnership can be chosen.
        participation.queryset = partnership.participations.select_related("organisation").order_by(
            "organisation__name", "pk"
        )
        participation.label_from_instance = lambda p: str(p.organisation)
        participation.empty_label = _("De hele samenwerking")

    def clean(self):
        cleaned = super().clean()
        signed_on = cleaned.get("signed_on")
        if signed_on and signed_on > timezone.localdate():
            self.add_error("signed_on", _("De datum van ondertekening ligt in de toekomst."))
        if signed_on and not (cleaned.get("signed_by") or "").strip():
            self.add_error("signed_by", _("Vul in wie de overeenkomst heeft getekend."))
        return cleaned
