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
    CodeView,
    group_by_class,
    home_crumb,
    present_code,
)
from comparisons import selectors as comparison_selectors
from comparisons.forms import CompareForm
from comparisons.views import comparison_rows
from foundation.caching import cached_page
from foundation.languages import LANGUAGE_CODES
from foundation.pagination import list_page, page_query
from foundation.seo import SITE_NAME, build_page
from foundation.texts import localized

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
    codes = list(selectors.list_codes(family=family.slug, texts_in=lang)) if family else []
    comparisons = comparison_selectors.list_published(texts_in=lang)
    updated = sorted(
        [
            *(
                (code.updated_at, "code", present_code(code))
                for code in selectors.recently_updated_codes(texts_in=lang)
            ),
            *(
                (row.comparison.updated_at, "comparison", row)
                for row in comparison_rows(comparison_selectors.recently_updated(texts_in=lang))
            ),
        ],
        key=lambda item: item[0],
        reverse=True,
    )[:6]
    by_slug = {code.slug: code for code in codes}
    page = build_page(
        request,
        title=SITE_NAME,
        description=_(
            "Every HTTP status code explained in plain words: what it means, when you see it, what to do "
            "about it, and side-by-side comparisons of the codes people confuse."
        ),
        url_name="front:home",
        json_ld=[
            {
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": SITE_NAME,
                "url": request.build_absolute_uri(reverse("front:home")),
                "inLanguage": translation.get_language(),
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": request.build_absolute_uri(reverse("front:search")) + "?q={query}",
                    "query-input": "required name=query",
                },
            }
        ],
    )
    context = {
        "page": page,
        "family": family,
        "family_description": localized(family, "description") if family else None,
        "classes": group_by_class(codes, family.slug) if family else [],
        "common": [present_code(by_slug[slug]) for slug in COMMON_CODES if slug in by_slug],
        "featured": comparison_rows(comparisons[:9]),
        "comparison_count": comparisons.count(),
        "code_count": len(codes),
        "updated": updated,
        "form": CompareForm(codes=codes),
    }
    return TemplateResponse(request, "front/home.html", context)


@cached_page
def class_index(request, family, digit):
    family_obj = selectors.get_family(slug=family)
    codes = list(selectors.list_codes(family=family, status_class=digit, texts_in=translation.get_language()))
    listed = list_page(
        request,
        comparison_selectors.in_class(family=family, status_class=digit, texts_in=translation.get_language()),
    )
    comparisons = comparison_rows(listed.object_list)
    name = localized(family_obj, "name").raw or family_obj.slug
    group = group_by_class(codes, family)
    group = group[0] if group else ClassGroup(digit, family)
    title = _("%(family)s %(class)s status codes: %(name)s") % {
        "family": name,
        "class": group.label,
        "name": group.name,
    }
    url = reverse("front:class", kwargs={"family": family, "digit": digit})
    page = build_page(
        request,
        title=title,
        description=str(group.blurb),
        url_name="front:class",
        kwargs={"family": family, "digit": digit},
        query=page_query(listed),
        breadcrumbs=[
            home_crumb(),
            (name, reverse("codes:family", kwargs={"family": family})),
            (group.label, url),
        ],
    )
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


_PAIR_QUERY = re.compile(r"^(\d{3})\s*(?:vs\.?|versus|/|,|-vs-)?\s*(\d{3})$", re.IGNORECASE)


SEARCH_LIMIT = 50


@cached_page(store=False)
def search(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    results: list[CodeView] = []
    pair = None
    total = 0
    if query:
        match = _PAIR_QUERY.match(query)
        if match and match.group(1) != match.group(2):
            found = sorted(
                selectors.codes_named_in(words=[match.group(1), match.group(2)]), key=lambda c: c.number
            )
            numbers = {code.slug for code in found}
            if {match.group(1), match.group(2)} <= numbers:
                low, high = sorted((match.group(1), match.group(2)), key=int)
                pair = reverse(
                    "comparisons:detail", kwargs={"family": found[0].family.slug, "pair": f"{low}-vs-{high}"}
                )
                results = [present_code(code) for code in found if code.slug in (low, high)]
                total = len(results)
        if pair is None:
            lang = translation.get_language()
            found = selectors.search_codes(query=query, language=lang)
            codes = list(selectors.in_one_language(found, lang)[: SEARCH_LIMIT + 1])
            total = len(codes)
            results = [present_code(code) for code in codes[:SEARCH_LIMIT]]
    title = _("Search results for “%(query)s”") % {"query": query} if query else _("Search")
    page = build_page(
        request,
        title=title,
        description=_("Find an HTTP status code by number, name or words from its description."),
        url_name="front:search",
        translated=[],
        noindex=True,
        breadcrumbs=[home_crumb(), (_("Search"), reverse("front:search"))],
    )
    context = {
        "page": page,
        "query": query,
        "shortened": shortened,
        "results": results,
        "more": total > SEARCH_LIMIT,
        "pair": pair,
        "limit": SEARCH_LIMIT,
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
