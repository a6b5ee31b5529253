"""How complete each language's texts are, for admin lists, filters and the API."""

from enum import StrEnum

from django.db.models import Q
from modeltranslation.utils import build_localized_fieldname

from foundation.languages import language_codes


class State(StrEnum):
    COMPLETE = "complete"
    PARTIAL = "partial"
    MISSING = "missing"


def field_filled(instance, field: str, lang: str) -> bool:
    value = getattr(instance, build_localized_fieldname(field, lang), None)
    return bool(value and value.strip())


def language_state(instance, fields, lang: str) -> State:
    """A language is complete when every text the English source has is filled in it too."""
    expected = [f for f in fields if field_filled(instance, f, "en")] or list(fields)
    filled = sum(field_filled(instance, f, lang) for f in expected)
    if filled == len(expected):
        return State.COMPLETE
    return State.PARTIAL if filled else State.MISSING


def language_states(instance, fields) -> dict[str, State]:
    return {lang: language_state(instance, fields, lang) for lang in language_codes()}


def missing_in(lang: str, fields) -> Q:
    """Records with at least one text that English has and ``lang`` lacks."""
    condition = Q()
    for field in fields:
        source = build_localized_fieldname(field, "en")
        target = build_localized_fieldname(field, lang)
        has_source = ~Q(**{source: ""}) & Q(**{f"{source}__isnull": False})
        lacks_target = Q(**{target: ""}) | Q(**{f"{target}__isnull": True})
        condition |= has_source & lacks_target
    return condition
