from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Case, Value, When
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import get_translation_fields

from codes.models import STATUS_CLASSES, Family, StatusCode, TranslationStatus, TranslatorLanguage, Vendor
from editorial.admin_languages import (
    STATE_LABELS,
    STATE_MARKS,
    direction,
    mark_language_widgets,
    own_name,
    record_states,
)
from editorial.editorial_admin import EditorialAdmin
from editorial.text_list import ChoicesField, TextListField
from editorial.translation_admin import TranslationStatusAdmin
from editorial.versioned_admin import VersionedAdmin, VersionedForm
from foundation.completeness import missing_in
from foundation.languages import language_codes


def languages_column(instance, fields):
    """Each language by its own name, marked done (✓), outdated (↻), with warnings (⚠) or missing (✗),
    with the same words for screen readers."""
    return format_html_join(
        " ",
        '<span class="atlas-lang atlas-lang-{}" lang="{}" dir="{}" title="{}">{}'
        '<span aria-hidden="true">{}</span><span class="visually-hidden">: {}</span></span>',
        (
            (
                state or "none",
                lang,
                direction(lang),
                STATE_LABELS[state] if state else "",
                own_name(lang),
                f"\u00a0{STATE_MARKS[state]}" if state else "",
                STATE_LABELS[state] if state else "—",
            )
            for lang, state in record_states(instance, fields).items()
        ),
    )


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing a translation in")
    parameter_name = "missing"
    text_fields: tuple[str, ...] = ()

    def lookups(self, request, model_admin):
        return [(lang, own_name(lang)) for lang in language_codes() if lang != "en"]

    def queryset(self, request, queryset):
        if self.value() in language_codes():
            return queryset.filter(missing_in(self.value(), self.text_fields))
        return queryset


class CodeMissingTranslationFilter(MissingTranslationFilter):
    text_fields = StatusCode.TEXT_FIELDS


class StatusClassFilter(admin.SimpleListFilter):
    title = _("class")
    parameter_name = "class"

    def lookups(self, request, model_admin):
        return [*((str(d), f"{d}xx {name}") for d, name in STATUS_CLASSES.items()), ("other", _("Other"))]

    def queryset(self, request, queryset):
        if self.value() == "other":
            return queryset.exclude(number__gte=100, number__lt=600)
        if self.value() and self.value().isdigit():
            return queryset.in_class(int(self.value()))
        return queryset


class OriginFilter(admin.SimpleListFilter):
    title = _("origin")
    parameter_name = "origin"

    def lookups(self, request, model_admin):
        return [("official", _("Official (IANA)")), ("vendor", _("Vendor or unofficial"))]

    def queryset(self, request, queryset):
        if self.value() == "official":
            return queryset.official()
        if self.value() == "vendor":
            return queryset.unofficial()
        return queryset


class FamilyForm(VersionedForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_language_widgets(self, Family)


@admin.register(Family)
class FamilyAdmin(VersionedAdmin, TabbedTranslationAdmin):
    form = FamilyForm

    class Media:
        js = ["editorial/change_form.js"]
        css = {"all": ["editorial/change_form.css"]}

    list_display = ["slug", "name", "position"]
    search_fields = ["slug", *get_translation_fields("name")]


@admin.register(Vendor)
class VendorAdmin(VersionedAdmin, admin.ModelAdmin):
    class Media:
        js = ["editorial/change_form.js"]

    list_display = ["name", "slug", "url"]
    search_fields = ["name", "slug"]


@admin.register(StatusCode)
class StatusCodeAdmin(EditorialAdmin, TabbedTranslationAdmin):
    list_display = ["number", "phrase", "class_label", "vendor", "registry_status", "languages"]
    list_display_links = ["number", "phrase"]
    list_filter = [
        StatusClassFilter,
        OriginFilter,
        "registry_status",
        ("vendor", admin.RelatedOnlyFieldListFilter),
        "family",
        CodeMissingTranslationFilter,
    ]
    list_select_related = ["vendor", "family"]
    list_per_page = 200
    search_fields = ["slug", "phrase", "former_names", *get_translation_fields(*StatusCode.TEXT_FIELDS)]
    ordering = ["family", "number", "slug"]
    fieldsets = [
        (None, {"fields": ["family", "number", "slug", "phrase", "former_names"]}),
        (_("Origin"), {"fields": ["registry_status", "vendor", "spec_title", "spec_url", "sources"]}),
        (_("Facts"), {"fields": ["emitted_by", "cacheable", "retry", "headers", "example"]}),
        (
            _("Texts"),
            {"fields": ["title", "summary", "description", "seen_when", "client_action", "owner_action"]},
        ),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Lists of texts and of fixed values: edited line by line or ticked, never typed as JSON.
        common = {
            "label": capfirst(db_field.verbose_name),
            "help_text": db_field.help_text,
            "required": False,
        }
        if db_field.name in ("former_names", "headers", "sources"):
            return TextListField(**common)
        if db_field.name == "emitted_by":
            return ChoicesField(choices=StatusCode.Emitter.choices, **common)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """The code whose number is the search term comes first: in the code picker, "500" and Enter
        picks 500, not a code whose texts mention 500."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term.isdigit() and len(term) <= 4:
            number = int(term)
            results = (results | queryset.filter(number=number)).annotate(
                number_rank=Case(When(number=number, then=Value(0)), default=Value(1))
            )
            results = results.order_by("number_rank", "number", "slug")
        return results, may_have_duplicates

    @admin.display(description=_("class"), ordering="number")
    def class_label(self, obj):
        return f"{obj.status_class}xx" if obj.status_class else _("Other")

    @admin.display(description=_("languages"))
    def languages(self, obj):
        return languages_column(obj, StatusCode.TEXT_FIELDS)


admin.site.register(TranslationStatus, TranslationStatusAdmin)


@admin.register(TranslatorLanguage)
class TranslatorLanguageAdmin(admin.ModelAdmin):
    list_display = ["user", "language"]
    list_filter = ["language"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]


class TranslatorLanguageInline(admin.TabularInline):
    model = TranslatorLanguage
    extra = 1
    verbose_name = _("language this person translates")
    verbose_name_plural = _("languages this person translates (for members of the “Translators” group)")


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class AtlasUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, TranslatorLanguageInline]


admin.site.site_header = _("HTTP Status Atlas editors")
admin.site.site_title = _("HTTP Status Atlas")
admin.site.index_title = _("Content")
