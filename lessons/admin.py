from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Lesson


@admin.register(Lesson)
class LessonAdmin(SimpleHistoryAdmin):
    list_display = ("title", "partnership", "author", "created_at")
    list_select_related = ("partnership", "author")
    search_fields = ("title", "partnership__name")
    list_filter = ("partnership__theme", "partnership__lead_municipality__region")
    readonly_fields = ("partnership", "author", "created_at", "updated_at")
    filter_horizontal = ("phases",)

    def has_add_permission(self, request):
        return False  # written in the portal, by the lead gemeente
