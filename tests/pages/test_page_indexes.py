"""Home, the comparison index and its form, the root redirect, robots.txt."""

import pytest
from page_helpers import html_of

from comparisons.models import Comparison

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("id-ID,id;q=0.9,en;q=0.8", "/id/"),
        ("ar", "/ar/"),
        ("pt-BR,pt;q=0.9", "/pt-br/"),
        ("xx", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_to_the_visitors_best_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_unprefixed_page_goes_to_the_visitors_language(client, content):
    response = client.get("/http/202/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 302
    assert response["Location"] == "/id/http/202/"


@pytest.mark.parametrize("lang", ["en", "id", "ar"])
def test_home_has_search_classes_curated_comparisons_and_recent_changes(client, content, lang):
    response = client.get(f"/{lang}/")
    body = html_of(response)
    assert response.status_code == 200
    assert f'action="/{lang}/search/"' in body
    for digit in (2, 4, 5):
        assert f'href="/{lang}/http/{digit}xx/"' in body
    assert f'href="/{lang}/compare/http/202-vs-520/"' in body
    assert "404-vs-451" not in body  # a draft
    assert 'class="updated-list"' in body
    assert f'href="/{lang}/http/404/"' in body  # a common code


@pytest.mark.parametrize("lang", ["en", "id", "ar"])
def test_compare_index_lists_curated_comparisons(client, content, lang):
    response = client.get(f"/{lang}/compare/")
    body = html_of(response)
    assert response.status_code == 200
    assert f'href="/{lang}/compare/http/202-vs-520/"' in body
    assert "404-vs-451" not in body


@pytest.mark.parametrize(
    ("lang", "a", "b"), [("en", "520", "202"), ("id", "202", "520"), ("ar", "404", "451-iis")]
)
def test_compare_form_opens_the_canonical_page_without_javascript(client, content, lang, a, b):
    response = client.get(f"/{lang}/compare/", {"family": "http", "a": a, "b": b})
    pair = "-vs-".join(sorted([a, b], key=lambda slug: (int(slug[:3]), slug)))
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/compare/http/{pair}/"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"a": "404", "b": "404"}, "a code cannot be compared with itself"),
        ({"a": "404", "b": "1000"}, "There is no such code here."),
        ({"a": "404"}, "Pick a code."),
        ({"a": "<script>x</script>", "b": "404"}, "There is no such code here."),
        ({"family": "smtp", "a": "404", "b": "202"}, "There is no such family of codes."),
    ],
)
def test_compare_form_explains_what_is_wrong(client, content, query, message):
    response = client.get("/en/compare/", query)
    body = html_of(response)
    assert response.status_code == 400
    assert message in body
    assert "<script>x" not in body


def test_draft_becomes_visible_when_published(client, content):
    Comparison.objects.get(slug="404-vs-451").publish()
    assert 'href="/en/compare/http/404-vs-451/"' in html_of(client.get("/en/compare/"))


def test_robots_txt_points_to_the_sitemap_and_keeps_search_out(client):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /id/search/" in text
    assert "Disallow: /api/" not in text


def test_pages_refuse_writes(client, content):
    assert client.post("/en/http/404/").status_code == 405
    assert client.post("/en/compare/", {"a": "404", "b": "202"}).status_code == 405
