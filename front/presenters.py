"""The front pages as they are shown: titles, breadcrumbs and structured data, the recently updated list,
and what a search finds."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from codes import selectors
from codes.presenters import home_crumb, present_code
from comparisons import selectors as comparison_selectors
from comparisons.presenters import comparison_rows
from foundation.pagination import page_query
from foundation.seo import SITE_NAME, Page, build_page
from search.service import Answer


def home_page(request) -> Page:
    return build_page(
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


def recently_updated(lang: str) -> list:
    """The latest changed codes and comparisons, newest first: (when, kind, item)."""
    return sorted(
        [
            *(
                (code.updated_at, "code", present_code(code))
                for code in selectors.recently_updated_codes(language=lang)
            ),
            *(
                (row.comparison.updated_at, "comparison", row)
                for row in comparison_rows(comparison_selectors.recently_updated(language=lang))
            ),
        ],
        key=lambda item: item[0],
        reverse=True,
    )[:6]


def class_page(request, family: str, name: str, group, listed) -> tuple[str, Page]:
    """The title and the page of a class: its codes and the comparisons among them."""
    digit = group.digit
    title = _("%(family)s %(class)s status codes: %(name)s") % {
        "family": name,
        "class": group.label,
        "name": group.name,
    }
    url = reverse("front:class", kwargs={"family": family, "digit": digit})
    return title, build_page(
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


def search_page(request, query: str) -> Page:
    title = _("Search results for “%(query)s”") % {"query": query} if query else _("Search")
    return build_page(
        request,
        title=title,
        description=_("Find an HTTP status code by number, name or words from its description."),
        url_name="front:search",
        translated=[],
        noindex=True,
        breadcrumbs=[home_crumb(), (_("Search"), reverse("front:search"))],
    )


def search_results(answer: Answer) -> str:
    """The list of an answer's results, rendered once: the worker keeps the answers it gave lately
    (``search.service.find``), so a query asked again in the same language is not listed again."""
    if answer.listed is None:
        answer.listed = render_to_string("search/_results.html", {"answer": answer})
    return answer.listed
