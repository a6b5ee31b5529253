"""A save renews only what shows what was saved: other pages and API answers stay cached in every language."""

import gzip

import pytest
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from codes.models import Family, StatusCode
from foundation import versions
from foundation.caching import cached_page
from foundation.languages import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

PAIR = "compare/http/502-vs-504/"


@pytest.fixture(autouse=True)
def no_clock_margin(monkeypatch):
    """The data set is saved a moment before the first page is built; with the margin for clocks that
    differ across workers, pages built within a second of that save count as possibly stale and would be
    built once more whatever a later save stamps. These tests are about what a save stamps."""
    monkeypatch.setattr(versions, "CLOCK_MARGIN", 0.0)


@pytest.fixture
def gateways(content):
    """502 and 504 (the test data set has neither), saved as an editor would."""
    http = Family.objects.get(slug="http")
    for number, phrase in ((502, "Bad Gateway"), (504, "Gateway Timeout")):
        StatusCode(family=http, number=number, slug=str(number), phrase=phrase, title=phrase).save()


def queries_to_answer(client, path: str, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    assert response.status_code == 200
    return len(queries), response


def save(slug: str, django_capture_on_commit_callbacks) -> None:
    code = StatusCode.objects.get(family__slug="http", slug=slug)
    code.summary_en = f"{code.summary_en} Edited."
    with django_capture_on_commit_callbacks(execute=True):
        code.save()


def test_a_save_of_404_leaves_502_vs_504_cached_in_every_language(
    client, gateways, django_capture_on_commit_callbacks
):
    before = {lang: client.get(f"/{lang}/{PAIR}").content for lang in LANGUAGE_CODES}
    save("404", django_capture_on_commit_callbacks)
    for lang in LANGUAGE_CODES:
        queries, response = queries_to_answer(client, f"/{lang}/{PAIR}")
        assert queries == 0, lang
        assert response.content == before[lang]


def test_a_save_of_502_renews_502_vs_504_in_every_language(
    client, gateways, django_capture_on_commit_callbacks
):
    for lang in LANGUAGE_CODES:
        client.get(f"/{lang}/{PAIR}")
    save("502", django_capture_on_commit_callbacks)
    for lang in LANGUAGE_CODES:
        queries, _response = queries_to_answer(client, f"/{lang}/{PAIR}")
        assert queries > 0, lang
    assert "Edited." in client.get(f"/en/{PAIR}").content.decode()


def test_a_save_of_a_code_leaves_another_codes_page_and_api_answer_with_their_etags(
    client, gateways, django_capture_on_commit_callbacks
):
    page, answer = client.get("/de/http/504/"), client.get("/api/v1/codes/http/504/")
    changed_page, changed_answer = client.get("/de/http/404/"), client.get("/api/v1/codes/http/404/")
    save("404", django_capture_on_commit_callbacks)
    assert client.get("/de/http/504/", HTTP_IF_NONE_MATCH=page["ETag"]).status_code == 304
    assert client.get("/api/v1/codes/http/504/", HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 304
    assert client.get("/de/http/404/", HTTP_IF_NONE_MATCH=changed_page["ETag"]).status_code == 200
    assert client.get("/api/v1/codes/http/404/", HTTP_IF_NONE_MATCH=changed_answer["ETag"]).status_code == 200


def test_a_new_code_appears_in_lists_and_in_the_compare_form(
    client, content, django_capture_on_commit_callbacks
):
    before = client.get("/en/http/").content.decode()
    assert "Bad Gateway" not in before
    http = Family.objects.get(slug="http")
    with django_capture_on_commit_callbacks(execute=True):
        StatusCode(family=http, number=502, slug="502", phrase="Bad Gateway", title="Bad Gateway").save()
    assert "Bad Gateway" in client.get("/en/http/").content.decode()
    assert "502 Bad Gateway" in client.get("/en/compare/http/202-vs-520/").content.decode()


def test_pages_go_out_compressed_with_their_own_etag_and_vary(client, content):
    plain = client.get("/en/http/404/")
    compressed = client.get("/en/http/404/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert compressed["ETag"] != plain["ETag"]
    assert "Accept-Encoding" in plain["Vary"]
    assert "Accept-Encoding" in compressed["Vary"]
    revalidated = client.get(
        "/en/http/404/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"]
    )
    assert revalidated.status_code == 304
    assert revalidated["ETag"] == compressed["ETag"]
    # The uncompressed copy's validator does not stand for the compressed one.
    assert (
        client.get("/en/http/404/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=plain["ETag"]).status_code
        == 200
    )


def _long_page(request, touch):
    touch(request)
    return HttpResponse("<p>" + "The same words again. " * 200 + "</p>")


@pytest.mark.parametrize(
    "touch",
    [get_token, lambda request: request.session.__setitem__("seen", True)],
    ids=["csrf token", "session"],
)
def test_a_page_with_a_csrf_token_or_a_session_is_neither_compressed_nor_stored(touch, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    built = []
    view = cached_page(lambda request: built.append(request) or _long_page(request, touch))
    from django.contrib.sessions.middleware import SessionMiddleware

    for _ in range(2):
        request = RequestFactory().get("/en/private/", HTTP_ACCEPT_ENCODING="gzip")
        SessionMiddleware(lambda request: None).process_request(request)
        response = view(request)
        if touch is not get_token:
            SessionMiddleware(lambda request: None).process_response(request, response)
        assert not response.has_header("Content-Encoding")
    # Not stored: the second request was built again (this holds with Redis as with local memory).
    assert len(built) == 2


def test_an_api_revalidation_does_not_count_against_the_rate_limit(client, content, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}}
    etag = client.get("/api/v1/codes/http/404/")["ETag"]
    for _ in range(5):
        assert client.get("/api/v1/codes/http/404/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert [client.get("/api/v1/codes/http/404/").status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.parametrize("path", ["/api/v1/codes/http/600/", "/api/v1/comparisons/http/202-vs-600/"])
def test_a_missing_resource_answers_404_whatever_if_none_match_says(client, content, path):
    assert client.get(path, HTTP_IF_NONE_MATCH="*").status_code == 404
    assert client.get(path, HTTP_IF_NONE_MATCH='"0123456789abcdef0123456789abcdef"').status_code == 404


def save_comparison(django_capture_on_commit_callbacks, **texts) -> None:
    from comparisons.models import Comparison

    comparison = Comparison.objects.get(slug="202-vs-520")
    for name, value in texts.items():
        setattr(comparison, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        comparison.save()


def test_a_comparisons_summary_leaves_the_pages_of_its_codes_cached_and_renews_where_it_is_shown(
    client, content, django_capture_on_commit_callbacks
):
    for path in ("/en/http/202/", "/de/http/520/", "/en/compare/http/202-vs-404/"):
        client.get(path)
    save_comparison(django_capture_on_commit_callbacks, summary_en="A summary edited today.")
    assert queries_to_answer(client, "/en/http/202/")[0] == 0
    assert queries_to_answer(client, "/de/http/520/")[0] == 0
    # The assembled page of 202 and 404 shows 202-vs-520 among its related comparisons, with its summary.
    queries, response = queries_to_answer(client, "/en/compare/http/202-vs-404/")
    assert queries > 0
    assert "A summary edited today." in response.content.decode()


def test_a_comparisons_title_renews_the_pages_of_its_codes_that_link_it(
    client, content, django_capture_on_commit_callbacks
):
    client.get("/en/http/202/")
    save_comparison(django_capture_on_commit_callbacks, title_en="Accepted or an edge failure")
    queries, response = queries_to_answer(client, "/en/http/202/")
    assert queries > 0
    assert "Accepted or an edge failure" in response.content.decode()
