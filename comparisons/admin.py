from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import get_translation_fields

from codes.admin import MissingTranslationFilter, languages_column

from .models import Comparison


class ComparisonMissingTranslationFilter(MissingTranslationFilter):
    text_fields = Comparison.TEXT_FIELDS


@admin.register(Comparison)
class ComparisonAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "status", "updated_at", "updated_by", "languages"]
    list_filter = ["status", "family", ComparisonMissingTranslationFilter]
    list_select_related = ["family", "code_a", "code_b", "updated_by"]
    search_fields = [
        "slug",
        "code_a__phrase",
        "code_b__phrase",
        *get_translation_fields(*Comparison.TEXT_FIELDS),
    ]
    autocomplete_fields = ["code_a", "code_b"]
    readonly_fields = ["family", "slug", "created_at", "updated_at", "published_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["code_a", "code_b", "status"]}),
        (_("Texts"), {"fields": ["title", "summary", "key_differences", "when_to_use"]}),
        (
            _("Record"),
            {"fields": ["family", "slug", "created_at", "updated_at", "published_at", "updated_by"]},
        ),
    ]
    actions = ["publish", "unpublish"]

    @admin.display(description=_("languages"))
    def languages(self, obj):
        return languages_column(obj, Comparison.TEXT_FIELDS)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the selected comparisons"))
    def publish(self, request, queryset):
        drafts = list(queryset.filter(status=Comparison.Status.DRAFT))
        for comparison in drafts:
            comparison.publish(by=request.user)
        self.message_user(
            request,
            ngettext("%d comparison published.", "%d comparisons published.", len(drafts)) % len(drafts),
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected comparisons"))
    def unpublish(self, request, queryset):
        published = list(queryset.filter(status=Comparison.Status.PUBLISHED))
        for comparison in published:
            comparison.unpublish(by=request.user)
        self.message_user(
            request,
            ngettext("%d comparison unpublished.", "%d comparisons unpublished.", len(published))
            % len(published),
            messages.SUCCESS,
        )

    class Media:
        css = {"all": ["admin/atlas.css"]}
