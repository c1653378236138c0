from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value):
    """A timedelta as whole minutes (for 'try again in 15 minutes')."""
    if isinstance(value, timedelta):
        return int(value.total_seconds() // 60)
    return value


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template, '' when absent."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.filter
def multiply(value, factor):
    return int(value) * int(factor)


@register.filter
def moment(value):
    """A point in time in local time, in words: "2 december 2026 om 14:05"."""
    from core.history import moment as in_words

    return in_words(value)


@register.filter
def person(user):
    """A person by her full name, else her username."""
    from core.history import person_name

    return person_name(user)
