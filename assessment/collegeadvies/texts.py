"""Writing the officer's advice text, and freezing it at the finalisation.

A section the officer saves as the portal drafted it is stored empty: it
keeps following the portal's data (a changed answer changes its
kanttekeningen). What she changed is stored as she wrote it, with the
portal's draft of that moment beside it (``draft_*``), so the history shows
both. At the finalisation the drafts and the finances table are frozen with
the text; a finalised assessment's advice never changes."""

from __future__ import annotations

from django.utils import timezone, translation

from ..models import AdviceSettings, AdviceText, Assessment
from .document import build_advice, frozen_contributions
from .drafts import SECTION_KEYS
from .text import normalise


def settings_for(assessment: Assessment) -> AdviceSettings | None:
    return AdviceSettings.objects.filter(
        municipality__led_partnerships__participations__assessments=assessment.pk
    ).first()


def text_for(assessment: Assessment) -> AdviceText:
    """The stored text, or a new (unsaved) one."""
    return AdviceText.objects.filter(assessment_id=assessment.pk).first() or AdviceText(
        assessment=assessment
    )


def prepare(text: AdviceText, assessment: Assessment, settings=None) -> None:
    """Before saving ``text`` as the officer typed it: a section equal to the
    portal's draft (with the header values now typed) becomes empty, every
    draft is written beside it."""
    with translation.override("nl"):  # the advice is Dutch, whatever the interface
        drafted = build_advice(assessment, text, settings).drafts
    for key in SECTION_KEYS:
        typed = normalise(getattr(text, key))
        setattr(text, key, "" if typed == normalise(drafted[key]) else typed)
        setattr(text, f"draft_{key}", drafted[key])


def freeze(assessment: Assessment, user=None) -> AdviceText:
    """Freeze the advice text of the just finalised ``assessment`` (inside the
    finalising transaction): the drafts as they stand now, the finances
    table, the time. Made when the officer never saved one."""
    text = text_for(assessment)
    with translation.override("nl"):
        advice = build_advice(assessment, text, settings_for(assessment))
    for key in SECTION_KEYS:
        setattr(text, f"draft_{key}", advice.drafts[key])
    text.frozen_finances = frozen_contributions(advice.contributions)
    text.frozen_at = timezone.now()
    if user is not None:
        text._history_user = user
    text.save(freezing=True)
    return text


# What the officer types (her edit form) besides the sections.
TYPED_FIELDS = (
    "case_number",
    "author_name",
    "department",
    "portfolio_holder",
    "meeting_date",
    "confidential",
    "confidential_ground",
    "own_hours",
    "own_euros",
    "own_description",
    *SECTION_KEYS,
)
# What a correction takes over: everything she typed and the drafts she wrote it against.
COPIED_FIELDS = (*TYPED_FIELDS, *(f"draft_{key}" for key in SECTION_KEYS))


def copy_for_correction(original: Assessment, correction: Assessment, user, reason: str):
    """The officer's advice text of the finalised ``original`` as the start of
    its ``correction`` (a concept): not frozen, its own record, audited with
    ``user`` and ``reason``. None when the original has no text."""
    source = AdviceText.objects.filter(assessment_id=original.pk).first()
    if source is None:
        return None
    text = AdviceText(
        assessment=correction, **{name: getattr(source, name) for name in COPIED_FIELDS}
    )
    text._history_user = user
    text._change_reason = reason
    text.save()
    return text
