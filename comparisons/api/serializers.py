from django.utils import translation
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

from codes.api.filters import CODE_SLUG_LENGTH, FAMILY_SLUG_LENGTH
from codes.api.serializers import CodeSummarySerializer, CodeWithReferencesSerializer
from comparisons.assembly import assemble, assembled_title
from comparisons.models import Comparison
from comparisons.selectors import Pair
from foundation.api.fields import (
    EXTENDS,
    ON_REQUEST,
    TEXT_SCHEMA,
    LanguageField,
    TranslatedText,
    api_url,
    component_ref,
    fallback_report,
    fallback_schema,
    own_text,
    page_url,
)
from foundation.api.negotiation import ALL, DEFAULT
from foundation.languages import language_codes

# The title is optional: without an editor's title in a language, the default title in that language.
MAIN_TEXTS = ("summary", "key_differences", "when_to_use")


class ComparisonLinksMixin(serializers.Serializer):
    url = serializers.SerializerMethodField(help_text="This comparison in the API.")
    html_url = serializers.SerializerMethodField(help_text="Its page in the response's language.")

    def get_url(self, comparison) -> str:
        return api_url(self.context, "comparison-detail", family=comparison.family.slug, pair=comparison.slug)

    def get_html_url(self, comparison) -> str:
        return page_url(
            self.context["request"],
            "comparisons:detail",
            self.context["language"],
            family=comparison.family.slug,
            pair=comparison.slug,
        )


class PairCodesSerializer(serializers.ListSerializer):
    """A comparison's two codes, in short: ``codes = PairCodesSerializer(child=CodeSummarySerializer(),
    source="*")``. One child serializer serves every comparison of a list (a serializer built per row
    costs more than the row)."""

    def get_attribute(self, instance):
        return [instance.code_a, instance.code_b]


def pair_codes():
    return PairCodesSerializer(
        child=CodeSummarySerializer(), source="*", read_only=True, help_text="The two codes, lower first."
    )


class RelatedComparisonSerializer(ComparisonLinksMixin, serializers.ModelSerializer):
    """A published comparison in which a code appears."""

    codes = pair_codes()

    class Meta:
        model = Comparison
        fields = ["url", "html_url", "slug", "codes"]


class RelatedSerializer(serializers.Serializer):
    other_meanings = CodeSummarySerializer(
        many=True, help_text="Other codes of the same number in the family (451 and 451-iis)."
    )
    comparisons = RelatedComparisonSerializer(many=True, help_text="Curated comparisons with this code.")


@extend_schema_serializer(extensions={EXTENDS: "Code"})
class CodeDetailSerializer(CodeWithReferencesSerializer):
    """A code in full: a ``Code`` with its texts as HTML, what libraries call it, its history, and links to
    its other meanings and its curated comparisons."""

    # The links come from the view, in context["related"].

    related = serializers.SerializerMethodField()

    class Meta(CodeWithReferencesSerializer.Meta):
        fields = [*CodeWithReferencesSerializer.Meta.fields, "related"]

    @extend_schema_field(RelatedSerializer)
    def get_related(self, code):
        return RelatedSerializer(self.context["related"], context=self.context).data


class AssembledComparison:
    """A pair no editor has written about, with texts assembled from the two codes' facts.

    Quacks like a Comparison for the serializer: the texts sit in per-language attributes.
    """

    curated = False
    created_at = None
    published_at = None

    def __init__(self, pair: Pair, languages: list[str]):
        self.family = pair.first.family
        self.slug = pair.slug
        self.code_a, self.code_b = pair.first, pair.second
        self.updated_at = max(pair.first.updated_at, pair.second.updated_at)
        self.untranslated: dict[str, list[str]] = {}
        for lang in languages:
            with translation.override(lang):
                result = assemble(pair.first, pair.second)
                for field, value in result.as_markdown().items():
                    if field in MAIN_TEXTS:
                        setattr(self, build_localized_fieldname(field, lang), value)
                # A sentence without a translation yet is given in English.
                self.untranslated[lang] = [
                    field
                    for field in MAIN_TEXTS
                    if lang != DEFAULT
                    and any(gettext(sentence.msgid) == sentence.msgid for sentence in getattr(result, field))
                ]

    def fallback(self, lang: str):
        if lang == ALL:
            return self.untranslated
        return self.untranslated[lang]


