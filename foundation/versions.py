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

from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from time import monotonic, time

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


def _deletions_part() -> list[str]:
    if _deletion_log is None:
        return []
    return [f"SELECT MAX(deleted_at) FROM {connection.ops.quote_name(_deletion_log._meta.db_table)}"]


def _from_database() -> float:
    """The latest save or deletion of any content, in one query."""
    # Every kind of content whose save changes what visitors see: the models that track their changes.
    tables = [model._meta.db_table for model in apps.get_models() if issubclass(model, TracksContentChanges)]
    parts = [f"SELECT MAX(updated_at) FROM {connection.ops.quote_name(table)}" for table in tables]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts + _deletions_part()))
        stamps = [_as_datetime(row[0]) for row in cursor.fetchall()]
    return max([EPOCH, *(stamp for stamp in stamps if stamp is not None)]).timestamp()


def change_marks(models: Iterable) -> tuple:
    """The latest save and the number of rows of each of ``models`` and the last deletion of any content,
    in one query. Marks read before some rows and equal to marks read later mean that those rows have not
    changed meanwhile (a save moves its row's ``updated_at``, an insert the count, a deletion its time)."""
    parts = []
    for model in models:
        table = connection.ops.quote_name(model._meta.db_table)
        parts += [f"(SELECT MAX(updated_at) FROM {table})", f"(SELECT COUNT(*) FROM {table})"]
    parts += [f"({part})" for part in _deletions_part()]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}")
        return tuple(cursor.fetchone())


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
            if trusted:
                cache.add(_stamp_key(EVERYTHING), stamp, timeout=None)
            else:
                # Saves made while the shared cache was away left no dependency stamps there.
                cache.set(_stamp_key(EVERYTHING), time(), timeout=None)
    _renew(stamp)
    return datetime.fromtimestamp(stamp, tz=UTC)


def mark_content_changed(tags: Iterable[str] | None = None) -> None:
    """Once the transaction commits: a new content version, and the time of this change on each of
    ``tags`` (what the change makes stale; None: everything)."""
    changed = sorted(set(tags)) if tags is not None else [EVERYTHING]

    def bump():
        held = _cache_holds_the_version()
        previous = cache.get(CACHE_KEY) if held else None
        # Strictly increasing even when two saves land within the clock's resolution.
        stamp = max(datetime.now(tz=UTC).timestamp(), (previous or 0) + 0.001)
        if held:
            # The stamps first: a worker that sees the new version must find them.
            cache.set_many({_stamp_key(tag): stamp for tag in changed}, timeout=None)
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
    mark_content_changed(None)


def versioned_key(*parts: object, changed: datetime | None = None) -> str:
    """A cache key that changes whenever content changes (``changed``: the version already read)."""
    version = f"{(changed or content_changed_at()).timestamp():.3f}"
    return ":".join(["atlas", version, *(str(part) for part in parts)])


# Dependencies: what a page or API answer was built from, as tags ("code:12", "comparisons-of:12", ...).
# A save stamps the tags it makes stale; a stored answer is served while none of its tags (nor EVERYTHING)
# was stamped after the answer began to be built.
EVERYTHING = "*"
# A stored answer counts as built this much earlier than it began: a save whose row was read before it
# committed is stamped after it commits, later than the reading, across workers whose clocks differ a little.
CLOCK_MARGIN = 1.0
_recorded: ContextVar[set | None] = ContextVar("recorded_dependencies", default=None)


def _stamp_key(tag: str) -> str:
    return f"atlas:changed:{tag}"


def depends_on(*tags: str) -> None:
    """What is being built reads what ``tags`` name: a save that stamps one of them makes it stale."""
    recorded = _recorded.get()
    if recorded is not None:
        recorded.update(tags)


@contextmanager
def recording_dependencies():
    """Collect the tags read while building (``depends_on`` and every tracked row loaded)."""
    outer = _recorded.get()
    recorded: set[str] = set()
    token = _recorded.set(recorded)
    try:
        yield recorded
    finally:
        _recorded.reset(token)
        if outer is not None:
            outer.update(recorded)


