"""The OpenAPI schema, the docs served from our own static files, and a schemathesis run over the schema."""

import json
import re

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode

from foundation.languages import language_codes

pytestmark = pytest.mark.django_db

OPENAPI_JSON = "application/vnd.oai.openapi+json"


def get_schema(client) -> dict:
    response = client.get("/api/schema/", headers={"accept": OPENAPI_JSON})
    assert response.status_code == 200
    return json.loads(response.content)


def test_schema_is_valid_openapi_and_generated_without_warnings(client):
    GENERATOR_STATS.reset()
    schema = get_schema(client)
    validate_schema(schema)
    assert not GENERATOR_STATS, (dict(GENERATOR_STATS._warn_cache), dict(GENERATOR_STATS._error_cache))
    assert schema["openapi"] == "3.1.0"
    assert sorted(schema["paths"]) == [
        "/api/v1/",
        "/api/v1/codes/",
        "/api/v1/codes/{family}/{slug}/",
        "/api/v1/comparisons/",
        "/api/v1/comparisons/{family}/{pair}/",
        "/api/v1/export/",
        "/api/v1/families/",
        "/api/v1/families/{family}/",
        "/api/v1/guide/",
        "/api/v1/guide/{slug}/",
        "/api/v1/languages/",
        "/api/v1/problems/",
        "/api/v1/problems/{problem}/",
        "/api/v1/search/",
        "/api/v1/vendors/",
    ]


def test_schema_is_what_generated_clients_need(client):
    """A package version pip accepts, no token asked for, a server, a licence and a summary everywhere."""
    schema = get_schema(client)
    assert re.fullmatch(r"\d+\.\d+\.\d+", schema["info"]["version"])
    assert schema["info"]["license"]["identifier"] == "CC-BY-4.0"
    assert schema["servers"] == [{"url": "http://testserver", "description": "This server."}]
    assert schema["security"] == []
    assert "securitySchemes" not in schema["components"]
    for path, item in schema["paths"].items():
        for operation in item.values():
            assert "security" not in operation, path
            assert operation["summary"], path
    assert "example.org" not in json.dumps(schema)


def test_one_schema_per_representation_and_no_field_changes_its_type(client):
    schema = get_schema(client)
    components = schema["components"]["schemas"]
    # A code's title is a string (or null) in one language, an object in its ?lang=all twin.
    assert components["CodeTexts"]["properties"]["title"]["type"] == ["string", "null"]
    assert components["CodeTextsAllLanguages"]["properties"]["title"] == {
        "$ref": "#/components/schemas/TextInEveryLanguage"
    }
    assert components["CodeAllLanguages"]["properties"]["language"] == {
        "$ref": "#/components/schemas/AllLanguages"
    }
    answer = schema["paths"]["/api/v1/codes/{family}/{slug}/"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"]["oneOf"] == [
        {"$ref": "#/components/schemas/CodeDetail"},
        {"$ref": "#/components/schemas/CodeDetailAllLanguages"},
    ]
    # No marker of the generator is left, and the language enum exists once.
    text = json.dumps(schema)
    assert "x-every-language" not in text
    assert "x-on-request" not in text
    # LanguageCode and LanguageCodeOrAll, and the keys (properties, required) of the two objects by language.
    assert json.dumps(schema["components"]["schemas"]).count('"zh-hans"') == 6
    assert '"nullable"' not in text
    # A nullable object is a reference or null.
    vendor = components["Code"]["properties"]["vendor"]
    assert vendor["oneOf"] == [{"$ref": "#/components/schemas/Vendor"}, {"type": "null"}]
    # html is in a list item only on request, in a detail always.
    assert "html" in components["Code"]["properties"]
    assert "html" not in components["Code"]["required"]
    assert "html" in components["CodeDetail"]["allOf"][1]["required"]
    assert "html" in components["ComparisonDetail"]["allOf"][1]["required"]


def test_a_detail_is_its_list_item_and_more(client):
    """Typed clients take a CodeDetail where a Code is asked for: the detail is allOf the item and more."""
    components = get_schema(client)["components"]["schemas"]
    for detail, item in [("CodeDetail", "Code"), ("ComparisonDetail", "Comparison")]:
        for suffix in ["", "AllLanguages"]:
            base, added = components[detail + suffix]["allOf"]
            assert base == {"$ref": f"#/components/schemas/{item}{suffix}"}
            # What the item has is not written twice, except html, which a detail always has.
            assert set(added["properties"]) & set(components[item + suffix]["properties"]) == {"html"}
    assert {"constants", "history", "related"} <= set(components["CodeDetail"]["allOf"][1]["required"])


