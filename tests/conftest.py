import io
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from foundation.versions import content_changed_at
from search import stemming

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
# A small decision guide over the test data set's codes: see small_guide.
FIXTURE_GUIDE = Path(__file__).parent / "fixtures" / "guide.yaml"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, also when the cache is a shared Redis, and no word stems
    remembered by this process from an earlier test (search/stemming.py)."""
    cache.clear()
    stemming.forget()
    yield
    cache.clear()


@pytest.fixture
def fixture_content_path():
    return FIXTURE_CONTENT


@pytest.fixture
def content(db):
    """The small test data set: a handful of codes, one published and one draft comparison."""
    call_command("load_content", path=str(FIXTURE_CONTENT), stdout=io.StringIO())


@pytest.fixture
def small_guide(db, tmp_path):
    """The test data set with a small decision guide (tests/fixtures/guide.yaml): two published questions
    and a draft, answers to a code, a curated and an assembled comparison, texts in English and Indonesian."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    shutil.copy(FIXTURE_GUIDE, root / "guide.yaml")
    call_command("load_content", path=str(root), stdout=io.StringIO())
    content_changed_at()  # known, as on a running site: query counts show a page's own reads


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser("ed", "ed@example.org", "pw-for-tests-only")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
