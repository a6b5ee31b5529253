"""Read-only JSON API over codes and families; the plumbing every API view shares lives here too."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets

from codes.selectors import (
    codes_in_one_language,
    find_codes,
    get_code,
    get_family,
    list_families,
)
from foundation.api.base import ContentAPIMixin, Pagination, envelope
from foundation.api.negotiation import (
    ALL,
    DEFAULT,
)

from .filters import CodeQuerySerializer
from .serializers import CodeSerializer, FamilySerializer

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
    lookup_url_kwarg = "family"

    def get_queryset(self):
        return list_families()

    @extend_schema(responses=envelope("FamilyList", FamilySerializer))
    def list(self, request, *args, **kwargs):
        def build():
            families = self.get_serializer(self.get_queryset(), many=True).data
            return {"language": self.language, "count": len(families), "results": families}

        return self.respond(build)

    @extend_schema(parameters=[FAMILY_PATH])
    def retrieve(self, request, *args, **kwargs):
        return self.respond(lambda: self.get_serializer(get_family(slug=kwargs["family"])).data)


class CodeViewSet(ContentAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Status codes with their facts and texts."""

    serializer_class = CodeSerializer
    pagination_class = Pagination

    def get_queryset(self):
        return find_codes(language=DEFAULT)

    @extend_schema(parameters=[CodeQuerySerializer], responses=CodeSerializer(many=True))
    def list(self, request, *args, **kwargs):
        query = self.validated_list_query(CodeQuerySerializer)
        codes = find_codes(language=self.search_language(), **query)
        if self.language != ALL:
            codes = codes_in_one_language(codes, self.language)
        return self.respond(lambda: self.paginated(codes, CodeSerializer))

    @extend_schema(parameters=[FAMILY_PATH, CODE_SLUG_PATH], responses=CodeSerializer)
    def retrieve(self, request, *args, **kwargs):
        def build():
            code = get_code(family=kwargs["family"], slug=kwargs["slug"])
            return self.detail_serializer(code).data

        return self.respond(build)

    def detail_serializer(self, code):
        """The representation of one code; the comparisons' API adds what links to it."""
        return CodeSerializer(code, context=self.get_serializer_context())
