"""Stems of words, from PostgreSQL's text search configurations (migration 0001: atlas_<language>, accents
folded then stemmed), so that "requests", "запросов" and "Anfragen" meet "request", "запрос", "Anfrage".
Elsewhere (SQLite) there is no stemmer and search/ranking.py's prefix rules stand in for it."""

import re

from django.db import connection

_LEXEME = re.compile(r"'((?:[^']|'')+)'")
# Stems this worker looked up already, by configuration and word.
_known: dict[tuple[str, str], str] = {}


def configuration(language: str) -> str | None:
    if connection.vendor != "postgresql":
        return None
    name = language.replace("-", "_")
    return f"atlas_{name}" if name in {"en", "id", "es", "pt_br", "fr", "de", "ru", "tr", "ar"} else None


def stems(words: list[str], language: str) -> dict[str, str]:
    """Each word's stem (words the language's stop list drops have none); one query for the words not
    looked up before, none on SQLite or in a language without a stemmer."""
    config = configuration(language)
    if config is None:
        return {}
    missing = [word for word in dict.fromkeys(words) if (config, word) not in _known]
    if missing:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, to_tsvector(%s::regconfig, word)::text FROM unnest(%s::text[]) AS word",
                [config, missing],
            )
            for word, vector in cursor.fetchall():
                found = _LEXEME.findall(vector)
                _known[(config, word)] = found[0].replace("''", "'") if found else ""
    return {word: _known[(config, word)] for word in words if _known.get((config, word))}


def forget() -> None:
    _known.clear()
