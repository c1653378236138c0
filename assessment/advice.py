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

from .collegeadvies.document import TEMPLATE, load_advice, template_context
from .models import AdviceFile, Assessment, AssessmentStatus

logger = logging.getLogger(__name__)


def render_advice(assessment: Assessment) -> tuple[str, bytes]:
    """The advice as it is now: (file name, PDF). Always in Dutch."""
    with translation.override("nl"):
        advice = load_advice(assessment)
        _html, pdf = render_pdf(TEMPLATE, template_context(advice))
    return advice.filename, pdf


def advice_pdf(assessment: Assessment) -> tuple[str, bytes]:
    """(file name, PDF) of the advice: a finalised one from storage (made and
    stored when missing), a draft made afresh."""
    if assessment.status != AssessmentStatus.FINAL:
        return render_advice(assessment)
    stored = AdviceFile.objects.filter(assessment=assessment).first()
    if stored is not None:
        try:
            with stored.file.open("rb") as file:
                return stored.filename, file.read()
        except FileNotFoundError:  # the storage lost it: make it again
            logger.warning("Het bewaarde advies van afweging %s ontbreekt", assessment.pk)
            stored.delete()
    stored = store_advice(assessment)
    with stored.file.open("rb") as file:
        return stored.filename, file.read()


def store_advice(assessment: Assessment) -> AdviceFile:
    """Make the finalised ``assessment``'s advice and keep it (once: when
    another request stored it meanwhile, that one is kept)."""
    filename, pdf = render_advice(assessment)
    stored = AdviceFile(assessment=assessment, filename=filename)
    stored.file.save(f"{assessment.pk}.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:  # stored by a request at the same time
        stored.file.delete(save=False)
        stored = AdviceFile.objects.get(assessment=assessment)
    return stored


def store_after_commit(assessment_pk: int) -> None:
    """Store the advice once the finalising transaction has committed; a
    failure here is logged, and the first download makes it instead."""

    def store():
        try:
            assessment = Assessment.objects.get(pk=assessment_pk, status=AssessmentStatus.FINAL)
            if not AdviceFile.objects.filter(assessment=assessment).exists():
                store_advice(assessment)
        except Exception:
            logger.exception("Het advies van afweging %s is niet bewaard", assessment_pk)

    transaction.on_commit(store)


@receiver(post_delete, sender=AdviceFile, dispatch_uid="advice-file-delete")
def _delete_file(sender, instance, **kwargs):
    instance.file.delete(save=False)
