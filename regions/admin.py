from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Municipality, Region


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
