"""Serializer fields for translated texts, shared by every API representation.

In one language a text is a string (English where the language has none yet, null where English has
none either); with ``?lang=all`` it is an object keyed by language code, null where a language has none.
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers
from rest_framework.reverse import reverse as api_reverse

from foundation.api.negotiation import ALL, DEFAULT, choices
from foundation.completeness import field_filled
from foundation.languages import language_codes
from foundation.markup import render_markdown


def own_text(instance, field: str, lang: str) -> str | None:
    """The text ``lang`` itself has for ``field``, without fallback."""
    if not field_filled(instance, field, lang):
        return None
    return getattr(instance, build_localized_fieldname(field, lang))


def text(instance, field: str, lang: str) -> str | None:
    """The text shown in ``lang``: its own, else English."""
    return own_text(instance, field, lang) or own_text(instance, field, DEFAULT)


def fallen_back(instance, fields: Iterable[str], lang: str) -> list[str]:
    """The fields shown in English because ``lang`` lacks a text English has."""
    if lang == DEFAULT:
        return []
    return [
        field
        for field in fields
        if not field_filled(instance, field, lang) and field_filled(instance, field, DEFAULT)
    ]


def fallback_report(instance, fields: Iterable[str], lang: str) -> list[str] | dict[str, list[str]]:
    fields = list(fields)
    if lang == ALL:
        return {code: fallen_back(instance, fields, code) for code in language_codes()}
    return fallen_back(instance, fields, lang)


def page_language(lang: str) -> str:
    return DEFAULT if lang == ALL else lang


def page_url(request, viewname: str, lang: str, **kwargs) -> str:
    """The public page in ``lang`` (English for ``all``), as an absolute URL."""
    with translation.override(page_language(lang)):
        path = reverse(viewname, kwargs=kwargs)
    return request.build_absolute_uri(path)


def _nullable_string(description: str = "") -> dict:
    schema = {"type": "string", "nullable": True}
    if description:
        schema["description"] = description
    return schema


# OpenAPI components for the ?lang=all shapes, added to the schema by foundation.api.schema.
TEXT_IN_EVERY_LANGUAGE = "TextInEveryLanguage"
FIELDS_IN_EVERY_LANGUAGE = "FallbackInEveryLanguage"
COMPONENTS = {
    TEXT_IN_EVERY_LANGUAGE: {
        "type": "object",
        "description": "With `?lang=all`: the text in every language, null where a language has none.",
        "properties": {code: _nullable_string() for code in language_codes()},
        "required": language_codes(),
        "additionalProperties": False,
    },
    FIELDS_IN_EVERY_LANGUAGE: {
        "type": "object",
        "description": "With `?lang=all`: for every language, the texts it lacks and English has.",
        "properties": dict.fromkeys(language_codes(), {"type": "array", "items": {"type": "string"}}),
        "required": language_codes(),
        "additionalProperties": False,
    },
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


# A string in one language, an object keyed by language with ?lang=all.
TEXT_SCHEMA = {
    "oneOf": [
        _nullable_string("The text in the response's language, English where that language has none yet."),
        _ref(TEXT_IN_EVERY_LANGUAGE),
    ]
}
LANGUAGE_SCHEMA = {"type": "string", "enum": choices(), "description": "The language of the texts."}


def fallback_schema(fields: Iterable[str]) -> dict:
    return {
        "description": (
            "The texts shown in English because this language has none yet; with `?lang=all`, "
            "the same list for every language."
        ),
        "oneOf": [
            {"type": "array", "items": {"type": "string", "enum": list(fields)}},
            _ref(FIELDS_IN_EVERY_LANGUAGE),
        ],
    }


@extend_schema_field(TEXT_SCHEMA)
class TranslatedText(serializers.Field):
    """One translated text of the instance; ``html=True`` gives the Markdown as sanitised HTML."""

    def __init__(self, field: str, *, html: bool = False, **kwargs):
        self.field = field
        self.html = html
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def render(self, value: str | None) -> str | None:
        if value is None or not self.html:
            return value
        return str(render_markdown(value)) or None

    def to_representation(self, instance):
        lang = self.context["language"]
        if lang == ALL:
            return {code: self.render(own_text(instance, self.field, code)) for code in language_codes()}
        return self.render(text(instance, self.field, lang))


def api_url(context, viewname: str, **kwargs) -> str:
    return api_reverse(viewname, kwargs=kwargs, request=context["request"])
