"""Read-only JSON API over codes and families; the plumbing every API view shares lives here too."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from codes.selectors import (
    code_references,
    codes_in_one_language,
    find_codes,
    get_code,
    get_family,
    list_families,
    list_vendors,
)
from codes.unregistered import unregistered_number
from foundation.api.base import (
    ContentAPIMixin,
    PageQuerySerializer,
    Pagination,
    QueryParameters,
    cached_answer,
    envelope,
)
from foundation.api.negotiation import (
    ALL,
    DEFAULT,
)

from .filters import CodeQuerySerializer
from .serializers import (
    CodeListItemSerializer,
    CodeSerializer,
    CodeWithReferencesSerializer,
    FamilySerializer,
    VendorListItemSerializer,
)
from .unregistered import unregistered_code

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

    @extend_schema(summary="List families", responses=envelope("FamilyList", FamilySerializer))
    @cached_answer
    def list(self, request, *args, **kwargs):
        families = self.get_serializer(self.get_queryset(), many=True).data
        return Response({"language": self.language, "count": len(families), "results": families})

    @extend_schema(summary="Get one family", parameters=[FAMILY_PATH])
    @cached_answer
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class CodeViewSet(ContentAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Status codes with their facts and texts."""

    serializer_class = CodeSerializer
    pagination_class = Pagination
    filter_backends = [QueryParameters]
    query_serializer_class = CodeQuerySerializer

    def get_serializer_class(self):
        if self.action == "list":
            return CodeListItemSerializer
        return CodeWithReferencesSerializer if self.action == "retrieve" else CodeSerializer

    def get_queryset(self):
        return find_codes(language=DEFAULT)

    def select(self, **query):
        codes = find_codes(language=self.search_language(), **query)
        return codes if self.language == ALL else codes_in_one_language(codes, self.language)

    def get_object(self):
        family, slug = self.kwargs["family"], self.kwargs["slug"]
        try:
            code = get_code(family=family, slug=slug)
        except Http404:
            if (number := unregistered_number(family, slug)) is None:
                raise
            raise unregistered_code(self.request, family, number, language=self.language) from None
        code.references = code_references(code=code)
        return code

    @extend_schema(
        summary="List status codes",
        parameters=[CodeQuerySerializer, PageQuerySerializer],
        responses=CodeListItemSerializer(many=True),
    )
    @cached_answer
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="Get one status code",
        parameters=[FAMILY_PATH, CODE_SLUG_PATH],
        responses=CodeWithReferencesSerializer,
    )
    @cached_answer
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class VendorListView(ContentAPIMixin, APIView):
    """Who defines the codes outside the IANA registry; a slug is what the codes' ``vendor=`` takes."""

    @extend_schema(
        summary="List vendors",
        responses=envelope("VendorList", VendorListItemSerializer),
        operation_id="vendors_list",
    )
    @cached_answer
    def get(self, request, *args, **kwargs):
        vendors = VendorListItemSerializer(list_vendors(), many=True, context=self.get_serializer_context())
        return Response({"language": self.language, "count": len(vendors.data), "results": vendors.data})
