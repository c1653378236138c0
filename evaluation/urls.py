"""URLs of the evaluation app; each module under ``views/`` lists its own
``urlpatterns``, joined here under one namespace."""

from .views import actions, report, results

app_name = "evaluation"

urlpatterns = [*results.urlpatterns, *actions.urlpatterns, *report.urlpatterns]
