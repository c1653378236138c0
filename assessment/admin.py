from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from core.forms import DECIMALS_AS_TYPED
from core.translations import only_english_editable

from .models import (
    AdviceSettings,
    AnswerOption,
    Assessment,
    AssessmentStatus,
    HeaderField,
    OutcomeBand,
    Question,
    Questionnaire,
    QuestionnaireTheme,
    QuestionnaireVersion,
    ReportDownload,
)
from .versions import copy_version


class ReadOnlyWhenPublished:
    """Content of a published version is shown, never offered for editing,
    except its English texts: a translation does not change what is asked (the
    models refuse any other change too)."""

    def _version_of(self, obj):
        raise NotImplementedError

    def _published(self, obj) -> bool:
        return obj is not None and self._version_of(obj).is_published

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if self._published(obj):
            return only_english_editable(self.model, readonly)
        return readonly

    def has_delete_permission(self, request, obj=None):
        if self._published(obj):
            return False
        return super().has_delete_permission(request, obj)


class ContentInline:
    """An inline of a version's content (themes, bands, questions, options):
    of a published version only the English texts can be changed; nothing is
    added or deleted. ``_published(parent)`` says whether the parent's version
    is published."""

    def _published(self, obj) -> bool:
        raise NotImplementedError

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and self._published(obj):
            return only_english_editable(self.model, readonly)
        return readonly

    def has_add_permission(self, request, obj=None):
        return not (obj and self._published(obj)) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and self._published(obj)) and super().has_delete_permission(request, obj)


class ThemeInline(ContentInline, TranslationTabularInline):
    model = QuestionnaireTheme
    extra = 0
    fields = ("code", "title", "weight", "is_knockout", "order")
    show_change_link = True
    formfield_overrides = DECIMALS_AS_TYPED

    def _published(self, version):
        return version.is_published


class BandInline(ContentInline, admin.TabularInline):
    model = OutcomeBand
    extra = 0
    fields = ("outcome", "min_total", "min_theme")
    formfield_overrides = DECIMALS_AS_TYPED

    def _published(self, version):
        return version.is_published


@admin.register(Questionnaire)
class QuestionnaireAdmin(TranslationAdmin):
    list_display = ("name",)


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(ReadOnlyWhenPublished, admin.ModelAdmin):
    list_display = ("questionnaire", "number", "published_at")
    list_filter = ("questionnaire",)
    readonly_fields = ("published_at",)
    inlines = [ThemeInline, BandInline]
    actions = ["make_draft_copy", "publish_versions"]

    def _version_of(self, obj):
        return obj

    @admin.action(description=_("Nieuwe conceptversie maken (kopie)"))
    def make_draft_copy(self, request, queryset):
        for version in queryset:
            draft = copy_version(version)
            self.message_user(
                request,
                _("Versie %(number)s is gemaakt als concept.") % {"number": draft.number},
                messages.SUCCESS,
            )

    @admin.action(description=_("Publiceren"))
    def publish_versions(self, request, queryset):
        count = 0
        for version in queryset.filter(published_at__isnull=True):
            version.publish()
            count += 1
        self.message_user(
            request,
            ngettext("%(count)s versie gepubliceerd.", "%(count)s versies gepubliceerd.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class OptionInline(ContentInline, TranslationTabularInline):
    model = AnswerOption
    extra = 0
    fields = ("label", "points", "is_unknown", "triggers_knockout", "order")

    def _published(self, question):
        return question.theme.version.is_published


class QuestionInline(ContentInline, TranslationStackedInline):
    model = Question
    extra = 0
    fields = ("code", "text", "help_text", "is_knockout", "order")
    show_change_link = True

    def _published(self, theme):
        return theme.version.is_published


@admin.register(QuestionnaireTheme)
class ThemeAdmin(ReadOnlyWhenPublished, TranslationAdmin):
    formfield_overrides = DECIMALS_AS_TYPED
    list_display = ("__str__", "version", "weight", "is_knockout")
    list_filter = ("version",)
    inlines = [QuestionInline]

    def _version_of(self, obj):
        return obj.version


@admin.register(Question)
class QuestionAdmin(ReadOnlyWhenPublished, TranslationAdmin):
    list_display = ("code", "text", "theme")
    list_filter = ("theme__version",)
    search_fields = ("code", "text")
    inlines = [OptionInline]

    def _version_of(self, obj):
        return obj.theme.version


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """Assessments are made and decided in the portal; the admin shows them.
    A finalised one never changes: it cannot be changed or deleted here, not
    one by one and not in bulk (a correction is a new assessment)."""

    list_display = ("__str__", "status", "outcome", "total_percent", "created_at")
    list_filter = ("status", "outcome", "kind")
    list_select_related = ("participation__organisation", "participation__partnership")
    readonly_fields = [f.name for f in Assessment._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == AssessmentStatus.FINAL:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == AssessmentStatus.FINAL:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _function, name, description = actions["delete_selected"]
            actions["delete_selected"] = (
                type(self).delete_unfinalised,
                name,
                description,
            )
        return actions

    def delete_unfinalised(self, request, queryset):
        if queryset.filter(status=AssessmentStatus.FINAL).exists():
            self.message_user(
                request,
                _(
                    "Vastgestelde afwegingen kunnen niet worden verwijderd; er is niets "
                    "verwijderd. Kies alleen afwegingen in concept of ter review."
                ),
                messages.ERROR,
            )
            return None
        return delete_selected(self, request, queryset)

    def delete_queryset(self, request, queryset):
        # The last guard of the bulk delete, after its confirmation page.
        super().delete_queryset(request, queryset.exclude(status=AssessmentStatus.FINAL))


@admin.register(ReportDownload)
class ReportDownloadAdmin(admin.ModelAdmin):
    list_display = ("assessment", "user", "downloaded_at")
    list_select_related = ("assessment__participation__organisation", "user")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AdviceSettingsForm(forms.ModelForm):
    header_fields = forms.MultipleChoiceField(
        label=_("Velden in het briefhoofd"),
        choices=HeaderField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Gemeente en datum staan er altijd in."),
    )

    class Meta:
        model = AdviceSettings
        fields = ["municipality", "display_name", "logo", "header_fields", "policy"]

    def clean_header_fields(self):
        return [
            value for value in HeaderField.values if value in self.cleaned_data["header_fields"]
        ]


@admin.register(AdviceSettings)
class AdviceSettingsAdmin(SimpleHistoryAdmin):
    """Per gemeente: the name, logo and letterhead fields of its collegeadvies."""

    form = AdviceSettingsForm
    list_display = ["municipality", "display_name"]
    list_select_related = ["municipality"]
    search_fields = ["municipality__name", "display_name"]
    autocomplete_fields = ["municipality"]
