"""URLs of the evaluation app; each module under ``views/`` lists its own
``urlpatterns``, joined here under one namespace."""

app_name = "evaluation"

urlpatterns = []
