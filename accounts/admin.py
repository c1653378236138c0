from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    list_display = ("username", "get_full_name", "role", "municipality", "region", "is_active")
    list_filter = ("role", "region", "municipality__region", "is_active")
    list_select_related = ("municipality", "region")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email")}),
        (_("Rol in het portaal"), {"fields": ("role", "municipality", "region")}),
        (
            _("Rechten"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Belangrijke data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "role",
                    "municipality",
                    "region",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
