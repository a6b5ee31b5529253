"""Reads of codes, shared by the pages and the API. Each function owns its joins."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Abs, Length, Trim
from django.db.models.lookups import GreaterThan
from django.http import Http404
from django.urls import reverse
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from foundation.languages import LANGUAGE_CODES, language_codes
from foundation.shared import shared
from foundation.versions import depends_on

from .frameworks import Framework, FrameworkConstant
from .models import Family, StatusCode, Vendor, status_class_of
from .timeline import HistoryEvent

MAX_QUERY_LENGTH = 200
_NUMBER_RE = re.compile(r"^\d{1,3}$")


def list_families() -> QuerySet[Family]:
    return Family.objects.all()


def list_vendors() -> QuerySet[Vendor]:
    """Every vendor, by name, with the number of its codes (``code_count``)."""
    return Vendor.objects.annotate(code_count=Count("codes")).order_by("name", "slug")


def get_family(*, slug: str) -> Family:
    try:
        return Family.objects.get(slug=slug)
    except Family.DoesNotExist:
        raise Http404(f"No family {slug!r}.") from None


def list_codes(
    *,
    family: str | None = None,
    status_class: int | None = None,
    official: bool | None = None,
    vendor: str | None = None,
    registry_status: str | None = None,
    language: str | None = None,
) -> QuerySet[StatusCode]:
    """Codes in order, filtered; with ``language``, reading only that language's texts and English."""
    depends_on("statuscode:list")
    codes = StatusCode.objects.select_related("family", "vendor")
    if family:
        codes = codes.in_family(family)
    if status_class is not None:
        codes = codes.in_class(status_class)
    if official is True:
        codes = codes.official()
    elif official is False:
        codes = codes.unofficial()
    if vendor:
        codes = codes.filter(vendor__slug=vendor)
    if registry_status:
        codes = codes.filter(registry_status=registry_status)
    codes = codes.order_by("number", "slug")
    return codes_in_one_language(codes, language) if language else codes


@dataclass(frozen=True, slots=True)
class CodeChoice:
    """A code as a list to pick from shows it (the compare form, previous and next links): no texts."""

    pk: int
    family_slug: str
    number: int
    slug: str
    phrase: str
    vendor_name: str | None

    def __str__(self):
        return f"{self.number} {self.phrase}"

    def get_absolute_url(self) -> str:
        return reverse("codes:detail", kwargs={"family": self.family_slug, "slug": self.slug})

    @property
    def status_class(self) -> int | None:
        return status_class_of(self.number)


def code_choices(*, family: str) -> list[CodeChoice]:
    """A family's codes, in order, as plain rows.

    A code's row holds every text in 12 languages, and a model instance of it costs more to build than
    a page that lists all codes can afford; these rows carry only what such a list shows.
    """
    return shared(code_choices_part(family))[code_choices_name(family)]


def code_choices_name(family: str) -> str:
    return f"code-choices:{family}"


def code_choices_part(family: str) -> dict:
    """code_choices() as a shared part (foundation.shared), for a page that looks up its parts at once."""
    return {code_choices_name(family): lambda: _code_choices(family)}


def _code_choices(family: str) -> list[CodeChoice]:
    # Rows record no dependency of their own: any change to what they show stamps the list.
    rows = list_codes(family=family).values_list(
        "pk", "family__slug", "number", "slug", "phrase", "vendor__name"
    )
    return [CodeChoice(*row) for row in rows]


def other_languages_texts(model, language: str, *, prefix: str = "", fields=None) -> list[str]:
    """The localized columns of ``model`` (of ``fields``, else of every translated field) in languages
    other than ``language`` and English.

    A page in one language shows its texts in that language or, where they are missing, in English;
    deferring the rest keeps a code's row (every text in 12 languages) from being read whole.
    """
    shown = {language, settings.LANGUAGE_CODE}
    return [
        f"{prefix}{build_localized_fieldname(name, lang)}"
        for name in fields or translator.get_options_for_model(model).fields
        for lang in LANGUAGE_CODES
        if lang not in shown
    ]


