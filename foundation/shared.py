"""Values built from content that many pages share: a code as one language shows it, the first comparisons
of a code, a family's list of codes.

A page nobody has asked for yet (a crawler's, or the first after a save) is built from parts that the pages
before it built too: 4,850 comparison pages in 12 languages show 99 codes. Each part is kept in the shared
cache with the dependency tags it was built from (foundation.versions) and served while none of them was
stamped after it was built, so a save renews only the parts that show what was saved. Every part of one
page is looked up at once: one round trip for the parts and one for their tags' stamps.

A part is pickled: the key names the formats that decide how (Django's version, this module's FORMAT, the
release), so that a deploy never reads a part another release stored.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import django
from django.core.cache import cache

from foundation.caching import PAGE_CACHE_SECONDS, release_fingerprint
from foundation.versions import (
    TracksContentChanges,
    build_started_at,
    depends_on,
    recording_dependencies,
    stale_among,
)

# Raised when the stored shape of a part changes without a change of release (a new field, say).
FORMAT = 1


@dataclass(frozen=True, slots=True)
class Part:
    value: Any
    built_at: float
    dependencies: frozenset


def _key(name: str) -> str:
    # Names hold slugs from the address, which may be of any length; a key stays within what every cache
    # backend accepts (250 characters).
    if len(name) > 120:
        name = "sha256:" + hashlib.sha256(name.encode()).hexdigest()
    return f"atlas:part:{FORMAT}:{django.__version__}:{release_fingerprint()}:{name}"


def look_up(names: Iterable[str]) -> dict[str, Any]:
    """The parts among ``names`` that are stored and still fresh, by name; each records its tags as
    dependencies of what is being built."""
    keys = {_key(name): name for name in names}
    try:
        found = cache.get_many(list(keys))
    except (AttributeError, ImportError, TypeError, ValueError, EOFError):
        return {}  # stored by code that no longer exists; rebuilt below and stored again
    parts = [(keys[key], part) for key, part in found.items() if isinstance(part, Part)]
    if not parts:
        return {}
    stale = stale_among([(part.built_at, part.dependencies) for _name, part in parts])
    fresh = {}
    for (name, part), is_stale in zip(parts, stale, strict=True):
        if not is_stale:
            depends_on(*part.dependencies)
            fresh[name] = part.value
    return fresh


def keep(parts: dict[str, Part]) -> None:
    if parts:
        cache.set_many({_key(name): part for name, part in parts.items()}, PAGE_CACHE_SECONDS)


def build(builder: Callable[[], Any], *, built_at: float | None = None) -> Part:
    """Run ``builder``, recording what it reads. ``built_at``: when what it is given was read, if earlier
    than now (rows of this request: a save after their reading must make the part stale)."""
    built_at = build_started_at() if built_at is None else built_at
    with recording_dependencies() as dependencies:
        value = builder()
    return Part(value, built_at, frozenset(dependencies))


def shared(builders: dict[str, Callable[[], Any]], *, built_at: float | None = None) -> dict[str, Any]:
    """The value of each part by name: from the cache when fresh, else built (and stored); all looked up
    in one round trip (``built_at``: see ``build``)."""
    values = look_up(builders)
    built = {
        name: build(builder, built_at=built_at) for name, builder in builders.items() if name not in values
    }
    keep(built)
    return {**values, **{name: part.value for name, part in built.items()}}


def loaded_tags(instance: TracksContentChanges) -> frozenset:
    """The tags a row and the related rows loaded with it record: what a part made of it depends on."""
    tags = set()
    pending = [instance]
    while pending:
        row = pending.pop()
        if isinstance(row, TracksContentChanges):
            tags.add(row.content_tag())
        pending.extend(related for related in row._state.fields_cache.values() if related is not None)
    return frozenset(tags)
