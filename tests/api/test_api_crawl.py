"""A crawl of the whole API, every answer checked against the schema by openapi-core (a validator that
did not write the schema): every endpoint and page, in every language and with lang=all, and the errors."""

import json

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from foundation.languages import language_codes

pytestmark = pytest.mark.django_db

OPENAPI_JSON = "application/vnd.oai.openapi+json"


@pytest.fixture
def openapi(client, content):
    response = client.get("/api/schema/", headers={"accept": OPENAPI_JSON})
    assert response.status_code == 200
    # openapi-core reads application/json only; a problem is JSON too.
    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    return OpenAPI.from_dict(json.loads(response.content), config=config)


@pytest.fixture
def crawl(client, openapi, settings):
    """GET a URL and validate the request and the answer against the schema; returns the answer."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}
    seen = []

    def get(url, **headers):
        response = client.get(url, headers=headers)
        openapi.validate_response(
            DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
        )
        seen.append((url, response.status_code))
        return response

    get.seen = seen
    return get


def links_of(body) -> set[str]:
    """Every API address an answer links to (the pages' addresses and the schema's left out)."""
    if isinstance(body, dict):
        return set().union(*map(links_of, body.values()), set())
    if isinstance(body, list):
        return set().union(*map(links_of, body), set())
    if isinstance(body, str) and body.startswith("http://testserver/api/v1/"):
        return {body}
    return set()


@pytest.mark.parametrize("lang", [*language_codes(), "all"])
def test_every_answer_of_a_crawl_in_each_language_matches_the_schema(crawl, lang):
    start = f"http://testserver/api/v1/?lang={lang}"
    queue, visited = [start], set()
    while queue:
        url = queue.pop()
        if url in visited:
            continue
        visited.add(url)
        response = crawl(url.removeprefix("http://testserver"))
        assert response.status_code == 200, url
        queue.extend(links_of(response.json()) - visited)
    statuses = {status for _url, status in crawl.seen}
    assert statuses == {200}
    # Every endpoint was reached from the root: its lists, its details and its pages.
    paths = {url.split("?")[0] for url in visited}
    assert {
        "http://testserver/api/v1/codes/http/404/",
        "http://testserver/api/v1/comparisons/http/202-vs-520/",
        "http://testserver/api/v1/vendors/",
        "http://testserver/api/v1/problems/no-such-page/",
        "http://testserver/api/v1/export/",
        "http://testserver/api/v1/families/http/",
    } <= paths


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/codes/?page_size=2&page=2&html=true&lang=ja", 200),
        ("/api/v1/comparisons/?html=true&lang=all", 200),
        ("/api/v1/export/?html=true&lang=id", 200),
        ("/api/v1/comparisons/http/404-vs-520/?lang=id", 200),
        ("/api/v1/comparisons/http/520-vs-202/?lang=de", 301),
        ("/api/v1/codes/http/404/?lang=pt-BR", 200),
        ("/api/v1/codes/http/12345/?lang=id", 404),
        ("/api/v1/families/nope/", 404),
        ("/api/v1/codes/?page=999", 404),
        ("/api/v1/problems/nope/", 404),
        ("/api/v1/codes/?q=gateway", 400),
        ("/api/v1/codes/?class=9", 400),
        ("/api/v1/codes/http/404/?lang=xx", 400),
        ("/api/v1/codes/http/404/?lang=zh-TW", 400),
        ("/api/v1/codes/http/404/?page=2", 400),
    ],
)
def test_answers_and_errors_match_the_schema(crawl, url, status):
    assert crawl(url).status_code == status


def test_not_modified_and_not_acceptable_match_the_schema(crawl):
    etag = crawl("/api/v1/codes/http/404/?lang=id")["ETag"]
    assert crawl("/api/v1/codes/http/404/?lang=id", if_none_match=etag).status_code == 304
    assert crawl("/api/v1/codes/", accept="text/html").status_code == 406
    assert crawl("/api/v1/codes/http/404/", accept="application/problem+json").status_code == 406
    assert crawl("/api/v1/codes/http/nonexistent/", accept="application/problem+json").status_code == 404


def test_too_many_requests_matches_the_schema(crawl, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1/minute"}}
    assert crawl("/api/v1/families/").status_code == 200
    refused = crawl("/api/v1/families/")
    assert refused.status_code == 429
    assert refused["RateLimit-Remaining"] == "0"
