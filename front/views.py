"""The pages visitors enter by: the root, home, class pages, search, robots, and the 404 page."""

import re
import unicodedata

from django.http import (
    HttpResponse,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from codes import selectors
from codes.models import STATUS_CLASSES
from codes.presenters import (
    ClassGroup,
    group_by_class,
    present_code,
)
from comparisons import selectors as comparison_selectors
from comparisons.forms import CompareForm
from comparisons.presenters import comparison_rows
from foundation.caching import cached_page
from foundation.languages import LANGUAGE_CODES
from foundation.pagination import list_page
from foundation.seo import build_page
from foundation.texts import localized
from front.presenters import class_page, home_page, recently_updated, search_page, search_results
from search.service import RESULT_LIMIT, find

# Codes most visitors come for, linked from the home page when they exist.
COMMON_CODES = ["200", "301", "302", "304", "400", "401", "403", "404", "429", "500", "502", "503", "504"]


@require_safe
def language_redirect(request):
    """`/`: the home page in the visitor's best language (cookie, then Accept-Language)."""
    lang = translation.get_language_from_request(request)
    with translation.override(lang):
        response = HttpResponseRedirect(reverse("front:home"))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@require_safe
def favicon(request):
    """`/favicon.ico`, asked for by browsers and feed readers that ignore `<link rel="icon">`: the logo."""
    return HttpResponsePermanentRedirect(static("img/logo.svg"))


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/"]
    for lang in LANGUAGE_CODES:
        with translation.override(lang):
            lines.append(f"Disallow: {reverse('front:search')}")
    lines += ["", f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@cached_page
def home(request):
    families = list(selectors.list_families())
    family = families[0] if families else None
    lang = translation.get_language()
    codes = list(selectors.list_codes(family=family.slug, language=lang)) if family else []
    comparisons = comparison_selectors.list_published(language=lang)
    by_slug = {code.slug: code for code in codes}
    context = {
        "page": home_page(request),
        "family": family,
        "family_description": localized(family, "description") if family else None,
        "classes": group_by_class(codes, family.slug) if family else [],
        "common": [present_code(by_slug[slug]) for slug in COMMON_CODES if slug in by_slug],
        "featured": comparison_rows(comparisons[:9]),
        "comparison_count": comparisons.count(),
        "code_count": len(codes),
        "updated": recently_updated(lang),
        "form": CompareForm(codes=codes),
    }
    return TemplateResponse(request, "front/home.html", context)


@cached_page
def class_index(request, family, digit):
    family_obj = selectors.get_family(slug=family)
    lang = translation.get_language()
    codes = list(selectors.list_codes(family=family, status_class=digit, language=lang))
    listed = list_page(
        request, comparison_selectors.in_class(family=family, status_class=digit, language=lang)
    )
    comparisons = comparison_rows(listed.object_list)
    name = localized(family_obj, "name").raw or family_obj.slug
    group = group_by_class(codes, family)
    group = group[0] if group else ClassGroup(digit, family)
    title, page = class_page(request, family, name, group, listed)
    neighbours = [ClassGroup(d, family) if d in STATUS_CLASSES else None for d in (digit - 1, digit + 1)]
    context = {
        "page": page,
        "family": family_obj,
        "family_name": name,
        "title": title,
        "group": group,
        "comparisons": comparisons,
        "listed": listed,
        "previous": neighbours[0],
        "next": neighbours[1],
    }
    return TemplateResponse(request, "front/class.html", context)


def clean_query(raw: str) -> tuple[str, bool]:
    """Normalise a search query; returns it and whether it had to be shortened.

    Control and format characters (NUL included, which PostgreSQL refuses) become spaces, compatibility
    forms are folded (full-width "４０４" is "404").
    """
    limit = selectors.MAX_QUERY_LENGTH
    head = raw[: limit * 4]
    text = unicodedata.normalize("NFKC", head)
    text = " ".join("".join(" " if unicodedata.category(char)[0] == "C" else char for char in text).split())
    return text[:limit], len(text) > limit or len(raw) > len(head)


@cached_page(store=False)
def search(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    answer = find(query, language=translation.get_language()) if query else None
    context = {
        "page": search_page(request, query),
        "query": query,
        "shortened": shortened,
        "answer": answer,
        "results": search_results(answer) if answer and answer.hits else "",
        "limit": RESULT_LIMIT,
    }
    return TemplateResponse(request, "front/search.html", context)


def _words_of(path: str) -> list[str]:
    segments = [segment for segment in path.lower().split("/") if segment]
    words = []
    for segment in segments[-2:]:
        words.append(segment)
        words += segment.split("-vs-")
        words += re.split(r"[^0-9a-z]+", segment)
    return list(dict.fromkeys(word for word in words if word and word not in LANGUAGE_CODES))


def page_not_found(request, exception=None):
    """A 404 in the visitor's language with a way on: search, likely codes, the indexes."""
    words = _words_of(request.path)
    suggestions = [present_code(code) for code in selectors.codes_named_in(words=words)]
    guess = next(
        (word for word in reversed(words) if re.fullmatch(r"\d{3}", word)), words[-1] if words else ""
    )
    page = build_page(
        request,
        title=_("Page not found"),
        description=_("This page does not exist."),
        url_name="front:home",
        translated=[],
        noindex=True,
    )
    page.canonical = ""
    context = {
        "page": page,
        "suggestions": suggestions,
        "guess": guess[:40],
        "not_found_code": reverse("codes:detail", kwargs={"family": "http", "slug": "404"}),
    }
    html = render_to_string("404.html", context, request=request)
    return HttpResponseNotFound(html)
