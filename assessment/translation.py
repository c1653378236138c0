"""The Afwegingskader's texts in Dutch and English (django-modeltranslation):
each gets a ``_nl`` and an ``_en`` column; the Dutch one is required, an empty
English one falls back to it. A published version's English texts may still
be added or corrected (``models/questionnaire.py``); nothing else of it changes."""

from modeltranslation.translator import TranslationOptions, register

from .models import AnswerOption, Question, Questionnaire, QuestionnaireTheme


@register(Questionnaire)
class QuestionnaireTranslation(TranslationOptions):
    fields = ("name", "description")


@register(QuestionnaireTheme)
class QuestionnaireThemeTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "help_text")


@register(AnswerOption)
class AnswerOptionTranslation(TranslationOptions):
    fields = ("label",)
