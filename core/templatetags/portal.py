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
