"""The site's languages: one list, the English source, and their names."""

from django.conf import settings

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
SOURCE_LANGUAGE = "en"


def language_codes() -> list[str]:
    """The site's language codes, in the settings' order (a new list each time, free to change)."""
    return list(LANGUAGE_CODES)


def translation_languages() -> list[str]:
    """Every language but the English source."""
    return [code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE]


def language_name(lang: str) -> str:
    return str(dict(settings.LANGUAGES).get(lang, lang))
