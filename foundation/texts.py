"""Editorial texts as a page shows them: in the page's language, or in English with a note."""

from dataclasses import dataclass
from html import unescape

from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from modeltranslation.utils import build_localized_fieldname

from foundation.completeness import field_filled
from foundation.languages import LANGUAGE_CODES
from foundation.markup import render_markdown


@dataclass(frozen=True)
class Text:
    """One editorial text as a page shows it: in the active language, or in English with a note."""

    raw: str
    lang: str
    fell_back: bool
    markdown: bool = True

    def __bool__(self):
        return bool(self.raw.strip())

    def __str__(self):
        return self.raw

    @property
    def html(self) -> SafeString:
        return render_markdown(self.raw)

    @property
    def inline_html(self) -> SafeString:
        """The text for use inside a paragraph: a single paragraph loses its <p> wrapper."""
        html = str(render_markdown(self.raw))
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return mark_safe(html)  # noqa: S308 - sanitised by render_markdown

    @property
    def plain(self) -> str:
        """The text without markup, for titles and meta descriptions: plain characters, not HTML, so that
        templates and JSON-LD escape it once, each as they need."""
        return " ".join(unescape(strip_tags(render_markdown(self.raw))).split())


def localized(instance, name: str, *, lang: str | None = None) -> Text:
    """The text ``name`` in the active language; English, marked as such, when that is empty."""
    lang = lang or translation.get_language() or settings.LANGUAGE_CODE
    if field_filled(instance, name, lang):
        return Text(getattr(instance, build_localized_fieldname(name, lang)).strip(), lang, False)
    english = getattr(instance, build_localized_fieldname(name, "en"), None) or ""
    return Text(english.strip(), "en", lang != "en")


def languages_with(instance, fields) -> list[str]:
    """Languages in which at least one of the main texts ``fields`` is written (English always)."""
    return [
        lang
        for lang in LANGUAGE_CODES
        if lang == settings.LANGUAGE_CODE or any(field_filled(instance, name, lang) for name in fields)
    ]


def isolate(text: str) -> str:
    """Keep a left-to-right name ("202 Accepted") in one piece inside a right-to-left sentence.

    For plain-text strings (titles, headings built in Python); templates use <bdi> instead.
    """
    return f"\u2068{text}\u2069" if translation.get_language_bidi() else text


def meta_description(text: str, limit: int = 160) -> str:
    return Truncator(" ".join(text.split())).chars(limit)
