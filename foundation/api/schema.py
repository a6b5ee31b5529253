"""OpenAPI 3.1 for what every endpoint shares: the language parameters, conditional requests, response
headers, problems, and one schema per representation (a language, or ``?lang=all``)."""

import copy

from django.conf import settings
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from foundation.api.examples import add_examples
from foundation.api.fields import (
    COMPONENTS,
    ENUMS,
    EVERY_LANGUAGE,
    EXTENDS,
    LANGUAGE_OR_ALL,
    ON_REQUEST,
    component_ref,
)
from foundation.api.negotiation import ALL, LANG_PARAM
from foundation.languages import language_codes

ALL_LANGUAGES_SUFFIX = "AllLanguages"
PROBLEM = "Problem"

LANGUAGE_PARAMETERS = [
    OpenApiParameter(
        LANG_PARAM,
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        description=(
            "The language of the texts. Wins over `Accept-Language`; without either the answer is in "
            "English. The values listed, in any case, or a language tag as `Accept-Language` takes it "
            "(`pt-BR`, `zh-Hans-CN`, `id-ID`): the region is ignored. Traditional Chinese (`zh-Hant`, "
            "`zh-TW`, `zh-HK`) is not offered and answers 400 rather than Simplified Chinese. `all` gives "
            "every text in every language, in the `…AllLanguages` representation. Any other value is "
            "answered with the problem `unsupported-language`."
        ),
    ),
    OpenApiParameter(
        "Accept-Language",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="Used when `lang` is absent; languages the API does not offer are skipped.",
    ),
    OpenApiParameter(
        "If-None-Match",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="The `ETag` of a copy you hold: 304 without a body while it is current.",
    ),
    OpenApiParameter(
        "If-Modified-Since",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="The `Last-Modified` of a copy you hold (ignored along with `If-None-Match`).",
    ),
]

HEADERS = {
    "ETag": ("A validator of this representation, for `If-None-Match`.", {"type": "string"}),
    "Last-Modified": ("When the content last changed, for `If-Modified-Since`.", {"type": "string"}),
    "Cache-Control": ("How long a copy may be reused without revalidating.", {"type": "string"}),
    "Content-Language": ("The language of the texts; every language with `lang=all`.", {"type": "string"}),
    "RateLimit-Limit": ("Requests this client address may make in the current window.", {"type": "integer"}),
    "RateLimit-Remaining": ("Requests left in the current window.", {"type": "integer"}),
    "RateLimit-Reset": ("Seconds until the window ends.", {"type": "integer"}),
    "RateLimit-Policy": ("The limit and the window in seconds, e.g. `300;w=60`.", {"type": "string"}),
    "Link": ("RFC 8288 links to the `next`, `prev`, `first` and `last` pages.", {"type": "string"}),
    "Retry-After": ("Seconds to wait before asking again.", {"type": "integer"}),
    "Location": ("The canonical address.", {"type": "string", "format": "uri"}),
}
RATE_LIMIT = ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"]
SUCCESS_HEADERS = ["ETag", "Last-Modified", "Cache-Control", "Content-Language", *RATE_LIMIT]

ERROR_RESPONSES = {
    "400": ("An unknown or invalid query parameter, or an unsupported language.", []),
    "404": ("Nothing at this address, no such resource, or a page past the end.", []),
    "406": (
        "A success whose `Accept` allows no `application/json`. Errors are problems whatever `Accept` says: "
        "`Accept: application/problem+json` alone gets the problem, and a 406 only where there is none.",
        [],
    ),
    "429": ("Too many requests from this client address.", ["Retry-After"]),
    "500": ("Something went wrong on our side.", []),
    "503": ("The database is briefly out of reach.", ["Retry-After"]),
}

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "An RFC 9457 problem, served as `application/problem+json`.",
    "properties": {
        "type": {
            "type": "string",
            "format": "uri-reference",
            "description": "What kind of problem: GET it for an explanation (`/api/v1/problems/<slug>/`).",
        },
        "title": {"type": "string", "description": "The kind of problem, in the response's language."},
        "status": {"type": "integer", "description": "The HTTP status code, repeated."},
        "detail": {"type": "string", "description": "This occurrence, in the response's language."},
        "instance": {"type": "string", "description": "The path that was asked for."},
        "code": {
            "type": "string",
            "description": "The earlier machine-readable code, kept: `not_found`, `invalid`, `throttled`…",
        },
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "With `invalid-parameters`: the messages for each parameter.",
        },
        "supported_languages": {
            "type": "array",
            "items": {"type": "string"},
            "description": "With `unsupported-language`: the values `lang` takes.",
        },
        "number": {"type": "integer", "description": "With `unregistered-code`: the number asked for."},
        "status_class": {"type": "integer", "description": "With `unregistered-code`: its first digit."},
        "treated_as": {
            "type": "integer",
            "description": "With `unregistered-code`: the x00 code of its class, which clients fall back to.",
        },
        "class_meaning": {
            "type": "string",
            "description": "With `unregistered-code`: what a client makes of the class.",
        },
        "class_rule": {
            "type": "object",
            "properties": {
                "source": {"type": "string"},
                "url": {"type": "string"},
                "quote": {"type": "string"},
            },
            "description": "With `unregistered-code`: the rule (RFC 9110 §15), word for word.",
        },
        "nearest": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "number": {"type": "integer"},
                    "slug": {"type": "string"},
                    "phrase": {"type": "string"},
                    "url": {"type": "string"},
                },
            },
            "description": "With `unregistered-code`: the nearest registered codes, the class's x00 first.",
        },
    },
    "required": ["type", "title", "status", "detail", "code"],
}


