"""When the published content last changed: the version behind page and API caches and ETags.

The database is the truth: the latest ``updated_at`` of families, vendors, codes and comparisons, and the
time of the last deletion (``ContentDeletion``), read in one query. A shared cache (Redis) keeps a copy so
that a request costs no query: every save or delete writes the new version there once it commits. While
Redis is out of reach, and always when the cache is this process's own memory (other processes cannot see
it), the version is read from the database. Within ``ATLAS_CONTENT_VERSION_LEASE`` seconds of its last
reading a worker goes on with the version it has, so a page or API answer is never older than the last
editor's save by more than that lease (0: not at all; with the local-memory cache, 0 trusts this process
alone, as ``runserver`` and the tests are).
"""

from datetime import UTC, datetime
from time import monotonic

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

CACHE_KEY = "content:changed-at"
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# The model that records the last deletion, registered by the app that owns it.
_deletion_log = None


def keep_deletions_in(model) -> None:
    """Record deletions in ``model`` (one row: ``pk=1``, ``deleted_at``)."""
    global _deletion_log
    _deletion_log = model


# This worker's last reading of the version: (timestamp, monotonic time of the reading).
_lease: tuple[float, float] | None = None
_cached_version_suspect = False


def _as_datetime(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):  # SQLite hands raw queries their text
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)


def _from_database() -> float:
    """The latest save or deletion of any content, in one query."""
    # Every kind of content whose save changes what visitors see: the models that track their changes.
    tables = [model._meta.db_table for model in apps.get_models() if issubclass(model, TracksContentChanges)]
    parts = [f"SELECT MAX(updated_at) FROM {connection.ops.quote_name(table)}" for table in tables]
    if _deletion_log is not None:
        deletions = _deletion_log._meta.db_table
        parts.append(f"SELECT MAX(deleted_at) FROM {connection.ops.quote_name(deletions)}")
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        stamps = [_as_datetime(row[0]) for row in cursor.fetchall()]
    return max([EPOCH, *(stamp for stamp in stamps if stamp is not None)]).timestamp()


def lease_seconds() -> float:
    return float(getattr(settings, "ATLAS_CONTENT_VERSION_LEASE", 0) or 0)


def _renew(stamp: float) -> None:
    global _lease
    _lease = (stamp, monotonic()) if lease_seconds() > 0 else None


def _cache_holds_the_version() -> bool:
    """A shared cache that answers, or this process's own memory when no other process serves."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        return lease_seconds() == 0
    return getattr(backend, "available", True)


def distrust_cached_version() -> None:
    """The shared cache answers again, but may hold a version from before it went away (a save made
    meanwhile could not reach it): the next reading comes from the database and replaces it."""
    global _cached_version_suspect
    _cached_version_suspect = True


def content_changed_at() -> datetime:
    """The time of the last change to any content (from the cache; the database when it cannot say)."""
    lease = lease_seconds()
    held = _lease
    if lease > 0 and held is not None and monotonic() - held[1] < lease:
        return datetime.fromtimestamp(held[0], tz=UTC)
    global _cached_version_suspect
    trusted = _cache_holds_the_version() and not _cached_version_suspect
    stamp = cache.get(CACHE_KEY) if trusted else None
    if stamp is None:
        _cached_version_suspect = False
        stamp = _from_database()
        if _cache_holds_the_version():
            cache.set(CACHE_KEY, stamp, timeout=None)
    _renew(stamp)
    return datetime.fromtimestamp(stamp, tz=UTC)


def mark_content_changed() -> None:
    def bump():
        previous = cache.get(CACHE_KEY) if _cache_holds_the_version() else None
        # Strictly increasing even when two saves land within the clock's resolution.
        stamp = max(datetime.now(tz=UTC).timestamp(), (previous or 0) + 0.001)
        if _cache_holds_the_version():
            cache.set(CACHE_KEY, stamp, timeout=None)
            _renew(stamp)
        else:
            _renew(_from_database())

    transaction.on_commit(bump)


def mark_content_deleted() -> None:
    """Record a deletion in the database, in the deleting transaction, then mark the change."""
    now = timezone.now()
    if _deletion_log is not None and not _deletion_log.objects.filter(pk=1).update(deleted_at=now):
        _deletion_log.objects.create(pk=1, deleted_at=now)
    mark_content_changed()


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
        mark_content_deleted()
        return result
