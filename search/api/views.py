from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from foundation.api.base import ContentAPIMixin
from search.api.serializers import SearchAnswerSerializer, SearchQuerySerializer
from search.service import find


class SearchView(ContentAPIMixin, APIView):
    """Codes and comparisons ranked for a query: number, two codes ("401 vs 403"), names, former names,
    words of the texts; typos, accents and case forgiven. The same search as the site's search box."""

    query_parameter_classes = (SearchQuerySerializer,)

    @extend_schema(
        operation_id="search",
        summary="Search codes and comparisons",
        parameters=[SearchQuerySerializer],
        responses=SearchAnswerSerializer,
    )
    def get(self, request, *args, **kwargs):
        query = self.validated_query(SearchQuerySerializer)
        language = self.search_language()
        answer = find(" ".join(query["q"].split()), language=language, limit=query["limit"])
        with translation.override(language):
            data = SearchAnswerSerializer(
                {
                    "language": language,
                    "query": answer.query,
                    "total": answer.total,
                    "hits": answer.hits,
                    "closest": answer.closest,
                },
                context={"request": request, "language": language},
            ).data
        return Response(data)
