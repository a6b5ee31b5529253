"""When each translated text last changed, and which translations are older than their English source.

Every translated text carries the time it last changed (``text_changed_at``, one entry per localized
column, kept by ``TracksTextChanges.save()``). A translation is *outdated* when its English source changed
after the translation was last saved.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from .completeness import field_filled
from .languages import LANGUAGE_CODES, SOURCE_LANGUAGE


def _stamp(value) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def text_changed_at(instance, field_name: str, lang: str) -> datetime | None:
    """When this text in this language last changed (None: before tracking began, or never)."""
    stamps = getattr(instance, "text_changed_at", None) or {}
    return _stamp(stamps.get(build_localized_fieldname(field_name, lang)))


def is_outdated(instance, field_name: str, lang: str) -> bool:
    if lang == SOURCE_LANGUAGE:
        return False
    if not (field_filled(instance, field_name, SOURCE_LANGUAGE) and field_filled(instance, field_name, lang)):
        return False
    source_at = text_changed_at(instance, field_name, SOURCE_LANGUAGE)
    if source_at is None:
        return False
    translated_at = text_changed_at(instance, field_name, lang)
    # A translation saved before tracking began has no stamp: the English changed after it.
    return translated_at is None or translated_at < source_at


def outdated_fields(instance, lang: str) -> list[str]:
    """The texts (base field names, e.g. "summary") whose translation into ``lang`` is out of date."""
    return [name for name in instance.TEXT_FIELDS if is_outdated(instance, name, lang)]


def missing_fields(instance, lang: str) -> list[str]:
    """The texts the English source has and ``lang`` lacks."""
    return [
        name
        for name in instance.TEXT_FIELDS
        if field_filled(instance, name, SOURCE_LANGUAGE) and not field_filled(instance, name, lang)
    ]


@cache
def _localized_text_fields(fields: tuple[str, ...], languages: tuple[str, ...]) -> tuple[str, ...]:
    # Built once: every record read from the database asks for them.
    return tuple(build_localized_fieldname(name, lang) for name in fields for lang in languages)


@cache
def _localized_text_field_set(fields: tuple[str, ...], languages: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_localized_text_fields(fields, languages))


def _comparable(text: str | None) -> str:
    """A text as its readers see it: CRLF line endings (a browser's) and outer spaces do not count."""
    return (text or "").replace("\r\n", "\n").strip()


class TracksTextChanges:
    """Model mixin: remembers, per localized text, when it last changed.

    The values as loaded from the database are kept on the instance; ``save()`` stamps each text whose
    value differs (every text of a new record that has one). Saves with ``update_fields`` include the
    stamps when they change, so the content loader's partial saves keep them too.
    """

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_texts()
        return instance

    @classmethod
    def localized_text_fields(cls) -> list[str]:
        return list(_localized_text_fields(cls.TEXT_FIELDS, tuple(LANGUAGE_CODES)))

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._remember_texts()

    def _remember_texts(self):
        # Runs for every row read: pages that read a few columns of many rows pay only for those.
        loaded = self.__dict__
        names = _localized_text_field_set(self.TEXT_FIELDS, tuple(LANGUAGE_CODES))
        self._texts_as_loaded = {name: loaded[name] or "" for name in names.intersection(loaded)}

    def changed_texts(self) -> list[str]:
        """Localized text fields whose value differs from what was loaded (all filled ones if new)."""
        before = getattr(self, "_texts_as_loaded", {})
        changed = []
        for name in self.localized_text_fields():
            if name not in self.__dict__:
                continue  # deferred: not part of this save
            value = _comparable(self.__dict__[name])
            if name in before:
                if value != _comparable(before[name]):
                    changed.append(name)
            elif value:
                changed.append(name)
        return changed

    def mark_texts_current(self, names, at: datetime | None = None):
        """Stamp translations as checked against the current English, without changing them."""
        stamp = (at or timezone.now()).isoformat()
        self.text_changed_at = {**(self.text_changed_at or {}), **dict.fromkeys(names, stamp)}

    def save(self, *args, **kwargs):
        keep = getattr(self, "_keep_text_stamps", False)
        changed = [] if keep else self.changed_texts()
        if changed:
            self.mark_texts_current(changed)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and (changed or keep):
            kwargs["update_fields"] = {*update_fields, "text_changed_at"}
        super().save(*args, **kwargs)
        self._keep_text_stamps = False
        self._remember_texts()
