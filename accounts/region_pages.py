"""The pages of a GGD region and of a gemeente: who works there (they live
here, not in ``regions``, because they show the users of the portal; their
URL names keep the namespace ``regions``)."""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from core.history import history_entries

from .models import Role
from .scoping import get_municipality_for_user, get_region_for_user


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


app_name = "regions"

urlpatterns = [
    path("gemeenten/<int:pk>/", municipality_detail, name="municipality_detail"),
    path("regios/<int:pk>/", region_detail, name="region_detail"),
]
