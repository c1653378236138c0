"""The count of texts without an English translation, for the admin's index."""

from django import template

from core.translations import count_missing_translations

register = template.Library()


@register.simple_tag
def missing_translations_count() -> int:
    return count_missing_translations()