def build_started_at() -> float:
    return time() - CLOCK_MARGIN


def still_fresh(built_at: float, tags: Iterable[str]) -> bool:
    """No tag was stamped since ``built_at`` (one round trip to the shared cache). Unknown when the shared
    cache does not answer or has lost the EVERYTHING stamp: then False."""
    return not stale_among([(built_at, tags)])[0]


def stale_among(built: list[tuple[float, Iterable[str]]]) -> list[bool]:
    """For each (built_at, tags): whether one of its tags was stamped since, all in one round trip.
    Every one is stale when the shared cache does not answer or has lost the EVERYTHING stamp."""
    built = [(built_at, tuple(tags)) for built_at, tags in built]
    keys = {_stamp_key(EVERYTHING)}
    for _built_at, tags in built:
        keys.update(_stamp_key(tag) for tag in tags)
    stamps = cache.get_many(sorted(keys))
    everything = stamps.get(_stamp_key(EVERYTHING))
    if everything is None:
        if _cache_holds_the_version():
            cache.add(_stamp_key(EVERYTHING), time(), timeout=None)
        return [True] * len(built)
    return [
        everything >= built_at or any(stamps.get(_stamp_key(tag), 0) >= built_at for tag in tags)
        for built_at, tags in built
    ]


class TracksContentChanges:
    """Model mixin: saving or deleting marks the content as changed.

    ``change_tags()`` names what a save makes stale (None: everything). Loading a row records its tag
    (``content_tag()``) as a dependency of what is being built; a row loaded with nothing but the fields
    that name it (``NAMED_BY``, in every language, and its keys) records ``name_tag()`` instead, which a
    save stamps only when one of those fields changed. ``LISTED_FIELDS``: what lists built from plain
    rows show; a save that changes one of them stamps ``list_tags()`` as well.
    """

    NAMED_BY: tuple[str, ...] = ()
    LISTED_FIELDS: tuple[str, ...] = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if _recorded.get() is not None:
            named_only = cls.NAMED_BY and set(field_names) <= cls._naming_fields()
            depends_on(instance.name_tag() if named_only else instance.content_tag())
        instance._loaded_as = instance._watched()
        return instance

    @classmethod
    def _naming_fields(cls) -> set[str]:
        if "_naming" not in cls.__dict__:
            from modeltranslation.manager import get_translatable_fields_for_model
            from modeltranslation.utils import get_translation_fields

            translated = set(get_translatable_fields_for_model(cls) or ())
            names = set()
            for name in cls.NAMED_BY:
                names.add(name)
                if name in translated:
                    names.update(get_translation_fields(name))
            keys = {
                field.attname for field in cls._meta.concrete_fields if field.is_relation or field.primary_key
            }
            cls._naming = frozenset(names | keys)
        return cls._naming

    def content_tag(self) -> str:
        return f"{self._meta.model_name}:{self.pk}"

    def name_tag(self) -> str:
        return f"{self.content_tag()}:name"

    def change_tags(self) -> list[str] | None:
        return None

    def list_tags(self) -> list[str]:
        return []

    def _watched(self) -> tuple[tuple, tuple]:
        """The values of what names this row and of what lists show, as loaded (_UNKNOWN: not loaded)."""
        loaded = self.__dict__
        naming = sorted(self._naming_fields()) if self.NAMED_BY else []
        return (
            tuple(loaded.get(name, _UNKNOWN) for name in naming),
            tuple(loaded.get(name, _UNKNOWN) for name in self.LISTED_FIELDS),
        )

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        tags = self.change_tags()
        before, after = getattr(self, "_loaded_as", None), self._watched()
        if tags is not None:
            if self.NAMED_BY and (adding or before is None or before[0] != after[0]):
                tags = [*tags, self.name_tag()]
            if adding or before is None or before[1] != after[1]:
                tags = [*tags, *self.list_tags()]
        self._loaded_as = after
        mark_content_changed(tags)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        mark_content_deleted()
        return result


_UNKNOWN = object()