def codes_in_one_language(codes: QuerySet[StatusCode], language: str) -> QuerySet[StatusCode]:
    """``codes`` (with their family) reading only ``language``'s texts and English."""
    return codes.defer(
        *other_languages_texts(StatusCode, language),
        *other_languages_texts(Family, language, prefix="family__"),
    )


def codes_with_texts_in(language: str | None) -> QuerySet[StatusCode]:
    """Codes with their family and vendor; with ``language``, only that language's texts and English."""
    codes = StatusCode.objects.select_related("family", "vendor")
    return codes_in_one_language(codes, language) if language else codes


def get_code(*, family: str, slug: str) -> StatusCode:
    try:
        return StatusCode.objects.select_related("family", "vendor").get(family__slug=family, slug=slug)
    except StatusCode.DoesNotExist:
        raise Http404(f"No code {slug!r} in {family!r}.") from None


def other_meanings(*, code: StatusCode) -> QuerySet[StatusCode]:
    """Other entries of the same number in the same family (451 IANA and 451 IIS)."""
    depends_on("statuscode:list")
    return (
        StatusCode.objects.select_related("family", "vendor")
        .filter(family_id=code.family_id, number=code.number)
        .exclude(pk=code.pk)
        .order_by("slug")
    )


def search_codes(*, query: str, language: str, family: str | None = None) -> QuerySet[StatusCode]:
    """Codes by number, reason phrase, former name, or words of the texts in ``language``.

    Exact number matches come first, then phrase matches, then text matches. Every word of the
    query must match somewhere.
    """
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    codes = list_codes(family=family)
    if not query:
        return codes.none()
    text_fields = [build_localized_fieldname(field, language) for field in StatusCode.TEXT_FIELDS]
    if language != "en":
        text_fields += [build_localized_fieldname(field, "en") for field in ("title", "summary")]
    for word in query.split(" ")[:10]:
        condition = Q(slug__icontains=word) | Q(phrase__icontains=word) | Q(former_names__icontains=word)
        for field in text_fields:
            condition |= Q(**{f"{field}__icontains": word})
        codes = codes.filter(condition)
    rank = [When(phrase__iexact=query, then=Value(1)), When(phrase__icontains=query, then=Value(2))]
    if _NUMBER_RE.match(query):
        rank.insert(0, When(number=int(query), then=Value(0)))
    return codes.annotate(rank=Case(*rank, default=Value(3), output_field=IntegerField())).order_by(
        "rank", "number", "slug"
    )


def recently_updated_codes(*, limit: int = 6, language: str | None = None) -> QuerySet[StatusCode]:
    depends_on("statuscode:any")
    return list_codes(language=language).order_by("-updated_at", "number")[:limit]


def codes_named_in(*, words: list[str], limit: int = 6) -> QuerySet[StatusCode]:
    """Codes whose slug or number is one of ``words`` (from a mistyped URL), for "did you mean"."""
    slugs = [word for word in words if word][:20]
    numbers = [int(word) for word in slugs if _NUMBER_RE.match(word)]
    if not slugs:
        return StatusCode.objects.none()
    return list_codes().filter(Q(slug__in=slugs) | Q(number__in=numbers))[:limit]


def find_codes(*, language: str, search: str = "", **filters) -> QuerySet[StatusCode]:
    """list_codes() with its filters, narrowed to search_codes() matches (in their order) when searching."""
    codes = list_codes(**filters)
    if not search.strip():
        return codes
    return search_codes(query=search, language=language, family=filters.get("family")).filter(
        pk__in=codes.values("pk")
    )


def written_in(fields) -> dict[str, ExpressionWrapper]:
    """Annotations ``written_<n>``, one per language in settings.LANGUAGES order: does a record have
    at least one of ``fields`` in that language? (English always counts: it is the source.)"""
    annotations = {}
    for n, (lang, _name) in enumerate(settings.LANGUAGES):
        condition = Q(pk__isnull=False)
        if lang != settings.LANGUAGE_CODE:
            condition = Q()
            for field in fields:
                condition |= Q(GreaterThan(Length(Trim(build_localized_fieldname(field, lang))), 0))
        annotations[f"written_{n}"] = ExpressionWrapper(condition, output_field=BooleanField())
    return annotations


