"""The collegeadvies's page: the officer finishes the portal's draft (every
section as plain text, the letterhead, the gemeente's own share) while the
assessment is a concept; everyone else who may see the assessment reads it
there, with what the officer changed against the portal's draft (the
coordinator in her review). The downloads are in ``report``."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.concurrency import save_if_current

from ..collegeadvies.document import build_advice
from ..collegeadvies.drafts import SECTION_KEYS, SECTIONS
from ..collegeadvies.text import blocks, numbered
from ..collegeadvies.texts import prepare, settings_for, text_for
from ..forms import AdviceTextForm
from ..querysets import get_assessment_for_user
from .assessments import _may_edit


@dataclass
class ReadSection:
    key: str
    heading: str
    blocks: list
    edited: bool
    draft_blocks: list


def _read_sections(advice) -> list[ReadSection]:
    """Every section as the advice says it, with the portal's draft where the
    officer changed it."""
    first = [
        ReadSection(key, str(heading), blocks(text), False, [])
        for key, heading, text in (
            ("subject", SECTIONS[0][1], advice.subject),
            ("decision", SECTIONS[1][1], numbered(advice.decision_points)),
        )
    ]
    for section in first:
        mine = advice.texts.get(section.key, "").strip()
        if mine and mine != advice.drafts[section.key]:
            section.edited = True
            section.draft_blocks = blocks(advice.drafts[section.key])
    return first + [
        ReadSection(
            s.key, s.heading, s.blocks, s.edited, blocks(advice.drafts[s.key]) if s.edited else []
        )
        for s in advice.sections
    ]


def advice_page(request, pk):
    assessment = get_assessment_for_user(request.user, pk)
    can_edit = _may_edit(request.user, assessment)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    text = text_for(assessment)
    settings = settings_for(assessment)
    with translation.override("nl"):
        advice = build_advice(assessment, text if text.pk else None, settings)
    form = None
    status = 200
    if can_edit:
        form = AdviceTextForm(
            request.POST if request.method == "POST" else None,
            instance=text,
            drafts=advice.drafts,
        )
        if request.method == "POST" and form.is_valid():
            prepare(form.instance, assessment, settings)
            try:
                saved = save_if_current(form, form.instance.save)
            except IntegrityError:  # another tab made the first text at the same moment
                messages.error(
                    request,
                    _("Iemand anders heeft het advies intussen opgeslagen. Open het opnieuw."),
                )
                return redirect("assessment:advice", pk=assessment.pk)
            if saved:
                messages.success(request, _("Het collegeadvies is opgeslagen."))
                return redirect("assessment:advice", pk=assessment.pk)
        if form.conflict:
            status = 409
    return render(
        request,
        "assessment/advice/page.html",
        {
            "assessment": assessment,
            "advice": advice,
            "form": form,
            "can_edit": can_edit,
            "section_keys": SECTION_KEYS,
            "read_sections": [] if form else _read_sections(advice),
            "pdf_url": reverse("assessment:report_pdf", args=[assessment.pk]),
            "docx_url": reverse("assessment:report_docx", args=[assessment.pk]),
            "preview_url": reverse("assessment:report_html", args=[assessment.pk]),
        },
        status=status,
    )


urlpatterns = [
    path("afwegingen/<int:pk>/collegeadvies/", advice_page, name="advice"),
]
