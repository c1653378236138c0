"""The texts of the reference data in Dutch and English (django-modeltranslation
finds this module when the apps are ready): each gets a ``_nl`` and an ``_en``
column; the Dutch one is required, an empty English one falls back to it.

Their history is registered here, after the translations: django-simple-history
copies a model's fields when it makes the historical model, and it must copy
the per-language ones too (a change of only the English text is a change)."""

from modeltranslation.translator import TranslationOptions, register

from core.translations import register_history

from .models import ChecklistItem, HealthTheme, Phase


@register(HealthTheme)
class HealthThemeTranslation(TranslationOptions):
    fields = ("name",)
    # A theme's name is unique in each language; a missing English name is
    # stored as NULL (not ""), which may be missing for several themes.
    empty_values = {"name": None}


@register(Phase)
class PhaseTranslation(TranslationOptions):
    fields = ("name", "purpose", "tips", "pitfalls")


@register(ChecklistItem)
class ChecklistItemTranslation(TranslationOptions):
    fields = ("text", "help_text")


for model in (HealthTheme, Phase, ChecklistItem):
    register_history(model)
