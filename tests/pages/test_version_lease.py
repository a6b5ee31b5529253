"""Production workers hold the content version for a short lease and keep the pages they served."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from codes.models import StatusCode
from foundation import caching as pages
from foundation import versions as freshness

pytestmark = pytest.mark.django_db

PAGE = "/en/http/202/"


@pytest.fixture
def lease(settings, monkeypatch):
    """A one-minute lease, a fresh worker memory, and a clock the test can move."""
    settings.ATLAS_CONTENT_VERSION_LEASE = 60
    clock = [1000.0]
    monkeypatch.setattr(freshness, "monotonic", lambda: clock[0])
    monkeypatch.setattr(freshness, "_lease", None)
    monkeypatch.setattr(pages, "_local_pages", pages.LocalPages())
    return clock


def another_worker_saves():
    """A save of the page's code in another process: in the database, and in the shared cache where the
    version and the stamp of what changed are kept (when the cache is shared)."""
    later = timezone.now() + timedelta(seconds=10)
    StatusCode.objects.filter(slug="202").update(updated_at=later, client_action_en="Ask again later.")
    if cache.get(freshness.CACHE_KEY) is not None:
        code = StatusCode.objects.get(slug="202")
        cache.set(freshness._stamp_key(code.content_tag()), later.timestamp(), timeout=None)
        cache.set(freshness.CACHE_KEY, later.timestamp(), timeout=None)


def test_another_workers_save_shows_once_the_lease_runs_out(client, content, lease):
    etag = client.get(PAGE)["ETag"]
    another_worker_saves()
    lease[0] += 30
    assert client.get(PAGE)["ETag"] == etag
    lease[0] += 31
    assert client.get(PAGE)["ETag"] != etag


def test_without_a_lease_another_workers_save_shows_at_once(client, content, settings):
    settings.ATLAS_CONTENT_VERSION_LEASE = 0
    etag = client.get(PAGE)["ETag"]
    another_worker_saves()
    assert client.get(PAGE)["ETag"] != etag


def test_a_save_in_this_worker_shows_at_once_within_the_lease(
    client, content, lease, django_capture_on_commit_callbacks
):
    client.get(PAGE)
    code = StatusCode.objects.get(slug="202")
    code.summary_en = "Queued for later, and said so at once."
    with django_capture_on_commit_callbacks(execute=True):
        code.save()
    assert "Queued for later, and said so at once." in client.get(PAGE).content.decode()


def test_within_the_lease_a_served_page_needs_neither_database_nor_cache(
    client, content, lease, django_assert_num_queries
):
    first = client.get(PAGE)
    cache.clear()  # even the shared cache may go: the worker keeps what it served
    with django_assert_num_queries(0):
        again = client.get(PAGE)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_worker_memory_is_bounded_and_holds_one_version():
    memory = pages.LocalPages(limit=800)
    page = (200, b"x" * 100, {})
    for number in range(10):
        memory.put(1.0, f"page-{number}", page)
    assert memory.size <= 800
    assert memory.get(1.0, "page-0") is None
    assert memory.get(1.0, "page-9") == page
    memory.put(1.0, "too-big", (200, b"x" * 200, {}))
    assert memory.get(1.0, "too-big") is None
    assert memory.get(2.0, "page-9") is None
    assert memory.size == 0
