"""Parts many pages share (a code in one language, the first comparisons of a code, a family's list of codes)
are built once and reused by the pages after, until a save changes what they show (foundation.shared)."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from test_page_queries import add_many_codes_and_comparisons

from codes.models import StatusCode
from comparisons.models import Comparison
from comparisons.page_parts import FIRST, RELATED_LIMIT
from comparisons.selectors import involving_first, merged_related
from foundation import shared, versions
from foundation.versions import content_changed_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_clock_margin(monkeypatch):
    """Parts built within the clock margin of the data set's save would count as possibly stale; these
    tests are about what a save stamps."""
    monkeypatch.setattr(versions, "CLOCK_MARGIN", 0.0)


def queries_of(client, path: str) -> tuple[list[str], str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in queries], response.content.decode()


def cold_queries(client, path: str) -> int:
    cache.clear()
    content_changed_at()
    return len(queries_of(client, path)[0])


def code_parts(language: str, *slugs: str) -> set[str]:
    names = {f"code:http:{slug}:{language}": slug for slug in slugs}
    return {names[name] for name in shared.look_up(names)}


def test_a_page_that_shows_codes_other_pages_showed_reads_only_what_is_its_own(client, content):
    alone = cold_queries(client, "/id/compare/http/202-vs-404/")
    cache.clear()
    content_changed_at()
    client.get("/id/compare/http/202-vs-520/")
    client.get("/id/compare/http/404-vs-520/")
    after_others, page = queries_of(client, "/id/compare/http/202-vs-404/")
    # Both codes, their comparisons and the compare form's list were built by the pages before it; the
    # page reads only its own pair's comparison.
    assert len(after_others) == 1 < alone
    assert "comparisons_comparison" in after_others[0]
    assert page == client.get("/id/compare/http/202-vs-404/").content.decode()


def test_a_code_is_kept_per_language(client, content):
    client.get("/id/compare/http/202-vs-520/")
    assert code_parts("id", "202", "520") == {"202", "520"}
    assert code_parts("en", "202", "520") == set()


def test_a_save_of_a_code_renews_only_the_parts_that_show_it(
    client, content, django_capture_on_commit_callbacks
):
    client.get("/id/compare/http/202-vs-520/")
    client.get("/id/compare/http/404-vs-520/")
    code = StatusCode.objects.get(family__slug="http", slug="404")
    code.summary_ind = "Ringkasan yang baru disunting."
    with django_capture_on_commit_callbacks(execute=True):
        code.save()
    assert code_parts("id", "202", "404", "520") == {"202", "520"}
    # A page nobody asked for yet shows the save at once, though it shares its other code with pages before.
    queries, page = queries_of(client, "/id/compare/http/202-vs-404/")
    assert "Ringkasan yang baru disunting." in page
    assert any("404" in query or "statuscode" in query for query in queries)


def test_a_save_of_a_comparison_renews_the_lists_of_its_codes_only(
    client, content, django_capture_on_commit_callbacks
):
    client.get("/en/compare/http/202-vs-404/")
    client.get("/en/compare/http/404-vs-520/")
    comparison = Comparison.objects.get(slug="202-vs-520")
    comparison.title_en = "Accepted, or an edge failure"
    with django_capture_on_commit_callbacks(execute=True):
        comparison.save()
    _queries, page = queries_of(client, "/en/compare/http/202-vs-404/")
    assert "Accepted, or an edge failure" in page


def test_a_part_stored_in_another_shape_is_built_again(client, content):
    cache.set(shared._key("code:http:202:id"), {"not": "a part"})
    _queries, page = queries_of(client, "/id/compare/http/202-vs-520/")
    assert "202" in page
    assert code_parts("id", "202") == {"202"}


def first_related(first: StatusCode, second: StatusCode) -> list[str]:
    """The first 8 published comparisons sharing a code with the pair, the pair left out, in list order."""
    return list(
        Comparison.objects.published()
        .filter(Q(code_a__in=[first, second]) | Q(code_b__in=[first, second]))
        .exclude(code_a__in=[first, second], code_b__in=[first, second])
        .order_by("code_a__number", "code_b__number", "slug")
        .values_list("slug", flat=True)[:8]
    )


PAIRS = [("202", "x0"), ("x3", "x4"), ("202", "520"), ("x9", "202")]


@pytest.mark.parametrize("pair", PAIRS)
def test_related_comparisons_merged_from_each_codes_first_ones_are_the_lists_first_ones(content, pair):
    add_many_codes_and_comparisons()
    first, second = (StatusCode.objects.get(family__slug="http", slug=slug) for slug in pair)
    expected = first_related(first, second)
    assert len(expected) == (8 if "202" in pair else 4)  # 202 has more than 8: the limit is met
    firsts = [list(involving_first(code=code, limit=FIRST, language="en")) for code in (first, second)]
    merged = merged_related(firsts, pair={first.pk, second.pk}, limit=RELATED_LIMIT)
    assert [row.slug for row in merged] == expected


@pytest.mark.parametrize("pair", PAIRS)
def test_a_pages_related_cards_are_the_lists_first_comparisons(client, content, pair):
    add_many_codes_and_comparisons()
    first, second = (StatusCode.objects.get(family__slug="http", slug=slug) for slug in pair)
    expected = first_related(first, second)
    slug = "-vs-".join(code.slug for code in sorted((first, second), key=lambda code: code.number))
    for path in (f"/en/compare/http/{slug}/", f"/id/compare/http/{slug}/"):
        cache.clear()  # the page, built from the cards of both codes
        content_changed_at()
        client.get("/en/compare/http/202-vs-520/")  # cards of 202 kept by another page
        _queries, page = queries_of(client, path)
        related = page.split('aria-labelledby="related"', 1)[1].split("</section>", 1)[0]
        language = path.split("/")[1]
        cards = re.findall(rf'<h3><a href="/{language}/compare/http/([^/]+)/">', related)
        assert cards == expected


def test_a_page_built_from_parts_of_other_pages_is_the_page_built_from_scratch(client, content):
    cache.clear()
    content_changed_at()
    _queries, from_scratch = queries_of(client, "/id/compare/http/202-vs-404/")
    cache.clear()
    content_changed_at()
    client.get("/id/compare/http/202-vs-520/")
    client.get("/id/compare/http/404-vs-520/")
    _queries, from_parts = queries_of(client, "/id/compare/http/202-vs-404/")
    assert from_parts == from_scratch


def block_parts(language: str, *slugs: str) -> set[str]:
    names = {f"code-blocks:http:{slug}:{language}": slug for slug in slugs}
    return {names[name] for name in shared.look_up(names)}


def test_a_save_of_a_codes_text_renews_its_blocks_only_and_shows_on_every_page_of_it(
    client, content, django_capture_on_commit_callbacks
):
    client.get("/id/compare/http/202-vs-404/")
    client.get("/id/compare/http/404-vs-520/")
    assert block_parts("id", "202", "404", "520") == {"202", "404", "520"}
    code = StatusCode.objects.get(family__slug="http", slug="404")
    code.owner_action_ind = "Periksa tautan yang baru disunting."
    with django_capture_on_commit_callbacks(execute=True):
        code.save()
    assert block_parts("id", "202", "404", "520") == {"202", "520"}
    assert block_parts("en", "404") == set()  # kept per language: English pages built none
    _queries, page = queries_of(client, "/id/compare/http/404-vs-999/")
    assert "Periksa tautan yang baru disunting." in page
    assert block_parts("id", "404") == {"404"}
