from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Decision


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    """Decisions are recorded in the portal, with their effects, and never
    change: here they can only be read (not added, changed or deleted, not
    one by one and not in bulk)."""

    list_display = ("partnership", "option", "decided_on", "decided_by", "recorded_at")
    list_filter = ("option",)
    list_select_related = ("partnership",)
    search_fields = ("partnership__name", "decided_by", "reference")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
