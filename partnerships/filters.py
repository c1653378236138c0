"""The filters on lists of partnerships: the partnership list's (also used by
the exports) and the dashboard's (gemeente, theme, period), which the list of
assessments understands too. Plain functions over a queryset of partnerships;
the forms that read them are in ``forms/partnership.py``."""

from __future__ import annotations

from django.db.models import Q

from .models import Contribution


def involving_municipality(queryset, municipality):
    """Partnerships that ``municipality`` leads or takes part in."""
    return queryset.filter(
        Q(lead_municipality=municipality) | Q(participating_municipalities=municipality)
    ).distinct()


def active_in_period(queryset, start=None, end=None):
    """Partnerships active at some time between ``start`` and ``end`` (either
    may be missing; a partnership without dates counts as active)."""
    if end is not None:
        queryset = queryset.filter(Q(start_date__isnull=True) | Q(start_date__lte=end))
    if start is not None:
        queryset = queryset.filter(
            Q(planned_end_date__isnull=True) | Q(planned_end_date__gte=start)
        )
    return queryset


def filter_partnerships(queryset, *, municipality=None, theme=None, start=None, end=None):
    """Partnerships that match the dashboard's filters (``DashboardFilterForm``)."""
    if municipality is not None:
        queryset = involving_municipality(queryset, municipality)
    if theme is not None:
        queryset = queryset.filter(theme=theme)
    return active_in_period(queryset, start, end)


def apply_list_filters(queryset, data):
    """The partnership list's filters (also used by the exports and the
    dashboard's links): ``data`` is a valid ``PartnershipFilterForm``'s."""
    if data.get("q"):
        queryset = queryset.filter(
            Q(name__icontains=data["q"]) | Q(societal_goal__icontains=data["q"])
        )
    if data.get("theme"):
        queryset = queryset.filter(theme=data["theme"])
    if data.get("phase"):
        queryset = queryset.filter(phase=data["phase"])
    if data.get("municipality"):
        queryset = involving_municipality(queryset, data["municipality"])
    if data.get("lead"):
        queryset = queryset.filter(lead_municipality=data["lead"])
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    if data.get("contribution"):
        with_type = Contribution.objects.filter(type=data["contribution"])
        queryset = queryset.filter(pk__in=with_type.values("participation__partnership_id"))
    return active_in_period(queryset, data.get("start"), data.get("end"))
