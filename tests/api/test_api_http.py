"""Conditional requests, caching, errors, throttling and CORS."""

import threading

import pytest
from django.test import RequestFactory
from django.utils.http import http_date

from codes.models import StatusCode
from comparisons.models import Comparison
from config.settings import redis_cache
from foundation.api.throttling import AnonymousRateThrottle

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/",
    "/api/v1/languages/",
    "/api/v1/families/",
    "/api/v1/families/http/",
    "/api/v1/codes/",
    "/api/v1/codes/http/404/",
    "/api/v1/comparisons/",
    "/api/v1/comparisons/http/202-vs-520/",
    "/api/v1/comparisons/http/404-vs-520/",
    "/api/v1/export/",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_if_none_match_gives_304(client, content, url):
    response = client.get(url)
    assert response.status_code == 200
    etag = response["ETag"]
    assert response["Last-Modified"]
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Content-Language"] == "en"
    assert "Accept-Language" in again["Vary"]


def test_etag_differs_per_language_and_query(client, content):
    english = client.get("/api/v1/codes/http/404/")["ETag"]
    german = client.get("/api/v1/codes/http/404/", headers={"accept-language": "de"})["ETag"]
    assert english != german
    assert (
        client.get(
            "/api/v1/codes/http/404/", headers={"if-none-match": english, "accept-language": "de"}
        ).status_code
        == 200
    )
    assert client.get("/api/v1/codes/?class=4")["ETag"] != client.get("/api/v1/codes/?class=5")["ETag"]
    # The same query spelt in another order is the same representation.
    assert (
        client.get("/api/v1/codes/?class=4&lang=id")["ETag"]
        == client.get("/api/v1/codes/?lang=id&class=4")["ETag"]
    )


def test_if_modified_since(client, content):
    response = client.get("/api/v1/codes/http/404/")
    since = response["Last-Modified"]
    assert client.get("/api/v1/codes/http/404/", headers={"if-modified-since": since}).status_code == 304
    assert (
        client.get("/api/v1/codes/http/404/", headers={"if-modified-since": http_date(0)}).status_code == 200
    )


