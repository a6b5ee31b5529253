"""The guide's pages: one address per question, answers as plain links, a walk in Indonesian, English
marked where a language has no text yet, and what search engines are told."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guide.models import Step

pytestmark = pytest.mark.django_db


def answer_links(body: str) -> dict[str, str]:
    """Label → address of each answer on a question's page."""
    found = re.findall(r'<p class="guide-label"><a href="([^"]+)">(.*?)</a></p>', body, re.S)
    return {re.sub(r"<[^>]+>", "", label).strip(): href for href, label in found}


def test_the_first_question_has_its_own_address_and_its_slug_redirects_there(client, small_guide):
    response = client.get("/en/which-code/")
    assert response.status_code == 200
    assert "What happened?" in response.content.decode()
    moved = client.get("/en/which-code/start/")
    assert moved.status_code == 301
    assert moved["Location"] == "/en/which-code/"


def test_a_walk_in_indonesian_from_the_home_page_to_a_comparison(client, small_guide):
    home = client.get("/id/").content.decode()
    assert 'href="/id/which-code/"' in home
    first = client.get("/id/which-code/").content.decode()
    assert "Apa yang terjadi?" in first
    second_url = answer_links(first)["Resource-nya tidak ada"]
    assert second_url == "/id/which-code/missing/"
    second = client.get(second_url).content.decode()
    assert "<h1>Mengapa resource-nya tidak ada?" in second
    assert "Not translated yet" not in second
    assert "fallback-tag" not in second
    assert "Kirim <strong>451</strong>." in second
    links = answer_links(second)
    assert links["Pengadilan memerintahkan penghapusannya"] == "/id/compare/http/404-vs-451/"
    # A pair nobody curated is assembled: the answer still leads to a page that exists.
    assert links["CDN-nya menjawab aneh"] == "/id/compare/http/202-vs-520/"
    comparison = client.get(links["Pengadilan memerintahkan penghapusannya"])
    assert comparison.status_code == 200
    assert comparison.content.decode().count('lang="id"') >= 1


def test_the_deciding_sentence_is_quoted_in_english_with_its_section_link(client, small_guide):
    body = client.get("/id/which-code/missing/").content.decode()
    assert (
        '<blockquote lang="en" dir="ltr" cite="https://www.rfc-editor.org/rfc/rfc7725.html#section-3">'
        in body
    )
    assert (
        '<a href="https://www.rfc-editor.org/rfc/rfc7725.html#section-3" lang="en" dir="ltr">RFC 7725 §3</a>'
        in body
    )


def test_a_language_without_texts_shows_english_marked_and_is_not_indexed(client, small_guide):
    body = client.get("/ja/which-code/missing/").content.decode()
    assert '<span lang="en" dir="ltr">Why is it not there?</span>' in body
    assert "fallback-tag" in body
    assert '<meta name="robots" content="noindex' in body
    assert 'rel="alternate" hreflang="ja"' not in body
    assert 'rel="alternate" hreflang="id"' in body
    assert 'rel="alternate" hreflang="en"' in body
    indonesian = client.get("/id/which-code/missing/").content.decode()
    assert '<meta name="robots" content="noindex' not in indonesian


def test_a_question_asked_before_and_shown_in_english_is_marked_english(client, small_guide):
    # The "Go back" links gave an English question no lang="en" on a Japanese page.
    body = client.get("/ja/which-code/missing/").content.decode()
    back = body[body.index('id="asked-before"') :]
    assert '<a href="/ja/which-code/"><span lang="en" dir="ltr">What happened?</span></a>' in back


def test_an_answer_towards_a_draft_question_is_not_shown_and_the_draft_is_not_found(client, small_guide):
    body = client.get("/en/which-code/").content.decode()
    assert "A question still in draft" not in body
    assert client.get("/en/which-code/unfinished/").status_code == 404
    assert client.get("/en/which-code/no-such-question/").status_code == 404


def test_a_question_links_back_to_the_questions_that_lead_to_it(client, small_guide):
    body = client.get("/en/which-code/missing/").content.decode()
    assert '<a href="/en/which-code/">What happened?</a>' in body


def test_publishing_a_draft_question_shows_the_answer_that_leads_to_it(client, small_guide):
    Step.objects.get(slug="unfinished").publish()
    assert "A question still in draft" in client.get("/en/which-code/").content.decode()
    assert client.get("/en/which-code/unfinished/").status_code == 200


def test_the_sitemap_lists_each_published_question_in_the_languages_it_is_written_in(client, small_guide):
    body = client.get("/sitemap-guide.xml").content.decode()
    locations = re.findall(r"<loc>http://testserver(/[^<]+)</loc>", body)
    assert sorted(locations) == sorted(
        ["/en/which-code/", "/id/which-code/", "/en/which-code/missing/", "/id/which-code/missing/"]
    )


# The question, its answers with their targets joined, and for a follow-up the questions leading to it.
PAGES = {"/en/which-code/": 2, "/id/which-code/missing/": 3, "/sitemap-guide.xml": 2}


@pytest.mark.parametrize(("path", "queries"), PAGES.items())
def test_query_count_is_pinned(client, small_guide, django_assert_num_queries, path, queries):
    with django_assert_num_queries(queries):
        assert client.get(path).status_code == 200


def test_query_count_does_not_grow_with_the_answers(client, small_guide, django_assert_num_queries):
    missing = Step.objects.get(slug="missing")
    for index in range(20):
        missing.answers.create(
            key=f"extra-{index}", next_step=Step.objects.get(slug="start"), label_en=f"Back {index}"
        )
    from foundation.versions import content_changed_at

    content_changed_at()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/id/which-code/missing/").status_code == 200
    assert len(queries) == PAGES["/id/which-code/missing/"]
