"""The admin of the partnerships app, for the functioneel beheerder.

Reference data (themes, the seven phases with their guidance and
checklists) is kept here and is live at once, without a deploy. The records
of partnerships are editable here too, for repairs; officers work in the
portal. Every change is kept (django-simple-history); the phase transitions
are a log and can only be read."""

from django import forms
from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from core.forms import DECIMALS_AS_TYPED

from .forms.participants import ContributionForm
from .models import (
    Activity,
    Agreement,
    ChecklistItem,
    ChecklistTick,
    Contribution,
    Goal,
    HealthTheme,
    Indicator,
    Measurement,
    Participation,
    Partnership,
    Phase,
    PhaseNote,
    PhaseTransition,
)

# --- Reference data ------------------------------------------------------------------


# Their texts have a Dutch and an English field (partnerships/translation.py);
# an empty English text shows the Dutch one and is listed on the admin's index.


@admin.register(HealthTheme)
class ThemeAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ("name", "is_active")
    list_editable = ("is_active",)
    list_filter = ("is_active",)
    search_fields = ("name",)


class ChecklistItemInline(TranslationTabularInline):
    model = ChecklistItem
    extra = 1
    fields = ("text", "help_text", "order", "is_active", "fact")
    ordering = ("order", "pk")


@admin.register(Phase)
class PhaseAdmin(TranslationAdmin, SimpleHistoryAdmin):
    """The guidance texts and checklists: changed here, live at once."""

    list_display = ("number", "name")
    list_display_links = ("number", "name")
    search_fields = ("name",)
    fields = ("number", "name", "purpose", "tips", "pitfalls")
    inlines = [ChecklistItemInline]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(TranslationAdmin, SimpleHistoryAdmin):
    list_display = ("text", "phase", "order", "is_active", "fact")
    list_filter = ("phase", "is_active", "fact")
    list_select_related = ("phase",)
    list_editable = ("order", "is_active")
    search_fields = ("text",)


# --- Partnerships and their records --------------------------------------------------


class ParticipationInlineForm(forms.ModelForm):
    """A partner of the partnership: a new one chooses its organisation; an
    existing one keeps it (its assessments are about that organisation)."""

    class Meta:
        model = Participation
        fields = ("organisation", "role", "status", "joined_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["organisation"].disabled = True


class ParticipationInline(admin.TabularInline):
    model = Participation
    form = ParticipationInlineForm
    extra = 0
    fields = ("organisation", "role", "status", "joined_on")
    autocomplete_fields = ("organisation",)
    show_change_link = True


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = ("name", "lead_municipality", "theme", "phase", "status", "updated_at")
    list_filter = ("phase", "theme", "status", "lead_municipality__region")
    list_select_related = ("lead_municipality", "theme", "phase")
    search_fields = ("name", "lead_municipality__name")
    autocomplete_fields = ("lead_municipality", "participating_municipalities", "created_by")
    readonly_fields = ("phase", "closed_at", "created_at", "updated_at")
    date_hierarchy = "updated_at"
    inlines = [ParticipationInline]

    def get_readonly_fields(self, request, obj=None):
        # The phase moves through the portal only (with its rules and log);
        # a new partnership starts in a phase chosen here.
        if obj is not None and obj.closed_at is not None:
            # Ended by a recorded decision: an ending is final.
            return (*self.readonly_fields, "status")
        return self.readonly_fields if obj else ("closed_at", "created_at", "updated_at")


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    form = ContributionForm  # amounts typed as in the portal, with the same bounds
    fields = ("type", "description", "hours", "euros")


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "partnership", "role", "status", "joined_on")
    list_filter = ("role", "status", "partnership__lead_municipality__region")
    list_select_related = ("organisation", "partnership")
    search_fields = ("organisation__name", "partnership__name")
    autocomplete_fields = ("partnership", "organisation")
    inlines = [ContributionInline]

    def get_readonly_fields(self, request, obj=None):
        # A participation stays with its partnership and organisation: moving
        # it would carry its (finalised) assessments to another partnership,
        # perhaps in another region, or make them about another organisation.
        if obj is not None:
            return (*super().get_readonly_fields(request, obj), "partnership", "organisation")
        return super().get_readonly_fields(request, obj)


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    formfield_overrides = DECIMALS_AS_TYPED
    fields = ("name", "unit", "baseline", "target", "target_date")
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ("title", "level", "partnership")
    list_filter = ("level",)
    list_select_related = ("partnership",)
    search_fields = ("title", "partnership__name")
    autocomplete_fields = ("partnership", "participation")
    inlines = [IndicatorInline]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0
    formfield_overrides = DECIMALS_AS_TYPED
    fields = ("measured_on", "value", "note")


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    formfield_overrides = DECIMALS_AS_TYPED
    list_display = ("name", "goal", "baseline", "target", "target_date")
    list_select_related = ("goal",)
    search_fields = ("name", "goal__title")
    autocomplete_fields = ("goal",)
    inlines = [MeasurementInline]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ("title", "partnership", "signed_on")
    list_select_related = ("partnership",)
    search_fields = ("title", "partnership__name")
    autocomplete_fields = ("partnership", "participation")
    exclude = ("document",)  # documents are served only through the portal's access check


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "date", "partnership")
    list_filter = ("kind",)
    list_select_related = ("partnership",)
    search_fields = ("title", "partnership__name")
    autocomplete_fields = ("partnership", "created_by")
    date_hierarchy = "date"


@admin.register(PhaseNote)
class PhaseNoteAdmin(SimpleHistoryAdmin):
    list_display = ("partnership", "phase", "kind", "author", "created_at")
    list_filter = ("kind", "phase")
    list_select_related = ("partnership", "phase", "author")
    search_fields = ("text", "partnership__name")
    autocomplete_fields = ("partnership", "author")


class ReadOnlyLogAdmin(admin.ModelAdmin):
    """A log: read it, never change it."""

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PhaseTransition)
class PhaseTransitionAdmin(ReadOnlyLogAdmin):
    list_display = (
        "partnership",
        "from_phase",
        "to_phase",
        "checklist_complete",
        "moved_by",
        "moved_at",
    )
    list_filter = ("to_phase", "checklist_complete")
    list_select_related = ("partnership", "from_phase", "to_phase", "moved_by")
    search_fields = ("partnership__name", "reason")


@admin.register(ChecklistTick)
class ChecklistTickAdmin(ReadOnlyLogAdmin):
    """Ticks are set on the phase page; here they can only be looked up."""

    list_display = ("partnership", "item", "ticked_by", "ticked_at")
    list_filter = ("item__phase",)
    list_select_related = ("partnership", "item", "ticked_by")
    search_fields = ("partnership__name", "item__text")
