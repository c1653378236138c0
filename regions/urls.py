from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("gemeenten/<int:pk>/", views.municipality_detail, name="municipality_detail"),
    path("regios/<int:pk>/", views.region_detail, name="region_detail"),
]
