"""The version mark and history of any content model's admin: a save over someone else's newer save is
refused (their changes shown, your input kept), and every save is a revision that can be compared and
restored."""

from __future__ import annotations

import copy

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from editorial.admin_languages import own_name
from editorial.concurrency import TOKEN_FIELD, ConcurrencyFormMixin
from editorial.roles import is_editor, languages_of
from foundation.versions import mark_content_deleted

from . import history, revisions

CONFIRM_FIELD = "still_current"


class VersionedForm(ConcurrencyFormMixin, forms.ModelForm):
    """A change form with the version mark (concurrency.py)."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_lf_line_endings(data), *args, **kwargs)


def with_lf_line_endings(data):
    """Browsers send a textarea's lines ending in CRLF; texts are stored with LF, as the content loader and
    the PO import store them. Otherwise every text on the form would differ from what is stored."""
    if data is None:
        return data
    if not hasattr(data, "setlist"):
        return {
            key: value.replace("\r\n", "\n") if isinstance(value, str) else value
            for key, value in data.items()
        }
    normalized = data.copy()
    for key, values in data.lists():
        normalized.setlist(key, [value.replace("\r\n", "\n") for value in values])
    return normalized


class VersionedAdmin(VersionAdmin):
    """No lost edits and a history for every record editors change.

    - the version mark of ``concurrency.py``, checked under a row lock: a save over somebody else's newer
      save (an editor's or the content loader's) is refused, their changes shown, the input kept;
    - history (django-reversion): versions with what changed, a comparison of any two, restore in one step
      (editors only);
    - pending revisions (revisions.py): a change to a live record by somebody who may not publish it is
      kept for review, and the live row is left as it was.
    """

    form = VersionedForm
    change_form_template = "admin/editorial/versioned_change_form.html"
    object_history_template = "admin/editorial/object_history.html"
    history_latest_first = True

    class Media:
        css = {"all": ["admin/atlas.css"]}

    def get_fieldsets(self, request, obj=None):
        fieldsets = self.shown_fieldsets(request, copy.deepcopy(list(super().get_fieldsets(request, obj))))
        # The version mark rides in the first fieldset of a change form, in no add form.
        fieldsets = [
            (name, {**options, "fields": [f for f in options.get("fields", ()) if f != TOKEN_FIELD]})
            for name, options in fieldsets
        ]
        if obj is not None and fieldsets:
            name, options = fieldsets[0]
            fieldsets[0] = (name, {**options, "fields": [*options["fields"], TOKEN_FIELD]})
        return fieldsets

    def shown_fieldsets(self, request, fieldsets):
        """Hook: the fieldsets this user sees."""
        return fieldsets

    # --- No lost edits ---------------------------------------------------------------------------

    def delete_queryset(self, request, queryset):
        # The list's delete action deletes in one query, past Model.delete(): mark the change here.
        super().delete_queryset(request, queryset)
        mark_content_deleted()

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST" and connection.in_atomic_block:
            # Locked until the save's transaction ends: nobody can save between the check and the save.
            model = self.model
            queryset = self.get_queryset(request).select_for_update(of=("self",))
            field = model._meta.pk if from_field is None else model._meta.get_field(from_field)
            try:
                return queryset.get(**{field.name: field.to_python(object_id)})
            except (model.DoesNotExist, ValueError, forms.ValidationError):
                return None
        return super().get_object(request, object_id, from_field)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method != "POST":
            return super().change_view(request, object_id, form_url, extra_context)
        with transaction.atomic():
            before = transaction.savepoint()
            current = self.model._base_manager.filter(pk=unquote(object_id)).first()
            if current is not None:
                # A change made outside the admin (the content loader) becomes a version of its own first.
                history.record_current_state(current)
            response = super().change_view(request, object_id, form_url, extra_context)
            if response.status_code != 302:
                # Refused or invalid: nothing was saved, so the history gains nothing either.
                transaction.savepoint_rollback(before)
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["conflict"] = getattr(context["adminform"].form, "conflict", None)
        context["pending_revisions"] = revisions.pending_for(obj, languages=languages_of(request.user))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- Pending revisions -----------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if change and revisions.proposal_needed(request, obj, form):
            # The live row stays as it is; the change waits for somebody who may publish it.
            form.pending_revisions = revisions.propose_from_form(request, obj, form)
            request._atlas_proposals = form.pending_revisions
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(form, "pending_revisions", None) is None:
            super().save_related(request, form, formsets, change)

    def log_change(self, request, obj, message):
        proposals = getattr(request, "_atlas_proposals", None)
        if proposals is not None:
            message = (
                _("Proposed for review: %(fields)s")
                % {"fields": ", ".join(name for p in proposals for name in [*p.values, *p.confirmed])}
                if proposals
                else _("Nothing changed.")
            )
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        proposals = getattr(request, "_atlas_proposals", None)
        if proposals is None:
            return super().response_change(request, obj)
        if proposals:
            messages.success(
                request,
                _(
                    "Your change to “%(object)s” is saved as a pending revision. Visitors see it once "
                    "somebody who may publish it has reviewed it."
                )
                % {"object": obj},
            )
        else:
            messages.info(request, _("Nothing changed, so nothing was saved."))
        return HttpResponseRedirect(request.path)

    def get_urls(self):
        opts = self.model._meta
        info = f"{opts.app_label}_{opts.model_name}"
        urls = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{info}_compare",
            ),
        ]
        return urls + super().get_urls()

    def _history_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404(_("No such record."))
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self._history_object(request, object_id)
        versions = list(history.versions_of(obj))
        rows = []
        model = self.model
        for index, version in enumerate(versions):
            state = history.version_state(version, model)
            previous = versions[index + 1] if index + 1 < len(versions) else None
            changes = (
                history.differences(model, history.version_state(previous, model), state) if previous else []
            )
            rows.append({"version": version, "changes": changes, "first": previous is None})
        opts = model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(object)s") % {"object": obj},
            "subtitle": None,
            "object": obj,
            "opts": opts,
            "rows": rows,
            "is_editor": is_editor(request.user),
            "proposals": revisions.revisions_of(obj, languages=languages_of(request.user)),
            "compare_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_compare", args=[quote(obj.pk)]
            ),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def compare_view(self, request, object_id):
        obj = self._history_object(request, object_id)
        versions = Version.objects.get_for_object(obj).select_related("revision", "revision__user")
        try:
            first = versions.get(pk=int(request.GET.get("from", "")))
            second = versions.get(pk=int(request.GET.get("to", "")))
        except (ValueError, Version.DoesNotExist):
            messages.error(request, _("Choose two versions of this record to compare."))
            return HttpResponseRedirect(self._url("history", obj))
        if first.revision.date_created > second.revision.date_created:
            first, second = second, first
        changes = history.differences(
            self.model, history.version_state(first, self.model), history.version_state(second, self.model)
        )
        return self._diff_page(
            request,
            obj,
            _("Changes from %(first)s to %(second)s")
            % {"first": history.describe_version(first), "second": history.describe_version(second)},
            changes,
            first=first,
            second=second,
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """A version against the current state; restoring it is one POST (editors only)."""
        obj = self._history_object(request, object_id)
        version = get_object_or_404(
            Version.objects.get_for_object(obj).select_related("revision", "revision__user"), pk=version_id
        )
        if request.method == "POST":
            if not is_editor(request.user):
                raise PermissionDenied
            try:
                history.restore(self.model, obj.pk, version, user=request.user)
            except history.RestoreError as error:
                messages.error(request, _("Nothing was restored: %(error)s") % {"error": error})
                return HttpResponseRedirect(request.path)
            messages.success(
                request,
                _("Restored the version of %(version)s, every language included.")
                % {"version": history.describe_version(version)},
            )
            return HttpResponseRedirect(self._url("change", obj))
        changes = history.differences(
            self.model, history.state_of(obj), history.version_state(version, self.model)
        )
        return self._diff_page(
            request,
            obj,
            _("Restore the version of %(version)s?") % {"version": history.describe_version(version)},
            changes,
            restore=version,
        )

    def _diff_page(self, request, obj, title, changes, **extra):
        is_record = hasattr(obj, "pk")
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "object": obj,
            "opts": self.model._meta,
            "changes": changes,
            "languages_changed": [own_name(lang) for lang in history.languages_in(changes)],
            "is_editor": is_editor(request.user),
            "history_url": self._url("history", obj) if is_record else None,
            "change_url": self._url("change", obj) if is_record else None,
            **extra,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/editorial/version_diff.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        if not (is_editor(request.user) and self.has_add_permission(request)):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_deleted(self.model).select_related("revision", "revision__user"),
            pk=version_id,
        )
        if request.method == "POST":
            try:
                obj = history.restore_deleted(self.model, version, user=request.user)
            except history.RestoreError as error:
                messages.error(request, _("Nothing was recovered: %(error)s") % {"error": error})
                return HttpResponseRedirect(request.path)
            messages.success(request, _("Recovered “%(object)s”.") % {"object": obj})
            return HttpResponseRedirect(self._url("change", obj))
        empty = {field.attname: None for field in history.content_fields(self.model)}
        changes = history.differences(self.model, empty, history.version_state(version, self.model))
        return self._diff_page(
            request,
            version.object_repr,
            _("Recover “%(object)s”?") % {"object": version.object_repr},
            changes,
            recover=version,
        )

    def _changelist_url(self) -> str:
        opts = self.model._meta
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")

    def _url(self, view: str, obj) -> str:
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}", args=[quote(obj.pk)]
        )
