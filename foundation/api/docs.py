"""The OpenAPI schema and the docs page: never throttled, and ``?lang=`` checked as everywhere else."""

from django.utils import translation
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from foundation.api.errors import problem_response
from foundation.api.fields import page_language
from foundation.api.negotiation import LANG_PARAM, UnsupportedLanguage, choices, match_language


def schema_language(request) -> str | None:
    """The language ``?lang=`` asks the schema's texts in (None without one); 400 for an unknown one."""
    requested = request.GET.get(LANG_PARAM)
    if requested is None:
        return None
    matched = match_language(requested)
    if matched is None:
        raise UnsupportedLanguage(requested)
    return page_language(matched)


class ApiSchemaView(SpectacularAPIView):
    throttle_classes = []

    def get(self, request, *args, **kwargs):
        try:
            language = schema_language(request)
        except UnsupportedLanguage as error:
            return problem_response(
                request, "unsupported-language", str(error.detail), supported_languages=choices()
            )
        if language is None:
            return self._get_schema_response(request)
        with translation.override(language):
            return self._get_schema_response(request)


class ApiDocsView(SpectacularSwaggerSplitView):
    throttle_classes = []

    def get(self, request, *args, **kwargs):
        try:
            schema_language(request)
        except UnsupportedLanguage as error:
            return problem_response(
                request, "unsupported-language", str(error.detail), supported_languages=choices()
            )
        return super().get(request, *args, **kwargs)
