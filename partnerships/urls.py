"""URLs of the partnerships app. Each view module under ``views/`` lists its
own ``urlpatterns``; this file joins them under one namespace."""

from .views import activities, agreements, goals, participants, partnerships, phases

app_name = "partnerships"

urlpatterns = [
    *partnerships.urlpatterns,
    *participants.urlpatterns,
    *goals.urlpatterns,
    *phases.urlpatterns,
    *agreements.urlpatterns,
    *activities.urlpatterns,
]
