"""The schema's examples are real answers, valid against the schema, and nothing in it is a placeholder."""

import io
import json
import re

import pytest
from django.core.management import call_command
from openapi_schema_validator import OAS31Validator

from foundation.api.examples import RECORDED_HOST, record, recorded

pytestmark = pytest.mark.django_db

OPENAPI_JSON = "application/vnd.oai.openapi+json"
# What Swagger UI and generators make up where a schema has no example: "string", the largest int64, a
# fixed date, an address on a documentation host (a text may name example.com; a link must not).
PLACEHOLDER_VALUE = re.compile(
    r"string[0-9]?|9223372036854775807|2019-08-24(T14:15:22Z)?|[a-z]+://([^/]+\.)?(example\.(org|com|net)|atlas\.example)\b.*"
    r"|user@example\.com"
)


def placeholders(value) -> list:
    """The made-up values in ``value``; a schema's ``"type": "string"`` is not one."""
    if isinstance(value, dict):
        return [found for key, item in value.items() if key != "type" for found in placeholders(item)]
    if isinstance(value, list):
        return [found for item in value for found in placeholders(item)]
    return [value] if PLACEHOLDER_VALUE.fullmatch(str(value)) else []


def get_schema(client) -> dict:
    response = client.get("/api/schema/", headers={"accept": OPENAPI_JSON})
    assert response.status_code == 200
    return json.loads(response.content)


def media_types(schema):
    for item in schema["paths"].values():
        for operation in item.values():
            for status, response in operation["responses"].items():
                for media_type, media in response.get("content", {}).items():
                    yield f"{operation['operationId']} {status} {media_type}", media


def example_values(node):
    """Every example in the schema, wherever it is (``examples`` of a media type, ``example`` of a schema)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "examples" and isinstance(value, dict):
                yield from (example["value"] for example in value.values() if "value" in example)
            elif key == "example" and not isinstance(value, dict):
                yield value
            else:
                yield from example_values(value)
    elif isinstance(node, list):
        for value in node:
            yield from example_values(value)


def test_every_answer_in_the_schema_has_an_example_and_none_is_a_placeholder(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "atlas.test"]
    schema = get_schema(client)
    for where, media in media_types(schema):
        assert media.get("examples"), where
    examples = list(example_values(schema))
    assert len(examples) > 15
    for value in examples:
        assert placeholders(value) == []
    assert placeholders(schema) == []
    # The recorded host becomes the host the schema is served from.
    assert RECORDED_HOST == "http://testserver"
    elsewhere = client.get("/api/schema/", headers={"accept": OPENAPI_JSON}, HTTP_HOST="atlas.test")
    assert b"http://testserver" not in elsewhere.content
    assert elsewhere.content.count(b"http://atlas.test/api/v1/") > 15


def test_the_placeholder_check_finds_what_swagger_makes_up():
    made_up = {"url": "https://api.example.org/accounts/", "count": 9223372036854775807, "slug": "string"}
    assert placeholders(made_up) == list(made_up.values())
    assert placeholders({"text": "Try `curl https://example.com/path`.", "title": "string"}) == ["string"]


def test_every_example_is_valid_against_its_schema(client):
    schema = get_schema(client)
    for where, media in media_types(schema):
        validator = OAS31Validator({**media["schema"], "components": schema["components"]})
        for name, example in media["examples"].items():
            if "$ref" in example:
                example = schema["components"]["examples"][example["$ref"].rsplit("/", 1)[-1]]
            errors = [error.message for error in validator.iter_errors(example["value"])]
            assert errors == [], (where, name, errors[:3])


def test_the_examples_are_what_the_api_answers_over_the_published_content(client, settings):
    """Run ``manage.py record_api_examples`` over the published content when this fails after an edit."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}
    call_command("load_content", stdout=io.StringIO())
    assert without_times(record(client)) == without_times(recorded())


def without_times(value):
    """Loading the content stamps it with the time of loading."""
    if isinstance(value, dict):
        return {key: None if key.endswith("_at") else without_times(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_times(item) for item in value]
    return value
