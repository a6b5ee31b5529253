"""Markup rules every page keeps: no inline script or style (a strict CSP works), nothing from another host,
a skip link and one main landmark."""

import re

import pytest
from page_helpers import html_of

pytestmark = pytest.mark.django_db

PAGES = [
    "/en/",
    "/id/http/",
    "/ar/http/5xx/",
    "/en/http/202/",
    "/ar/http/520/",
    "/en/compare/",
    "/id/compare/http/202-vs-520/",
    "/ar/compare/http/404-vs-520/",
    "/en/search/?q=found",
    "/en/compare/?a=404&b=404",
    "/id/http/nope/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_csp_friendly_and_self_contained(client, content, path):
    body = html_of(client.get(path))
    assert " style=" not in body
    assert not re.search(r"\son[a-z]+=", body)
    scripts = re.findall(r"<script[^>]*>", body)
    # Structured data, and scripts of this site's own static files (script-src 'self'): nothing inline runs.
    assert all(
        tag == '<script type="application/ld+json">'
        or re.fullmatch(r'<script src="/static/[^"]+\.js" defer>', tag)
        for tag in scripts
    ), scripts
    resources = re.findall(
        r'<(?:script|img)[^>]+src="([^"]+)"|<link rel="(?:stylesheet|icon)" href="([^"]+)"', body
    )
    assert resources
    assert all(url.startswith("/static/") for pair in resources for url in pair if url), resources
    assert not re.search(r'<link rel="stylesheet" href="(?!/static/)', body)


@pytest.mark.parametrize("path", PAGES)
def test_page_has_a_skip_link_and_one_main_landmark(client, content, path):
    body = html_of(client.get(path))
    assert '<a class="skip-link" href="#main">' in body
    assert body.count("<main ") == 1
    assert '<main id="main"' in body
    assert body.count("<h1") == 1


def test_editorial_html_is_sanitised(client, content):
    from codes.models import StatusCode

    StatusCode.objects.filter(slug="404").update(
        description_en='<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="alert(1)">'
    )
    body = html_of(client.get("/en/http/404/"))
    assert "<script>alert" not in body
    assert 'href="javascript:' not in body
    assert "<img src=x" not in body


def test_header_and_footer_follow_the_page_whatever_was_shown_before(client, content):
    """Each worker keeps the header and footer per language and kind of page: they must not leak."""
    current = re.compile(r'<a href="([^"]+)" aria-current="page">')
    for path, marked in [
        ("/en/http/", "/en/http/"),
        ("/en/http/404/", None),
        ("/en/compare/", "/en/compare/"),
        ("/en/http/4xx/", None),
        ("/id/http/", "/id/http/"),
        ("/en/http/", "/en/http/"),
        ("/en/search/?q=gateway", None),
    ]:
        body = client.get(path).content.decode()
        header = body.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        footer = body.split('<footer class="site-footer">', 1)[1]
        assert current.findall(header) == ([marked] if marked else [])
        language = path.split("/")[1]
        assert f'action="/{language}/search/"' in header
        assert f'<a href="/{language}/compare/">' in footer
    assert 'value="gateway"' in header
    assert "Semua kode status" in client.get("/id/").content.decode().split('<footer class="site-footer">')[1]
