from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from accounts.views import ThrottledPasswordResetView
from core.admin_views import missing_translations_view
from core.views import accessibility_statement, health, session_check
from dashboard.views import dashboard

admin.site.site_header = _("PPS-portaal beheer")
admin.site.site_title = _("PPS-portaal beheer")
admin.site.index_title = _("Functioneel beheer")

urlpatterns = [
    path("", dashboard, name="home"),
    path(
        "accounts/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path(
        "beheer/vertalingen/",
        admin.site.admin_view(missing_translations_view),
        name="missing_translations",
    ),
    path("beheer/", admin.site.urls),
    path("gezondheid/", health, name="health"),
    path("toegankelijkheid/", accessibility_statement, name="accessibility"),
    path("sessie/", session_check, name="session_check"),
    path("", include("regions.views")),
    path("", include("accounts.urls")),
    path("", include("accounts.region_pages")),
    path("", include("partnerships.urls")),
    path("", include("organisations.urls")),
    path("", include("assessment.urls")),
    path("", include("evaluation.urls")),
    path("", include("lessons.urls")),
    path("", include("decisions.urls")),
    path("", include("dashboard.urls")),
]
