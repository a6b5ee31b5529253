"""The translation workspace's pages, inside the admin (/admin/workspace/).

- /admin/workspace/: a translator lands in their language; an editor chooses one;
- /admin/workspace/<lang>/: the texts of a language in the order visitors meet them, filtered, with progress;
- /admin/workspace/<lang>/<kind>/<pk>/<field>/: one text: the English rendered and as Markdown, the
  translation with a live preview and checks, the English diff of an outdated text, glossary and memory;
- …/check/: the checks and the preview of what is typed (JSON), the same checks as on save.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from editorial import workspace as ws
from editorial.admin_languages import own_name
from editorial.history import inline_diff
from editorial.revisions import pending_for
from editorial.roles import is_editor, languages_of
from editorial.text_rules import text_rule_warnings
from editorial.translation_checks import check_text, load_glossary, terms_in_source
from editorial.workspace_edit import may_edit, opening_mark, save_text
from editorial.workspace_memory import source_when_translated, suggestions
from foundation.languages import translation_languages
from foundation.markup import render_markdown

MAX_TEXT = 20_000


def _languages(request) -> list[str]:
    return [lang for lang in languages_of(request.user) if lang in translation_languages()]


def _check_language(request, lang: str):
    if lang not in translation_languages():
        raise Http404(_("No such language."))
    if lang not in _languages(request):
        raise PermissionDenied


def _wanted(request) -> str:
    wanted = request.GET.get("show") or request.POST.get("show") or "todo"
    return wanted if wanted in ws.FILTERS else "todo"


def _context(request, title: str, **extra) -> dict:
    return {**admin.site.each_context(request), "title": title, "subtitle": None, **extra}


def text_url(item, wanted: str = "todo") -> str:
    url = reverse("workspace:text", args=[item.lang, item.kind, item.instance.pk, item.field])
    return f"{url}?show={wanted}" if wanted != "todo" else url


def _item(lang: str, kind: str, pk: int, field_name: str, *, checked: bool = False):
    codes, comparisons = ws.records()
    items = ws.all_items(lang, codes, comparisons, checked=checked)
    item = ws.find_item(items, kind, pk, field_name)
    if item is None:
        raise Http404(_("No such text."))
    return item, items


def landing(request):
    languages = _languages(request)
    if not languages:
        raise PermissionDenied
    if len(languages) == 1 or not is_editor(request.user):
        return redirect("workspace:language", languages[0])
    choices = [(lang, own_name(lang)) for lang in languages]
    context = _context(request, _("Translation workspace"), choices=choices)
    return TemplateResponse(request, "admin/editorial/workspace/choose.html", context)


def language_page(request, lang):
    _check_language(request, lang)
    wanted = _wanted(request)
    codes, comparisons = ws.records()
    items = ws.all_items(lang, codes, comparisons)
    # Every translated text is checked for the lists that show them all; the others check what they show.
    everything = wanted in ("warnings", "all")
    ws.check_items(items if everything else [item for item in items if ws.matches(item, wanted)])
    shown = [item for item in items if ws.matches(item, wanted)]
    for item in shown:
        item.url = text_url(item, wanted)
    context = _context(
        request,
        _("Translation workspace: %(language)s") % {"language": own_name(lang)},
        lang=lang,
        language=own_name(lang),
        items=shown,
        progress=ws.progress_of(items, checked=everything),
        wanted=wanted,
        filters=[
            (key, label, reverse("workspace:language", args=[lang]) + f"?show={key}")
            for key, label in ws.FILTERS.items()
        ],
        start=shown[0] if shown else None,
    )
    return TemplateResponse(request, "admin/editorial/workspace/language.html", context)


def text_page(request, lang, kind, pk, field):
    _check_language(request, lang)
    if kind not in ws.KINDS:
        raise Http404(_("No such text."))
    wanted = _wanted(request)
    item, items = _item(lang, kind, pk, field)
    if not may_edit(request, item):
        raise PermissionDenied
    if request.method == "POST":
        return _save(request, item, items, wanted)
    return _render_text(request, item, items, wanted, text=None, mark=opening_mark(item))


def _save(request, item, items, wanted):
    text = request.POST.get("text", "")[:MAX_TEXT].replace("\r\n", "\n")
    result = save_text(
        request, item, text, mark=request.POST.get("mark", ""), still_current="still_current" in request.POST
    )
    if not result.saved:
        mark = result.form.data.get("concurrency_token", "") or opening_mark(item)
        return _render_text(
            request,
            item,
            items,
            wanted,
            text=text,
            mark=mark,
            result=result,
            status=409 if result.conflict else 400,
        )
    findings = [f for f in ws.item_findings(item, text) if f.kind != "missing"]
    if result.proposals is not None:
        saved = _(
            "Saved for review: %(text)s of “%(record)s”. Visitors see it once somebody who may publish it "
            "has reviewed it."
        ) % {"text": item.label, "record": item.instance}
    else:
        saved = _("Saved: %(text)s of “%(record)s”.") % {"text": item.label, "record": item.instance}
    if findings:
        messages.warning(
            request, format_html("{} {} {}", saved, _("Warnings:"), "; ".join(f.message for f in findings))
        )
    else:
        messages.success(request, saved)
    if "save_next" not in request.POST:
        return HttpResponseRedirect(text_url(item, wanted))
    codes, comparisons = ws.records()
    refreshed = ws.all_items(item.lang, codes, comparisons, checked=wanted == "warnings")
    following = ws.next_after(refreshed, item, wanted)
    if following is None:
        messages.info(request, _("Nothing left to do in this list."))
        return HttpResponseRedirect(reverse("workspace:language", args=[item.lang]) + f"?show={wanted}")
    return HttpResponseRedirect(text_url(following, wanted))


def _highlighted_source(source: str, lang: str):
    """The English Markdown with the glossary's terms marked, each saying the term to use."""
    pieces, position = [], 0
    for start, end, term in terms_in_source(source, load_glossary(lang)):
        pieces.append(format_html("{}", source[position:start]))
        pieces.append(format_html('<mark class="ws-term" title="{}">{}</mark>', term.use, source[start:end]))
        position = end
    pieces.append(format_html("{}", source[position:]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def _glossary_terms(source: str, lang: str) -> list:
    seen = {}
    for _start, _end, term in terms_in_source(source, load_glossary(lang)):
        seen.setdefault(term.english, term)
    return list(seen.values())


def _render_text(request, item, items, wanted, *, text, mark, result=None, status=200):
    """``text`` None: the text as it opens, the translator's own pending revision of it if they have one."""
    pending = pending_for(item.instance, languages=[item.lang], field=item.localized_field)
    own = next((revision for revision in pending if revision.proposed_by_id == request.user.pk), None)
    if text is None:
        text = own.values.get(item.localized_field, item.text) if own is not None else item.text
    todo = [other for other in items if ws.matches(other, wanted)]
    keys = [other.key for other in todo]
    following = ws.next_after(items, item, wanted)
    old_source = (
        source_when_translated(item.instance, item.field, item.lang) if item.state == ws.OUTDATED else None
    )
    findings = [f for f in ws.item_findings(item, text) if f.kind != "missing"] if text else []
    with translation.override(item.lang):
        public_url = item.instance.get_absolute_url()
    context = _context(
        request,
        f"{item.label} · {item.instance}",
        item=item,
        lang=item.lang,
        language=own_name(item.lang),
        bidi=item.lang in settings.LANGUAGES_BIDI,
        text=text,
        mark=mark,
        result=result,
        wanted=wanted,
        wanted_label=ws.FILTERS[wanted],
        position=keys.index(item.key) + 1 if item.key in keys else None,
        count=len(todo),
        following_url=text_url(following, wanted) if following else None,
        list_url=reverse("workspace:language", args=[item.lang]) + f"?show={wanted}",
        check_url=reverse("workspace:check", args=[item.lang, item.kind, item.instance.pk, item.field]),
        source_html=render_markdown(item.source),
        source_marked=_highlighted_source(item.source, item.lang),
        terms=_glossary_terms(item.source, item.lang),
        old_source=old_source,
        source_diff=inline_diff(old_source, item.source) if old_source is not None else None,
        preview_html=render_markdown(text),
        findings=findings,
        suggestions=suggestions(item.source, item.lang, items, exclude_key=item.key),
        public_url=public_url,
        pending_revisions=pending,
        # A text kept in the browser belongs to this version: the record's, and the translator's revision.
        draft_version=item.instance.updated_at.isoformat()
        + (f"+{own.updated_at.isoformat()}" if own is not None else ""),
        max_length=type(item.instance)._meta.get_field(item.localized_field).max_length,
        short=item.field in ws.HEADLINE_FIELDS,
    )
    return TemplateResponse(request, "admin/editorial/workspace/text.html", context, status=status)


@require_POST
def check(request, lang, kind, pk, field):
    _check_language(request, lang)
    model = ws.KINDS.get(kind)
    if model is None:
        raise Http404(_("No such text."))
    instance = model._base_manager.filter(pk=pk).first()
    if instance is None or field not in model.TEXT_FIELDS:
        raise Http404(_("No such text."))
    text = request.POST.get("text", "")[:MAX_TEXT]
    findings = (
        check_text(ws.text_of(instance, field, "en"), text, lang) + text_rule_warnings(model, field, text)
        if text.strip()
        else []
    )
    return JsonResponse(
        {
            "findings": [{"kind": f.kind, "message": f.message} for f in findings if f.kind != "missing"],
            "preview": str(render_markdown(text.replace("\r\n", "\n"))),
        }
    )


def _view(function):
    return admin.site.admin_view(function)


app_name = "workspace"
urlpatterns = [
    path("", _view(landing), name="landing"),
    path("<str:lang>/", _view(language_page), name="language"),
    path("<str:lang>/<slug:kind>/<int:pk>/<slug:field>/", _view(text_page), name="text"),
    path("<str:lang>/<slug:kind>/<int:pk>/<slug:field>/check/", _view(check), name="check"),
]
