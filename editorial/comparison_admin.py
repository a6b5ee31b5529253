import reversion
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Q
from django.forms.utils import ErrorList
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import get_translation_fields

from comparisons.models import Comparison
from editorial.code_admin import MissingTranslationFilter, languages_column
from editorial.editorial_admin import EditorialAdmin, EditorialForm
from editorial.roles import is_editor

DUPLICATE_PAIR = next(
    constraint.violation_error_message
    for constraint in Comparison._meta.constraints
    if constraint.name == "comparison_pair_unique"
)


class ComparisonMissingTranslationFilter(MissingTranslationFilter):
    text_fields = Comparison.TEXT_FIELDS


class ComparisonForm(EditorialForm):
    """A pair that already has a comparison is said once, with a link to that comparison."""

    def _post_clean(self):
        super()._post_clean()
        if NON_FIELD_ERRORS not in self.errors:
            return
        existing = self._existing_pair()
        errors = ErrorList(error_class="nonfield", renderer=self.renderer)
        for message in dict.fromkeys(self.errors[NON_FIELD_ERRORS]):
            if existing is not None and message == str(DUPLICATE_PAIR):
                message = format_html(
                    '{} <a href="{}">{}</a>',
                    message,
                    reverse("admin:comparisons_comparison_change", args=[existing.pk]),
                    _("Open “%(comparison)s”") % {"comparison": existing},
                )
            errors.append(message)
        self._errors[NON_FIELD_ERRORS] = errors

    def _existing_pair(self):
        code_a, code_b = self.cleaned_data.get("code_a"), self.cleaned_data.get("code_b")
        if not (code_a and code_b):
            return None
        pair = Q(code_a=code_a, code_b=code_b) | Q(code_a=code_b, code_b=code_a)
        return (
            Comparison.objects.filter(pair)
            .exclude(pk=self.instance.pk)
            .select_related("code_a", "code_b")
            .first()
        )


@admin.register(Comparison)
class ComparisonAdmin(EditorialAdmin, TabbedTranslationAdmin):
    form = ComparisonForm
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
    # Publishing is a decision of its own: the "Save and publish" and "Unpublish" buttons, never a field.
    readonly_fields = ["status", "family", "slug", "created_at", "updated_at", "published_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["code_a", "code_b", "status"]}),
        (gettext_lazy("Texts"), {"fields": ["title", "summary", "key_differences", "when_to_use"]}),
        (
            gettext_lazy("Record"),
            {"fields": ["family", "slug", "created_at", "updated_at", "published_at", "updated_by"]},
        ),
    ]
    actions = ["publish", "unpublish"]

    @admin.display(description=gettext_lazy("languages"))
    def languages(self, obj):
        return languages_column(obj, Comparison.TEXT_FIELDS)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["publication"] = {
            "can": is_editor(request.user) and self.has_change_permission(request, obj),
            "published": obj is not None and obj.status == Comparison.Status.PUBLISHED,
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def prepare_preview(self, instance):
        # Visitors see a comparison's own texts only once it is published.
        instance.status = Comparison.Status.PUBLISHED

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if "_publish" in request.POST and is_editor(request.user):
            obj.status = Comparison.Status.PUBLISHED
            obj.published_at = None  # stamped anew by save()
        elif "_unpublish" in request.POST and is_editor(request.user):
            obj.status = Comparison.Status.DRAFT
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        self._publication_message(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._publication_message(request, obj)
        return super().response_change(request, obj)

    def _publication_message(self, request, obj):
        if "_publish" in request.POST:
            messages.success(request, _("Published: visitors and the API now show “%(obj)s”.") % {"obj": obj})
        elif "_unpublish" in request.POST:
            messages.success(
                request,
                _("Unpublished: “%(obj)s” is a draft again; visitors see the assembled comparison.")
                % {"obj": obj},
            )

    @admin.action(description=gettext_lazy("Publish the selected comparisons"))
    def publish(self, request, queryset):
        if not is_editor(request.user):
            self.message_user(request, _("Only editors publish."), messages.ERROR)
            return
        drafts = list(queryset.filter(status=Comparison.Status.DRAFT))
        if reversion.is_active():
            reversion.set_comment(_("Published"))
        for comparison in drafts:
            comparison.publish(by=request.user)
        self.message_user(
            request,
            ngettext("%d comparison published.", "%d comparisons published.", len(drafts)) % len(drafts),
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Unpublish the selected comparisons"))
    def unpublish(self, request, queryset):
        if not is_editor(request.user):
            self.message_user(request, _("Only editors unpublish."), messages.ERROR)
            return
        published = list(queryset.filter(status=Comparison.Status.PUBLISHED))
        if reversion.is_active():
            reversion.set_comment(_("Unpublished"))
        for comparison in published:
            comparison.unpublish(by=request.user)
        self.message_user(
            request,
            ngettext("%d comparison unpublished.", "%d comparisons unpublished.", len(published))
            % len(published),
            messages.SUCCESS,
        )
