"""The OpenAPI schema and the docs page: never throttled, and ``?lang=`` checked as everywhere else."""

from django.utils import translation
from django.utils.cache import patch_vary_headers
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from foundation.api.errors import problem_response
from foundation.api.fields import page_language
from foundation.api.negotiation import DEFAULT, UnsupportedLanguage, choices, content_language, negotiate


def schema_language(request) -> str:
    """The language of the schema's texts, chosen as every endpoint chooses (``?lang=``, else
    Accept-Language); English for ``all``. UnsupportedLanguage for an unknown ``?lang=``."""
    return page_language(negotiate(request))


def unsupported_language(request, error: UnsupportedLanguage):
    """The endpoints' 400 for an unknown ``lang``: in the default language, since none was understood."""
    with translation.override(DEFAULT):
        response = problem_response(
            request, "unsupported-language", str(error.detail), supported_languages=choices()
        )
    response["Content-Language"] = content_language(DEFAULT)
    patch_vary_headers(response, ["Accept-Language"])
    return response


def in_language(response, language: str):
    response["Content-Language"] = content_language(language)
    patch_vary_headers(response, ["Accept-Language"])
    return response


class ApiSchemaView(SpectacularAPIView):
    throttle_classes = []

    def get(self, request, *args, **kwargs):
        try:
            language = schema_language(request)
        except UnsupportedLanguage as error:
            return unsupported_language(request, error)
        with translation.override(language):
            return in_language(self._get_schema_response(request), language)


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI over the schema; the page's ``lang`` is the language the schema's texts come in. It stays
    left to right in Arabic too: Swagger UI's layout, labels and the API guide are written left to right."""

    throttle_classes = []

    def get(self, request, *args, **kwargs):
        try:
            language = schema_language(request)
        except UnsupportedLanguage as error:
            return unsupported_language(request, error)
        response = super().get(request, *args, **kwargs)
        if request.GET.get("script") is None:
            response.data["language"] = language
        return in_language(response, language)
