"""Each endpoint runs a fixed number of queries, whatever the page size or the amount of content."""

import pytest

from foundation.versions import content_changed_at

pytestmark = pytest.mark.django_db

# Queries with a cold response cache (the content version itself is in the cache, as after any save).
EXPECTED = {
    "/api/v1/": 0,
    "/api/v1/languages/": 2,  # one aggregate over codes, one over published comparisons
    "/api/v1/families/": 1,
    "/api/v1/families/http/": 1,
    "/api/v1/codes/": 3,  # count, the page's keys, its rows
    "/api/v1/codes/?page_size=200": 3,
    "/api/v1/codes/?search=5&official=false&class=5": 3,
    "/api/v1/codes/http/451/": 6,  # code, other meanings, comparisons with it, frameworks, names, history
    "/api/v1/comparisons/": 3,  # count, the page's keys, its rows
    "/api/v1/comparisons/?code=520&page_size=200": 3,
    "/api/v1/comparisons/http/202-vs-520/": 2,  # both codes, the curated comparison
    "/api/v1/comparisons/http/404-vs-520/": 2,  # assembled
    "/api/v1/comparisons/http/520-vs-202/": 2,  # redirect
    "/api/v1/export/": 3,  # families, codes, comparisons
}


def in_language(url: str, lang: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}lang={lang}"


@pytest.mark.parametrize("lang", ["en", "id", "all"])
@pytest.mark.parametrize("url", list(EXPECTED))
def test_query_count_with_the_fixture_data(client, content, url, lang, django_assert_num_queries):
    content_changed_at()  # the content version is in the cache, as it is after any save
    with django_assert_num_queries(EXPECTED[url]):
        response = client.get(in_language(url, lang))
    assert response.status_code in (200, 301)


@pytest.mark.parametrize("lang", ["en", "id", "all"])
@pytest.mark.parametrize("url", list(EXPECTED))
def test_query_count_does_not_grow_with_more_content(
    client, more_content, url, lang, django_assert_num_queries
):
    content_changed_at()
    with django_assert_num_queries(EXPECTED[url]):
        response = client.get(in_language(url, lang))
    assert response.status_code in (200, 301)


def test_more_content_really_is_more(client, more_content):
    assert client.get("/api/v1/codes/?page_size=200").json()["count"] == 47
    assert client.get("/api/v1/comparisons/").json()["count"] == 13
    assert len(client.get("/api/v1/export/").json()["codes"]) == 47


@pytest.mark.parametrize("url", list(EXPECTED))
def test_a_cached_answer_runs_no_query(client, more_content, url, django_assert_num_queries):
    client.get(url)
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code in (200, 301)
    # A conditional request is answered before the cache is even read.
    if response.status_code == 200:
        with django_assert_num_queries(0):
            assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_a_cold_content_version_costs_one_query_once(client, content, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/api/v1/")
    with django_assert_num_queries(0):
        client.get("/api/v1/?lang=id")


def test_a_code_links_its_comparisons_without_reading_their_texts(client, content):
    """Regression: a code's detail read every text of every comparison it links to (177 ms at scale)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    content_changed_at()
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/codes/http/202/?lang=all").json()
    assert body["related"]["comparisons"]
    comparison_reads = [q["sql"] for q in queries if 'FROM "comparisons_comparison"' in q["sql"]]
    assert comparison_reads
    for sql in comparison_reads:
        assert '"comparisons_comparison"."summary_en"' not in sql
        assert '"codes_statuscode"."description_en"' not in sql


@pytest.mark.parametrize("lang", ["id", "ar"])
def test_a_list_in_one_language_reads_only_that_language_and_english(client, more_content, lang):
    """Regression: a page of 50 comparisons read and sorted every row with its texts in 12 languages."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    content_changed_at()
    with CaptureQueriesContext(connection) as queries:
        body = client.get(f"/api/v1/comparisons/?lang={lang}&page_size=5&page=2").json()
    assert len(body["results"]) == 5
    keys, rows = [q["sql"] for q in queries if 'FROM "comparisons_comparison"' in q["sql"]][-2:]
    # The page is chosen by its keys alone, then only its rows are read.
    assert "LIMIT 5 OFFSET 5" in keys
    assert "summary_en" not in keys
    assert "LIMIT" not in rows
    suffix = "ind" if lang == "id" else lang
    assert f'"comparisons_comparison"."summary_{suffix}"' in rows
    assert '"comparisons_comparison"."summary_en"' in rows
    assert '"comparisons_comparison"."summary_de"' not in rows
    assert '"codes_statuscode"."description_en"' not in rows


def test_a_list_page_keeps_the_order_of_the_whole_list(client, more_content):
    whole = [c["slug"] for c in client.get("/api/v1/comparisons/?page_size=200").json()["results"]]
    paged = []
    for page in (1, 2, 3):
        paged += [
            c["slug"] for c in client.get(f"/api/v1/comparisons/?page_size=5&page={page}").json()["results"]
        ]
    assert paged == whole[:15]
    assert len(whole) == len(set(whole)) == 13


def test_a_code_list_in_one_language_reads_only_that_language_and_english(client, more_content):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    content_changed_at()
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/codes/?lang=de&page_size=5").json()
    assert len(body["results"]) == 5
    rows = [q["sql"] for q in queries if 'FROM "codes_statuscode"' in q["sql"]][-1]
    assert '"codes_statuscode"."description_de"' in rows
    assert '"codes_statuscode"."description_en"' in rows
    assert '"codes_statuscode"."description_fr"' not in rows
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/codes/?lang=all&page_size=5")
    assert '"codes_statuscode"."description_fr"' in [q["sql"] for q in queries][-1]
