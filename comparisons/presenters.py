"""Comparisons as the pages show them: titles, rows and links in the page's language, assembled sections,
and the pages' titles, breadcrumbs and structured data."""

from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from codes import selectors as code_selectors
from codes.models import STATUS_CLASSES
from codes.presenters import CodeView
from comparisons.assembly import Sentence, assemble, assembled_title, code_name, sentence_separator
from comparisons.models import Comparison
from foundation.pagination import page_query
from foundation.seo import Page, build_page, tech_article
from foundation.texts import Text, isolate, languages_with, localized

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


def assembled_section(sentences: list[Sentence]) -> AssembledSection:
    lang = translation.get_language()
    rows, previous = [], None
    for sentence in sentences:
        separator = sentence_separator(previous) if previous is not None else ""
        english = lang != "en" and translation.gettext(sentence.msgid) == sentence.msgid
        rows.append((sentence.text, english, separator))
        previous = sentence.text
    return AssembledSection(rows)


def defined_term(request, code: CodeView) -> dict:
    return {
        "@type": "DefinedTerm",
        "name": code.name,
        "termCode": str(code.code.number),
        "url": request.build_absolute_uri(code.url),
    }


def family_for_form(request):
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


# --- A comparison's page ---------------------------------------------------------------------------


@dataclass
class ComparisonTexts:
    """What a comparison page says: the editors' texts of a curated pair, or sentences assembled from the
    facts of both codes."""

    heading: str
    texts: dict
    assembled: dict | None
    translated: list
    summary: str
    modified: object

    @property
    def has_when_to_use(self) -> bool:
        if self.assembled is not None:
            return bool(self.assembled["when_to_use"])
        return bool(self.texts.get("when_to_use"))


def comparison_texts(found) -> ComparisonTexts:
    comparison = found.comparison
    if comparison is not None:
        texts = {name: localized(comparison, name) for name in MAIN_TEXTS}
        return ComparisonTexts(
            heading=comparison_title(comparison),
            texts=texts,
            assembled=None,
            translated=languages_with(comparison, MAIN_TEXTS),
            summary=texts["summary"].plain,
            modified=comparison.updated_at,
        )
    result = assemble(found.first, found.second)
    return ComparisonTexts(
        heading=default_title(found.first, found.second),
        texts={},
        assembled={
            "summary": assembled_section(result.summary),
            "key_differences": assembled_section(result.key_differences),
            "when_to_use": assembled_section(result.when_to_use),
        },
        translated=[],
        summary=" ".join(s.text for s in result.summary),
        modified=max(found.first.updated_at, found.second.updated_at),
    )


def comparison_page(request, found, said: ComparisonTexts, codes) -> Page:
    """Title, breadcrumbs, languages and structured data of a comparison's page."""
    kwargs = {"family": found.first.family.slug, "pair": found.slug}
    url = reverse("comparisons:detail", kwargs=kwargs)
    return build_page(
        request,
        title=said.heading,
        description=said.summary,
        url_name="comparisons:detail",
        kwargs=kwargs,
        translated=said.translated,
        noindex=found.comparison is None,
        og_type="article",
        breadcrumbs=[
            (_("Home"), reverse("front:home")),
            (_("Compare"), reverse("comparisons:index")),
            (said.heading, url),
        ],
        json_ld=[
            tech_article(
                request,
                headline=said.heading,
                description=said.summary,
                url=url,
                modified=said.modified,
                about=[defined_term(request, code) for code in codes],
            )
        ],
    )


def index_page(request, listed) -> Page:
    return build_page(
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


def grouped_by_class(rows) -> list:
    """Pairs within one class under that class; pairs across classes together at the end."""
    groups: dict[int, list[ComparisonRow]] = {}
    for row in rows:
        first, second = row.codes
        same = first.status_class is not None and first.status_class == second.status_class
        groups.setdefault(first.status_class if same else 0, []).append(row)
    return [
        (digit, STATUS_CLASSES.get(digit), groups[digit]) for digit in sorted(groups, key=lambda d: d or 9)
    ]
