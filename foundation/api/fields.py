"""Serializer fields for translated texts, shared by every API representation.

In one language a text is a string (English where the language has none yet, null where English has
none either); with ``?lang=all`` it is an object keyed by language code, null where a language has none.
"""

from collections.abc import Iterable
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers
from rest_framework.reverse import reverse as api_reverse

from foundation.api.negotiation import ALL, DEFAULT, LANG_PARAM, choices
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


# OpenAPI (3.1). A representation in one language and the same with ``?lang=all`` are two schemas:
# foundation.api.schema copies every component that holds a text into an "...AllLanguages" twin, where
# each schema marked EVERY_LANGUAGE is replaced by the component it names. No field changes its type
# within one schema.
EVERY_LANGUAGE = "x-every-language"
LANGUAGE = "LanguageCode"
LANGUAGE_OR_ALL = "LanguageCodeOrAll"
ALL_LANGUAGES = "AllLanguages"
TEXT_IN_EVERY_LANGUAGE = "TextInEveryLanguage"
FIELDS_IN_EVERY_LANGUAGE = "FallbackInEveryLanguage"


# A property left out unless the query asks for it (``?html=true``): not required in the schema.
ON_REQUEST = "x-on-request"


# A representation that is another one and more, written ``allOf: [the other, what it adds]``:
# ``extend_schema_serializer(extensions={EXTENDS: "Code"})``.
EXTENDS = "x-extends"


def component_ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


# Every enum of the API is one component (foundation.api.schema puts them in the schema and points every
# copy the generator inlines, query parameters included, at it).
ENUMS: dict[str, dict] = {}


def enum_component(name: str, values, *, names: Iterable[str] | None = None, description: str = "") -> dict:
    """Declare the enum ``name`` once and return a reference to it. ``names`` give each value a member name
    in generated clients (``x-enum-varnames``): integer values would otherwise become ``VALUE_5``."""
    values = list(values)
    schema = {"type": "integer" if all(isinstance(value, int) for value in values) else "string"}
    schema["enum"] = values
    if names is not None:
        schema["x-enum-varnames"] = list(names)
        assert len(schema["x-enum-varnames"]) == len(values), name
    if description:
        schema["description"] = description
    assert ENUMS.get(name, schema) == schema, f"two enums named {name}"
    ENUMS[name] = schema
    return component_ref(name)


COMPONENTS = {
    LANGUAGE: {
        "type": "string",
        "enum": language_codes(),
        "description": "A language of the content, as `lang` takes it and `Content-Language` names it.",
    },
    LANGUAGE_OR_ALL: {
        "type": "string",
        "enum": choices(),
        "description": "A language of the content, or `all` for every text in every language.",
    },
    ALL_LANGUAGES: {
        "type": "string",
        "enum": [ALL],
        "description": "`all`: every text is given in every language.",
    },
    TEXT_IN_EVERY_LANGUAGE: {
        "type": "object",
        "description": "With `?lang=all`: the text in every language, null where a language has none.",
        "properties": {code: {"type": ["string", "null"]} for code in language_codes()},
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

TEXT_SCHEMA = {
    "type": ["string", "null"],
    "description": "The text in the response's language, English where that language has none yet.",
    EVERY_LANGUAGE: TEXT_IN_EVERY_LANGUAGE,
}
LANGUAGE_SCHEMA = {
    **component_ref(LANGUAGE),
    "description": "The language of the texts.",
    EVERY_LANGUAGE: ALL_LANGUAGES,
}


def fallback_schema(fields: Iterable[str]) -> dict:
    return {
        "description": "The texts shown in English because this language has none yet.",
        "type": "array",
        "items": {"type": "string", "enum": list(fields)},
        EVERY_LANGUAGE: FIELDS_IN_EVERY_LANGUAGE,
    }


@extend_schema_field(LANGUAGE_SCHEMA)
class LanguageField(serializers.Field):
    """The language of a representation's texts (``all`` in its every-language twin)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return self.context["language"]


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


def api_url(context, viewname: str, *, query: dict | None = None, **kwargs) -> str:
    """An absolute API link; it keeps the ``lang`` the request asked for, spelt as the response names it."""
    query = dict(query or {})
    request = context["request"]
    if LANG_PARAM in request.query_params:
        query[LANG_PARAM] = context["language"]
    url = api_reverse(viewname, kwargs=kwargs, request=request)
    return f"{url}?{urlencode(query)}" if query else url
