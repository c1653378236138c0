from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Branding, Municipality, Region


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0
    fields = ("name", "cbs_code")


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
    inlines = [MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ("name", "cbs_code", "region")
    list_filter = ("region",)
    list_select_related = ("region",)
    search_fields = ("name", "cbs_code")


@admin.register(Branding)
class BrandingAdmin(SimpleHistoryAdmin):
    """Huisstijlen: the colours are checked for contrast when saved
    (``Branding.clean``), the logo by Pillow (``branding.validate_logo``)."""

    list_display = ("__str__", "region", "municipality", "primary", "header_background", "has_logo")
    list_select_related = ("region", "municipality")
    search_fields = ("region__name", "municipality__name")
    fieldsets = (
        (_("Van wie"), {"fields": ("region", "municipality")}),
        (
            _("Kleuren"),
            {
                "description": _(
                    "Hexadecimale kleurcodes, zoals #154273. Vul elk paar samen in of laat het "
                    "leeg. Bij opslaan wordt het contrast gecontroleerd (WCAG AA): tekst op de "
                    "hoofdkleur en tekst in de kop minstens 4,5:1, en de hoofdkleur op wit ook "
                    "4,5:1, omdat hij ook als tekstkleur wordt gebruikt."
                ),
                "fields": ("primary", "primary_text", "header_background", "header_text"),
            },
        ),
        (_("Logo"), {"fields": ("logo",)}),
    )

    @admin.display(boolean=True, description=_("logo"))
    def has_logo(self, obj):
        return bool(obj.logo)
