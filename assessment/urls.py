"""URLs of the assessment app; each module under ``views/`` lists its own
``urlpatterns``, joined here under one namespace."""

from .views import advice, assessments, report, starting

app_name = "assessment"

urlpatterns = [
    *starting.urlpatterns,
    *assessments.urlpatterns,
    *report.urlpatterns,
    *advice.urlpatterns,
]
