"""The editorial workflow.

Every record editors change (VersionedAdmin: families, vendors, codes, comparisons):
- no lost edits: the version mark of ``concurrency.py``, checked under a row lock;
- history (django-reversion): versions with what changed, a comparison of any two, restore in one step.

The code and comparison admins add (EditorialAdmin):
- roles: translators see and change only their languages' texts; facts and other languages are shown
  read-only, and a request that carries anything else is refused (403), whatever the form showed;
- the English source beside every translation, with "outdated" marked and a way to confirm it;
- a preview of the public page as the form holds it.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from editorial.admin_languages import mark_language_widgets, own_name
from editorial.preview import render_preview
from editorial.roles import all_model_field_names, editable_text_fields, is_editor, languages_of
from editorial.text_rules import rule_warnings
from editorial.versioned_admin import CONFIRM_FIELD, VersionedAdmin, VersionedForm
from foundation.languages import SOURCE_LANGUAGE
from foundation.text_changes import is_outdated


class EditorialForm(VersionedForm):
    """The change form: version mark, English source beside each translation, "still current" boxes."""

    # Set per request by EditorialAdmin.get_form().
    atlas_languages: tuple[str, ...] = ()

    still_current = forms.MultipleChoiceField(required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[CONFIRM_FIELD].choices = [(name, name) for name in self._confirmable()]
        self._show_sources()
        self._show_rule_warnings()
        mark_language_widgets(self, self._meta.model)

    def _text_fields(self):
        model = self._meta.model
        for name in model.TEXT_FIELDS:
            for lang in self.atlas_languages:
                localized = build_localized_fieldname(name, lang)
                if localized in self.fields:
                    yield name, lang, localized

    def _confirmable(self) -> list[str]:
        if self.instance.pk is None:
            return []
        return [
            localized
            for name, lang, localized in self._text_fields()
            if lang != SOURCE_LANGUAGE and is_outdated(self.instance, name, lang)
        ]

    def _show_rule_warnings(self):
        """What the stored texts break of their help text's rule, under each field: never a refusal."""
        if self.instance.pk is None:
            return
        for name, lang, localized in self._text_fields():
            found = rule_warnings(self.instance, name, lang)
            if found:
                form_field = self.fields[localized]
                form_field.help_text = format_html(
                    '{}<p class="atlas-rule-warning"><span aria-hidden="true">⚠ </span>{}</p>',
                    form_field.help_text or "",
                    " ".join(finding.message for finding in found),
                )

    def _show_sources(self):
        confirmable = set(self._confirmable())
        for name, lang, localized in self._text_fields():
            if lang == SOURCE_LANGUAGE:
                continue
            source = (getattr(self.instance, build_localized_fieldname(name, SOURCE_LANGUAGE)) or "").strip()
            form_field = self.fields[localized]
            if localized in confirmable:
                # No <label>: modeltranslation's tabs rewrite every label in a field's row.
                note = format_html(
                    '<p class="atlas-outdated-note"><strong>{}</strong> '
                    '<input type="checkbox" name="{}" value="{}" id="still-current-{}" '
                    'aria-labelledby="still-current-{}-text"> <span id="still-current-{}-text">{}</span></p>',
                    _("The English changed after this translation was last saved."),
                    CONFIRM_FIELD,
                    localized,
                    localized,
                    localized,
                    localized,
                    _("The translation is still right: mark it as up to date"),
                )
            else:
                note = ""
            form_field.help_text = format_html(
                '{}<div class="atlas-source" lang="en" dir="ltr">'
                '<div class="atlas-source-label">{}</div>'
                '<div class="atlas-source-text">{}</div>{}</div>',
                form_field.help_text or "",
                _("English source"),
                source or _("(no English text yet)"),
                note,
            )


