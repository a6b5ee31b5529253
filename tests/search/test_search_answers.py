"""The search page and /api/v1/search/: what they show, their errors and their query counts."""

import pytest
from django.db import connection
from django.utils import timezone, translation

from foundation.versions import content_changed_at, mark_content_changed
from search.highlight import highlight
from search.index import forget_built

pytestmark = pytest.mark.django_db


def test_indonesian_page_puts_the_code_named_so_first_with_its_words_marked(client, site_content):
    body = client.get("/id/search/", {"q": "tidak ditemukan"}).content.decode()
    results = body.split('<ul class="code-list">', 1)[1]
    assert results.index('href="/id/http/404/"') < results.index('href="/id/http/', results.index("</li>"))
    assert "<mark>Tidak</mark> <mark>Ditemukan</mark>" in results


def test_a_former_name_leads_to_its_code(client, site_content):
    body = client.get("/en/search/", {"q": "Payload Too Large"}).content.decode()
    results = body.split('<ul class="code-list">', 1)[1]
    assert results.split("</li>")[0].count('href="/en/http/413/"') == 1


def test_nothing_matched_says_so_and_offers_the_closest_names(client, site_content):
    body = client.get("/fr/search/", {"q": "qqqqzz"}).content.decode()
    assert "Aucun résultat pour cette recherche." in body
    assert '<ul class="code-list closest">' in body


def test_highlighting_escapes_the_text_it_marks():
    assert (
        str(highlight("<b>found</b> & gone", {"found"})) == "&lt;b&gt;<mark>found</mark>&lt;/b&gt; &amp; gone"
    )


def test_api_answers_in_the_asked_language_with_the_pair_first(client, site_content):
    answer = client.get("/api/v1/search/", {"q": "502 oder 504", "lang": "de"}).json()
    assert answer["language"] == "de"
    assert [hit["slug"] for hit in answer["results"][:3]] == ["502-vs-504", "502", "504"]
    assert answer["results"][0]["kind"] == "comparison"


def test_api_refuses_a_missing_or_overlong_query_with_a_message(client, site_content):
    for query in ({}, {"q": "x" * 201}):
        response = client.get("/api/v1/search/", query)
        assert response.status_code == 400
        assert "q" in response.json()["errors"]


def test_api_search_is_in_the_schema(client):
    assert "/api/v1/search/" in client.get("/api/schema/").content.decode()


@pytest.fixture
def new_worker():
    forget_built()


def test_search_reads_the_index_once_then_no_more(
    client, site_content, new_worker, django_assert_num_queries
):
    content_changed_at()
    with django_assert_num_queries(2):  # the codes' marks, the codes (Korean has no stemmer)
        assert client.get("/api/v1/search/", {"q": "timeout", "lang": "ko"}).status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/api/v1/search/", {"q": "gateway", "lang": "ko"}).status_code == 200
        assert client.get("/ko/search/", {"q": "gatway"}).status_code == 200


def test_turkish_dotted_capital_i_finds_the_lowercase_name(site_content):
    from search.service import find

    with translation.override("tr"):
        assert find("ÇOK FAZLA İSTEK", language="tr").hits[0].slug == "429"


def test_a_language_with_a_stemmer_stems_its_words_once_on_postgresql(
    client, site_content, new_worker, django_assert_num_queries
):
    content_changed_at()
    stemmed = connection.vendor == "postgresql"
    with django_assert_num_queries(2 + stemmed):  # the codes' marks, the codes, the stems of their words
        assert client.get("/api/v1/search/", {"q": "anfragen", "lang": "de"}).status_code == 200
    with django_assert_num_queries(0):  # words of the index: stemmed already
        assert client.get("/api/v1/search/", {"q": "zu viele anfragen", "lang": "de"}).status_code == 200


def test_a_pair_reads_its_curated_comparison(client, site_content, django_assert_num_queries):
    client.get("/api/v1/search/", {"q": "404", "lang": "ja"})
    with django_assert_num_queries(1):
        answer = client.get("/api/v1/search/", {"q": "401 或 403", "lang": "ja"}).json()
    assert answer["results"][0]["kind"] == "comparison"


def test_a_save_that_changes_no_code_costs_one_small_query_for_every_language(
    client, site_content, new_worker, django_capture_on_commit_callbacks, django_assert_num_queries
):
    for language in ("en", "ja"):
        client.get("/api/v1/search/", {"q": "gateway", "lang": language})
    with django_capture_on_commit_callbacks(execute=True):
        mark_content_changed()
    with django_assert_num_queries(1):  # the codes' marks: no code changed, no code read again
        answer = client.get("/api/v1/search/", {"q": "bad gateway", "lang": "en"}).json()
    assert answer["results"][0]["slug"] == "502"
    with django_assert_num_queries(0):
        assert client.get("/ja/search/", {"q": "gateway"}).status_code == 200


def test_a_code_added_or_deleted_shows_in_search_after_the_save(
    site_content, django_capture_on_commit_callbacks
):
    from codes.models import StatusCode
    from search.service import find

    assert find("gatway timeout", language="en").hits[0].slug == "504"
    teapot = StatusCode.objects.get(slug="418")
    with django_capture_on_commit_callbacks(execute=True):
        teapot.delete()
    assert all(hit.slug != "418" for hit in find("teapot", language="en").hits)
    with django_capture_on_commit_callbacks(execute=True):
        teapot.pk = None
        teapot.save()
    assert find("teapot", language="en").hits[0].slug == "418"


def test_after_a_save_that_changes_no_code_search_still_finds_then_sees_a_renamed_code(
    site_content, django_capture_on_commit_callbacks
):
    from codes.models import StatusCode
    from search.service import find

    find("gateway", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        mark_content_changed(["comparison:elsewhere"])
    assert find("gatway timeout", language="en").hits[0].slug == "504"
    assert find("unprocesable", language="en").hits[0].slug == "422"
    with django_capture_on_commit_callbacks(execute=True):
        StatusCode.objects.filter(slug="418").update(title_en="Kettle Refusal", updated_at=timezone.now())
        mark_content_changed()
    assert find("kettle refusal", language="en").hits[0].slug == "418"


def test_a_query_asked_again_lists_its_results_in_the_language_of_each_page(client, site_content):
    pages = [(language, client.get(f"/{language}/search/", {"q": "401 vs 403"})) for language in ("en", "id")]
    pages.append(("en", client.get("/en/search/", {"q": "401 vs 403"})))
    for language, response in pages:
        results = response.content.decode().split('<ul class="code-list">', 1)[1]
        with translation.override(language):
            written = translation.gettext("Comparison written by our editors")
        assert f'href="/{language}/compare/http/401-vs-403/"' in results
        assert written in results
    assert pages[0][1].content == pages[2][1].content