def test_every_enum_is_one_component_and_its_members_have_names(client):
    schema = get_schema(client)
    components = schema["components"]["schemas"]
    enums = [tuple(component["enum"]) for component in components.values() if "enum" in component]
    assert len(enums) == len(set(enums))

    def inline_enums(node, where):
        if isinstance(node, dict):
            if "enum" in node:
                yield where
            for key, value in node.items():
                yield from inline_enums(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from inline_enums(value, f"{where}/{index}")

    copies = list(inline_enums(schema["paths"], "paths"))
    for name, component in components.items():
        copies += [] if "enum" in component else list(inline_enums(component, name))
    assert copies == []
    status_class = components["StatusClass"]
    assert status_class["enum"] == [1, 2, 3, 4, 5]
    assert status_class["x-enum-varnames"][-1] == "SERVER_ERROR"
    codes = schema["paths"]["/api/v1/codes/"]["get"]
    parameters = {parameter["name"]: parameter["schema"] for parameter in codes["parameters"]}
    assert parameters["class"] == {"$ref": "#/components/schemas/StatusClass"}
    assert parameters["registry_status"] == {"$ref": "#/components/schemas/RegistryStatus"}
    registry = components["Code"]["properties"]["registry_status"]["properties"]["value"]
    assert registry == {"$ref": "#/components/schemas/RegistryStatus"}


def test_schema_documents_parameters_headers_and_problems(client):
    schema = get_schema(client)
    codes = schema["paths"]["/api/v1/codes/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in codes["parameters"]}
    assert {
        *["lang", "Accept-Language", "If-None-Match", "If-Modified-Since", "family", "class", "official"],
        *["vendor", "registry_status", "search", "page", "page_size", "html"],
    } <= set(parameters)
    assert parameters["lang"]["schema"] == {"$ref": "#/components/schemas/LanguageCodeOrAll"}
    assert {"200", "304", "400", "404", "406", "429", "500", "503"} <= set(codes["responses"])
    assert {"ETag", "Link", "RateLimit-Remaining"} <= set(codes["responses"]["200"]["headers"])
    assert "Retry-After" in codes["responses"]["429"]["headers"]
    problem = codes["responses"]["404"]["content"]["application/problem+json"]["schema"]
    assert problem == {"$ref": "#/components/schemas/Problem"}
    assert set(schema["components"]["schemas"]["Problem"]["required"]) == {
        *["type", "title", "status", "detail", "code"]
    }
    detail = schema["paths"]["/api/v1/comparisons/{family}/{pair}/"]["get"]
    assert "Location" in detail["responses"]["301"]["headers"]
    # A 301 has a typed body (the canonical address); a 304 has none, only its validators.
    moved = detail["responses"]["301"]["content"]["application/json"]["schema"]
    assert moved == {"$ref": "#/components/schemas/Moved"}
    assert schema["components"]["schemas"]["Moved"]["required"] == ["location"]
    for operation in [codes, detail]:
        not_modified = operation["responses"]["304"]
        assert "content" not in not_modified
        assert {"ETag", "Last-Modified"} <= set(not_modified["headers"])
        assert {"ETag", "Last-Modified"} <= set(operation["responses"]["200"]["headers"])
    assert parameters["If-None-Match"]["in"] == "header"
    assert schema["components"]["headers"]["ETag"]["schema"] == {"type": "string"}


def test_text_parameters_say_what_they_refuse(client, content):
    """schemathesis sent ?q=%00, which the schema allowed and the API refused."""
    schema = get_schema(client)
    search = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/search/"]["get"]["parameters"]}
    codes = {p["name"]: p["schema"] for p in schema["paths"]["/api/v1/codes/"]["get"]["parameters"]}
    pattern = re.compile(codes["search"]["pattern"])
    assert search["q"]["pattern"] == codes["search"]["pattern"]
    assert pattern.fullmatch("bad gateway")
    assert not pattern.fullmatch("bad\x00gateway")
    assert client.get("/api/v1/codes/?search=%00").status_code == 400
    # A slug longer than any stored one is refused, as the schema says.
    assert codes["vendor"]["maxLength"] == 40
    assert client.get(f"/api/v1/codes/?vendor={'a' * 41}").status_code == 400
    assert client.get(f"/api/v1/codes/?vendor={'a' * 40}").json()["count"] == 0


def test_the_schema_is_served_in_every_language_one_after_the_other(client):
    """Field titles are written only where a language's name for a field differs from the field's: a detail
    still extends its list item in every language (the Japanese schema answered 500)."""
    for language in [*language_codes(), "all"]:
        response = client.get(f"/api/schema/?lang={language}", headers={"accept": OPENAPI_JSON})
        assert response.status_code == 200, language
        detail = json.loads(response.content)["components"]["schemas"]["CodeDetail"]
        assert detail["allOf"][0] == {"$ref": "#/components/schemas/Code"}


def test_schema_and_docs_are_never_throttled(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1/minute"}}
    assert client.get("/api/v1/").status_code == 200
    assert client.get("/api/v1/").status_code == 429
    for _ in range(3):
        assert client.get("/api/schema/").status_code == 200
        assert client.get("/api/docs/").status_code == 200


def test_schema_refuses_an_unknown_language_as_every_endpoint_does(client):
    response = client.get("/api/schema/?lang=xx")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "unsupported_language"
    assert client.get("/api/docs/?lang=xx").status_code == 400
    assert client.get("/api/schema/?lang=pt-BR").status_code == 200


def test_docs_load_swagger_ui_from_our_static_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources
    for source in sources:
        assert not re.match(r"(https?:)?//", source), source
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), source
    # No inline script: the start-up script comes from our own URL (the CSP allows no inline script).
    assert not re.search(r"<script>", html)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "/api/schema/" in script.content.decode()
    assert "validatorUrl" in script.content.decode()


@pytest.fixture
def wsgi_app():
    """The real WSGI application, sharing the test's database connection (as the test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(content, wsgi_app, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}
    return schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app, headers={"Accept": OPENAPI_JSON})


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_conforms_to_its_schema(api_schema, mode):
    """Generated requests, valid and invalid: no server error, no undocumented status, no body or header
    that breaks the schema, and invalid input refused with a 4xx."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 15

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=12,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # The WSGI transport hands the body over as sent; a gzip answer is tested on its own.
            case.call_and_validate(headers={"Accept-Encoding": "identity"})

        check()
