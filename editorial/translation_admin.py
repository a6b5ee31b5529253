"""The admin's translation pages: status per language, the work list of one language, PO export and import."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from codes.models import StatusCode
from comparisons.models import Comparison
from editorial.admin_languages import own_name
from editorial.po_exchange import MAX_UPLOAD_BYTES, SCOPES, ImportRefused, export_po, import_po, parse_po
from editorial.roles import is_editor, is_translator, languages_of
from editorial.translation_checks import po_warnings
from editorial.translation_status import language_report
from foundation.languages import translation_languages
from guide.models import Answer, Step


class ImportForm(forms.Form):
    po_file = forms.FileField(
        label=gettext_lazy("PO file"),
        help_text=gettext_lazy("A file exported from this page, translated in your own tool."),
    )

    def clean_po_file(self):
        upload = self.cleaned_data["po_file"]
        # Django has streamed a large upload to a temporary file; its size is known before anything is read.
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def _label(instance, name: str) -> str:
    return str(type(instance)._meta.get_field(name).verbose_name)


def change_url(instance) -> str:
    opts = instance._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])


class TranslationStatusAdmin(admin.ModelAdmin):
    """Not a list of records: the per-language overview, reached from the admin index."""

    def has_view_permission(self, request, obj=None):
        return is_editor(request.user) or is_translator(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        opts = self.model._meta
        info = f"{opts.app_label}_{opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("", view(self.changelist_view), name=f"{info}_changelist"),
            path("<str:lang>/", view(self.language_view), name=f"{info}_language"),
            path("<str:lang>/export/", view(self.export_view), name=f"{info}_export"),
            path("<str:lang>/import/", view(self.import_view), name=f"{info}_import"),
        ]

    def _check(self, request, lang: str | None = None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if lang is not None and lang not in translation_languages():
            raise Http404(_("No such language."))

    def _records(self):
        codes = list(StatusCode.objects.select_related("family").order_by("number", "slug"))
        comparisons = list(
            Comparison.objects.select_related("family", "code_a", "code_b").order_by("code_a__number", "slug")
        )
        guide = [
            *Step.objects.order_by("position", "slug"),
            *Answer.objects.select_related("step").order_by("step__position", "step__slug", "position"),
        ]
        return codes, comparisons, guide

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "subtitle": None,
            **extra,
        }

    def changelist_view(self, request, extra_context=None):
        self._check(request)
        codes, comparisons, guide = self._records()
        mine = set(languages_of(request.user))
        rows = []
        for lang in translation_languages():
            tallies = list(language_report(lang, codes=codes, comparisons=comparisons, guide=guide).values())
            texts = sum(tally.texts for tally in tallies)
            done = sum(tally.texts_done for tally in tallies)
            rows.append(
                {
                    "lang": lang,
                    "name": own_name(lang),
                    "mine": lang in mine and not is_editor(request.user),
                    "tallies": tallies,
                    "texts_percent": round(100 * done / texts) if texts else 100,
                    "workspace": lang in mine,
                }
            )
        rows.sort(key=lambda row: not row["mine"])
        context = self._context(
            request,
            _("Translation status"),
            rows=rows,
            code_total=len(codes),
            comparison_total=len(comparisons),
            guide_total=len(guide),
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/editorial/translation_status.html", context)

    def language_view(self, request, lang):
        self._check(request, lang)
        codes, comparisons, guide = self._records()
        report = language_report(lang, codes=codes, comparisons=comparisons, guide=guide, checked=True)
        for tally in report.values():
            for item in tally.work:
                item.url = change_url(item.instance)
                item.missing_labels = [_label(item.instance, name) for name in item.missing]
                item.outdated_labels = [_label(item.instance, name) for name in item.outdated]
                item.warning_rows = [(_label(item.instance, name), found) for name, found in item.warnings]
        context = self._context(
            request,
            _("Translation into %(language)s") % {"language": own_name(lang)},
            lang=lang,
            language=own_name(lang),
            report=report,
            sections=[
                (_("Comparisons"), report["comparisons"]),
                (_("Status codes"), report["codes"]),
                (_("Decision guide: questions and answers"), report["guide"]),
            ],
            workspace_url=reverse("workspace:language", args=[lang])
            if lang in languages_of(request.user)
            else None,
            may_import=lang in languages_of(request.user),
            scopes=list(SCOPES.items()),
            import_form=ImportForm(),
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/editorial/translation_language.html", context)

    def export_view(self, request, lang):
        self._check(request, lang)
        scope = request.GET.get("scope", "todo")
        if scope not in SCOPES:
            scope = "todo"
        po = export_po(lang, scope)
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response = HttpResponse(str(po), content_type="text/x-gettext-translation; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="atlas-{lang}-{scope}-{stamp}.po"'
        return response

    def import_view(self, request, lang):
        self._check(request, lang)
        if lang not in languages_of(request.user):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:codes_translationstatus_language", args=[lang]))
        form = ImportForm(request.POST, request.FILES)
        summary = error = None
        warnings = []
        if form.is_valid():
            try:
                po = parse_po(form.cleaned_data["po_file"].read(MAX_UPLOAD_BYTES + 1))
                summary = import_po(po, lang, user=request.user, admin_url=change_url)
                warnings = po_warnings(po, lang)
            except ImportRefused as refused:
                error = str(refused)
        else:
            error = form.errors.get("po_file", [_("Choose a PO file to import.")])[0]
        context = self._context(
            request,
            _("Import into %(language)s") % {"language": own_name(lang)},
            lang=lang,
            language=own_name(lang),
            summary=summary,
            warnings=warnings,
            error=error,
            import_form=form if error else ImportForm(),
        )
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/editorial/translation_import.html", context, status=400 if error else 200
        )
