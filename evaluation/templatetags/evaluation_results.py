"""Filters for showing evaluation results: a mean (one decimal, in the
page's language, "—" when there is none), a difference with its sign, and
the words for a band and a side."""

from django import template
from django.utils.formats import number_format

from .. import results

register = template.Library()


@register.filter
def mean(value) -> str:
    """A mean (a ``scoring.Mean`` or a number) with one decimal, or "—"."""
    value = getattr(value, "value", value)
    return "—" if value is None else number_format(value, 1)


@register.filter
def signed(value) -> str:
    """A difference with its sign: +1,0, −0,5, 0,0; "—" when there is none."""
    if value is None:
        return "—"
    text = number_format(abs(value), 1)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return text


@register.filter
def band(value) -> str:
    """The band of a ``scoring.Mean`` (or a band code) in words."""
    return results.band_label(getattr(value, "band", value))


@register.filter
def side(value) -> str:
    return results.side_label(value)


@register.filter
def at(sequence, index):
    """``sequence[index]`` (a group's mean of the category in the loop)."""
    try:
        return sequence[index]
    except (IndexError, TypeError):
        return None
