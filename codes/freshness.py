"""When the published content last changed: the version behind page and API caches and ETags.

Every save or delete of content marks a change (after the transaction commits), so a cached page or
API response is never older than the last editor's save.
"""

from datetime import UTC, datetime

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max

CACHE_KEY = "content:changed-at"


def _from_database() -> datetime:
    latest = [datetime(2000, 1, 1, tzinfo=UTC)]
    for label in ("codes.StatusCode", "comparisons.Comparison"):
        value = apps.get_model(label).objects.aggregate(latest=Max("updated_at"))["latest"]
        if value:
            latest.append(value)
    return max(latest)


def content_changed_at() -> datetime:
    """The time of the last change to any content (from the cache; the database when it is cold)."""
    stamp = cache.get(CACHE_KEY)
    if stamp is None:
        value = _from_database()
        cache.set(CACHE_KEY, value.timestamp(), timeout=None)
        return value
    return datetime.fromtimestamp(stamp, tz=UTC)


def mark_content_changed() -> None:
    def bump():
        previous = cache.get(CACHE_KEY) or 0
        # Strictly increasing even when two saves land within the clock's resolution.
        cache.set(CACHE_KEY, max(datetime.now(tz=UTC).timestamp(), previous + 0.001), timeout=None)

    transaction.on_commit(bump)


def versioned_key(*parts: object) -> str:
    """A cache key that changes whenever content changes."""
    version = f"{content_changed_at().timestamp():.3f}"
    return ":".join(["atlas", version, *(str(part) for part in parts)])


class TracksContentChanges:
    """Model mixin: saving or deleting marks the content as changed."""

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        mark_content_changed()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        mark_content_changed()
        return result
