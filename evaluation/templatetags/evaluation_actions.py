"""The agreed actions of evaluations on a partnership's page. The
partnerships app does not import evaluation (the import contract); its page
loads this tag library. A separate "Evaluatie" tag (the rounds) lives in
``evaluation_rounds``."""

from django import template

from partnerships.querysets import can_edit_partnership

from ..actions import actions_of, mark_overdue, owner_label, with_status_forms

register = template.Library()


@register.inclusion_tag("evaluation/includes/partnership_actions.html", takes_context=True)
def evaluation_actions(context, partnership):
    """The actions not yet done or dropped, the overdue ones marked (one query)."""
    user = context["request"].user
    actions = mark_overdue(actions_of(partnership, unfinished_only=True))
    can_edit = can_edit_partnership(user, partnership)
    return {
        "partnership": partnership,
        "actions": with_status_forms(actions) if can_edit else actions,
        "overdue": sum(1 for a in actions if a.overdue),
        "can_edit": can_edit,
        "next": context["request"].path,
    }


@register.filter
def action_owner(action) -> str:
    return owner_label(action)
