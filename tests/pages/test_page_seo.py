"""The SEO contract: canonical, hreflang with x-default, noindex, sitemap, structured data."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.core.cache import cache
from page_helpers import html_of, json_ld, links, meta_robots

from codes.models import StatusCode
from config.sitemaps import CodeSitemap

pytestmark = pytest.mark.django_db

ALL = {code for code, _name in settings.LANGUAGES}
BASE = "http://testserver"


def hreflang_of(body: str) -> dict[str, str]:
    return dict(links(body, "alternate"))


@pytest.mark.parametrize(
    ("path", "languages"),
    [
        ("http/202/", {"en", "id"}),
        ("http/404/", {"en", "de"}),
        ("compare/http/202-vs-520/", {"en", "id", "de"}),
        ("", ALL),
        ("http/", ALL),
        ("http/5xx/", ALL),
        ("compare/", ALL),
    ],
)
def test_hreflang_lists_the_languages_with_texts_and_every_alternate_answers_in_kind(
    client, content, path, languages
):
    for lang in languages:
        body = html_of(client.get(f"/{lang}/{path}"))
        alternates = hreflang_of(body)
        assert set(alternates) == languages | {"x-default"}, lang
        assert {code: url for code, url in alternates.items() if code != "x-default"} == {
            code: f"{BASE}/{code}/{path}" for code in languages
        }
        assert alternates["x-default"] == f"{BASE}/{path}"
        assert links(body, "canonical") == [("", f"{BASE}/{lang}/{path}")]
        assert meta_robots(body) == ""


@pytest.mark.parametrize("path", ["/es/http/202/", "/ar/compare/http/202-vs-520/"])
def test_page_whose_main_texts_all_fall_back_is_noindex_but_points_to_its_translations(client, content, path):
    body = html_of(client.get(path))
    assert meta_robots(body) == "noindex, follow"
    assert links(body, "canonical") == [("", BASE + path)]
    assert "es" not in hreflang_of(body)
    assert "ar" not in hreflang_of(body)
    assert "en" in hreflang_of(body)


def test_x_default_sends_visitors_to_their_language(client, content):
    response = client.get("/compare/http/202-vs-520/", HTTP_ACCEPT_LANGUAGE="id")
    assert response["Location"] == "/id/compare/http/202-vs-520/"


def test_language_switcher_leads_to_the_same_page_in_every_language(client, content):
    body = html_of(client.get("/id/http/202/"))
    switcher = body[body.index('<details class="lang-switch">') : body.index("</details>")]
    targets = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', switcher)
    assert sorted(targets) == sorted((f"/{code}/http/202/", code) for code in ALL)
    assert '<a href="/id/http/202/" hreflang="id" aria-current="true">' in switcher
    # Ten languages have no text of their own yet: the switcher says so.
    assert switcher.count('class="lang-note"') == 10


def test_title_description_and_open_graph_follow_the_language(client, content):
    body = html_of(client.get("/id/http/202/"))
    summary = "Server menerima request untuk diproses, tetapi prosesnya belum selesai."
    assert f'<meta name="description" content="{summary}">' in body
    assert f'<meta property="og:description" content="{summary}">' in body
    assert '<meta property="og:url" content="http://testserver/id/http/202/">' in body
    assert '<meta property="og:locale" content="id">' in body
    assert re.search(r"<title>[^<]*HTTP 202 Accepted[^<]*Diterima[^<]*· HTTP Status Atlas</title>", body)


def test_structured_data_describes_the_page_and_its_breadcrumbs(client, content):
    data = json_ld(html_of(client.get("/en/compare/http/202-vs-520/")))
    graph = {item["@type"]: item for item in data["@graph"]}
    assert graph["TechArticle"]["inLanguage"] == "en"
    assert [term["termCode"] for term in graph["TechArticle"]["about"]] == ["202", "520"]
    crumbs = [item["item"] for item in graph["BreadcrumbList"]["itemListElement"]]
    assert crumbs == [f"{BASE}/en/", f"{BASE}/en/compare/", f"{BASE}/en/compare/http/202-vs-520/"]


def test_breadcrumbs_are_a_navigation_landmark(client, content):
    body = html_of(client.get("/en/http/520/"))
    crumbs = body[
        body.index('<nav class="breadcrumbs') : body.index("</nav>", body.index('<nav class="breadcrumbs'))
    ]
    assert re.findall(r'href="([^"]+)"', crumbs) == ["/en/", "/en/http/", "/en/http/5xx/"]
    assert '<span aria-current="page">520</span>' in crumbs


# --- Sitemap --------------------------------------------------------------------------------------

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_files(client, path: str = "/sitemap.xml") -> list[str]:
    """The files the sitemap index lists, as paths."""
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    return [loc.text.removeprefix(BASE) for loc in root.findall("s:sitemap/s:loc", NS)]


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    """Every URL of every file of the sitemap, with its alternates."""
    entries = {}
    for path in sitemap_files(client):
        response = client.get(path)
        assert response.status_code == 200
        for url in ET.fromstring(response.content).findall("s:url", NS):
            loc = url.find("s:loc", NS).text
            assert loc not in entries, f"{loc} listed twice"
            entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
    return entries


def test_sitemap_lists_codes_and_published_comparisons_in_their_languages(client, content):
    entries = sitemap_entries(client)
    assert set(entries[f"{BASE}/en/http/202/"]) == {"en", "id", "x-default"}
    assert f"{BASE}/id/http/202/" in entries
    assert f"{BASE}/de/http/202/" not in entries
    assert set(entries[f"{BASE}/de/compare/http/202-vs-520/"]) == {"en", "id", "de", "x-default"}
    assert entries[f"{BASE}/en/http/404/"]["x-default"] == f"{BASE}/http/404/"
    assert f"{BASE}/ar/" in entries
    assert not [url for url in entries if "404-vs-451" in url or "404-vs-520" in url]


def test_sitemap_and_pages_agree_on_the_alternates(client, content):
    entries = sitemap_entries(client)
    for url, alternates in entries.items():
        if "/http/" not in url and "/compare/http/" not in url:
            continue
        page = html_of(client.get(url.removeprefix(BASE)))
        assert hreflang_of(page) == alternates, url


def test_sitemap_splits_a_long_section_into_files_that_together_list_every_url(client, content, monkeypatch):
    whole = sitemap_entries(client)
    monkeypatch.setattr(CodeSitemap, "limit", 3)
    cache.clear()
    files = sitemap_files(client)
    code_files = [path for path in files if path.startswith("/sitemap-codes.xml")]
    assert len(code_files) > 2
    assert "/sitemap-codes.xml?p=2" in code_files
    for path in code_files:
        urls = ET.fromstring(client.get(path).content).findall("s:url", NS)
        assert 1 <= len(urls) <= 3
    assert sitemap_entries(client) == whole


def test_sitemap_is_one_document_whatever_the_visitors_language(client, content, django_assert_num_queries):
    english = client.get("/sitemap-codes.xml", HTTP_ACCEPT_LANGUAGE="en")
    with django_assert_num_queries(0):
        arabic = client.get("/sitemap-codes.xml", HTTP_ACCEPT_LANGUAGE="ar")
    assert arabic.content == english.content
    assert arabic["ETag"] == english["ETag"]


@pytest.mark.parametrize(
    "path", ["/sitemap-nothing.xml", "/sitemap-codes.xml?p=99", "/sitemap-codes.xml?p=x"]
)
def test_sitemap_files_that_do_not_exist_are_not_found(client, content, path):
    assert client.get(path).status_code == 404


def test_sitemap_lists_a_language_only_where_a_main_text_has_more_than_spaces(client, content):
    StatusCode.objects.filter(slug="202").update(summary_de="   ", title_fr="Accepté")
    entries = sitemap_entries(client)
    assert f"{BASE}/de/http/202/" not in entries
    assert f"{BASE}/fr/http/202/" in entries


@pytest.mark.parametrize(
    ("url_name", "kwargs"),
    [
        ("front:home", None),
        ("front:search", None),
        ("front:class", {"family": "http", "digit": 5}),
        ("codes:family", {"family": "http"}),
        ("codes:detail", {"family": "http", "slug": "451-iis"}),
        ("comparisons:index", None),
        ("comparisons:detail", {"family": "http", "pair": "202-vs-520"}),
        ("guide:start", None),
        ("guide:step", {"slug": "access"}),
    ],
)
@pytest.mark.parametrize("current", ["en", "pt-br", "zh-hans", "ar"])
def test_a_page_has_in_each_language_the_address_that_language_reverses_to(url_name, kwargs, current):
    from django.urls import reverse
    from django.utils import translation

    from foundation.seo import paths_in_every_language

    expected = {}
    for code in ALL:
        with translation.override(code):
            expected[code] = reverse(url_name, kwargs=kwargs)
    with translation.override(current):
        assert paths_in_every_language(url_name, kwargs) == expected
