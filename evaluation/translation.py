"""The evaluation instrument's texts in Dutch and English
(django-modeltranslation): each gets a ``_nl`` and an ``_en`` column; the Dutch
one is required, an empty English one falls back to it. A published version's
English texts may still be added or corrected (``models/instrument.py``);
nothing else of it changes."""

from modeltranslation.translator import TranslationOptions, register

from .models import Category, InstrumentVersion, OpenQuestion, Statement


@register(InstrumentVersion)
class InstrumentVersionTranslation(TranslationOptions):
    fields = ("title", "introduction")


@register(Category)
class CategoryTranslation(TranslationOptions):
    fields = ("title", "short_title", "description")


@register(Statement)
class StatementTranslation(TranslationOptions):
    fields = ("text",)


@register(OpenQuestion)
class OpenQuestionTranslation(TranslationOptions):
    fields = ("text",)
