from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .forms import OrganisationAdminForm
from .models import ContactPerson, Organisation


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    form = OrganisationAdminForm
    list_display = ("name", "sector", "kvk_number", "city", "region")
    list_filter = ("region", "sector")
    search_fields = ("name", "kvk_number", "city")
    inlines = [ContactInline]

    def get_readonly_fields(self, request, obj=None):
        # An organisation stays in its region: its partnerships and the
        # region's memory of its assessments belong there.
        if obj is not None:
            return (*super().get_readonly_fields(request, obj), "region")
        return super().get_readonly_fields(request, obj)
