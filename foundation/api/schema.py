"""OpenAPI for what every endpoint shares: the language parameters, conditional requests and errors."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from foundation.api.fields import COMPONENTS
from foundation.api.negotiation import LANG_PARAM, choices

LANGUAGE_PARAMETERS = [
    OpenApiParameter(
        LANG_PARAM,
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        enum=choices(),
        description=(
            "The language of the texts. Wins over `Accept-Language`; without either the answer is in "
            "English. `all` gives every text as an object keyed by language code. Any other value is "
            "answered with 400 and the list of supported languages."
        ),
    ),
    OpenApiParameter(
        "Accept-Language",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="Used when `lang` is absent; languages the API does not offer are skipped.",
    ),
]


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    code = serializers.CharField(help_text="A stable machine-readable code, e.g. `not_found`.")
    detail = serializers.CharField(help_text="A message for people, in the response's language.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid query parameters: the messages for each parameter.",
    )
    supported_languages = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="For an unsupported `lang`: what to use."
    )


ERROR_RESPONSES = {
    "400": "Invalid query parameters or an unsupported language.",
    "404": "Nothing at this address (or a page number past the end).",
    "406": "The `Accept` header allows no JSON.",
    "429": "Too many requests from this address; `Retry-After` says when to try again.",
}


class AtlasAutoSchema(AutoSchema):
    """Adds the language parameters and the shared answers (304 and JSON errors) to every operation."""

    def get_override_parameters(self):
        return [*LANGUAGE_PARAMETERS, *super().get_override_parameters()]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method != "GET":
            return responses
        responses.setdefault(
            "304",
            {"description": "Not modified since `If-None-Match` / `If-Modified-Since`: no body."},
        )
        for code, description in ERROR_RESPONSES.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                responses[code]["description"] = description
        return responses


def add_language_components(result, generator, request, public):
    """Postprocessing hook: the shared ``?lang=all`` shapes the fields refer to."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(COMPONENTS)
    return result
