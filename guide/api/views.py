"""The decision guide in JSON: every question with its answers, or one question."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from foundation.api.base import ContentAPIMixin, cached_answer, envelope
from guide.selectors import get_step, published_steps

from .serializers import StepSerializer

STEP_SLUG_PATH = OpenApiParameter(
    "slug", str, OpenApiParameter.PATH, description="A question's slug: `validation`."
)


class GuideStepViewSet(ContentAPIMixin, viewsets.ReadOnlyModelViewSet):
    """The questions of "Which status code should my API return?", each with answers that lead to the next
    question, to a code or to the comparison of two codes, with the RFC sentence that decides."""

    serializer_class = StepSerializer
    pagination_class = None

    def get_queryset(self):
        return published_steps()

    def get_object(self):
        return get_step(slug=self.kwargs["slug"])

    @extend_schema(
        summary="List the questions of the decision guide",
        responses=envelope("GuideStepList", StepSerializer),
    )
    @cached_answer
    def list(self, request, *args, **kwargs):
        steps = self.get_serializer(self.get_queryset(), many=True).data
        return Response({"language": self.language, "count": len(steps), "results": steps})

    @extend_schema(summary="Get one question of the decision guide", parameters=[STEP_SLUG_PATH])
    @cached_answer
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
