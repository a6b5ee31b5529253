"""The decision guide in the admin: questions and answers on the editorial workflow (drafts, history,
roles, the English source beside each translation, preview), as comparisons are."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import get_translation_fields

from editorial.code_admin import MissingTranslationFilter, languages_column
from editorial.editorial_admin import EditorialAdmin
from editorial.roles import is_editor
from guide.models import Answer, Step


class StepMissingTranslationFilter(MissingTranslationFilter):
    text_fields = Step.TEXT_FIELDS


class AnswerMissingTranslationFilter(MissingTranslationFilter):
    text_fields = Answer.TEXT_FIELDS


@admin.register(Step)
class StepAdmin(EditorialAdmin, TabbedTranslationAdmin):
    list_display = ["__str__", "slug", "is_start", "status", "updated_at", "languages"]
    list_filter = ["status", StepMissingTranslationFilter]
    search_fields = ["slug", *get_translation_fields(*Step.TEXT_FIELDS)]
    # Publishing is a decision of its own: the "Save and publish" and "Unpublish" buttons, never a field.
    readonly_fields = ["status", "answer_links", "created_at", "updated_at", "published_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["slug", "is_start", "position", "status"]}),
        (gettext_lazy("Texts"), {"fields": ["question", "help"]}),
        (gettext_lazy("Answers"), {"fields": ["answer_links"]}),
        (gettext_lazy("Record"), {"fields": ["created_at", "updated_at", "published_at", "updated_by"]}),
    ]

    @admin.display(description=gettext_lazy("languages"))
    def languages(self, obj):
        return languages_column(obj, Step.TEXT_FIELDS)

    @admin.display(description=gettext_lazy("answers"))
    def answer_links(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return format_html_join(
            "",
            '<p><a href="{}">{}</a></p>',
            (
                (reverse("admin:guide_answer_change", args=[answer.pk]), answer.label or answer.key)
                for answer in obj.answers.all()
            ),
        ) or _("No answer yet: add one under “Guide answers”.")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["publication"] = {
            "can": is_editor(request.user) and self.has_change_permission(request, obj),
            "published": obj is not None and obj.status == Step.Status.PUBLISHED,
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def prepare_preview(self, instance):
        instance.status = Step.Status.PUBLISHED

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if "_publish" in request.POST and is_editor(request.user):
            obj.status = Step.Status.PUBLISHED
            obj.published_at = None  # stamped anew by save()
        elif "_unpublish" in request.POST and is_editor(request.user):
            obj.status = Step.Status.DRAFT
        super().save_model(request, obj, form, change)
        if "_publish" in request.POST:
            messages.success(request, _("Published: visitors and the API now show “%(obj)s”.") % {"obj": obj})


@admin.register(Answer)
class AnswerAdmin(EditorialAdmin, TabbedTranslationAdmin):
    list_display = ["__str__", "step", "next_step", "code", "other_code", "languages"]
    list_filter = ["step", AnswerMissingTranslationFilter]
    list_select_related = ["step", "next_step", "code", "other_code"]
    search_fields = ["key", "step__slug", *get_translation_fields(*Answer.TEXT_FIELDS)]
    autocomplete_fields = ["code", "other_code"]
    readonly_fields = ["updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["step", "key", "position"]}),
        (gettext_lazy("Where it leads"), {"fields": ["next_step", "code", "other_code"]}),
        (gettext_lazy("What decides it"), {"fields": ["rfc_section", "rfc_url", "rfc_quote"]}),
        (gettext_lazy("Texts"), {"fields": ["label", "verdict"]}),
        (gettext_lazy("Record"), {"fields": ["updated_at", "updated_by"]}),
    ]

    @admin.display(description=gettext_lazy("languages"))
    def languages(self, obj):
        return languages_column(obj, Answer.TEXT_FIELDS)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
