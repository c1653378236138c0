"""The "Evaluatie" section of a partnership's page: its latest rounds and
the actions agreed on them, as one section (the partnerships app does not
import evaluation: the import contract in pyproject.toml; its page loads this
tag library)."""

from django import template

from ..actions import with_status_forms
from ..querysets import can_run_round
from ..section import section

register = template.Library()


@register.inclusion_tag("evaluation/includes/partnership_section.html", takes_context=True)
def evaluation_section(context, partnership):
    """The newest three rounds and the unfinished actions, the overdue ones
    marked (one query: ``evaluation.section``)."""
    request = context["request"]
    found = section(partnership)
    can_edit = can_run_round(request.user, partnership)
    return {
        "partnership": partnership,
        "rounds": found.rounds,
        "actions": with_status_forms(found.actions) if can_edit else found.actions,
        "overdue": found.overdue,
        "can_edit": can_edit,
        "next": request.path,
    }
