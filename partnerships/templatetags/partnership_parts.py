"""Parts of the partner register's pages that count partnerships. The
partnerships app computes them, so the organisations app does not import it
(the import contract in pyproject.toml)."""

from django import template
from django.db.models import Count

from ..models import Participation

register = template.Library()


@register.filter
def with_partnership_counts(organisations, user):
    """``organisations`` (a page of the register), each with
    ``partnership_count``: the partnerships it takes part in that ``user``
    may open, as the organisation's page lists them (one query)."""
    organisations = list(organisations)
    counts = dict(
        Participation.objects.visible_to(user)
        .filter(organisation__in=[o.pk for o in organisations])
        .values_list("organisation")
        .annotate(n=Count("partnership", distinct=True))
        .order_by()
    )
    for organisation in organisations:
        organisation.partnership_count = counts.get(organisation.pk, 0)
    return organisations
