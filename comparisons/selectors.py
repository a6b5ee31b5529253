"""Reads of comparisons, shared by the pages and the API."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.http import Http404
from modeltranslation.utils import build_localized_fieldname

from codes.models import Family, StatusCode
from codes.selectors import (
    codes_with_texts_in,
    count_translated,
    languages_written,
    other_languages_texts,
    written_in,
)
from foundation.languages import LANGUAGE_CODES
from foundation.shared import Part, keep, loaded_tags, look_up
from foundation.versions import build_started_at, depends_on

from .models import SLUG_SEPARATOR, Comparison, canonical_order, involving_tag, pair_slug, pair_tag


def listed_fields(language: str) -> list[str]:
    """What a list of comparisons shows: the two codes' numbers and names, each comparison's title and
    summary, in ``language`` and in English (the fallback). Rows hold every text in 12 languages."""
    languages = dict.fromkeys([language, settings.LANGUAGE_CODE])
    code = ["number", "slug", "phrase", *(build_localized_fieldname("title", lang) for lang in languages)]
    texts = [build_localized_fieldname(name, lang) for name in ("title", "summary") for lang in languages]
    return [
        "slug",
        "status",
        "updated_at",
        "family__slug",
        *texts,
        *(f"{side}__{name}" for side in ("code_a", "code_b") for name in code),
    ]


def list_published(
    *, family: str | None = None, code: str | None = None, language: str | None = None
) -> QuerySet[Comparison]:
    """Published comparisons; with ``language``, only what a list shows in that language (listed_fields)."""
    depends_on("comparison:list")
    if language:
        comparisons = (
            Comparison.objects.published()
            .select_related("family", "code_a", "code_b")
            .only(*listed_fields(language))
        )
    else:
        # What the API shows of each code links to it: no vendor.
        comparisons = Comparison.objects.published().select_related(
            "family", "code_a__family", "code_b__family"
        )
    if family:
        comparisons = comparisons.in_family(family)
    if code:
        comparisons = comparisons.filter(Q(code_a__slug=code) | Q(code_b__slug=code))
    return comparisons.in_list_order()


def comparisons_in_one_language(comparisons: QuerySet[Comparison], language: str) -> QuerySet[Comparison]:
    """Comparisons as the API shows them in one language (list_published() rows): their texts in it and
    in English, and of their codes and families only what links to them (the codes' titles in it and in
    English). A row holds every text in 12 languages; the rest is not read."""
    shown = {language, settings.LANGUAGE_CODE}
    code_texts = [
        f"{side}__{build_localized_fieldname(name, lang)}"
        for side in ("code_a", "code_b")
        for name in StatusCode.TEXT_FIELDS
        for lang in LANGUAGE_CODES
        if not (name == "title" and lang in shown)
    ]
    family_texts = [
        f"{prefix}{build_localized_fieldname(name, lang)}"
        for prefix in ("family__", "code_a__family__", "code_b__family__")
        for name in Family.TEXT_FIELDS
        for lang in LANGUAGE_CODES
    ]
    return comparisons.defer(*other_languages_texts(Comparison, language), *code_texts, *family_texts)


def recently_updated(*, limit: int = 6, language: str | None = None) -> QuerySet[Comparison]:
    depends_on("comparison:any")
    return list_published(language=language).order_by("-updated_at")[:limit]


def involving_as_titles(*, code: StatusCode, language: str) -> list[dict]:
    """Published comparisons in which ``code`` appears, as a list of links shows them: the parts of each
    address and of each title (the comparison's and both codes' titles in ``language`` and English, the
    codes' numbers and names); plain rows, no model instances (a code appears in up to a hundred)."""
    titles = [
        build_localized_fieldname("title", lang) for lang in dict.fromkeys([language, settings.LANGUAGE_CODE])
    ]
    depends_on(involving_tag(code.pk))
    rows = list(
        Comparison.objects.published()
        .involving(code)
        .in_list_order()
        .values(
            "pk",
            "slug",
            "code_a_id",
            "code_b_id",
            *titles,
            family_slug=F("family__slug"),
            **{
                f"{side}_{name}": F(f"{side}__{name}")
                for side in ("code_a", "code_b")
                for name in ("number", "phrase", *titles)
            },
        )
    )
    # The rows show each comparison's title and the other code's.
    depends_on(*(f"comparison:{row['pk']}:name" for row in rows))
    depends_on(*(f"statuscode:{row[side]}:name" for row in rows for side in ("code_a_id", "code_b_id")))
    return rows


def involving_as_links(*, code: StatusCode) -> QuerySet[Comparison]:
    """Published comparisons in which ``code`` appears, with what a link to them shows: their slug and
    both codes' numbers and names in every language; none of their texts."""
    titles = [build_localized_fieldname("title", lang) for lang in LANGUAGE_CODES]
    code_fields = ["number", "slug", "phrase", "family__slug", *titles]
    depends_on(involving_tag(code.pk))
    return (
        Comparison.objects.published()
        .involving(code)
        .select_related("family", "code_a__family", "code_b__family")
        .only(
            "slug",
            "family__slug",
            *(f"{side}__{name}" for side in ("code_a", "code_b") for name in code_fields),
        )
        .in_list_order()
    )


def list_place(row: Comparison) -> tuple:
    """Where a comparison stands in every list (ComparisonQuerySet.in_list_order)."""
    return row.code_a.number, row.code_b.number, row.slug


def merged_related(lists: Iterable, *, pair: set[int], limit: int, place=list_place) -> list:
    """The first ``limit`` rows of ``lists`` (each code's first comparisons, in list order), each once and
    the pair itself left out; rows have ``pk``, ``code_a_id`` and ``code_b_id``, ``place`` gives a row's
    place in the list."""
    rows = {row.pk: row for part in lists for row in part}
    kept = (row for row in rows.values() if {row.code_a_id, row.code_b_id} != pair)
    return sorted(kept, key=place)[:limit]


def involving_first(*, code: StatusCode, limit: int, language: str | None = None) -> QuerySet[Comparison]:
    """The first ``limit`` published comparisons in which ``code`` appears, in list order."""
    depends_on(involving_tag(code.pk))
    return list_published(language=language).involving(code)[:limit]


@dataclass(frozen=True)
class Pair:
    """Two codes asked for together, and the curated comparison of them if one is published."""

    first: StatusCode
    second: StatusCode
    comparison: Comparison | None
    slug: str
    requested_slug: str

    @property
    def curated(self) -> bool:
        return self.comparison is not None

    @property
    def is_canonical(self) -> bool:
        return self.slug == self.requested_slug


def parse_pair_slug(pair: str) -> tuple[str, str]:
    """Split "202-vs-520" into its two code slugs; Http404 for anything else."""
    first, separator, second = pair.partition(SLUG_SEPARATOR)
    if not separator or not first or not second or SLUG_SEPARATOR in second:
        raise Http404(f"{pair!r} is not of the form <code>-vs-<code>.")
    if first == second:
        raise Http404("A code cannot be compared with itself.")
    return first, second


def pair_codes(*, family: str, slugs: tuple[str, str], language: str | None) -> dict[str, StatusCode]:
    """The codes of ``slugs`` that exist, by slug. In one language, each is a part shared by every page
    that shows it (foundation.shared); those not kept yet are read in one query."""
    if not language:
        return {
            code.slug: code for code in codes_with_texts_in(None).filter(family__slug=family, slug__in=slugs)
        }
    names = {slug: f"code:{family}:{slug}:{language}" for slug in slugs}
    kept = look_up(names.values())
    codes = {slug: kept[names[slug]] for slug in slugs if names[slug] in kept}
    missing = [slug for slug in slugs if slug not in codes]
    if missing:
        built_at = build_started_at()
        read = {
            code.slug: code
            for code in codes_with_texts_in(language).filter(family__slug=family, slug__in=missing)
        }
        keep({names[slug]: Part(code, built_at, loaded_tags(code)) for slug, code in read.items()})
        codes.update(read)
    return codes


def get_pair(*, family: str, pair: str, language: str | None = None) -> Pair:
    """Resolve a "<a>-vs-<b>" slug in either order; drafts never count as curated.

    With ``language``, the codes carry only that language's texts and English (a page's needs).
    """
    first_slug, second_slug = parse_pair_slug(pair)
    codes = pair_codes(family=family, slugs=(first_slug, second_slug), language=language)
    if len(codes) != 2:
        missing = [slug for slug in (first_slug, second_slug) if slug not in codes]
        raise Http404(f"No code {', '.join(missing)} in {family!r}.")
    first, second = canonical_order(codes[first_slug], codes[second_slug])
    depends_on(pair_tag(first.pk, second.pk))
    comparisons = Comparison.objects.published().filter(code_a=first, code_b=second)
    if language:
        # Every language's main texts stay: the page links the languages the comparison is written in.
        comparisons = comparisons.select_related("family").defer(
            *other_languages_texts(Comparison, language, fields=["title"]),
            *other_languages_texts(Family, language, prefix="family__"),
        )
    else:
        comparisons = comparisons.select_related("family", "updated_by")
    comparison = comparisons.first()
    if comparison is not None:
        # Reuse the codes already fetched instead of joining them again.
        comparison.code_a, comparison.code_b = first, second
    return Pair(
        first=first, second=second, comparison=comparison, slug=pair_slug(first, second), requested_slug=pair
    )


def published_for_sitemap(*, main_texts) -> list[dict]:
    """Published comparisons as the sitemap lists them: family, pair slug, last change and the languages
    in which one of their ``main_texts`` is written; no text is read."""
    depends_on("comparison:any")
    rows = (
        Comparison.objects.published()
        .in_list_order()
        .values("slug", "updated_at", family_slug=F("family__slug"), **written_in(main_texts))
    )
    return [{**row, "languages": languages_written(row)} for row in rows]


def in_class(*, family: str, status_class: int, language: str | None = None) -> QuerySet[Comparison]:
    """Published comparisons in which at least one code belongs to the class (5 for 5xx)."""
    low, high = status_class * 100, (status_class + 1) * 100
    return list_published(family=family, language=language).filter(
        Q(code_a__number__gte=low, code_a__number__lt=high)
        | Q(code_b__number__gte=low, code_b__number__lt=high)
    )


def translation_counts() -> dict[str, tuple[int, int]]:
    """Per language: (texts translated, texts in English) over the published comparisons."""
    return count_translated(Comparison.objects.published(), Comparison.TEXT_FIELDS)