@extend_schema_field(TEXT_SCHEMA)
class ComparisonTitle(serializers.Field):
    """The editor's title in the language, else "HTTP 202 Accepted vs 520 …" in that language."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def title_in(self, comparison, lang: str) -> str:
        with translation.override(lang):
            title = own_text(comparison, "title", lang)
            return title or assembled_title(comparison.code_a, comparison.code_b)

    def to_representation(self, comparison):
        lang = self.context["language"]
        if lang == ALL:
            return {code: self.title_in(comparison, code) for code in language_codes()}
        return self.title_in(comparison, lang)


class ComparisonTextsSerializer(serializers.Serializer):
    title = ComparisonTitle()
    summary = TranslatedText("summary")
    key_differences = TranslatedText("key_differences")
    when_to_use = TranslatedText("when_to_use")


class ComparisonHtmlSerializer(serializers.Serializer):
    summary = TranslatedText("summary", html=True)
    key_differences = TranslatedText("key_differences", html=True)
    when_to_use = TranslatedText("when_to_use", html=True)


@extend_schema_serializer(component_name="ComparisonDetail", extensions={EXTENDS: "Comparison"})
class ComparisonSerializer(ComparisonLinksMixin, serializers.ModelSerializer):
    """A comparison in full: a ``Comparison`` with its texts as HTML. Curated, or assembled from the two
    codes (``curated`` says which)."""

    family = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    slug = serializers.CharField(help_text="`<a>-vs-<b>`, the lower number first.")
    curated = serializers.SerializerMethodField(
        help_text="true: written by an editor; false: assembled from the facts of both codes."
    )
    codes = pair_codes()
    language = LanguageField()
    fallback_fields = serializers.SerializerMethodField()
    texts = ComparisonTextsSerializer(source="*", read_only=True, help_text="Markdown, except the title.")
    html = ComparisonHtmlSerializer(
        source="*", read_only=True, help_text="The Markdown texts as sanitised HTML."
    )
    created_at = serializers.DateTimeField(allow_null=True, read_only=True, help_text="null when assembled.")
    updated_at = serializers.DateTimeField(
        read_only=True, help_text="When assembled: the later update of the two codes."
    )
    published_at = serializers.DateTimeField(
        allow_null=True, read_only=True, help_text="null when assembled."
    )

    class Meta:
        model = Comparison
        fields = [
            "url",
            "html_url",
            "family",
            "slug",
            "curated",
            "codes",
            "language",
            "fallback_fields",
            "texts",
            "html",
            "created_at",
            "updated_at",
            "published_at",
        ]

    def get_curated(self, comparison) -> bool:
        return not isinstance(comparison, AssembledComparison)

    @extend_schema_field(fallback_schema(MAIN_TEXTS))
    def get_fallback_fields(self, comparison):
        if isinstance(comparison, AssembledComparison):
            return comparison.fallback(self.context["language"])
        return fallback_report(comparison, MAIN_TEXTS, self.context["language"])


@extend_schema_field(
    {
        **component_ref("ComparisonHtml"),
        ON_REQUEST: True,
        "description": "Only with `?html=true`: the texts as HTML.",
    }
)
class ComparisonHtmlOnRequest(ComparisonHtmlSerializer):
    pass


@extend_schema_serializer(component_name="Comparison", extensions={EXTENDS: None})
class ComparisonListItemSerializer(ComparisonSerializer):
    """A comparison, as lists and the export give it: ``html`` only with ``?html=true``. Curated, or
    assembled from the two codes (``curated`` says which)."""

    html = ComparisonHtmlOnRequest(source="*", read_only=True)

    def get_fields(self):
        fields = super().get_fields()
        if self.context.get("html") is False:
            del fields["html"]
        return fields


class ComparisonQuerySerializer(serializers.Serializer):
    family = serializers.SlugField(
        required=False, max_length=FAMILY_SLUG_LENGTH, help_text="A family slug, e.g. `http`."
    )
    code = serializers.SlugField(
        required=False,
        max_length=CODE_SLUG_LENGTH,
        help_text="Comparisons with this code slug, e.g. `520`.",
    )
