"""Content in two languages (django-modeltranslation), without a domain.

The apps register the texts the beheerder edits in their ``translation.py``;
each such text ``name`` then has the columns ``name_nl`` and ``name_en``, and
``obj.name`` reads the active language's, falling back to the Dutch one.

- :class:`TranslatedContent`: saves the original column (``name``) with the
  Dutch text, so that code reading it without the model (a ``values()`` over a
  relation, a history row) reads Dutch, not the language of whoever saved last.
- :func:`only_translations_changed`: whether a save changes nothing but the
  English texts (what a published questionnaire or instrument still allows).
- :func:`missing_translations`: the texts that have a Dutch text and no
  English one (shown in Dutch to English readers), for the beheerder.
- :func:`text_in_language` (an expression) and :func:`in_language` (from a
  row with :func:`language_columns`): a translated text reached through a
  relation in a query of plain values (``theme__name``), in the reader's
  language. Such a lookup reads the original (Dutch) column:
  django-modeltranslation rewrites only the model's own fields.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import translation

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
OTHER_LANGUAGES = tuple(
    code for code in settings.MODELTRANSLATION_LANGUAGES if code != DEFAULT_LANGUAGE
)


def _options(model):
    from modeltranslation.translator import NotRegistered, translator

    try:
        return translator.get_options_for_model(model)
    except NotRegistered:
        return None


def translated_fields(model) -> list[str]:
    """The names of ``model``'s texts that have a column per language."""
    options = _options(model)
    return list(options.get_field_names()) if options else []


def localized(field_name: str, language: str) -> str:
    return f"{field_name}_{language.replace('-', '_')}"


def active_language() -> str:
    """The active language when it has columns of its own, else Dutch."""
    language = (translation.get_language() or DEFAULT_LANGUAGE).split("-")[0]
    return language if language in settings.MODELTRANSLATION_LANGUAGES else DEFAULT_LANGUAGE


def language_columns(lookup: str) -> list[str]:
    """Every language's column of the text ``lookup`` ("theme__name"), for a
    ``values()`` that :func:`in_language` reads."""
    return [localized(lookup, code) for code in settings.MODELTRANSLATION_LANGUAGES]


def in_language(row: dict, lookup: str) -> str:
    """The text ``lookup`` of a ``values()`` row with its
    :func:`language_columns`, in the active language, else the Dutch one."""
    return (
        row.get(localized(lookup, active_language()))
        or row.get(localized(lookup, DEFAULT_LANGUAGE))
        or ""
    )


def text_in_language(lookup: str):
    """The text ``lookup`` as an expression, in the active language, else the
    Dutch one (to sort or label by, in the database)."""
    from django.db.models import F, TextField, Value
    from django.db.models.functions import Coalesce, NullIf

    dutch = F(localized(lookup, DEFAULT_LANGUAGE))
    language = active_language()
    if language == DEFAULT_LANGUAGE:
        return dutch
    return Coalesce(
        NullIf(F(localized(lookup, language)), Value("")), dutch, output_field=TextField()
    )


def translated_values(obj) -> dict:
    """Every language's text of ``obj``'s translated fields, by column
    (``{"title_nl": ..., "title_en": ...}``): what a copy must carry over.
    Copying ``obj.title`` would copy only the active language's text, and
    store it as the Dutch one."""
    return {
        localized(name, code): getattr(obj, localized(name, code))
        for name in translated_fields(type(obj))
        for code in settings.MODELTRANSLATION_LANGUAGES
    }


class TranslatedContent(models.Model):
    """Base of a model with texts in two languages: the original column holds
    the Dutch text whatever language is active while saving."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with translation.override(DEFAULT_LANGUAGE):
            super().save(*args, **kwargs)


def register_history(model) -> None:
    """django-simple-history for a model with translated texts, registered
    after the translations so that the historical model has the per-language
    columns too (a change of only the English text is a change). Its copies of
    a unique text are not unique (a history repeats values), like its copies
    of other unique fields."""
    import simple_history

    simple_history.register(model)
    for field in model.history.model._meta.concrete_fields:
        original = getattr(field, "translated_field", None)
        if original is not None and original.unique:
            # A translation field describes itself (in migrations) by the
            # field it translates; give the copy one that is not unique.
            field.translated_field = copy.copy(original)
            field.translated_field._unique = False
            field._unique = False


def only_english_editable(model, readonly=()) -> list[str]:
    """The admin's read-only fields for a record of which only the texts in
    languages other than Dutch may change: every field but those."""
    translated = set(translated_fields(model))
    editable = {localized(name, code) for name in translated for code in OTHER_LANGUAGES}
    names = [
        field.name
        for field in model._meta.fields
        if field.editable
        and not field.auto_created
        and field.name not in translated
        and field.name not in editable
    ]
    return list(dict.fromkeys([*readonly, *names]))


def only_translations_changed(instance) -> bool:
    """True when saving ``instance`` changes no stored value but its texts in
    languages other than Dutch (the original columns, which follow the Dutch
    text, are not compared). False for a record not stored yet."""
    model = type(instance)
    if instance.pk is None:
        return False
    translated = set(translated_fields(model))
    if not translated:
        return False
    allowed = {localized(name, code) for name in translated for code in OTHER_LANGUAGES}
    compared = [
        field
        for field in model._meta.concrete_fields
        if field.name not in translated and field.name not in allowed
    ]
    manager = model._base_manager
    queryset = manager.rewrite(False) if hasattr(manager, "rewrite") else manager.all()
    stored = queryset.filter(pk=instance.pk).values(*(f.attname for f in compared)).first()
    if stored is None:
        return False
    return all(stored[f.attname] == getattr(instance, f.attname) for f in compared)


@dataclass(frozen=True)
class MissingTranslation:
    model: type
    pk: int
    field: str
    text: str

    @property
    def model_name(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def field_name(self) -> str:
        return str(self.model._meta.get_field(self.field).verbose_name)

    @property
    def admin_url(self) -> str:
        from django.urls import NoReverseMatch, reverse

        opts = self.model._meta
        try:
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[self.pk])
        except NoReverseMatch:
            return ""


def _translated_models() -> list:
    from modeltranslation.translator import translator

    models_ = translator.get_registered_models(abstract=False)
    return sorted(models_, key=lambda m: (m._meta.app_label, m._meta.model_name))


def missing_translations(language: str = "en") -> Iterator[MissingTranslation]:
    """Every text with a Dutch text and an empty ``language`` one (one query
    per registered model), in the order of the models and their keys."""
    for model in _translated_models():
        fields = translated_fields(model)
        manager = model._base_manager
        queryset = manager.rewrite(False) if hasattr(manager, "rewrite") else manager.all()
        condition = models.Q()
        for name in fields:
            condition |= ~models.Q(**{localized(name, DEFAULT_LANGUAGE): ""}) & (
                models.Q(**{localized(name, language): ""})
                | models.Q(**{f"{localized(name, language)}__isnull": True})
            )
        columns = ["pk"]
        for name in fields:
            columns += [localized(name, DEFAULT_LANGUAGE), localized(name, language)]
        for row in queryset.filter(condition).order_by("pk").values(*columns):
            for name in fields:
                dutch = row[localized(name, DEFAULT_LANGUAGE)]
                if dutch and not row[localized(name, language)]:
                    yield MissingTranslation(model, row["pk"], name, dutch)


def count_missing_translations(language: str = "en") -> int:
    return sum(1 for _missing in missing_translations(language))
