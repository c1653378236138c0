from django.urls import path

from . import export_views, views

app_name = "dashboard"

# Included at the root: the exports keep their addresses under /samenwerkingen/.
urlpatterns = [
    path("dashboard/overzicht.pdf", views.dashboard_pdf, name="pdf"),
    *export_views.urlpatterns,
]
