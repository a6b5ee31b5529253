"""The comparison pages: curated, assembled, redirects and refusals."""

import re

import pytest
from page_helpers import html_of, language_of, links, meta_robots

from codes.models import StatusCode
from comparisons.diagram import build_diagram
from comparisons.models import Comparison

pytestmark = pytest.mark.django_db

CURATED = "/{lang}/compare/http/202-vs-520/"


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("id", "ltr"), ("ar", "rtl")])
def test_curated_comparison_answers_in_each_language(client, content, lang, direction):
    response = client.get(CURATED.format(lang=lang))
    body = html_of(response)
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in body
    assert f'href="/{lang}/http/202/"' in body
    assert f'href="/{lang}/http/520/"' in body
    assert "<svg" in body
    assert 'class="facts-table"' in body


def test_curated_comparison_shows_the_editors_texts(client, content):
    body = html_of(client.get("/en/compare/http/202-vs-520/"))
    assert re.search(r"<h1>HTTP 202 Accepted vs 520 Web Server Returned an Unknown Error</h1>", body)
    assert "202 comes from your application; 520 from Cloudflare&#x27;s edge." in body
    assert "<li>520 is an error made by Cloudflare.</li>" in body
    assert "Return 202 for accepted background work; never return 520 yourself." in body
    assert "assembled-note" not in body


def test_indonesian_comparison_uses_indonesian_names_and_marks_english_fallbacks(client, content):
    body = html_of(client.get("/id/compare/http/202-vs-520/"))
    # The code's Indonesian title names it; the official phrases follow underneath.
    assert "<h1>HTTP 202 Diterima vs 520 Web Server Returned an Unknown Error</h1>" in body
    summary = "202 berasal dari aplikasi Anda; 520 dari edge Cloudflare."
    assert summary in body
    assert language_of(body, summary) == "id"
    # The key differences exist only in English: shown, but marked.
    assert language_of(body, "520 is an error made by Cloudflare.") == "en"
    assert meta_robots(body) == ""


def test_reversed_pair_redirects_permanently_to_the_canonical_url(client, content):
    response = client.get("/id/compare/http/520-vs-202/")
    assert response.status_code == 301
    assert response["Location"] == "/id/compare/http/202-vs-520/"


def test_any_other_pair_gets_an_assembled_page_marked_noindex(client, content):
    response = client.get("/en/compare/http/404-vs-520/")
    body = html_of(response)
    assert response.status_code == 200
    assert "assembled-note" in body
    assert meta_robots(body) == "noindex, follow"
    assert links(body, "alternate") == []
    assert (
        "520 Web Server Returned an Unknown Error is not in the IANA registry; "
        "Cloudflare defines it in its documentation." in body
    )
    assert 'href="/en/http/404/"' in body


def test_assembled_page_in_indonesian_is_written_in_indonesian(client, content):
    body = html_of(client.get("/id/compare/http/404-vs-520/"))
    assert "Cloudflare defines it" not in body
    assert "fallback-note" not in body.split('id="meanings"')[0]


def test_a_draft_is_not_shown_its_pair_is_assembled(client, content):
    body = html_of(client.get("/en/compare/http/404-vs-451/"))
    assert "Both say you cannot have the page" not in body
    assert "assembled-note" in body


@pytest.mark.parametrize(
    "pair",
    ["202-vs-202", "202-vs-777", "202-vs", "vs-202", "202-520", "202-vs-520-vs-404", "-vs-", "202-VS-520"],
)
def test_same_code_unknown_code_or_malformed_pair_is_a_styled_404(client, content, pair):
    response = client.get(f"/id/compare/http/{pair}/")
    body = html_of(response)
    assert response.status_code == 404
    assert '<html lang="id" dir="ltr">' in body
    assert 'action="/id/search/"' in body


def test_404_for_the_same_code_twice_suggests_that_code(client, content):
    body = html_of(client.get("/en/compare/http/202-vs-202/"))
    assert 'href="/en/http/202/"' in body


def test_related_comparisons_share_a_code(client, content):
    first, second = StatusCode.objects.get(slug="202"), StatusCode.objects.get(slug="404")
    Comparison.objects.create(
        family=first.family, code_a=first, code_b=second, status="published", summary_en="Both answer."
    )
    body = html_of(client.get("/en/compare/http/202-vs-520/"))
    related = body[body.index('id="related"') :]
    assert 'href="/en/compare/http/202-vs-404/"' in related


def test_diagram_marks_where_each_code_is_produced(client, content):
    body = html_of(client.get("/en/compare/http/202-vs-520/"))
    wide = body[body.index('<svg class="diagram wide"') : body.index("</svg>")]
    assert re.search(r'<g class="node is-a"><rect[^>]*/><text[^>]*>Origin</text>', wide)
    assert re.search(r'<g class="node is-b"><rect[^>]*/><text[^>]*>CDN</text>', wide)
    assert re.search(r'<g class="node"><rect[^>]*/><text[^>]*>Client</text>', wide)
    assert ' style="' not in wide


def test_diagram_numbers_are_not_localised(client, content):
    """Regression: German decimal commas in SVG coordinates broke the drawing."""
    body = html_of(client.get("/de/compare/http/202-vs-520/"))
    svg = body[body.index("<svg") : body.index("</svg>")]
    assert not re.search(r'(x|y|width|height)="[0-9]+,[0-9]', svg)


def test_diagram_runs_right_to_left_in_arabic(content):
    first, second = StatusCode.objects.get(slug="202"), StatusCode.objects.get(slug="520")
    for rtl in (False, True):
        layout = build_diagram(first, second, rtl=rtl).wide
        boxes = {box.key: box for box in layout.boxes}
        assert (boxes["client"].x > boxes["origin"].x) is rtl
        assert all(box.x >= 0 and box.x + box.width <= layout.width for box in layout.boxes)


def test_same_number_pairs_are_told_apart_in_the_diagram(content):
    official, vendor = StatusCode.objects.get(slug="451"), StatusCode.objects.get(slug="451-iis")
    labels = {marker.label for marker in build_diagram(official, vendor).wide.markers}
    assert labels == {"451", "451-iis"}


def test_a_diagram_kept_for_one_pair_serves_another_with_its_own_markers(client, content):
    """The drawing around the markers is kept per language and marked boxes; the markers are the pair's."""
    from django.core.cache import caches

    def diagrams(path):
        body = html_of(client.get(path))
        return re.findall(r'<svg class="diagram.*?</svg>', body, re.S)

    def forget_everything():
        caches["default"].clear()
        caches["fragments"].clear()

    forget_everything()
    first = diagrams("/en/compare/http/202-vs-520/")
    caches["default"].clear()  # the page, not the drawing
    second = diagrams("/en/compare/http/404-vs-520/")
    caches["default"].clear()
    both_at_origin = diagrams("/en/compare/http/202-vs-404/")
    forget_everything()
    assert diagrams("/en/compare/http/404-vs-520/") == second
    forget_everything()
    assert diagrams("/en/compare/http/202-vs-404/") == both_at_origin
    assert both_at_origin[0].split('<g class="marker')[0] != first[0].split('<g class="marker')[0]
    forget_everything()
    assert diagrams("/en/compare/http/202-vs-520/") == first
    assert ">202</text>" in first[0]
    assert ">202</text>" not in second[0]
    assert ">404</text>" in second[0]
    assert ">404</text>" not in first[0]
    assert first[0].split('<g class="marker')[0] == second[0].split('<g class="marker')[0]
