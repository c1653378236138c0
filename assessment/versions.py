"""New questionnaire versions: a published version is copied as a draft."""

from django.db import transaction
from django.db.models import Max
from django.utils import translation

from core.translations import DEFAULT_LANGUAGE, translated_values

from .models import AnswerOption, OutcomeBand, Question, QuestionnaireTheme, QuestionnaireVersion


@transaction.atomic
def copy_version(version: QuestionnaireVersion) -> QuestionnaireVersion:
    number = (
        QuestionnaireVersion.objects.filter(questionnaire=version.questionnaire).aggregate(
            Max("number")
        )["number__max"]
        + 1
    )
    draft = QuestionnaireVersion.objects.create(
        questionnaire=version.questionnaire,
        number=number,
        notes=f"Kopie van versie {version.number}.",
    )
    for theme in version.themes.prefetch_related("questions__options"):
        theme_copy = QuestionnaireTheme.objects.create(
            version=draft,
            code=theme.code,
            **translated_values(theme),
            weight=theme.weight,
            is_knockout=theme.is_knockout,
            order=theme.order,
        )
        for question in theme.questions.all():
            question_copy = Question.objects.create(
                theme=theme_copy,
                code=question.code,
                **translated_values(question),
                is_knockout=question.is_knockout,
                order=question.order,
            )
            options = [
                AnswerOption(
                    question=question_copy,
                    **translated_values(o),
                    points=o.points,
                    is_unknown=o.is_unknown,
                    triggers_knockout=o.triggers_knockout,
                    order=o.order,
                )
                for o in question.options.all()
            ]
            # bulk_create skips save(): keep the original column Dutch here too.
            with translation.override(DEFAULT_LANGUAGE):
                AnswerOption.objects.bulk_create(options)
    OutcomeBand.objects.bulk_create(
        OutcomeBand(version=draft, outcome=b.outcome, min_total=b.min_total, min_theme=b.min_theme)
        for b in version.bands.all()
    )
    return draft
