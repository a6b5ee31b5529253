"""The API's entry points: the root and the list of languages with how far each is translated."""

from django.conf import settings
from django.http import Http404
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
from foundation.api.errors import PROBLEMS
from foundation.api.fields import LanguageField, api_url
from foundation.languages import language_codes


class RootSerializer(serializers.Serializer):
    language = LanguageField()
    languages = serializers.URLField()
    families = serializers.URLField()
    codes = serializers.URLField()
    comparisons = serializers.URLField()
    vendors = serializers.URLField()
    problems = serializers.URLField(help_text="The kinds of errors, each the `type` of a problem.")
    export = serializers.URLField()
    schema = serializers.URLField()
    docs = serializers.URLField()


class ApiRootView(ContentAPIMixin, APIView):
    """Links to every endpoint of this version."""

    @extend_schema(summary="Entry point", responses=RootSerializer, operation_id="root")
    @cached_answer
    def get(self, request, *args, **kwargs):
        context = self.get_serializer_context()
        links = {
            name: api_url(context, viewname)
            for name, viewname in [
                ("languages", "language-list"),
                ("families", "family-list"),
                ("codes", "code-list"),
                ("comparisons", "comparison-list"),
                ("vendors", "vendor-list"),
                ("problems", "problem-list"),
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

    @extend_schema(
        summary="List languages",
        responses=envelope("LanguageList", LanguageSerializer),
        operation_id="languages_list",
    )
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


class ProblemTypeSerializer(serializers.Serializer):
    type = serializers.URLField(help_text="The URI errors of this kind carry as `type`: this address.")
    slug = serializers.CharField()
    status = serializers.IntegerField(help_text="The HTTP status it comes with.")
    code = serializers.CharField(help_text="The `code` member errors of this kind carry.")
    title = serializers.CharField(
        help_text="The `title` errors of this kind carry, in the response's language."
    )
    description = serializers.CharField(help_text="What it means and what to do, in the response's language.")


def problem_type_data(request, problem) -> dict:
    return {
        "type": reverse("problem-detail", kwargs={"problem": problem.slug}, request=request),
        "slug": problem.slug,
        "status": problem.status,
        "code": problem.code,
        "title": str(problem.title),
        "description": str(problem.description),
    }


class ProblemTypeListView(ContentAPIMixin, APIView):
    """The kinds of errors the API answers with (RFC 9457 problem types)."""

    @extend_schema(
        summary="List problem types",
        responses=envelope("ProblemTypeList", ProblemTypeSerializer),
        operation_id="problems_list",
    )
    @cached_answer
    def get(self, request, *args, **kwargs):
        results = [problem_type_data(request, problem) for problem in PROBLEMS.values()]
        return Response({"language": self.language, "count": len(results), "results": results})


class ProblemTypeView(ContentAPIMixin, APIView):
    """One kind of error: the document its ``type`` URI names."""

    @extend_schema(
        summary="Explain a problem type", responses=ProblemTypeSerializer, operation_id="problems_retrieve"
    )
    @cached_answer
    def get(self, request, *args, problem, **kwargs):
        if problem not in PROBLEMS:
            raise Http404(problem)
        return Response(problem_type_data(request, PROBLEMS[problem]))