def languages_written(row: dict) -> list[str]:
    """The languages a row annotated with written_in() is written in."""
    return [lang for n, (lang, _name) in enumerate(settings.LANGUAGES) if row[f"written_{n}"]]


def codes_for_sitemap(*, main_texts) -> list[dict]:
    """Every code as the sitemap lists it: family, slug, last change and the languages in which one of
    its ``main_texts`` is written; no text is read."""
    depends_on("statuscode:any")
    rows = list_codes().values("slug", "updated_at", family_slug=F("family__slug"), **written_in(main_texts))
    return [{**row, "languages": languages_written(row)} for row in rows]


def count_translated(queryset: QuerySet, fields) -> dict[str, tuple[int, int]]:
    """Per language: how many of the texts English has (in ``fields`` of ``queryset``) it has too.

    One query whatever the number of records: ``{"id": (translated, total), ...}``.
    """

    def filled(field: str, lang: str):
        return GreaterThan(Length(Trim(build_localized_fieldname(field, lang))), 0)

    languages = language_codes()
    aggregates = {}
    for i, field in enumerate(fields):
        aggregates[f"source_{i}"] = Count("pk", filter=Q(filled(field, "en")))
        for j, lang in enumerate(languages):
            aggregates[f"lang_{j}_{i}"] = Count("pk", filter=Q(filled(field, "en")) & Q(filled(field, lang)))
    counts = queryset.aggregate(**aggregates)
    total = sum(counts[f"source_{i}"] for i in range(len(fields)))
    return {
        lang: (sum(counts[f"lang_{j}_{i}"] for i in range(len(fields))), total)
        for j, lang in enumerate(languages)
    }


def code_translation_counts() -> dict[str, tuple[int, int]]:
    return count_translated(StatusCode.objects.all(), StatusCode.TEXT_FIELDS)


@dataclass(frozen=True)
class FrameworkNames:
    """A framework and the names it gave one code (none: the framework has no constant for it)."""

    framework: Framework
    constants: list[FrameworkConstant]


@dataclass(frozen=True)
class CodeReferences:
    """What a code is called in frameworks, and its history, as the page and the API show them."""

    frameworks: list[FrameworkNames]
    history: list[HistoryEvent]

    @property
    def has_constants(self) -> bool:
        return any(entry.constants for entry in self.frameworks)


def code_references(*, code: StatusCode) -> CodeReferences:
    """Every framework with the names it gives ``code``, and ``code``'s history in order: three queries."""
    frameworks = list(Framework.objects.all())
    by_framework: dict[int, list[FrameworkConstant]] = {framework.pk: [] for framework in frameworks}
    for constant in FrameworkConstant.objects.filter(code=code).order_by("since_index", "name"):
        constant.code = code
        by_framework[constant.framework_id].append(constant)
    for framework in frameworks:
        for constant in by_framework[framework.pk]:
            constant.framework = framework
    return CodeReferences(
        frameworks=[FrameworkNames(framework, by_framework[framework.pk]) for framework in frameworks],
        history=list(HistoryEvent.objects.filter(code=code).order_by("date", "position")),
    )


def nearest_codes(*, family: str, number: int, limit: int = 5) -> list[StatusCode]:
    """The registered codes of ``number``'s class closest to it, the class's x00 first, then by distance;
    a vendor's code of that very number too."""
    low = number // 100 * 100
    codes = (
        StatusCode.objects.select_related("family", "vendor")
        .filter(family__slug=family, number__gte=low, number__lt=low + 100)
        .filter(~Q(registry_status=StatusCode.Registry.UNOFFICIAL) | Q(number=number))
        .annotate(distance=Abs(F("number") - number))
        .order_by(Case(When(number=low, then=Value(0)), default=Value(1)), "distance", "number", "slug")
    )
    return list(codes[:limit])
