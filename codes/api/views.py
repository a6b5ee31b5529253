"""Read-only JSON API over codes and families; the plumbing every API view shares lives here too."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from codes.selectors import (
    codes_in_one_language,
    find_codes,
    get_code,
    get_family,
    list_families,
)
from codes.unregistered import unregistered_number
from foundation.api.base import ContentAPIMixin, Pagination, QueryParameters, cached_answer, envelope
from foundation.api.negotiation import (
    ALL,
    DEFAULT,
)

from .filters import CodeQuerySerializer
from .serializers import CodeSerializer, FamilySerializer
from .unregistered import UnregisteredCodeSerializer, unregistered_code

FAMILY_PATH = OpenApiParameter(
    "family", str, OpenApiParameter.PATH, description="A family slug, e.g. `http`."
)


CODE_SLUG_PATH = OpenApiParameter(
    "slug", str, OpenApiParameter.PATH, description="Usually the number: `404`."
)


class FamilyViewSet(ContentAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Families of codes (HTTP now; others may follow)."""

    serializer_class = FamilySerializer
    pagination_class = None

    def get_queryset(self):
        return list_families()

    def get_object(self):
        return get_family(slug=self.kwargs["family"])

    @extend_schema(responses=envelope("FamilyList", FamilySerializer))
    @cached_answer
    def list(self, request, *args, **kwargs):
        families = self.get_serializer(self.get_queryset(), many=True).data
        return Response({"language": self.language, "count": len(families), "results": families})

    @extend_schema(parameters=[FAMILY_PATH])
    @cached_answer
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class CodeViewSet(ContentAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Status codes with their facts and texts."""

    serializer_class = CodeSerializer
    pagination_class = Pagination
    filter_backends = [QueryParameters]
    query_serializer_class = CodeQuerySerializer

    def get_queryset(self):
        return find_codes(language=DEFAULT)

    def select(self, **query):
        codes = find_codes(language=self.search_language(), **query)
        return codes if self.language == ALL else codes_in_one_language(codes, self.language)

    def get_object(self):
        family, slug = self.kwargs["family"], self.kwargs["slug"]
        try:
            return get_code(family=family, slug=slug)
        except Http404:
            if (number := unregistered_number(family, slug)) is None:
                raise
            raise unregistered_code(self.request, family, number) from None

    @extend_schema(parameters=[CodeQuerySerializer], responses=CodeSerializer(many=True))
    @cached_answer
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[FAMILY_PATH, CODE_SLUG_PATH],
        responses={
            200: CodeSerializer,
            404: OpenApiResponse(
                UnregisteredCodeSerializer,
                description="No such code. For a number from 100 to 599 that no code here has, `code` is "
                "`unregistered_code` and the body says what the number means to a client and which codes "
                "are nearest; otherwise `not_found`.",
            ),
        },
    )
    @cached_answer
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
