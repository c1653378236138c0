from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Activity,
    Agreement,
    ChecklistItem,
    Goal,
    Indicator,
    Measurement,
    Participation,
    Partnership,
    Phase,
    PhaseNote,
    PhaseTransition,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "is_active")
    list_editable = ("is_active",)


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 1
    fields = ("text", "help_text", "order", "is_active")


@admin.register(Phase)
class PhaseAdmin(SimpleHistoryAdmin):
    """The guidance texts and checklists: changed here, live at once."""

    list_display = ("number", "name")
    inlines = [ChecklistItemInline]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    fields = ("organisation", "role", "status")
    raw_id_fields = ("organisation",)


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ("name", "lead_municipality", "theme", "phase", "status")
    list_filter = ("phase", "theme", "status", "lead_municipality__region")
    list_select_related = ("lead_municipality", "theme", "phase")
    search_fields = ("name",)
    raw_id_fields = ("created_by",)
    inlines = [ParticipationInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ("title", "level", "partnership")
    list_filter = ("level",)
    inlines = [IndicatorInline]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("name", "goal", "target", "target_date")
    inlines = [MeasurementInline]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ("title", "partnership", "signed_on")
    exclude = ("document",)  # documents are served only through the portal's access check


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "date", "partnership")
    list_filter = ("kind",)


@admin.register(PhaseNote)
class PhaseNoteAdmin(SimpleHistoryAdmin):
    list_display = ("partnership", "phase", "kind", "created_at")


@admin.register(PhaseTransition)
class PhaseTransitionAdmin(admin.ModelAdmin):
    """A log: read it, never change it."""

    list_display = ("partnership", "from_phase", "to_phase", "moved_by", "moved_at")
    list_select_related = ("partnership", "from_phase", "to_phase", "moved_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
