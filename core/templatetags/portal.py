from datetime import timedelta

from django import template

from core import chrome
from core.charts import LAYOUTS
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


@register.simple_tag
def bar_chart(chart, layout):
    """``chart`` (a ``core.charts.BarChart``) drawn for one medium: ``layout``
    names one of ``core.charts.LAYOUTS``, which says how big and for which
    medium ("screen", "print-column", "print-page")."""
    return chart.drawn(LAYOUTS[layout]).html()


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


ALERT_KINDS = {
    "success": "ok",
    "info": "info",
    "warning": "warning",
    "danger": "error",
    "error": "error",
}


@register.filter
def alert_kind(level_tag):
    """The NL Design System alert type (info, ok, warning, error) for a
    message's level tag or a Bootstrap-style context name."""
    return ALERT_KINDS.get(level_tag, "info")


@register.filter
def error_anchor(bound_field):
    """The id an error summary links to for a field: the input itself, or its
    first option for radio buttons, checkboxes and split fields (their
    inputs are numbered ``id_field_0``, ``id_field_1``, …)."""
    widget = bound_field.field.widget
    auto_id = bound_field.auto_id
    if getattr(widget, "widgets", None) or (
        getattr(widget, "option_template_name", None)
        and getattr(widget, "input_type", None) in {"radio", "checkbox"}
    ):
        return f"{auto_id}_0"
    return auto_id


@register.simple_tag(takes_context=True)
def header_tools(context):
    """Who is logged in and the language switch (core.chrome)."""
    return chrome.header_tools(context)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu of a logged-in user (core.chrome)."""
    return chrome.main_menu(context)
