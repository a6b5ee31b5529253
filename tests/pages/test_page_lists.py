"""Long lists of comparisons come in pages: the comparison index and the class pages."""

import re

import pytest
from django.conf import settings
from django.utils import translation
from page_helpers import html_of, links
from test_page_queries import add_many_codes_and_comparisons

from codes.models import StatusCode
from comparisons.models import Comparison
from comparisons.presenters import comparison_links, comparison_rows
from comparisons.selectors import involving_as_titles, list_published

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
PER_PAGE = 10


@pytest.fixture
def many(content, monkeypatch):
    add_many_codes_and_comparisons()
    monkeypatch.setattr("foundation.pagination.COMPARISONS_PER_PAGE", PER_PAGE)
    return Comparison.objects.filter(status="published").count()


def pair_links(body: str) -> list[str]:
    return re.findall(r'<h3><a href="(/[a-z-]+/compare/http/[^"]+)"', body)


def test_the_comparison_index_lists_every_published_comparison_once_across_its_pages(client, many):
    seen, path, pages = [], "/en/compare/", 0
    while path:
        body = html_of(client.get(path))
        pages += 1
        on_page = pair_links(body)
        assert 1 <= len(on_page) <= PER_PAGE
        seen += on_page
        assert f"{many} curated comparisons" in body
        following = re.search(r'<a class="next" rel="next" href="([^"]+)"', body)
        path = f"/en/compare/{following.group(1)}" if following else None
    assert pages == -(-many // PER_PAGE)
    assert len(seen) == len(set(seen)) == many


def test_a_later_page_is_a_page_of_its_own_in_every_language(client, many):
    body = html_of(client.get("/id/compare/?page=2"))
    assert dict(links(body, "canonical"))[""] == f"{BASE}/id/compare/?page=2"
    alternates = dict(links(body, "alternate"))
    assert alternates["en"] == f"{BASE}/en/compare/?page=2"
    assert alternates["x-default"] == f"{BASE}/compare/?page=2"
    assert 'rel="prev" href="/id/compare/"' in body
    assert "Halaman 2 dari 4" in body


def test_the_first_page_has_one_address(client, many):
    for path in ("/en/compare/", "/en/compare/?page=1"):
        body = html_of(client.get(path))
        assert dict(links(body, "canonical"))[""] == f"{BASE}/en/compare/"
        assert 'rel="prev"' not in body


@pytest.mark.parametrize("page", ["0", "5", "-1", "two", "1.5", "9" * 40])
def test_a_page_that_does_not_exist_is_a_localized_not_found(client, many, page):
    response = client.get(f"/id/compare/?page={page}")
    assert response.status_code == 404
    assert '<html lang="id"' in html_of(response)


def test_a_class_page_lists_its_comparisons_in_pages(client, many):
    first = html_of(client.get("/en/http/2xx/"))
    second = html_of(client.get("/en/http/2xx/?page=2"))
    assert pair_links(first)
    assert pair_links(second)
    assert not set(pair_links(first)) & set(pair_links(second))
    assert dict(links(second, "canonical"))[""] == f"{BASE}/en/http/2xx/?page=2"


def test_a_short_list_shows_no_page_links(client, content):
    body = html_of(client.get("/en/compare/"))
    assert "list-pages" not in body
    assert client.get("/en/compare/?page=2").status_code == 404


@pytest.mark.parametrize("lang", [code for code, _name in settings.LANGUAGES])
def test_a_code_pages_links_are_titled_as_the_comparison_cards_title_them(many, lang):
    """The code page reads plain rows (involving_as_titles); its links must say what the cards say."""
    Comparison.objects.filter(slug="202-vs-520").update(title_tr="Özel başlık", title_ind="   ")
    StatusCode.objects.filter(slug="520").update(title_ru="   ", title_de="Unbekannter Fehler")
    StatusCode.objects.filter(slug="202").update(title_en="Accepted for later")
    compared = 0
    with translation.override(lang):
        for code in StatusCode.objects.all():
            cards = comparison_rows(list_published(language=lang).involving(code))
            links = comparison_links(involving_as_titles(code=code, language=lang))
            assert [(link.url, link.title) for link in links] == [(row.url, row.title) for row in cards]
            compared += len(links)
    assert compared >= 2 * many  # every comparison seen from both of its codes


def test_a_code_page_links_every_comparison_of_its_code(client, many):
    code = max(StatusCode.objects.all(), key=lambda c: Comparison.objects.published().involving(c).count())
    expected = Comparison.objects.published().involving(code)
    body = html_of(client.get(f"/id/http/{code.slug}/"))
    shown = set(re.findall(r'<li><a href="(/id/compare/http/[^"]+)/"', body))
    assert shown == {f"/id/compare/http/{c.slug}" for c in expected}
    assert len(shown) > 3
