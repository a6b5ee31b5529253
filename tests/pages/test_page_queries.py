"""Every page runs a fixed number of queries, however much content there is."""

import pytest
from django.db import connection

from codes.models import Family, StatusCode
from comparisons.models import Comparison

pytestmark = pytest.mark.django_db

STEMMED = connection.vendor == "postgresql"

# path -> queries for a first (uncached) rendering, with the content version already known.
# Lists of comparisons count them in a query of their own (the home page's total, pages of a list).
PAGES = {
    "/en/": 6,
    "/id/http/": 2,
    "/ar/http/5xx/": 4,
    "/en/http/202/": 7,  # + the frameworks, their names for the code, its history
    "/id/http/451/": 7,
    "/en/compare/": 4,
    # A pair's page with nothing cached: its codes, its comparison, the first comparisons of each code and
    # the compare form's codes; all but its comparison are shared with other pages (test_shared_parts.py).
    "/id/compare/http/202-vs-520/": 5,
    "/ar/compare/http/404-vs-520/": 5,
    # Search reads the codes' marks once per content version, the codes of its language when they changed
    # (and on PostgreSQL the stems of their words), and for a pair its curated comparison.
    "/en/search/?q=not+found": 2 + STEMMED,
    "/id/search/?q=202+vs+520": 3 + STEMMED,
    "/en/search/": 0,
    "/en/compare/?a=520&b=202": 2,
    "/sitemap.xml": 4,
    "/sitemap-pages.xml": 1,
    "/sitemap-codes.xml": 1,
    "/sitemap-comparisons.xml": 1,
}


def add_many_codes_and_comparisons(count: int = 30):
    family = Family.objects.get(slug="http")
    codes = [
        StatusCode.objects.create(
            family=family,
            number=600 + index,
            slug=f"x{index}",
            phrase=f"Extra {index}",
            registry_status="unofficial",
            summary_en=f"Extra code {index}.",
            summary_ind=f"Kode tambahan {index}.",
            emitted_by=["origin"],
        )
        for index in range(count)
    ]
    for first, second in zip(codes, codes[1:], strict=False):
        Comparison.objects.create(
            family=family, code_a=first, code_b=second, status="published", summary_en="Extra pair."
        )
    anchor = StatusCode.objects.get(slug="202")
    for code in codes[:10]:
        Comparison.objects.create(
            family=family, code_a=anchor, code_b=code, status="published", summary_en="More."
        )


@pytest.mark.parametrize(("path", "queries"), PAGES.items())
def test_query_count_is_pinned(client, content, warm, django_assert_num_queries, path, queries):
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code in (200, 302)


@pytest.mark.parametrize(("path", "queries"), PAGES.items())
def test_query_count_does_not_grow_with_the_content(
    client, content, django_assert_num_queries, path, queries
):
    add_many_codes_and_comparisons()
    from foundation.versions import content_changed_at

    content_changed_at()
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code in (200, 302)


def test_not_found_page_runs_one_query(client, content, warm, django_assert_num_queries):
    with django_assert_num_queries(2):  # the failed lookup, then the suggestions
        response = client.get("/en/http/4044/")
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/de/", "/de/http/", "/de/http/5xx/", "/de/search/?q=gateway"])
def test_pages_that_list_codes_read_only_their_language_and_english(client, content, warm, path):
    """A code's row holds every text in 12 languages; a list in German needs German and English."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    code_reads = [q["sql"] for q in queries if 'FROM "codes_statuscode"' in q["sql"]]
    assert code_reads
    for sql in code_reads:
        assert '"codes_statuscode"."description_fr"' not in sql
        assert '"codes_statuscode"."summary_ja"' not in sql
    assert any('"codes_statuscode"."summary_de"' in sql for sql in code_reads)