# A text query parameter without a pattern of its own, and the pattern it gets.
TEXT_KEYS = {"type", "minLength", "maxLength", "description"}
NO_NUL = "^[^\\u0000]*$"


class AtlasAutoSchema(AutoSchema):
    """Adds the shared parameters to every operation; the API is anonymous, so no security."""

    def get_override_parameters(self):
        return [*LANGUAGE_PARAMETERS, *super().get_override_parameters()]

    def get_auth(self):
        return []


def _walk(node, visit):
    """Apply ``visit`` to every dict in ``node``, depth first, children before their parent."""
    if isinstance(node, dict):
        for key, value in list(node.items()):
            node[key] = _walk(value, visit)
        return visit(node)
    if isinstance(node, list):
        return [_walk(item, visit) for item in node]
    return node


def _refs(node) -> set[str]:
    found: set[str] = set()

    def visit(schema):
        if isinstance(schema.get("$ref"), str):
            found.add(schema["$ref"].rsplit("/", 1)[-1])
        return schema

    _walk(copy.deepcopy(node), visit)
    return found


def _marked(node) -> bool:
    return EVERY_LANGUAGE in str(node)


def _twin(schema: dict, affected: set[str]) -> dict:
    """The ``?lang=all`` copy of a component: marked schemas give way to the one they name."""

    def visit(node):
        if EVERY_LANGUAGE in node:
            return component_ref(node[EVERY_LANGUAGE])
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.rsplit("/", 1)[-1] in affected:
            return {**node, "$ref": ref + ALL_LANGUAGES_SUFFIX}
        return node

    return _walk(copy.deepcopy(schema), visit)


def _without_markers(schema):
    def visit(node):
        node.pop(EVERY_LANGUAGE, None)
        required = node.get("required")
        properties = node.get("properties")
        if isinstance(required, list) and isinstance(properties, dict):
            node["required"] = [name for name in required if not properties.get(name, {}).get(ON_REQUEST)]
            if not node["required"]:
                del node["required"]
        return node

    schema = _walk(schema, visit)
    return _walk(schema, lambda node: (node.pop(ON_REQUEST, None), node)[1])


def split_every_language(schemas: dict, paths: dict) -> None:
    """Give each representation that holds a text an ``…AllLanguages`` twin, and let each response be
    one of the two: no field changes its type between languages."""
    affected = {name for name, schema in schemas.items() if _marked(schema)}
    while True:
        more = {name for name, schema in schemas.items() if _refs(schema) & affected} - affected
        if not more:
            break
        affected |= more
    for name in sorted(affected):
        schemas[name + ALL_LANGUAGES_SUFFIX] = _twin(schemas[name], affected)
    for item in paths.values():
        for operation in item.values():
            success = operation.get("responses", {}).get("200", {})
            for media in success.get("content", {}).values():
                ref = media.get("schema", {}).get("$ref", "")
                name = ref.rsplit("/", 1)[-1]
                if name in affected:
                    twin = component_ref(name + ALL_LANGUAGES_SUFFIX)
                    mapping = {code: component_ref(name)["$ref"] for code in language_codes()}
                    media["schema"] = {
                        "oneOf": [component_ref(name), twin],
                        "discriminator": {
                            "propertyName": "language",
                            "mapping": {**mapping, ALL: twin["$ref"]},
                        },
                    }
    for name in list(schemas):
        schemas[name] = _without_markers(schemas[name])


def _simplify_nullable(node):
    """drf-spectacular's nullable reference ``oneOf: [{allOf: [ref]}, null]`` as ``oneOf: [ref, null]``."""
    for option in node.get("oneOf", []):
        if isinstance(option, dict) and list(option) == ["allOf"] and len(option["allOf"]) == 1:
            option.update(option.pop("allOf")[0])
    return node


# What may differ between a property of the base and the same property of the extended representation.
# (drf-spectacular writes a field's ``title`` only where its translated name differs from the field's.)
_WORDING = {"title", "description", "readOnly", ON_REQUEST}


def _same_property(base: dict, extended: dict) -> bool:
    def bare(schema: dict) -> dict:
        schema = {key: value for key, value in schema.items() if key not in _WORDING}
        if list(schema) == ["allOf"] and len(schema["allOf"]) == 1:
            return schema["allOf"][0]
        return schema

    return bare(base) == bare(extended)


