"""The relevance set: queries people type, in every language, and the result that must come first (or in
the first three). Runs on whichever database the suite runs on; the same table on SQLite and PostgreSQL."""

from pathlib import Path

import pytest
from django.utils import translation

from search.service import find

pytestmark = pytest.mark.django_db

TABLE = Path(__file__).with_name("relevance.tsv")
CASES = [
    tuple(line.split("\t"))
    for line in TABLE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def test_the_set_covers_every_language_with_at_least_sixty_queries(settings):
    assert len(CASES) >= 60
    assert {case[0] for case in CASES} == {code for code, _name in settings.LANGUAGES}


@pytest.mark.parametrize(("language", "query", "expected", "within"), CASES)
def test_query_finds_its_result_near_the_top(site_content, db, language, query, expected, within):
    with translation.override(language):
        hits = find(query, language=language).hits
    top = [hit.slug for hit in hits[: int(within)]]
    assert expected in top, f"{query!r} in {language}: {[hit.slug for hit in hits[:5]]}"
