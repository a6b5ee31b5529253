from django.http import HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from codes import selectors as code_selectors
from codes.presenters import present_code
from foundation.caching import cached_page
from foundation.pagination import list_page
from foundation.versions import build_started_at

from . import selectors
from .diagram import build_diagram
from .forms import CompareForm
from .page_parts import pair_parts
from .presenters import (
    comparison_page,
    comparison_rows,
    comparison_texts,
    family_for_form,
    grouped_by_class,
    index_page,
)


@cached_page
def comparison_detail(request, family, pair):
    lang = translation.get_language()
    started = build_started_at()
    found = selectors.get_pair(family=family, pair=pair, language=lang)
    if not found.is_canonical:
        return HttpResponsePermanentRedirect(
            reverse("comparisons:detail", kwargs={"family": family, "pair": found.slug})
        )
    first, second = present_code(found.first), present_code(found.second)
    parts = pair_parts(first, second, family=family, language=lang, built_at=started)
    said = comparison_texts(found)
    context = {
        "page": comparison_page(request, found, said, (first, second)),
        "family": found.first.family,
        "first": first,
        "second": second,
        "pair_codes": [first, second],
        "comparison": found.comparison,
        "heading": said.heading,
        "texts": said.texts,
        "assembled": said.assembled,
        "show_when_to_use": said.has_when_to_use,
        "blocks": parts.blocks,
        "related": parts.related,
        "form": CompareForm(codes=parts.codes, initial={"a": found.first.slug, "b": found.second.slug}),
        "diagram": build_diagram(found.first, found.second, rtl=translation.get_language_bidi()),
    }
    return TemplateResponse(request, "comparisons/detail.html", context)


@cached_page
def comparison_index(request):
    """Curated comparisons, and the form that opens a page for any two codes."""
    family, families = family_for_form(request)
    codes = code_selectors.code_choices(family=family.slug) if family else []
    asked = "a" in request.GET or "b" in request.GET
    form = CompareForm(request.GET if asked else None, codes=codes)
    if asked and family is not None and form.is_valid():
        return redirect("comparisons:detail", family=family.slug, pair=form.pair)
    if family is None:
        form.refuse(_("There is no such family of codes."))
    listed = list_page(request, selectors.list_published(language=translation.get_language()))
    rows = comparison_rows(listed.object_list)
    context = {
        "page": index_page(request, listed),
        "family": family or families[0],
        "form": form,
        "rows": rows,
        "listed": listed,
        "groups": grouped_by_class(rows),
    }
    return TemplateResponse(request, "comparisons/index.html", context, status=400 if form.errors else 200)