def test_an_editors_save_changes_the_answer_and_its_etag(client, content, django_capture_on_commit_callbacks):
    before = client.get("/api/v1/codes/http/404/?lang=de")
    assert before.json()["texts"]["description"] == "Nothing answers to the requested URL."
    code = StatusCode.objects.get(slug="404")
    code.description_de = "Unter dieser URL antwortet nichts."
    with django_capture_on_commit_callbacks(execute=True):
        code.save()
    after = client.get("/api/v1/codes/http/404/?lang=de", headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after.json()["texts"]["description"] == "Unter dieser URL antwortet nichts."
    assert after["ETag"] != before["ETag"]


def test_publishing_a_comparison_shows_in_lists_and_detail(
    client, content, django_capture_on_commit_callbacks
):
    assert client.get("/api/v1/comparisons/http/404-vs-451/").json()["curated"] is False
    assert client.get("/api/v1/comparisons/").json()["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        Comparison.objects.get(slug="404-vs-451").publish()
    assert client.get("/api/v1/comparisons/http/404-vs-451/").json()["curated"] is True
    assert client.get("/api/v1/comparisons/").json()["count"] == 2


def test_unpublishing_hides_it_again(client, content, django_capture_on_commit_callbacks):
    assert client.get("/api/v1/comparisons/http/202-vs-520/").json()["curated"] is True
    with django_capture_on_commit_callbacks(execute=True):
        Comparison.objects.get(slug="202-vs-520").unpublish()
    assert client.get("/api/v1/comparisons/http/202-vs-520/").json()["curated"] is False
    assert client.get("/api/v1/comparisons/").json()["count"] == 0
    assert client.get("/api/v1/export/").json()["comparisons"] == []


def test_answers_may_be_cached_briefly_by_clients(client, content):
    assert client.get("/api/v1/codes/")["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_a_json_405(client, content, method):
    response = getattr(client, method)("/api/v1/codes/http/404/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["code"] == "method_not_allowed"


def test_head_answers_like_get_without_a_body(client, content):
    response = client.head("/api/v1/codes/http/404/")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == client.get("/api/v1/codes/http/404/")["ETag"]


def test_html_only_accept_is_a_json_406(client, content):
    response = client.get("/api/v1/codes/", headers={"accept": "text/html"})
    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_acceptable"


def test_a_client_that_accepts_only_problems_gets_errors_as_they_are(client, content):
    accept = {"accept": "application/problem+json"}
    missing = client.get("/api/v1/codes/http/nonexistent/?lang=id", headers=accept)
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert missing.json()["title"] == "Tidak ditemukan"
    invalid = client.get("/api/v1/codes/?class=9", headers=accept)
    assert invalid.status_code == 400
    assert invalid.json()["errors"]["class"]
    past_the_end = client.get("/api/v1/comparisons/?page=99", headers=accept)
    assert past_the_end.status_code == 404
    assert past_the_end.json()["type"].endswith("/problems/no-such-page/")


def test_a_success_that_accept_does_not_allow_is_a_406_problem(client, content):
    """A code is not a problem document: with only application/problem+json acceptable, the answer is the
    problem not-acceptable, which the client does accept."""
    response = client.get("/api/v1/codes/http/404/", headers={"accept": "application/problem+json"})
    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"].endswith("/problems/not-acceptable/")
    etag = client.get("/api/v1/codes/http/404/")["ETag"]
    revalidated = client.get(
        "/api/v1/codes/http/404/", headers={"accept": "application/problem+json", "if-none-match": etag}
    )
    assert revalidated.status_code == 406


def test_an_error_is_a_problem_whatever_accept_says(client, content):
    response = client.get("/api/v1/codes/http/nonexistent/", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_browser_accept_header_gets_json(client, content):
    response = client.get("/api/v1/codes/", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response["Content-Type"] == "application/json"


def test_too_many_requests_is_a_json_429_with_retry_after(client, content, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}}
    for _ in range(3):
        assert client.get("/api/v1/").status_code == 200
    response = client.get("/api/v1/codes/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"


def test_parallel_requests_of_one_client_get_no_more_than_the_rate(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "50/minute"}}
    request = RequestFactory().get("/api/v1/")
    allowed = []

    def client():
        for _ in range(20):
            allowed.append(AnonymousRateThrottle().allow_request(request, None))

    threads = [threading.Thread(target=client) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 50


def test_the_throttle_still_limits_while_the_cache_is_down(client, content, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": redis_cache("redis://127.0.0.1:1/0", timeout=0.2),
    }  # nothing listens
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}}
    statuses = [client.get("/api/v1/", REMOTE_ADDR="198.51.100.30").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_a_client_talking_to_the_server_directly_cannot_pick_its_throttle_bucket(client, content, settings):
    settings.ATLAS_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}}
    statuses = [
        client.get(
            "/api/v1/", headers={"x-forwarded-for": f"10.0.0.{n}"}, REMOTE_ADDR="198.51.100.31"
        ).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_missing_trailing_slash_redirects_to_the_api_not_to_a_page(client, content):
    assert client.get("/api")["Location"] == "/api/"
    response = client.get("/api/v1/codes/http/404")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/codes/http/404/"
    response = client.get("/api/v1/nothing")
    assert client.get(response["Location"]).json()["code"] == "not_found"


def test_unexpected_errors_are_a_json_500_without_traceback(client, content, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("codes.api.views.get_code", broken)
    response = client.get("/api/v1/codes/http/404/")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "secret detail" not in response.content.decode()


def test_cors_allows_reading_from_any_origin(client, content):
    response = client.get("/api/v1/codes/", headers={"origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "etag" in response["Access-Control-Expose-Headers"].lower()
    preflight = client.options(
        "/api/v1/codes/",
        headers={"origin": "https://example.org", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
