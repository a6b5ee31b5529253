"""Read-only JSON API over comparisons, and the whole data set in one document."""

from django.http import HttpResponsePermanentRedirect
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from codes.api import views as codes_api
from codes.api.serializers import CodeListItemSerializer, FamilySerializer
from codes.api.views import FAMILY_PATH
from codes.selectors import list_codes, list_families, other_meanings
from comparisons.api.serializers import CodeDetailSerializer
from comparisons.selectors import comparisons_in_one_language, get_pair, involving_as_links, list_published
from foundation.api.base import (
    ContentAPIMixin,
    HtmlQuerySerializer,
    MovedSerializer,
    PageQuerySerializer,
    Pagination,
    QueryParameters,
    cached_answer,
)
from foundation.api.fields import LanguageField
from foundation.api.negotiation import ALL
from foundation.languages import language_codes
from foundation.versions import content_changed_at

from .serializers import (
    AssembledComparison,
    ComparisonListItemSerializer,
    ComparisonQuerySerializer,
    ComparisonSerializer,
)

LICENSE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "HTTP Status Atlas",
    "scope": (
        "The texts (descriptions, summaries, comparisons and their translations). Facts such as status "
        "numbers, IANA reason phrases and RFC references are not subject to copyright."
    ),
}


class ComparisonViewSet(ContentAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Curated comparisons; the detail also answers for any other pair, assembled from both codes."""

    serializer_class = ComparisonSerializer
    pagination_class = Pagination
    filter_backends = [QueryParameters]
    query_serializer_class = ComparisonQuerySerializer

    def get_queryset(self):
        return list_published()

    def select(self, **query):
        comparisons = list_published(**query)
        return (
            comparisons if self.language == ALL else comparisons_in_one_language(comparisons, self.language)
        )

    def get_object(self):
        return get_pair(family=self.kwargs["family"], pair=self.kwargs["pair"])

    def get_serializer_class(self):
        return ComparisonListItemSerializer if self.action == "list" else super().get_serializer_class()

    @extend_schema(
        summary="List curated comparisons",
        parameters=[ComparisonQuerySerializer, PageQuerySerializer],
        responses=ComparisonListItemSerializer(many=True),
    )
    @cached_answer
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="Compare two codes",
        parameters=[
            FAMILY_PATH,
            OpenApiParameter(
                "pair",
                str,
                OpenApiParameter.PATH,
                description="Two code slugs joined by `-vs-`, e.g. `202-vs-520`, lower number first.",
            ),
        ],
        responses={
            200: ComparisonSerializer,
            301: OpenApiResponse(
                MovedSerializer,
                description="The two codes in the other order: `Location` has the canonical URL.",
            ),
        },
    )
    @cached_answer
    def retrieve(self, request, *args, **kwargs):
        pair = self.get_object()
        if not pair.is_canonical:
            location = reverse(
                "comparison-detail", kwargs={"family": kwargs["family"], "pair": pair.slug}, request=request
            )
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{location}?{query}" if query else location)
        comparison = pair.comparison or AssembledComparison(
            pair, language_codes() if self.language == ALL else [self.language]
        )
        return Response(self.get_serializer(comparison).data)


class LicenseSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()
    attribution = serializers.CharField(help_text="The credit to give.")
    scope = serializers.CharField(help_text="What the licence covers.")


@extend_schema_serializer(many=False)
class ExportSerializer(serializers.Serializer):
    language = LanguageField()
    license = LicenseSerializer()
    updated_at = serializers.DateTimeField(help_text="When the content last changed.")
    families = FamilySerializer(many=True)
    codes = CodeListItemSerializer(many=True)
    comparisons = ComparisonListItemSerializer(many=True, help_text="Published curated comparisons.")


class ExportView(ContentAPIMixin, APIView):
    """Every published code and comparison with its texts, in one document for offline use."""

    query_parameter_classes = (HtmlQuerySerializer,)

    @extend_schema(
        summary="Export everything",
        parameters=[HtmlQuerySerializer],
        responses=ExportSerializer,
        operation_id="export",
    )
    @cached_answer
    def get(self, request, *args, **kwargs):
        context = self.get_serializer_context()
        return Response(
            {
                "language": self.language,
                "license": LICENSE,
                "updated_at": serializers.DateTimeField().to_representation(content_changed_at()),
                "families": FamilySerializer(list_families(), many=True, context=context).data,
                "codes": CodeListItemSerializer(list_codes(), many=True, context=context).data,
                "comparisons": ComparisonListItemSerializer(
                    list_published(), many=True, context=context
                ).data,
            }
        )


# The codes' endpoints as the API serves them: one code also links its other meanings and its curated
# comparisons, which only this side knows.
class CodeViewSet(codes_api.CodeViewSet):
    """Status codes with their facts and texts."""

    def get_object(self):
        code = super().get_object()
        self.related = {
            "other_meanings": other_meanings(code=code),
            "comparisons": involving_as_links(code=code),
        }
        return code

    def get_serializer_class(self):
        return CodeDetailSerializer if self.action == "retrieve" else super().get_serializer_class()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if hasattr(self, "related"):
            context["related"] = self.related
        return context

    @extend_schema(
        summary="Get one status code",
        parameters=[codes_api.FAMILY_PATH, codes_api.CODE_SLUG_PATH],
        responses=CodeDetailSerializer,
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
