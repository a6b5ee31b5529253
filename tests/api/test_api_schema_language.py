"""``?lang=`` on the OpenAPI schema and the docs page: taken and refused exactly as on every endpoint."""

import pytest
import yaml
from django.conf import settings

LANGUAGE_CODES = [code for code, _ in settings.LANGUAGES]
# Values every endpoint refuses: an unknown language, one we do not offer, an empty one, a malformed one.
REFUSED = ["xx", "zh-TW", "", "en;q=1", "x" * 60]


def without_instance(problem: dict) -> dict:
    """A problem's members less ``instance``, the one that names the address asked for."""
    return {name: value for name, value in problem.items() if name != "instance"}


@pytest.mark.parametrize("value", REFUSED)
def test_an_unknown_language_on_the_schema_is_the_endpoints_problem(client, value):
    endpoint = client.get("/api/v1/languages/", {"lang": value}, headers={"accept-language": "id"})
    schema = client.get("/api/schema/", {"lang": value}, headers={"accept-language": "id"})
    assert endpoint.status_code == 400
    assert schema.status_code == 400
    assert schema["Content-Type"] == "application/problem+json"
    assert schema["Content-Language"] == endpoint["Content-Language"]
    assert without_instance(schema.json()) == without_instance(endpoint.json())
    assert schema.json()["instance"] == "/api/schema/"
    assert schema.json()["supported_languages"] == [*LANGUAGE_CODES, "all"]


@pytest.mark.parametrize("value", REFUSED)
def test_the_docs_page_refuses_an_unknown_language_with_the_same_problem(client, value):
    response = client.get("/api/docs/", {"lang": value})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "unsupported_language"
    assert client.get("/api/docs/", {"lang": value, "script": ""}).status_code == 400


@pytest.mark.parametrize("lang", [*LANGUAGE_CODES, "all", "pt-BR", "EN", "zh-Hans"])
def test_every_language_the_api_takes_gives_the_schema(client, lang):
    response = client.get("/api/schema/", {"lang": lang})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.safe_load(response.content)["openapi"] == "3.1.0"


def test_the_schema_speaks_the_asked_language(client):
    """Field descriptions come from the models' help texts, translated."""

    def family_slug(lang):
        schema = yaml.safe_load(client.get("/api/schema/", {"lang": lang}).content)
        return schema["components"]["schemas"]["Family"]["properties"]["slug"]["description"]

    assert family_slug("en") == "Used in URLs, e.g. “http”."
    assert family_slug("id") == "Dipakai di URL, misalnya “http”."
    assert client.get("/api/schema/", {"lang": "id"})["Content-Language"] == "id"
    assert client.get("/api/schema/", {"lang": "all"})["Content-Language"] == "en"


def test_without_lang_the_schema_follows_accept_language(client):
    response = client.get("/api/schema/", headers={"accept-language": "id"})
    assert response["Content-Language"] == "id"
    assert "Accept-Language" in response["Vary"]
    assert "Dipakai di URL" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "headers", "opening"),
    [
        ({}, {}, '<html lang="en">'),
        ({"lang": "id"}, {}, '<html lang="id">'),
        ({"lang": "pt-BR"}, {}, '<html lang="pt-br">'),
        ({"lang": "ar"}, {}, '<html lang="ar">'),
        ({}, {"accept-language": "ja"}, '<html lang="ja">'),
    ],
)
def test_the_docs_page_names_the_language_of_its_texts(client, query, headers, opening):
    response = client.get("/api/docs/", query, headers=headers)
    assert response.status_code == 200
    assert opening in response.content.decode()


def test_the_docs_load_the_schema_in_the_asked_language(client):
    script = client.get("/api/docs/", {"lang": "id", "script": ""}).content.decode()
    assert 'url: "/api/schema/?lang\\u003Did"' in script
