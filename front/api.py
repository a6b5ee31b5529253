"""The API's entry points: the root and the list of languages with how far each is translated."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from codes.selectors import (
    code_translation_counts,
)
from comparisons.selectors import translation_counts as comparison_translation_counts
from foundation.api.base import ContentAPIMixin, cached_answer, envelope
from foundation.api.negotiation import ALL
from foundation.languages import language_codes


class RootSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=[*language_codes(), ALL])
    languages = serializers.URLField()
    families = serializers.URLField()
    codes = serializers.URLField()
    comparisons = serializers.URLField()
    export = serializers.URLField()
    schema = serializers.URLField()
    docs = serializers.URLField()


class ApiRootView(ContentAPIMixin, APIView):
    """Links to every endpoint of this version."""

    @extend_schema(responses=RootSerializer, operation_id="root")
    @cached_answer
    def get(self, request, *args, **kwargs):
        links = {
            name: reverse(viewname, request=request)
            for name, viewname in [
                ("languages", "language-list"),
                ("families", "family-list"),
                ("codes", "code-list"),
                ("comparisons", "comparison-list"),
                ("export", "export"),
            ]
        }
        return Response(
            {
                "language": self.language,
                **links,
                "schema": request.build_absolute_uri(reverse("schema")),
                "docs": request.build_absolute_uri(reverse("docs")),
            }
        )


class ShareSerializer(serializers.Serializer):
    translated = serializers.IntegerField(help_text="Texts in this language.")
    total = serializers.IntegerField(help_text="Texts in English, the source.")
    share = serializers.FloatField(allow_null=True, help_text="translated / total; null when total is 0.")


class CompletenessSerializer(serializers.Serializer):
    codes = ShareSerializer()
    comparisons = ShareSerializer(help_text="Published curated comparisons only.")


class LanguageSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The value for `lang`, e.g. `pt-br`.")
    name = serializers.CharField(help_text="The name in English.")
    name_local = serializers.CharField(help_text="The name in the language itself.")
    bidi = serializers.BooleanField(help_text="Written right to left.")
    completeness = CompletenessSerializer()


def share(translated: int, total: int) -> dict:
    return {
        "translated": translated,
        "total": total,
        "share": round(translated / total, 4) if total else None,
    }


class LanguageListView(ContentAPIMixin, APIView):
    """The languages of the content, and how much of it each one has."""

    @extend_schema(responses=envelope("LanguageList", LanguageSerializer), operation_id="languages_list")
    @cached_answer
    def get(self, request, *args, **kwargs):
        codes, comparisons = code_translation_counts(), comparison_translation_counts()
        results = [
            {
                "code": code,
                "name": translation.get_language_info(code)["name"],
                "name_local": translation.get_language_info(code)["name_local"],
                "bidi": code in settings.LANGUAGES_BIDI,
                "completeness": {"codes": share(*codes[code]), "comparisons": share(*comparisons[code])},
            }
            for code in language_codes()
        ]
        return Response({"language": self.language, "count": len(results), "results": results})
