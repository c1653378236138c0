"""The evaluation instrument in the admin, like the questionnaire's
(assessment/admin.py): copy a published version to a draft, edit it, publish
it; of a published version and its content only the English texts can be
changed (a translation does not change what is asked).
Rounds are run in the portal; the admin only lists them."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from assessment.admin import ContentInline, ReadOnlyWhenPublished
from core.forms import DECIMALS_AS_TYPED

from .models import (
    Category,
    EvaluationRound,
    InstrumentVersion,
    OpenQuestion,
    Respondent,
    Statement,
)
from .versions import copy_version, unpublishable


class CategoryInline(ContentInline, TranslationTabularInline):
    model = Category
    extra = 0
    fields = ("code", "title", "short_title", "order")
    show_change_link = True

    def _published(self, version):
        return version.is_published


class OpenQuestionInline(CategoryInline):
    model = OpenQuestion
    fields = ("code", "text", "order")
    show_change_link = False


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(ReadOnlyWhenPublished, TranslationAdmin):
    list_display = ("number", "title", "published_at")
    readonly_fields = ("published_at",)
    formfield_overrides = DECIMALS_AS_TYPED
    inlines = [CategoryInline, OpenQuestionInline]
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
            reason = unpublishable(version)
            if reason:
                self.message_user(request, reason, messages.ERROR)
                continue
            version.publish()
            count += 1
        self.message_user(
            request,
            ngettext("%(count)s versie gepubliceerd.", "%(count)s versies gepubliceerd.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class StatementInline(ContentInline, TranslationTabularInline):
    model = Statement
    extra = 0
    fields = ("code", "text", "order")

    def _published(self, category):
        return category.version.is_published


@admin.register(Category)
class CategoryAdmin(ReadOnlyWhenPublished, TranslationAdmin):
    list_display = ("__str__", "short_title", "version")
    list_filter = ("version",)
    inlines = [StatementInline]

    def _version_of(self, obj):
        return obj.version


@admin.register(Statement)
class StatementAdmin(ReadOnlyWhenPublished, TranslationAdmin):
    list_display = ("code", "text", "category")
    list_filter = ("category__version",)
    list_select_related = ("category__version",)
    search_fields = ("code", "text")

    def _version_of(self, obj):
        return obj.category.version


@admin.register(OpenQuestion)
class OpenQuestionAdmin(ReadOnlyWhenPublished, TranslationAdmin):
    list_display = ("code", "text", "version")
    list_filter = ("version",)

    def _version_of(self, obj):
        return obj.version


class RespondentInline(admin.TabularInline):
    """Who is asked and how far they are; never their answers or token."""

    model = Respondent
    extra = 0
    fields = ("side", "user", "contact", "invited_at", "revoked_at", "submitted_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(admin.ModelAdmin):
    """Rounds are started, opened and closed in the portal; the admin shows them."""

    list_display = ("title", "partnership", "status", "closes_on")
    list_filter = ("status",)
    list_select_related = ("partnership",)
    readonly_fields = [f.name for f in EvaluationRound._meta.fields]
    inlines = [RespondentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