def extend_components(schemas: dict) -> None:
    """Write each marked representation as ``allOf: [its base, what it adds]``, so that typed clients
    take it where the base is asked for. Every property of the base must be there with the same schema
    (its wording aside); one the extension words differently or requires stays in what it adds."""
    for name, schema in list(schemas.items()):
        base_name = schema.pop(EXTENDS, None)
        if base_name is None:
            continue
        base = schemas[base_name]
        properties = dict(schema["properties"])
        for key, base_property in base["properties"].items():
            assert _same_property(base_property, properties.get(key, {})), (name, key)
            if not base_property.get(ON_REQUEST):
                del properties[key]
        base_required = {
            key for key in base.get("required", []) if not base["properties"][key].get(ON_REQUEST)
        }
        required = [key for key in schema.get("required", []) if key not in base_required]
        added = {"type": "object", "properties": properties}
        if required:
            added["required"] = required
        schemas[name] = {
            "allOf": [component_ref(base_name), added],
            **({"description": schema["description"]} if "description" in schema else {}),
        }


def _enum_refs(node):
    """An enum the generator wrote out in full, as a reference to the component of those values."""
    values = node.get("enum")
    if not isinstance(values, list) or not set(node) <= {"type", "enum", "description", "minLength"}:
        return node
    for name, schema in {**COMPONENTS, **ENUMS}.items():
        if schema.get("enum") == values:
            return {**component_ref(name), **{k: v for k, v in node.items() if k == "description"}}
    return node


def _header_refs(names) -> dict:
    return {name: {"$ref": f"#/components/headers/{name}"} for name in names}


def document_responses(paths: dict) -> None:
    """Headers of every answer, 304 and the problems on every operation."""
    for item in paths.values():
        for operation in item.values():
            responses = operation["responses"]
            success = responses.get("200")
            if success is not None:
                names = [*SUCCESS_HEADERS, *(["Link"] if "page" in str(operation.get("parameters")) else [])]
                success["headers"] = _header_refs(names)
            if "301" in responses:
                responses["301"]["headers"] = _header_refs(["Location", *RATE_LIMIT])
            # A 304 has no content (RFC 9110 §15.4.5): its headers are all there is to document.
            responses["304"] = {
                "description": (
                    "Not modified: the `ETag` sent in `If-None-Match` (or the date in `If-Modified-Since`) "
                    "is still current. No content: keep using your copy."
                ),
                "headers": _header_refs(["ETag", "Last-Modified", "Cache-Control"]),
            }
            for status, (description, headers) in ERROR_RESPONSES.items():
                responses[status] = {
                    "description": description,
                    "headers": _header_refs(headers),
                    "content": {"application/problem+json": {"schema": component_ref(PROBLEM)}},
                }
            operation["responses"] = dict(sorted(responses.items()))


def finish_schema(result, generator, request, public):
    """Postprocessing hook: components, servers, version, licence, headers, problems, representations."""
    # The generator shares dicts with the fields' declarations: edit a copy.
    result = copy.deepcopy(result)
    components = result.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.update(copy.deepcopy(COMPONENTS))
    schemas.update(copy.deepcopy(ENUMS))
    schemas[PROBLEM] = copy.deepcopy(PROBLEM_SCHEMA)
    components["headers"] = {
        name: {"description": description, "schema": schema}
        for name, (description, schema) in HEADERS.items()
    }
    components.pop("securitySchemes", None)
    # Anonymous: no operation asks for credentials.
    result["security"] = []
    result["info"]["version"] = settings.SPECTACULAR_SETTINGS["VERSION"]
    result["servers"] = [
        {
            "url": request.build_absolute_uri("/").rstrip("/") if request is not None else "/",
            "description": "This server.",
        }
    ]
    paths = result.get("paths", {})
    for item in paths.values():
        for operation in item.values():
            operation.pop("security", None)
            for parameter in operation.get("parameters", []):
                if parameter["name"] == LANG_PARAM and parameter["in"] == "query":
                    parameter["schema"] = component_ref(LANGUAGE_OR_ALL)
                elif (
                    parameter["in"] == "query"
                    and parameter["schema"].get("type") == "string"
                    and set(parameter["schema"]) <= TEXT_KEYS
                ):
                    # DRF refuses a NUL character in any text field: the schema says so.
                    parameter["schema"]["pattern"] = NO_NUL
    _walk(schemas, _simplify_nullable)
    # Inline enums become references; the components themselves stay as they are.
    for name in list(schemas):
        if "enum" not in schemas[name]:
            schemas[name] = _walk(schemas[name], _enum_refs)
    _walk(paths, _enum_refs)
    extend_components(schemas)
    split_every_language(schemas, paths)
    document_responses(paths)
    add_examples(result, server=result["servers"][0]["url"].rstrip("/"))
    return result
