from datetime import timedelta

from django import template
from django.template.defaultfilters import floatformat

from core.numbers import format_decimal, format_euros

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


@register.filter
def euros(value):
    """An amount with its euro sign in the active language: € 1.200,50."""
    return format_euros(value)


@register.filter
def number(value):
    """A number in the active language with the thousands grouped, decimals
    only when it has them: 1.200 and 1.250,5."""
    return format_decimal(value)


@register.filter
def chart_value(value, chart):
    """A bar's number as its chart shows it: amounts in euros with the euro
    sign, other numbers grouped with decimals only when they have them."""
    if getattr(chart, "currency", False):
        return format_euros(value)
    return floatformat(value, "-2g")
