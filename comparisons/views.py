from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from codes import selectors as code_selectors
from codes.models import STATUS_CLASSES
from codes.presenters import CodeView, present_code
from foundation.caching import cached_page
from foundation.pagination import list_page, page_query
from foundation.seo import build_page
from foundation.texts import Text, isolate, languages_with, localized

from . import selectors
from .assembly import Sentence, assemble, assembled_title, code_name, sentence_separator
from .diagram import build_diagram
from .forms import CompareForm
from .models import Comparison

# A curated comparison exists in a language when one of these is written in it.
MAIN_TEXTS = ("summary", "key_differences", "when_to_use")


def default_title(first, second) -> str:
    """Comparison.default_title(), with the names kept whole inside right-to-left text."""
    return assembled_title(first, second, name=lambda code: isolate(code_name(code)))


@dataclass
class ComparisonRow:
    """A published comparison in a list: its title and summary in the active language."""

    comparison: Comparison
    title: str
    summary: Text

    @property
    def url(self) -> str:
        return self.comparison.get_absolute_url()

    @property
    def codes(self):
        return self.comparison.code_a, self.comparison.code_b


def comparison_title(comparison: Comparison) -> str:
    """The editor's title in the active language, else "HTTP 202 Accepted vs 520 …"."""
    title = localized(comparison, "title")
    if title and not title.fell_back:
        return title.raw
    return default_title(comparison.code_a, comparison.code_b)


def comparison_rows(comparisons) -> list[ComparisonRow]:
    return [ComparisonRow(c, comparison_title(c), localized(c, "summary")) for c in comparisons]


@dataclass(frozen=True)
class ComparisonLink:
    """A comparison in a list of links: where it is and its title in the active language."""

    url: str
    title: str


def _translated(row: dict, key: str, lang: str) -> str:
    """What modeltranslation's attribute gives for the text ``key`` ("code_a_title") in ``lang``: the
    value in ``lang``, else English, from a row that holds both."""
    value = row.get(build_localized_fieldname(key, lang))
    if value is None or value == "":
        value = row.get(build_localized_fieldname(key, settings.LANGUAGE_CODE))
    return value or ""


def _pair_urls(family: str):
    """A function from a pair slug to its comparison page's address, with one reverse() for them all."""
    marker = "pair-slug"
    head, _marker, tail = reverse("comparisons:detail", kwargs={"family": family, "pair": marker}).rpartition(
        marker
    )
    return lambda pair: f"{head}{pair}{tail}"


def comparison_links(rows: list[dict]) -> list[ComparisonLink]:
    """Rows of ``selectors.involving_as_titles`` as links titled as comparison_title() titles them."""
    lang = translation.get_language()
    title_key = build_localized_fieldname("title", lang)
    urls = {}
    links = []
    for row in rows:
        title = (row.get(title_key) or "").strip()
        if not title:
            first, second = (
                SimpleNamespace(
                    number=row[f"{side}_number"],
                    phrase=row[f"{side}_phrase"],
                    title=_translated(row, f"{side}_title", lang),
                )
                for side in ("code_a", "code_b")
            )
            title = default_title(first, second)
        family = row["family_slug"]
        if family not in urls:
            urls[family] = _pair_urls(family)
        links.append(ComparisonLink(urls[family](row["slug"]), title))
    return links


@dataclass
class AssembledSection:
    """Sentences of an assembled text; those without a translation yet are marked as English."""

    # (text, shown in English, separator before it): no space after a full-width full stop.
    sentences: list[tuple[str, bool, str]]

    def __bool__(self):
        return bool(self.sentences)

    @property
    def has_english(self) -> bool:
        return any(english for _text, english, _separator in self.sentences)


def _section(sentences: list[Sentence]) -> AssembledSection:
    lang = translation.get_language()
    rows, previous = [], None
    for sentence in sentences:
        separator = sentence_separator(previous) if previous is not None else ""
        english = lang != "en" and translation.gettext(sentence.msgid) == sentence.msgid
        rows.append((sentence.text, english, separator))
        previous = sentence.text
    return AssembledSection(rows)


