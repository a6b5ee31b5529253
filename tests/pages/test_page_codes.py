"""The code pages: one code, its class, the family index."""

import re

import pytest
from page_helpers import html_of, language_of, meta_robots

from codes.models import StatusCode

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("id", "ltr"), ("ar", "rtl")])
def test_code_page_answers_in_each_language(client, content, lang, direction):
    response = client.get(f"/{lang}/http/202/")
    body = html_of(response)
    assert response.status_code == 200
    assert response["Content-Language"] == lang
    assert f'<html lang="{lang}" dir="{direction}">' in body
    assert re.search(r"<h1>\W*HTTP 202 Accepted\W*</h1>", body)
    assert 'href="https://www.rfc-editor.org/rfc/rfc9110.html#section-15.3.3"' in body
    assert "HTTP/1.1 202 Accepted\nLocation: /jobs/42" in body


def test_indonesian_code_page_shows_the_indonesian_texts_unmarked(client, content):
    body = html_of(client.get("/id/http/202/"))
    assert '<p class="local-title">Diterima</p>' in body
    assert "Request <strong>diterima</strong>; pekerjaannya berjalan belakangan." in body
    assert language_of(body, "; pekerjaannya berjalan belakangan.") == "id"
    assert "fallback-note" not in body
    assert meta_robots(body) == ""


def test_a_text_missing_in_the_language_falls_back_to_english_and_says_so(client, content):
    body = html_of(client.get("/ar/http/202/"))
    english = "The request was <strong>accepted</strong>; the work happens later."
    assert english in body
    assert language_of(body, "; the work happens later.") == "en"
    # One note per fallen-back text: summary, description, when, client, owner.
    assert body.count('class="fallback-note"') == 5


def test_code_page_shows_badges_vendor_and_specification(client, content):
    body = html_of(client.get("/en/http/520/"))
    assert "5xx · Server error" in body
    assert "Defined by Cloudflare" in body
    assert "Unofficial" in body
    assert 'href="https://developers.cloudflare.com/support/' in body
    assert "Retry idempotent requests only" in body


def test_former_names_are_listed(client, content):
    StatusCode.objects.filter(slug="404").update(former_names=["Page Not There"])
    body = html_of(client.get("/en/http/404/"))
    assert '<li lang="en">Page Not There</li>' in body


def test_other_meanings_of_a_number_are_linked_both_ways(client, content):
    official = html_of(client.get("/en/http/451/"))
    vendor = html_of(client.get("/en/http/451-iis/"))
    assert 'href="/en/http/451-iis/"><bdi>451 Redirect</bdi>' in official
    assert 'href="/en/http/451/"><bdi>451 Unavailable For Legal Reasons</bdi>' in vendor


def test_code_page_lists_published_comparisons_only(client, content):
    assert 'href="/en/compare/http/202-vs-520/"' in html_of(client.get("/en/http/202/"))
    # 404 vs 451 is a draft: nobody sees it linked.
    assert "404-vs-451" not in html_of(client.get("/en/http/404/"))


def test_compare_with_form_keeps_the_code_and_offers_the_others(client, content):
    body = html_of(client.get("/en/http/202/"))
    form = body[body.index('<form class="compare-form"') :]
    form = form[: form.index("</form>")]
    assert 'action="/en/compare/"' in form
    assert '<input type="hidden" name="a" value="202">' in form
    assert '<option value="520">520 Web Server Returned an Unknown Error (Cloudflare)</option>' in form
    assert '<option value="202">' not in form


def test_code_outside_the_classes_has_a_page(client, content):
    response = client.get("/en/http/999/")
    assert response.status_code == 200
    assert "Non-standard" in html_of(response)


def test_neighbouring_codes_are_linked(client, content):
    body = html_of(client.get("/en/http/404/"))
    assert 'class="prev" href="/en/http/202/"' in body
    assert 'class="next" href="/en/http/451/"' in body


def test_code_page_marks_a_page_without_any_text_in_the_language_noindex(client, content):
    # 404 has nothing in Indonesian; it has a German title and summary.
    assert meta_robots(html_of(client.get("/id/http/404/"))) == "noindex, follow"
    assert meta_robots(html_of(client.get("/de/http/404/"))) == ""


# --- Family and class -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "id", "ar"])
def test_family_index_lists_every_code_by_class(client, content, lang):
    response = client.get(f"/{lang}/http/")
    body = html_of(response)
    assert response.status_code == 200
    for slug in ["202", "404", "451", "451-iis", "520", "999"]:
        assert f'href="/{lang}/http/{slug}/"' in body
    assert body.index('id="class-2"') < body.index('id="class-4"') < body.index('id="class-other"')


def test_class_page_tells_official_and_vendor_codes_apart(client, content):
    body = html_of(client.get("/en/http/4xx/"))
    vendor_heading = body.index("Vendor and unofficial codes")
    assert body.index('href="/en/http/404/"') < vendor_heading
    assert body.index('href="/en/http/451/"') < vendor_heading
    assert body.index('href="/en/http/451-iis/"') > vendor_heading
    assert 'href="/en/http/520/"' not in body


@pytest.mark.parametrize("lang", ["en", "id", "ar"])
def test_class_page_lists_its_comparisons_in_each_language(client, content, lang):
    body = html_of(client.get(f"/{lang}/http/5xx/"))
    assert f'href="/{lang}/compare/http/202-vs-520/"' in body
    assert f'href="/{lang}/http/4xx/"' in body  # previous class


def test_an_empty_class_says_so(client, content):
    response = client.get("/en/http/1xx/")
    assert response.status_code == 200
    assert "No codes in this class yet." in html_of(response)


@pytest.mark.parametrize(
    "path", ["/en/http/6xx/", "/en/http/0xx/", "/en/smtp/", "/en/smtp/404/", "/en/http/4041/"]
)
def test_unknown_class_family_or_code_is_a_styled_404(client, content, path):
    response = client.get(path)
    body = html_of(response)
    assert response.status_code == 404
    assert '<html lang="en" dir="ltr">' in body
    assert 'action="/en/search/"' in body


def test_a_translation_older_than_its_english_source_says_so(
    client, content, django_capture_on_commit_callbacks
):
    code = StatusCode.objects.get(slug="202")
    assert "outdated-notice" not in html_of(client.get("/id/http/202/"))
    with django_capture_on_commit_callbacks(execute=True):
        code.summary_en = "The server queued the request; the work finishes later."
        code.save()
    body = html_of(client.get("/id/http/202/"))
    assert 'class="outdated-notice"' in body
    assert 'href="/en/http/202/"' in body


def test_the_home_pages_compare_form_names_a_codes_vendor_too(client, content):
    """The home page builds its form from full codes, the code pages from plain rows: the same labels."""
    body = html_of(client.get("/en/"))
    form = body[body.index('<form class="compare-form"') :]
    form = form[: form.index("</form>")]
    assert '<option value="520">520 Web Server Returned an Unknown Error (Cloudflare)</option>' in form
    assert '<option value="202">202 Accepted</option>' in form
