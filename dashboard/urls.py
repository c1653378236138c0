from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("overzicht.pdf", views.dashboard_pdf, name="pdf"),
]
