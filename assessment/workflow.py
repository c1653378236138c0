"""The life of an assessment: concept → ter review → vastgesteld.

* The officer starts an assessment for a participation; it keeps the
  questionnaire version it was started with.
* She saves answers as often as she likes; a save based on an older revision
  (someone else saved in between) is refused, never silently overwritten.
* She submits it for review when nothing is unresolved; the coordinators of
  the region are told in the portal and by e-mail (``notify``). While it is
  in review she may withdraw it (back to concept).
* A coordinator finalises it (the outcome is stored; it never changes again)
  or sends it back to concept with her comments; the author is told.
* Every transition locks the assessment's row and checks its state inside
  the transaction: of two people acting at the same moment one wins, the
  other is refused with a message.
* A correction of a finalised assessment is a new assessment that copies the
  answers and notes, and the officer's collegeadvies text.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from partnerships import revision as partnership_revision

from . import advice, notify
from .collegeadvies import texts as advice_texts
from .history import COPIED_REASON
from .models import (
    Answer,
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    Outcome,
    Questionnaire,
    ThemeNote,
)
from .scoring import ScoreResult, score, specs_for_version


class ConcurrentEditError(Exception):
    """The assessment was saved by someone else since this form was opened."""


def current_version():
    questionnaire = Questionnaire.objects.order_by("pk").first()
    version = questionnaire.current_version() if questionnaire else None
    if version is None:
        raise ValidationError(
            _(
                "Er is geen gepubliceerde vragenlijst. Vraag de functioneel beheerder er een te publiceren."
            )
        )
    return version


def score_assessment(assessment: Assessment) -> ScoreResult:
    themes, bands = specs_for_version(assessment.version)
    answers = dict(assessment.answers.values_list("question_id", "option_id"))
    return score(themes, bands, answers)


@transaction.atomic
def start(participation, user, kind=AssessmentKind.PROSPECTIVE) -> Assessment:
    assessment = Assessment.objects.create(
        participation=participation, version=current_version(), kind=kind, author=user
    )
    return assessment


@transaction.atomic
def save_answers(
    assessment: Assessment,
    revision: int,
    answers: dict,
    explanations: dict,
    notes: dict | None = None,
    user=None,
) -> None:
    """Store answers (question id → option id or None), explanations (question
    id → text) and theme notes (theme id → text) of one theme page. Each
    changed answer and note is saved as a record, so it is in the audit trail
    with ``user`` (or the request's user).

    Refuses when the assessment is no longer a concept, or when ``revision``
    is not the stored revision (someone saved in between)."""
    updated = Assessment.objects.filter(
        pk=assessment.pk, revision=revision, status=AssessmentStatus.CONCEPT
    ).update(revision=F("revision") + 1, updated_at=timezone.now())
    if not updated:
        assessment.refresh_from_db()
        if assessment.status != AssessmentStatus.CONCEPT:
            raise ValidationError(
                _("Deze afweging is niet meer in concept en kan niet meer veranderen.")
            )
        raise ConcurrentEditError
    existing = {a.question_id: a for a in assessment.answers.all()}
    for question_id, option_id in answers.items():
        explanation = explanations.get(question_id, "")
        answer = existing.get(question_id)
        if answer is None:
            answer = Answer(assessment=assessment, question_id=question_id)
        elif answer.option_id == option_id and answer.explanation == explanation:
            continue
        answer.option_id = option_id
        answer.explanation = explanation
        _by(answer, user)
        answer.save()
    existing_notes = {
        n.theme_id: n for n in assessment.theme_notes.filter(theme__in=list(notes or {}))
    }
    for theme_id, text in (notes or {}).items():
        note = existing_notes.get(theme_id) or ThemeNote(assessment=assessment, theme_id=theme_id)
        if note.pk is not None and note.notes == text:
            continue
        note.notes = text
        _by(note, user)
        note.save()
    assessment.revision = revision + 1
    partnership_revision.changed(assessment)  # the update and the answers bypass its signals


def _by(record, user) -> None:
    """The audit trail's author of the next save of ``record``: the request's
    user anyway (simple_history's middleware), named here for saves outside a
    request too."""
    if user is not None:
        record._history_user = user


def _lock(assessment: Assessment, expected: str, refusal: str) -> None:
    """Lock the assessment's row for this transaction and read it afresh.

    Every transition starts here: the state is checked on the locked row, so
    of two requests at the same moment the second waits for the first and
    then sees its result (on SQLite, where ``select_for_update`` does nothing,
    ``BEGIN IMMEDIATE`` makes the whole transaction wait instead)."""
    assessment.refresh_from_db(from_queryset=Assessment.objects.select_for_update())
    if assessment.status != expected:
        raise ValidationError(refusal, code="state")


@transaction.atomic
def submit(assessment: Assessment, user) -> ScoreResult:
    _lock(
        assessment,
        AssessmentStatus.CONCEPT,
        _(
            "Deze afweging is niet meer in concept (iemand anders heeft haar intussen "
            "ingediend of vastgesteld) en kan niet ter review worden aangeboden."
        ),
    )
    result = score_assessment(assessment)
    if result.unresolved:
        raise ValidationError(
            _("Beantwoord eerst alle vragen; nog open of ‘Onbekend’: %(codes)s.")
            % {"codes": ", ".join(result.unresolved)}
        )
    if result.outcome == Outcome.CONDITIONS and not assessment.conditions.strip():
        raise ValidationError(_("Schrijf de voorwaarden op voordat u de afweging indient."))
    assessment.status = AssessmentStatus.IN_REVIEW
    assessment.submitted_at = timezone.now()
    assessment.review_comments = ""
    assessment.revision += 1
    _by(assessment, user)
    assessment.save()
    notify.submitted(assessment, user)
    return result


@transaction.atomic
def withdraw(assessment: Assessment, user) -> None:
    """The author takes her assessment back from review to concept (before a
    coordinator has decided on it)."""
    _lock(
        assessment,
        AssessmentStatus.IN_REVIEW,
        _(
            "Deze afweging is niet meer ter review (de coördinator heeft haar intussen "
            "vastgesteld of teruggestuurd) en kan niet worden ingetrokken."
        ),
    )
    assessment.status = AssessmentStatus.CONCEPT
    assessment.submitted_at = None
    assessment.revision += 1
    _by(assessment, user)
    assessment.save()
    notify.withdrawn(assessment, user)


@transaction.atomic
def finalise(assessment: Assessment, reviewer, remark: str = "") -> ScoreResult:
    _lock(
        assessment,
        AssessmentStatus.IN_REVIEW,
        _(
            "Deze afweging is niet meer ter review (intussen vastgesteld, teruggestuurd of "
            "ingetrokken) en kan niet worden vastgesteld. Hieronder staat haar huidige stand."
        ),
    )
    result = score_assessment(assessment)
    assessment.status = AssessmentStatus.FINAL
    assessment.reviewer = reviewer
    assessment.finalised_at = timezone.now()
    assessment.review_remark = remark.strip()
    assessment.outcome = result.outcome
    assessment.total_percent = result.total_percent
    assessment.knocked_out = result.knocked_out
    assessment.revision += 1
    _by(assessment, reviewer)
    assessment.save()
    # The collegeadvies's text is frozen with it (collegeadvies.texts).
    advice_texts.freeze(assessment, reviewer)
    notify.finalised(assessment, reviewer)
    # Its advice never changes from now on: made once and kept (assessment.advice).
    advice.store_after_commit(assessment.pk)
    return result


@transaction.atomic
def return_to_concept(assessment: Assessment, reviewer, comments: str) -> None:
    if not comments.strip():
        raise ValidationError(_("Schrijf op wat er moet veranderen."))
    _lock(
        assessment,
        AssessmentStatus.IN_REVIEW,
        _(
            "Deze afweging is niet meer ter review (intussen vastgesteld, teruggestuurd of "
            "ingetrokken) en kan niet worden teruggestuurd. Hieronder staat haar huidige stand."
        ),
    )
    assessment.status = AssessmentStatus.CONCEPT
    assessment.review_comments = comments.strip()
    assessment.submitted_at = None
    assessment.revision += 1
    _by(assessment, reviewer)
    assessment.save()
    notify.sent_back(assessment, reviewer)


@transaction.atomic
def correct(assessment: Assessment, user) -> Assessment:
    """A new concept that copies a finalised assessment's answers and notes
    and the officer's text of its collegeadvies.

    One correction at a time: while a correction is in concept or in review,
    a second one is refused (it would be a rival version of the same facts)."""
    _lock(
        assessment,
        AssessmentStatus.FINAL,
        _("Alleen een vastgestelde afweging kan worden gecorrigeerd."),
    )
    if assessment.corrections.exclude(status=AssessmentStatus.FINAL).exists():
        raise ValidationError(
            _(
                "Er is al een correctie van deze afweging in bewerking; ga verder met die "
                "correctie (zie ‘Alle afwegingen van deze partner’)."
            ),
            code="open_correction",
        )
    copy = Assessment(
        participation=assessment.participation,
        version=assessment.version,
        kind=assessment.kind,
        author=user,
        corrects=assessment,
        conditions=assessment.conditions,
    )
    _by(copy, user)
    copy.save()
    # The copies are in the audit trail too, with the one who started the correction.
    bulk_create_with_history(
        [
            Answer(
                assessment=copy,
                question_id=a.question_id,
                option_id=a.option_id,
                explanation=a.explanation,
            )
            for a in assessment.answers.all()
        ],
        Answer,
        default_user=user,
        default_change_reason=COPIED_REASON,
    )
    bulk_create_with_history(
        [
            ThemeNote(assessment=copy, theme_id=n.theme_id, notes=n.notes)
            for n in assessment.theme_notes.all()
        ],
        ThemeNote,
        default_user=user,
        default_change_reason=COPIED_REASON,
    )
    # The officer's collegeadvies too: the correction starts from her text.
    advice_texts.copy_for_correction(assessment, copy, user, str(COPIED_REASON))
    return copy


@transaction.atomic
def save_conditions(assessment: Assessment, revision: int, text: str, user=None) -> None:
    """Store the conditions, refused when the assessment is no longer a
    concept or ``revision`` is not the stored one (someone saved in between).
    Saved as the record (not by a bulk update), so each version is in the
    audit trail with its writer."""
    _lock(
        assessment,
        AssessmentStatus.CONCEPT,
        _("Deze afweging is niet meer in concept en kan niet meer veranderen."),
    )
    if assessment.revision != revision:
        raise ConcurrentEditError
    assessment.conditions = text.strip()
    assessment.revision += 1
    _by(assessment, user)
    assessment.save()


def suggested_conditions(themes, answers) -> str:
    """Starting points for the conditions: the questions answered Deels or
    Nee. ``themes``: the version's (``scoring.specs_for_version``),
    ``answers``: the chosen option's key per question's key."""
    lines = []
    for theme in themes:
        for question in theme.questions:
            option = next((o for o in question.options if o.id == answers.get(question.id)), None)
            if question.is_knockout or option is None or option.label not in ("Deels", "Nee"):
                continue
            lines.append(
                _("%(code)s (%(answer)s): %(question)s — voorwaarde: …")
                % {"code": question.code, "answer": option.label, "question": question.text}
            )
    return "\n".join(lines)
