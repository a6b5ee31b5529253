"""Languages in the admin: each named by its own name ("Bahasa Indonesia", "日本語"), each text with the
state of its translation (missing, outdated, has warnings, done), the same marks on a form's tabs and in
the lists, and every text field typed in its language's direction."""

from __future__ import annotations

from enum import StrEnum

from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from editorial.text_rules import rule_warnings
from editorial.translation_checks import check_text
from foundation.completeness import field_filled
from foundation.languages import SOURCE_LANGUAGE, language_codes
from foundation.text_changes import is_outdated


def own_name(lang: str) -> str:
    """A language by its own name, as its translators call it: "Deutsch", "日本語", "Bahasa Indonesia"."""
    return capfirst(get_language_info(lang)["name_local"])


def direction(lang: str) -> str:
    return "rtl" if get_language_info(lang)["bidi"] else "ltr"


class TextState(StrEnum):
    MISSING = "missing"
    OUTDATED = "outdated"
    WARNINGS = "warnings"
    DONE = "done"


STATE_MARKS = {
    TextState.MISSING: "✗",
    TextState.OUTDATED: "↻",
    TextState.WARNINGS: "⚠",
    TextState.DONE: "✓",
}

STATE_LABELS = {
    TextState.MISSING: _("missing"),
    TextState.OUTDATED: _("outdated: the English changed since"),
    TextState.WARNINGS: _("has warnings"),
    TextState.DONE: _("done"),
}

# A record's state in a language is its worst text's.
_SEVERITY = [TextState.MISSING, TextState.OUTDATED, TextState.WARNINGS, TextState.DONE]


def text_state(instance, name: str, lang: str, *, checked: bool = True) -> TextState | None:
    """The state of one text in one language; None where the English has nothing to translate.

    ``checked`` runs the translation checks too (a change form); lists apply only the help text's rules.
    """
    if lang == SOURCE_LANGUAGE:
        if not field_filled(instance, name, lang):
            return None  # an optional English text left empty; a required one is the form's to say
        return TextState.WARNINGS if rule_warnings(instance, name, lang) else TextState.DONE
    if not field_filled(instance, name, SOURCE_LANGUAGE):
        return None
    if not field_filled(instance, name, lang):
        return TextState.MISSING
    if is_outdated(instance, name, lang):
        return TextState.OUTDATED
    if rule_warnings(instance, name, lang):
        return TextState.WARNINGS
    if checked:
        source = getattr(instance, build_localized_fieldname(name, SOURCE_LANGUAGE)) or ""
        if check_text(source, getattr(instance, build_localized_fieldname(name, lang)) or "", lang):
            return TextState.WARNINGS
    return TextState.DONE


def record_state(instance, lang: str, fields=None, *, checked: bool = False) -> TextState | None:
    """The worst state of a record's texts in ``lang`` (None: the record has no text at all)."""
    states = [text_state(instance, name, lang, checked=checked) for name in fields or instance.TEXT_FIELDS]
    states = [state for state in states if state is not None]
    if not states:
        return None
    return min(states, key=_SEVERITY.index)


def record_states(instance, fields=None) -> dict[str, TextState | None]:
    return {lang: record_state(instance, lang, fields) for lang in language_codes()}


def mark_language_widgets(form, model) -> None:
    """Every localized text field of ``form`` says its language, direction and state: the change form's
    script turns these into tab labels ("Deutsch ✓") with a text alternative, and the browser types
    Arabic right to left."""
    instance = form.instance
    for name in getattr(model, "TEXT_FIELDS", ()):
        for lang in language_codes():
            localized = build_localized_fieldname(name, lang)
            if localized not in form.fields:
                continue
            widget = form.fields[localized].widget
            widget = getattr(widget, "widget", widget)  # modeltranslation's clearable wrapper
            state = text_state(instance, name, lang) if instance.pk is not None else None
            widget.attrs.update(
                {
                    "lang": lang,
                    "dir": direction(lang),
                    "data-atlas-language": own_name(lang),
                    "data-atlas-state": state.value if state else "",
                    "data-atlas-mark": STATE_MARKS[state] if state else "",
                    "data-atlas-state-label": str(STATE_LABELS[state]) if state else "",
                }
            )
