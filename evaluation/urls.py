"""URLs of the evaluation app; each module under ``views/`` lists its own
``urlpatterns``, joined here under one namespace."""

from .views import actions, report, respond, results, rounds

app_name = "evaluation"

urlpatterns = [
    *rounds.urlpatterns,
    *respond.urlpatterns,
    *results.urlpatterns,
    *actions.urlpatterns,
    *report.urlpatterns,
]
