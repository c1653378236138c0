"""The "Evaluatie" section of a partnership's page (the partnerships app does
not import evaluation: the import contract in pyproject.toml)."""

from django import template

from partnerships.querysets import can_edit_partnership

register = template.Library()


@register.inclusion_tag("evaluation/includes/partnership_section.html", takes_context=True)
def evaluation_rounds(context, partnership):
    """The partnership's rounds, the newest three, with links (one query)."""
    rounds = partnership.evaluation_rounds.order_by("-created_at", "-pk").only(
        "pk", "title", "status", "closes_on", "partnership_id"
    )[:3]
    return {
        "partnership": partnership,
        "rounds": list(rounds),
        "can_edit": can_edit_partnership(context["request"].user, partnership),
    }
