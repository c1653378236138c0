"""The PDF advice of an assessment, for the college van B en W.

A draft's advice is made on demand, with the CONCEPT watermark. A finalised
assessment never changes, and neither does its advice: it is made once, when
the assessment is finalised (or at its first download, for one finalised
before the portal kept files), kept in private storage (:class:`AdviceFile`)
and served from there ever after."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import translation

from core.pdf import render_pdf
from regions.branding import pdf_css

from .collegeadvies.document import TEMPLATE, load_advice, template_context
from .collegeadvies.docx import build_docx
from .models import AdviceDocument, AdviceFile, Assessment, AssessmentStatus

logger = logging.getLogger(__name__)


def render_advice(assessment: Assessment) -> tuple[str, bytes]:
    """The advice as it is now: (file name, PDF). Always in Dutch."""
    with translation.override("nl"):
        advice = load_advice(assessment)
        _html, pdf = render_pdf(TEMPLATE, template_context(advice), css=pdf_css(advice.look))
    return advice.filename, pdf


def render_docx(assessment: Assessment) -> tuple[str, bytes]:
    """The advice as it is now: (file name, .docx). Always in Dutch."""
    with translation.override("nl"):
        advice = load_advice(assessment)
        return advice.docx_filename, build_docx(advice)


# What is stored of a finalised advice: the model that keeps it, how it is made.
KINDS = {
    "pdf": (AdviceFile, render_advice),
    "docx": (AdviceDocument, render_docx),
}


def advice_file(assessment: Assessment, kind: str) -> tuple[str, bytes]:
    """(file name, content) of the advice as ``kind`` ("pdf", "docx"): a
    finalised one from storage (made and stored when missing), a draft made
    afresh."""
    model, render = KINDS[kind]
    if assessment.status != AssessmentStatus.FINAL:
        return render(assessment)
    stored = model.objects.filter(assessment=assessment).first()
    if stored is not None:
        try:
            with stored.file.open("rb") as file:
                return stored.filename, file.read()
        except FileNotFoundError:  # the storage lost it: make it again
            logger.warning(
                "Het bewaarde advies (%s) van afweging %s ontbreekt", kind, assessment.pk
            )
            stored.delete()
    stored = store_advice(assessment, kind)
    with stored.file.open("rb") as file:
        return stored.filename, file.read()


def store_advice(assessment: Assessment, kind: str = "pdf"):
    """Make the finalised ``assessment``'s advice as ``kind`` and keep it
    (once: when another request stored it meanwhile, that one is kept)."""
    model, render = KINDS[kind]
    filename, content = render(assessment)
    stored = model(assessment=assessment, filename=filename)
    stored.file.save(f"{assessment.pk}.{kind}", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:  # stored by a request at the same time
        stored.file.delete(save=False)
        stored = model.objects.get(assessment=assessment)
    return stored


def store_after_commit(assessment_pk: int) -> None:
    """Store the advice (PDF and .docx) once the finalising transaction has
    committed; a failure here is logged, and the first download makes it
    instead."""

    def store():
        for kind, (model, _render) in KINDS.items():
            try:
                assessment = Assessment.objects.get(pk=assessment_pk, status=AssessmentStatus.FINAL)
                if not model.objects.filter(assessment=assessment).exists():
                    store_advice(assessment, kind)
            except Exception:
                logger.exception(
                    "Het advies (%s) van afweging %s is niet bewaard", kind, assessment_pk
                )

    transaction.on_commit(store)


@receiver(post_delete, sender=AdviceFile, dispatch_uid="advice-file-delete")
@receiver(post_delete, sender=AdviceDocument, dispatch_uid="advice-document-delete")
def _delete_file(sender, instance, **kwargs):
    instance.file.delete(save=False)
