"""What the workspace recalls for a text: the English it was translated from, and earlier translations of
similar English (a translation memory built from the stored texts; no outside service).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from modeltranslation.utils import build_localized_fieldname

from editorial.history import versions_of
from foundation.languages import SOURCE_LANGUAGE
from foundation.text_changes import text_changed_at

# Versions looked at to find the English a translation was made from: the newest first.
HISTORY_DEPTH = 50
MIN_SIMILARITY = 0.5
SUGGESTIONS = 3
_WORDS = re.compile(r"\w+", re.UNICODE)


def _stamp(value) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def source_when_translated(instance, field_name: str, lang: str) -> str | None:
    """The English text as it was when the ``lang`` translation was last saved, from the history.

    Every version holds every language's texts and the time each last changed: the newest version whose
    English had been written by the time the translation was saved holds that English. None when the
    history does not reach back that far (a text loaded from the content files and changed there since).
    """
    translated_at = text_changed_at(instance, field_name, lang)
    if translated_at is None:
        return None
    english = build_localized_fieldname(field_name, SOURCE_LANGUAGE)
    for version in versions_of(instance)[:HISTORY_DEPTH]:
        data = version.field_dict
        written_at = _stamp((data.get("text_changed_at") or {}).get(english))
        if written_at is not None and written_at <= translated_at:
            return (data.get(english) or "").replace("\r\n", "\n").strip()
    return None


@dataclass(frozen=True)
class Suggestion:
    source: str
    translation: str
    similarity: int
    record: str


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def suggestions(source: str, lang: str, items, *, exclude_key: str) -> list[Suggestion]:
    """Stored translations whose English is closest to ``source`` (at least half alike), best first.

    ``items`` are the workspace's texts of the language; outdated translations are left out, since their
    English no longer matches them.
    """
    wanted = _words(source)
    if not wanted:
        return []
    wanted_set = set(wanted)
    found = []
    for item in items:
        if item.key == exclude_key or item.state != "done":
            continue
        other = _words(item.source)
        # A cheap bound first: texts sharing few words cannot be alike.
        shared = len(wanted_set & set(other))
        if not shared or 2 * shared / (len(wanted_set) + len(set(other))) < MIN_SIMILARITY / 2:
            continue
        ratio = difflib.SequenceMatcher(None, wanted, other, autojunk=False).ratio()
        if ratio >= MIN_SIMILARITY:
            found.append(Suggestion(item.source, item.text, round(100 * ratio), str(item.instance)))
    found.sort(key=lambda suggestion: -suggestion.similarity)
    return found[:SUGGESTIONS]
