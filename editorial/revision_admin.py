"""Reviewing pending revisions in the admin: a list (by language, record and state) and, for each
revision, the proposal against the live text with publish and reject buttons."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editorial import revisions
from editorial.concurrency import make_token
from editorial.models import PendingRevision
from editorial.roles import is_editor, languages_of
from foundation.languages import language_name


class RecordFilter(admin.SimpleListFilter):
    """The revisions of one record (``?record=<content type>-<number>``, as the change form links it)."""

    title = gettext_lazy("record")
    parameter_name = "record"

    def lookups(self, request, model_admin):
        rows = (
            model_admin.get_queryset(request)
            .order_by("object_repr")
            .values_list("content_type_id", "object_id", "object_repr")
            .distinct()
        )
        return [(f"{ct}-{pk}", name) for ct, pk, name in rows[:200]]

    def queryset(self, request, queryset):
        content_type, _sep, pk = (self.value() or "").partition("-")
        if content_type.isdigit() and pk.isdigit():
            return queryset.filter(content_type_id=int(content_type), object_id=int(pk))
        return queryset


class LanguageFilter(admin.SimpleListFilter):
    title = gettext_lazy("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [(lang, language_name(lang)) for lang in languages_of(request.user)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(language=self.value())
        return queryset


@admin.register(PendingRevision)
class PendingRevisionAdmin(admin.ModelAdmin):
    list_display = [
        "object_repr",
        "content_type",
        "language_column",
        "proposed_by",
        "proposed_at",
        "state",
        "reviewed_by",
    ]
    list_display_links = ["object_repr"]
    list_filter = ["state", LanguageFilter, "content_type", RecordFilter]
    list_select_related = ["content_type", "proposed_by", "reviewed_by"]
    search_fields = ["object_repr", "proposed_by__username"]
    review_template = "admin/editorial/pending_revision_review.html"

    # Listed and reviewed only: a revision is made by saving a live record, decided by publishing or
    # rejecting it, and kept as part of the record's history.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        if not languages_of(request.user):
            return False
        return obj is None or obj.language in languages_of(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return bool(languages_of(request.user))

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("content_type", "proposed_by", "reviewed_by")
        if is_editor(request.user):
            return queryset
        return queryset.in_languages(languages_of(request.user))

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "title": _("Pending revisions")}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        revision = self.get_object(request, unquote(object_id))
        if revision is None or not self.has_view_permission(request, revision):
            raise Http404(_("No such revision."))
        live = revisions.live_record(revision)
        may_decide = revision.is_pending and revisions.may_publish(request.user, revision.language)
        texts = {}
        if request.method == "POST":
            if not may_decide:
                raise PermissionDenied
            texts = {
                name: request.POST.get(name, value).replace("\r\n", "\n")
                for name, value in revision.values.items()
            }
            note = request.POST.get("review_note", "")
            try:
                if "_reject_revision" in request.POST:
                    revisions.reject(request, revision, note=note)
                    messages.success(request, _("Rejected: the live text stays as it was."))
                    return HttpResponseRedirect(self._list_url())
                if "_publish_revision" in request.POST:
                    revisions.publish(
                        request,
                        revision,
                        texts=texts,
                        mark=request.POST.get("mark", ""),
                        over_conflict="over_conflict" in request.POST,
                        note=note,
                    )
                    messages.success(
                        request,
                        _("Published: visitors and the API now show the new text of “%(object)s”.")
                        % {"object": revision.object_repr},
                    )
                    return HttpResponseRedirect(self._list_url())
            except revisions.ReviewError as error:
                messages.error(request, str(error))
                revision.refresh_from_db()
                live = revisions.live_record(revision)
        reviews = revisions.field_reviews(revision, live)
        for review in reviews:
            review.typed = texts.get(review.name, review.proposed)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revision of “%(object)s” in %(language)s")
            % {"object": revision.object_repr, "language": language_name(revision.language)},
            "subtitle": None,
            "opts": self.model._meta,
            "revision": revision,
            "live": live,
            "reviews": reviews,
            "confirmed": revisions.confirmed_labels(revision),
            "conflict": any(review.conflict for review in reviews),
            "may_decide": may_decide and live is not None,
            "mark": make_token(live) if live is not None else "",
            "record_url": self._record_url(live),
            "history_url": self._record_url(live, "history"),
            "list_url": self._list_url(),
            "language": language_name(revision.language),
            "bidi": revision.language in settings.LANGUAGES_BIDI,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.review_template, context)

    @admin.display(description=gettext_lazy("language"), ordering="language")
    def language_column(self, obj):
        return obj.language_name

    def _list_url(self) -> str:
        return reverse(f"{self.admin_site.name}:editorial_pendingrevision_changelist")

    def _record_url(self, instance, view: str = "change") -> str | None:
        if instance is None:
            return None
        opts = instance._meta
        try:
            return reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}", args=[quote(instance.pk)]
            )
        except NoReverseMatch:
            return None
