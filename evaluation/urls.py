"""URLs of the evaluation app; each module under ``views/`` lists its own
``urlpatterns``, joined here under one namespace."""

from .views import respond, rounds

app_name = "evaluation"

urlpatterns = [
    *rounds.urlpatterns,
    *respond.urlpatterns,
]
