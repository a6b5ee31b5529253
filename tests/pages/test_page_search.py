"""Search: numbers, names, former names, the texts of the current language, and hostile input."""

import re

import pytest
from django.utils import timezone
from page_helpers import html_of, meta_robots

from codes.models import StatusCode
from foundation.versions import mark_content_changed

pytestmark = pytest.mark.django_db


def slugs_found(body: str, lang: str = "en") -> list[str]:
    results = body.split('<ul class="code-list">', 1)
    if len(results) == 1:
        return []
    return re.findall(rf'<a href="/{lang}/http/([^/]+)/">', results[1].split("</ul>")[0])


def test_search_by_number_finds_every_meaning(client, content):
    assert slugs_found(html_of(client.get("/en/search/", {"q": "451"})))[:2] == ["451", "451-iis"]


def test_search_by_phrase_and_former_name(client, content, django_capture_on_commit_callbacks):
    assert slugs_found(html_of(client.get("/en/search/", {"q": "not found"})))[0] == "404"
    with django_capture_on_commit_callbacks(execute=True):
        # As every writer does (the admin, load_content): the row's change stamp moves with its text.
        StatusCode.objects.filter(slug="404").update(
            former_names=["Page Not There"], updated_at=timezone.now()
        )
        mark_content_changed()
    body = html_of(client.get("/en/search/", {"q": "not there"}))
    # 404 by its former name, ahead of any entry that holds only some of the words.
    assert slugs_found(body)[0] == "404"
    assert 'Former names: <bdi lang="en">Page <mark>Not</mark> <mark>There</mark></bdi>' in body


def test_search_reads_the_texts_of_the_current_language(client, content):
    assert slugs_found(html_of(client.get("/id/search/", {"q": "asinkron"})), "id") == ["202"]
    assert slugs_found(html_of(client.get("/en/search/", {"q": "asinkron"}))) == []


def test_search_for_two_numbers_offers_their_comparison(client, content):
    body = html_of(client.get("/en/search/", {"q": "520 vs 202"}))
    assert 'href="/en/compare/http/202-vs-520/"' in body


def test_empty_search_answers_with_a_hint(client, content):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert slugs_found(html_of(response)) == []
    assert meta_robots(html_of(response)) == "noindex, follow"


def test_huge_search_is_shortened_and_says_so(client, content):
    response = client.get("/en/search/", {"q": "found " * 5000})
    assert response.status_code == 200
    assert "only its first 200 characters were used" in html_of(response)


@pytest.mark.parametrize(
    "query",
    [
        "\x00",
        "404\x00",
        "\u202e404",
        "\ufeff",
        "👍🏽 404",
        "ẞ ǅ ﬁ",
        "e\u0301\u0301\u0301",
        "\U0010ffff",
        "' OR 1=1 --",
        "404'; DROP TABLE codes_statuscode; --",
        "%",
        "_",
        "\\",
        '"><script>alert(1)</script>',
        "{{ 7*7 }}",
        "${jndi:ldap://x}",
    ],
)
def test_odd_and_hostile_queries_answer_cleanly(client, content, query):
    response = client.get("/en/search/", {"q": query})
    body = html_of(response)
    assert response.status_code == 200
    assert "<script>alert" not in body


def test_the_query_is_echoed_as_text(client, content):
    body = html_of(client.get("/en/search/", {"q": "{{ 7*7 }} <b>bold</b>"}))
    assert "Search results for “{{ 7*7 }} &lt;b&gt;bold&lt;/b&gt;”" in body


def test_undecodable_query_bytes_answer_cleanly(client, content):
    response = client.get("/en/search/?q=%ED%A0%80%FF%FE")
    assert response.status_code == 200


def test_full_width_digits_find_the_code(client, content):
    assert slugs_found(html_of(client.get("/en/search/", {"q": "４０４"}))) == ["404"]


def test_wildcards_match_literally(client, content):
    assert slugs_found(html_of(client.get("/en/search/", {"q": "%"}))) == []