class EditorialAdmin(VersionedAdmin):
    """Mix in before TabbedTranslationAdmin: ``class XAdmin(EditorialAdmin, TabbedTranslationAdmin)``."""

    form = EditorialForm
    change_form_template = "admin/editorial/change_form.html"

    class Media:
        js = ["editorial/change_form.js"]
        css = {"all": ["editorial/change_form.css"]}

    # --- Roles -----------------------------------------------------------------------------------

    def has_add_permission(self, request):
        return super().has_add_permission(request) and is_editor(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and is_editor(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and bool(languages_of(request.user))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_editor(request.user):
            return {}
        return actions

    def allowed_post_fields(self, request) -> set[str]:
        """Model fields a request of this user may carry."""
        if is_editor(request.user):
            return all_model_field_names(self.model)
        return set(editable_text_fields(request.user, self.model))

    def refused_fields(self, request) -> list[str]:
        model_fields = all_model_field_names(self.model)
        allowed = self.allowed_post_fields(request)
        refused = [key for key in request.POST if key in model_fields and key not in allowed]
        if not is_editor(request.user):
            refused += [key for key in ("_publish", "_unpublish", "_saveasnew") if key in request.POST]
            refused += [
                f"{CONFIRM_FIELD}={name}"
                for name in request.POST.getlist(CONFIRM_FIELD)
                if name not in allowed
            ]
        return refused

    def _refuse(self, request, refused: list[str]):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Not allowed"),
            "refused": refused,
            "languages": [own_name(lang) for lang in languages_of(request.user)],
        }
        return TemplateResponse(request, "admin/editorial/refused.html", context, status=403)

    def _translator_fieldsets(self, request, fieldsets):
        """Each text only in the translator's languages; everything else stays, read-only."""
        allowed = set(editable_text_fields(request.user, self.model))
        localized_texts = set(self.model.localized_text_fields())
        result = []
        for name, options in fieldsets:
            fields = [
                field
                for field in options.get("fields", ())
                if field not in localized_texts or field in allowed
            ]
            if fields:
                result.append((name, {**options, "fields": fields}))
        return result

    def shown_fieldsets(self, request, fieldsets):
        if not is_editor(request.user):
            fieldsets = self._translator_fieldsets(request, fieldsets)
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if is_editor(request.user):
            return readonly
        allowed = set(editable_text_fields(request.user, self.model))
        for field in self.model._meta.concrete_fields:
            keep_out = field.name in allowed or field.name in readonly or field.name in self.model.TEXT_FIELDS
            if field.editable and not field.primary_key and not keep_out:
                readonly.append(field.name)
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        languages = tuple(languages_of(request.user))
        return type(form.__name__, (form,), {"atlas_languages": languages})

    # --- Views -----------------------------------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        if request.method == "POST" and (refused := self.refused_fields(request)):
            return self._refuse(request, refused)
        return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and (refused := self.refused_fields(request)):
            return self._refuse(request, refused)
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        editor = is_editor(request.user)
        languages = languages_of(request.user)
        preview_order = languages if editor else [*languages, SOURCE_LANGUAGE]
        context.update(
            {
                "confirm_errors": form.errors.get(CONFIRM_FIELD),
                "is_editor": editor,
                "translator_languages": [own_name(lang) for lang in languages] if not editor else [],
                "preview_url": (
                    self._url("preview", obj)
                    if obj is not None
                    else reverse(
                        f"{self.admin_site.name}:{self.model._meta.app_label}_"
                        f"{self.model._meta.model_name}_preview_new"
                    )
                ),
                "preview_languages": [(lang, own_name(lang)) for lang in preview_order],
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        self._warn_about_rules(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._warn_about_rules(request, obj)
        return super().response_change(request, obj)

    def _warn_about_rules(self, request, obj):
        for name in self.model.TEXT_FIELDS:
            for lang in languages_of(request.user):
                for finding in rule_warnings(obj, name, lang):
                    messages.warning(
                        request,
                        _("Saved, with a warning: %(field)s (%(language)s): %(warning)s")
                        % {
                            "field": capfirst(self.model._meta.get_field(name).verbose_name),
                            "language": own_name(lang),
                            "warning": finding.message,
                        },
                    )

    def save_model(self, request, obj, form, change):
        confirmed = [
            name for name in form.cleaned_data.get(CONFIRM_FIELD, []) if name not in obj.changed_texts()
        ]
        if confirmed:
            obj.mark_texts_current(confirmed)
        super().save_model(request, obj, form, change)

    def get_urls(self):
        opts = self.model._meta
        info = f"{opts.app_label}_{opts.model_name}"
        urls = [
            path("preview/", self.admin_site.admin_view(self.preview_view), name=f"{info}_preview_new"),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{info}_preview",
            ),
        ]
        return urls + super().get_urls()

    # --- Preview ---------------------------------------------------------------------------------

    def prepare_preview(self, instance):
        """Hook: put the unsaved instance in the state visitors would see (e.g. published)."""

    def preview_view(self, request, object_id=None):
        """The public page as the form holds it (POST from the change form) or as saved (GET)."""
        obj = None
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_view_or_change_permission(request, obj):
                raise Http404(_("No such record."))
        elif not self.has_add_permission(request):
            raise PermissionDenied
        lang = request.POST.get("_preview_language") or request.GET.get("lang") or SOURCE_LANGUAGE
        if lang not in dict(settings.LANGUAGES):
            lang = SOURCE_LANGUAGE
        if request.method == "POST":
            if refused := self.refused_fields(request):
                return self._refuse(request, refused)
            form_class = self.get_form(request, obj, change=obj is not None)
            form = form_class(request.POST, request.FILES, instance=obj)
            form.check_version_mark = False
            form.is_valid()  # builds form.instance from whatever is valid; nothing is saved
            instance = form.instance
        elif obj is None:
            return HttpResponseRedirect(self._changelist_url())
        else:
            instance = obj
        if not (instance.family_id if hasattr(instance, "family_id") else True):
            messages.error(request, _("Fill in the form before previewing."))
            return HttpResponseRedirect(self._changelist_url())
        edit_url = self._url("change", obj) if obj is not None else self._changelist_url()
        return render_preview(request, instance, lang, edit_url=edit_url, prepare=self.prepare_preview)
