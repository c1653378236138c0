"""A respondent's answers: what the form shows, saving what was filled in,
and finishing.

Saving keeps whatever is filled in and valid, also when another field is
not (a too long text): nothing typed is lost. Answers are saved one row per
changed answer (each audited); the round's partnership is told once that
something changed (``partnerships.revision``: answers themselves are
ignored there, being saved many at a time). A round that is closed, or past
its closing date, accepts nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships import revision

from .forms import AnswerForm, question_field, statement_field
from .models import (
    Category,
    EvaluationRound,
    OpenAnswer,
    OpenQuestion,
    Respondent,
    RoundStatus,
    Statement,
    StatementAnswer,
)


class RoundNotOpen(Exception):
    """The round closed (or its closing date passed) before the save."""


def instrument_parts(instrument_id):
    """The categories with their statements, and the open questions (two queries)."""
    categories = list(
        Category.objects.filter(version_id=instrument_id).prefetch_related(
            Prefetch("statements", queryset=Statement.objects.order_by("order", "code"))
        )
    )
    open_questions = list(OpenQuestion.objects.filter(version_id=instrument_id))
    return categories, open_questions


def answer_form(respondent, data=None) -> AnswerForm:
    categories, open_questions = instrument_parts(respondent.round.instrument_id)
    answers = dict(
        StatementAnswer.objects.filter(respondent=respondent).values_list("statement_id", "score")
    )
    open_answers = dict(
        OpenAnswer.objects.filter(respondent=respondent).values_list("question_id", "text")
    )
    return AnswerForm(
        data,
        categories=categories,
        open_questions=open_questions,
        answers=answers,
        open_answers=open_answers,
    )


@dataclass
class Saved:
    changed: int  # answers stored, changed or removed
    missing: list  # statements still without an answer
    finished: bool


def save(respondent, form: AnswerForm, *, finish=False) -> Saved:
    """Store what ``form`` (bound) holds that is valid; with ``finish`` also
    mark the respondent finished, if every statement has an answer."""
    form.is_valid()  # cleaned_data then holds exactly the valid fields
    cleaned = form.cleaned_data
    now = timezone.now()
    with transaction.atomic():
        _lock_open_round(respondent.round_id)
        respondent = Respondent.objects.select_for_update().get(pk=respondent.pk)
        stored = {a.statement_id: a for a in StatementAnswer.objects.filter(respondent=respondent)}
        stored_open = {a.question_id: a for a in OpenAnswer.objects.filter(respondent=respondent)}
        changed = 0
        for category in form.categories:
            for statement in category.statements.all():
                score = cleaned.get(statement_field(statement.pk))
                if score in (None, ""):
                    continue  # not answered (yet): keep what is stored
                answer = stored.get(statement.pk)
                if answer is None:
                    stored[statement.pk] = StatementAnswer.objects.create(
                        respondent=respondent, statement=statement, score=score
                    )
                    changed += 1
                elif answer.score != score:
                    answer.score = score
                    answer.save()
                    changed += 1
        for question in form.open_questions:
            name = question_field(question.pk)
            if name not in cleaned:
                continue  # invalid (too long): the form shows it again, as typed
            text = cleaned[name].strip()
            answer = stored_open.get(question.pk)
            if answer is None and text:
                OpenAnswer.objects.create(respondent=respondent, question=question, text=text)
                changed += 1
            elif answer is not None and not text:
                answer.delete()
                changed += 1
            elif answer is not None and answer.text != text:
                answer.text = text
                answer.save()
                changed += 1
        missing = [
            statement
            for category in form.categories
            for statement in category.statements.all()
            if statement.pk not in stored
        ]
        finished = False
        if finish and not missing and not form.errors:
            if respondent.submitted_at is None:
                respondent.submitted_at = now
            respondent.last_saved_at = now
            respondent.save()  # audited; raises the partnership's revision
            finished = True
        elif changed:
            # Bookkeeping, not audited: the answers' own history is.
            Respondent.objects.filter(pk=respondent.pk).update(last_saved_at=now)
            revision.changed(respondent)
    return Saved(changed=changed, missing=missing, finished=finished)


def _lock_open_round(round_id) -> None:
    evaluation_round = EvaluationRound.objects.select_for_update().only("status", "closes_on")
    evaluation_round = evaluation_round.get(pk=round_id)
    if evaluation_round.status != RoundStatus.OPEN or (
        timezone.localdate() > evaluation_round.closes_on
    ):
        raise RoundNotOpen


def missing_message(missing) -> str:
    """Which categories still have statements without an answer."""
    titles = []
    for statement in missing:
        title = statement.category.short_title
        if title not in titles:
            titles.append(title)
    return _(
        "Uw antwoorden zijn opgeslagen, maar nog niet afgerond: %(count)s stellingen hebben nog "
        "geen antwoord (bij %(categories)s). Kies bij elke stelling een antwoord, of ‘weet niet’."
    ) % {"count": len(missing), "categories": ", ".join(titles)}
