"""Filters for lists of actions (``evaluation/includes/action_rows.html``)."""

from django import template

from ..actions import owner_label

register = template.Library()


@register.filter
def action_owner(action) -> str:
    return owner_label(action)
