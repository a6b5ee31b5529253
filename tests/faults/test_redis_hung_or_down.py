"""A Redis that never answers costs one timeout, not one per cache call; while Redis is away the content
version comes from the database, so saves, renames and deletions in any process show within the lease."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from codes.models import Vendor
from comparisons.models import Comparison
from config.settings import redis_cache
from foundation import cache as breaker_cache
from foundation import caching as pages
from foundation import versions as freshness
from foundation.api import base as api_views

from .hung import hung_service

pytestmark = pytest.mark.django_db


def redis_at(port: int) -> dict:
    """The production settings' Redis cache, at a port of this machine, with short timeouts."""
    return {"default": redis_cache(f"redis://127.0.0.1:{port}/0", timeout=0.2)}


@pytest.fixture(autouse=True)
def fresh_breakers(monkeypatch):
    monkeypatch.setattr(breaker_cache, "_breakers", {})


@pytest.fixture
def worker(monkeypatch, settings):
    """A production worker: a one-minute version lease, its own memory, and a clock the test moves."""
    settings.ATLAS_CONTENT_VERSION_LEASE = 60
    clock = [1000.0]
    monkeypatch.setattr(freshness, "monotonic", lambda: clock[0])
    monkeypatch.setattr(freshness, "_lease", None)
    monkeypatch.setattr(pages, "_local_pages", pages.LocalPages())
    monkeypatch.setattr(api_views, "_local_answers", pages.LocalPages())
    return clock


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.fixture
def hung_redis(content, settings):
    with hung_service() as redis:
        settings.CACHES = {**settings.CACHES, **redis_at(redis.port)}
        yield redis


@pytest.mark.parametrize("path", ["/en/http/520/", "/api/v1/codes/http/520/", "/api/v1/comparisons/"])
def test_a_hung_redis_is_waited_for_once_not_on_every_cache_call(visitor, hung_redis, worker, path):
    for _ in range(5):
        assert visitor.get(path).status_code == 200
    # django-redis alone opened a connection, and waited its timeout, for every call of every request.
    assert len(hung_redis.connections) == 1


def test_a_worker_serves_its_pages_from_memory_while_redis_hangs(
    visitor, hung_redis, worker, django_assert_num_queries
):
    first = visitor.get("/en/compare/http/202-vs-520/")
    with django_assert_num_queries(0):
        again = visitor.get("/en/compare/http/202-vs-520/")
    assert again.content == first.content


@pytest.fixture
def redis_down(content, settings):
    settings.CACHES = {**settings.CACHES, **redis_at(1)}  # nothing listens there


def test_with_redis_down_a_rename_in_another_process_shows_within_the_lease(visitor, redis_down, worker):
    assert "Cloudflare" in visitor.get("/en/http/520/").content.decode()
    # Another worker renames the vendor; nothing can tell this one but the database.
    Vendor.objects.filter(slug="cloudflare").update(
        name="Cloudflare Edge", updated_at=timezone.now() + timedelta(seconds=5)
    )
    worker[0] += 61
    assert "Cloudflare Edge" in visitor.get("/en/http/520/").content.decode()


def test_with_redis_down_a_deletion_in_another_process_shows_within_the_lease(visitor, redis_down, worker):
    page = "/en/compare/http/202-vs-520/"
    curated = "202 comes from your application"
    assert curated in visitor.get(page).content.decode()
    Comparison.objects.get(slug="202-vs-520").delete()
    freshness._lease = (freshness._lease[0], worker[0])  # the deleting process was another one
    worker[0] += 61
    assert curated not in visitor.get(page).content.decode()


def test_without_redis_every_process_reads_the_version_from_the_database(visitor, content, worker, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    assert "Cloudflare" in visitor.get("/en/http/520/").content.decode()
    Vendor.objects.filter(slug="cloudflare").update(
        name="Cloudflare Edge", updated_at=timezone.now() + timedelta(seconds=5)
    )
    worker[0] += 61
    assert "Cloudflare Edge" in visitor.get("/en/http/520/").content.decode()


def test_when_redis_answers_again_its_older_version_is_replaced_from_the_database(content, settings):
    stale = freshness.content_changed_at().timestamp() - 100
    cache.set(freshness.CACHE_KEY, stale, timeout=None)
    freshness.distrust_cached_version()
    assert freshness.content_changed_at().timestamp() > stale
    assert cache.get(freshness.CACHE_KEY) > stale
