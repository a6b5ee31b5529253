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
    assert sorted(schema["paths"]) == [
        "/api/v1/",
        "/api/v1/codes/",
        "/api/v1/codes/{family}/{slug}/",
        "/api/v1/comparisons/",
        "/api/v1/comparisons/{family}/{pair}/",
        "/api/v1/export/",
        "/api/v1/families/",
        "/api/v1/families/{family}/",
        "/api/v1/languages/",
        "/api/v1/search/",
    ]


def test_schema_documents_languages_filters_and_errors(client):
    schema = get_schema(client)
    codes = schema["paths"]["/api/v1/codes/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in codes["parameters"]}
    assert {
        "lang",
        "Accept-Language",
        "family",
        "class",
        "official",
        "vendor",
        "registry_status",
        "search",
    } <= set(parameters)
    assert "all" in parameters["lang"]["schema"]["enum"]
    assert {"200", "304", "400", "404", "406", "429"} <= set(codes["responses"])
    detail = schema["paths"]["/api/v1/comparisons/{family}/{pair}/"]["get"]
    assert "301" in detail["responses"]
    # ?lang=all is part of the contract: each text is a string or an object keyed by language.
    title = schema["components"]["schemas"]["CodeTexts"]["properties"]["title"]
    assert title["oneOf"][1] == {"$ref": "#/components/schemas/TextInEveryLanguage"}
    every = schema["components"]["schemas"]["TextInEveryLanguage"]
    assert every["required"] == [
        "en",
        "id",
        "es",
        "pt-br",
        "fr",
        "de",
        "ja",
        "ko",
        "zh-hans",
        "ru",
        "tr",
        "ar",
    ]


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
    assert len(operations) == 10

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
            case.call_and_validate()

        check()
