"""Parts of pages of the apps below (the partner register, a partner's page
in a partnership) that show assessments. The assessment app renders them, so
those apps do not import it (the import contract in pyproject.toml)."""

from django import template

from ..context import regional_memory as regional_memory_of
from ..forms import StartForm

register = template.Library()


@register.inclusion_tag("assessment/includes/regional_memory.html", takes_context=True)
def regional_memory(context, organisation):
    """The region's finalised outcomes for ``organisation`` (one query)."""
    return {"regional_memory": regional_memory_of(context["request"].user, organisation)}


@register.inclusion_tag("assessment/includes/partner_assessments.html")
def partner_assessments(partnership, participation):
    """A partner's assessments and the form that starts a new one (on the
    page where the lead gemeente edits the partner; Django passes the page's
    CSRF token on to an inclusion tag)."""
    return {
        "partnership": partnership,
        "participation": participation,
        "assessments": participation.assessments.select_related("author").order_by("-created_at"),
        "start_form": StartForm(),
    }