@cached_page
def comparison_detail(request, family, pair):
    found = selectors.get_pair(family=family, pair=pair, texts_in=translation.get_language())
    if not found.is_canonical:
        return HttpResponsePermanentRedirect(
            reverse("comparisons:detail", kwargs={"family": family, "pair": found.slug})
        )
    first, second = present_code(found.first), present_code(found.second)
    comparison = found.comparison
    lang = translation.get_language()
    related = comparison_rows(
        selectors.related_to_pair(first=found.first, second=found.second, texts_in=lang)
    )
    codes = code_selectors.code_choices(family=family)
    form = CompareForm(codes=codes, initial={"a": found.first.slug, "b": found.second.slug})
    family_obj = found.first.family

    heading = default_title(found.first, found.second)
    if comparison is not None:
        heading = comparison_title(comparison)
        texts = {name: localized(comparison, name) for name in MAIN_TEXTS}
        assembled = None
        translated = languages_with(comparison, MAIN_TEXTS)
        summary_text = texts["summary"].plain
        modified = comparison.updated_at
    else:
        result = assemble(found.first, found.second)
        texts = {}
        assembled = {
            "summary": _section(result.summary),
            "key_differences": _section(result.key_differences),
            "when_to_use": _section(result.when_to_use),
        }
        translated = []
        summary_text = " ".join(s.text for s in result.summary)
        modified = max(found.first.updated_at, found.second.updated_at)

    kwargs = {"family": family, "pair": found.slug}
    page = build_page(
        request,
        title=heading,
        description=summary_text,
        url_name="comparisons:detail",
        kwargs=kwargs,
        translated=translated,
        noindex=comparison is None,
        og_type="article",
        breadcrumbs=[
            (_("Home"), reverse("front:home")),
            (_("Compare"), reverse("comparisons:index")),
            (heading, reverse("comparisons:detail", kwargs=kwargs)),
        ],
        json_ld=[
            {
                "@context": "https://schema.org",
                "@type": "TechArticle",
                "headline": heading,
                "description": summary_text,
                "inLanguage": translation.get_language(),
                "dateModified": modified.isoformat(),
                "url": request.build_absolute_uri(reverse("comparisons:detail", kwargs=kwargs)),
                "about": [_defined_term(request, code) for code in (first, second)],
            }
        ],
    )
    context = {
        "page": page,
        "family": family_obj,
        "first": first,
        "second": second,
        "pair_codes": [first, second],
        "comparison": comparison,
        "heading": heading,
        "texts": texts,
        "assembled": assembled,
        "related": related,
        "form": form,
        "diagram": build_diagram(found.first, found.second, rtl=translation.get_language_bidi()),
    }
    return TemplateResponse(request, "comparisons/detail.html", context)


def _defined_term(request, code: CodeView) -> dict:
    return {
        "@type": "DefinedTerm",
        "name": code.name,
        "termCode": str(code.code.number),
        "url": request.build_absolute_uri(code.url),
    }


def _family_for_form(request):
    families = list(code_selectors.list_families())
    if not families:
        raise Http404("No family of codes yet.")
    wanted = request.GET.get("family")
    if wanted:
        for family in families:
            if family.slug == wanted:
                return family, families
        return None, families
    return families[0], families


@cached_page
def comparison_index(request):
    """Curated comparisons, and the form that opens a page for any two codes."""
    family, families = _family_for_form(request)
    codes = code_selectors.code_choices(family=family.slug) if family else []
    asked = "a" in request.GET or "b" in request.GET
    form = CompareForm(request.GET if asked else None, codes=codes)
    if asked and family is not None and form.is_valid():
        return redirect("comparisons:detail", family=family.slug, pair=form.pair)
    if family is None:
        form.refuse(_("There is no such family of codes."))
    listed = list_page(request, selectors.list_published(texts_in=translation.get_language()))
    rows = comparison_rows(listed.object_list)
    page = build_page(
        request,
        title=_("Compare HTTP status codes"),
        description=_(
            "Side-by-side comparisons of HTTP status codes that are easy to confuse: who sends each one, "
            "what it means and which one to use."
        ),
        url_name="comparisons:index",
        query=page_query(listed),
        breadcrumbs=[(_("Home"), reverse("front:home")), (_("Compare"), reverse("comparisons:index"))],
    )
    # Pairs within one class under that class; pairs across classes together at the end.
    groups: dict[int, list[ComparisonRow]] = {}
    for row in rows:
        first, second = row.codes
        same = first.status_class is not None and first.status_class == second.status_class
        groups.setdefault(first.status_class if same else 0, []).append(row)
    context = {
        "page": page,
        "family": family or families[0],
        "form": form,
        "rows": rows,
        "listed": listed,
        "groups": [
            (digit, STATUS_CLASSES.get(digit), groups[digit])
            for digit in sorted(groups, key=lambda d: d or 9)
        ],
    }
    return TemplateResponse(request, "comparisons/index.html", context, status=400 if form.errors else 200)
