from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.models import Role
from accounts.scoping import get_municipality_for_user, get_region_for_user
from core.history import history_entries


@require_GET
def municipality_detail(request, pk):
    municipality = get_municipality_for_user(request.user, pk)
    officers = municipality.users.filter(role=Role.OFFICER, is_active=True).order_by(
        "last_name", "first_name"
    )
    return render(
        request,
        "regions/municipality_detail.html",
        {
            "municipality": municipality,
            "officers": officers,
            "history": history_entries(municipality),
        },
    )


@require_GET
def region_detail(request, pk):
    region = get_region_for_user(request.user, pk)
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "municipalities": region.municipalities.all(),
            "coordinators": region.coordinators.filter(is_active=True).order_by(
                "last_name", "first_name"
            ),
            "history": history_entries(region),
        },
    )
