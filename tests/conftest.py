import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, also when the cache is a shared Redis."""
    cache.clear()
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
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser("ed", "ed@example.org", "pw-for-tests-only")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
