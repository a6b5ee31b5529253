"""When the published content last changed: the version behind page and API caches and ETags.

Every save or delete of content marks a change (after the transaction commits). The worker that saved
serves the new version at once; other workers read the version from the shared cache, or, within
``ATLAS_CONTENT_VERSION_LEASE`` seconds of their last read, go on with the one they have, so a cached page
or API response is never older than the last editor's save by more than that lease (0: not at all).
"""

from datetime import UTC, datetime
from time import monotonic

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max

CACHE_KEY = "content:changed-at"

# This worker's last reading of the version: (timestamp, monotonic time of the reading).
_lease: tuple[float, float] | None = None


def _from_database() -> datetime:
    latest = [datetime(2000, 1, 1, tzinfo=UTC)]
    for label in ("codes.StatusCode", "comparisons.Comparison"):
        value = apps.get_model(label).objects.aggregate(latest=Max("updated_at"))["latest"]
        if value:
            latest.append(value)
    return max(latest)


def lease_seconds() -> float:
    return float(getattr(settings, "ATLAS_CONTENT_VERSION_LEASE", 0) or 0)


def _renew(stamp: float) -> None:
    global _lease
    _lease = (stamp, monotonic()) if lease_seconds() > 0 else None


def content_changed_at() -> datetime:
    """The time of the last change to any content (from the cache; the database when it is cold)."""
    lease = lease_seconds()
    held = _lease
    if lease > 0 and held is not None and monotonic() - held[1] < lease:
        return datetime.fromtimestamp(held[0], tz=UTC)
    stamp = cache.get(CACHE_KEY)
    if stamp is None:
        stamp = _from_database().timestamp()
        cache.set(CACHE_KEY, stamp, timeout=None)
    _renew(stamp)
    return datetime.fromtimestamp(stamp, tz=UTC)


def mark_content_changed() -> None:
    def bump():
        previous = cache.get(CACHE_KEY) or 0
        # Strictly increasing even when two saves land within the clock's resolution.
        stamp = max(datetime.now(tz=UTC).timestamp(), previous + 0.001)
        cache.set(CACHE_KEY, stamp, timeout=None)
        _renew(stamp)

    transaction.on_commit(bump)


def versioned_key(*parts: object, changed: datetime | None = None) -> str:
    """A cache key that changes whenever content changes (``changed``: the version already read)."""
    version = f"{(changed or content_changed_at()).timestamp():.3f}"
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
