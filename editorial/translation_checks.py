"""Checks of a translated text against its English source.

One implementation for the content files' tests, the ``check_translations`` command and the admin:
a translation keeps the source's code spans, URLs, RFC references, numbers and Markdown structure,
is not the English text itself, reads as its own language and uses the language's glossary terms.
Findings are warnings: they describe, they never block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from foundation.languages import LANGUAGE_CODES

GLOSSARY_DIR = Path(settings.BASE_DIR) / "content" / "i18n" / "glossary"

CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
URL_RE = re.compile(r"https?://[^\s)>\]`\"'，。、）]+")
RFC_RE = re.compile(r"\bRFC[\s\u00a0]*(\d{3,5})", re.IGNORECASE)
NUMBER_RE = re.compile(r"\d+")
# Arabic-Indic and Extended Arabic-Indic digits read as their ASCII value.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Scripts written without spaces between words: length is counted in characters there.
UNSPACED = {"ja", "zh-hans"}
# py3langid's names of our languages.
LANGID_CODES = {"pt-br": "pt", "zh-hans": "zh"}
# Below these sizes a language identifier guesses; shorter paragraphs are not judged.
MIN_WORDS = 8
MIN_CHARACTERS = 24


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str

    def __str__(self):
        return f"{self.kind}: {self.message}"


@dataclass(frozen=True)
class GlossaryTerm:
    english: str
    use: str
    avoid: tuple[str, ...] = ()
    case_sensitive: bool = False


@dataclass(frozen=True)
class Glossary:
    language: str
    terms: tuple[GlossaryTerm, ...] = field(default_factory=tuple)

    def rejected_in(self, prose: str) -> list[tuple[GlossaryTerm, str]]:
        found = []
        for term in self.terms:
            for variant in term.avoid:
                if _contains(prose, variant, self.language, term.case_sensitive):
                    found.append((term, variant))
        return found


def _contains(text: str, word: str, language: str, case_sensitive: bool) -> bool:
    return _word_pattern(word, language, case_sensitive).search(text) is not None


@lru_cache(maxsize=4096)
def _word_pattern(word: str, language: str, case_sensitive: bool) -> re.Pattern:
    pattern = re.escape(word)
    if language not in UNSPACED | {"ko"}:
        # A whole word, not a part of a longer one (German compounds are joined with a hyphen).
        pattern = rf"(?<![\w-]){pattern}(?![\w])"
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


def source_words(term: GlossaryTerm) -> list[str]:
    """The English words a term stands for: “cache (verb), cacheable” is “cache” and “cacheable”."""
    bare = re.sub(r"\([^)]*\)", " ", term.english)
    return [word.strip() for word in re.split(r"[/,]", bare) if len(word.strip()) > 1]


def terms_in_source(source: str, glossary: Glossary | None) -> list[tuple[int, int, GlossaryTerm]]:
    """Where the glossary's English terms occur in ``source`` (outside code spans), longest match first."""
    if glossary is None:
        return []
    hidden = CODE_SPAN_RE.sub(lambda match: " " * len(match.group(0)), source)
    spans: list[tuple[int, int, GlossaryTerm]] = []
    candidates = sorted(
        ((word, term) for term in glossary.terms for word in source_words(term)),
        key=lambda item: -len(item[0]),
    )
    for word, term in candidates:
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?:e?s)?(?![\w])", hidden, re.IGNORECASE):
            start, end = match.span()
            if all(end <= taken_start or start >= taken_end for taken_start, taken_end, _t in spans):
                spans.append((start, end, term))
    return sorted(spans, key=lambda span: span[0])


def glossary_path(language: str) -> Path:
    return GLOSSARY_DIR / f"{language}.yaml"


@cache
def load_glossary(language: str) -> Glossary | None:
    path = glossary_path(language)
    if not path.exists():
        return None
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    terms = tuple(
        GlossaryTerm(
            english=str(item["en"]),
            use=str(item["use"]),
            avoid=tuple(str(word) for word in item.get("avoid") or ()),
            case_sensitive=bool(item.get("case_sensitive", False)),
        )
        for item in doc.get("terms") or ()
    )
    return Glossary(language=language, terms=terms)


def code_spans(text: str) -> list[str]:
    return [match.group(2).strip() for match in CODE_SPAN_RE.finditer(text)]


def prose_of(text: str) -> str:
    """The text without code spans and URLs: what a reader reads as language."""
    return URL_RE.sub(" ", CODE_SPAN_RE.sub(" ", text))


def rfc_numbers(text: str) -> set[str]:
    return set(RFC_RE.findall(text))


def numbers(text: str) -> set[str]:
    return set(NUMBER_RE.findall(prose_of(text).translate(DIGITS)))


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


def markdown_structure(text: str) -> list[str]:
    """The block structure of a Markdown text: paragraphs, lists and their items, headings, code blocks."""
    return [
        token.type
        for token in _markdown().parse(text)
        if token.block and token.type not in {"inline", "paragraph_close", "list_item_close"}
    ]


def paragraphs(text: str) -> list[str]:
    """The runs of prose a reader sees as one block: paragraphs and list items."""
    pieces = re.split(r"\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s+", "\n" + text)
    return [piece.strip(" \n-*+") for piece in pieces if piece.strip(" \n-*+")]


def long_enough_to_identify(text: str, language: str) -> bool:
    if language in UNSPACED:
        return len(re.sub(r"\s", "", text)) >= MIN_CHARACTERS
    return len(text.split()) >= MIN_WORDS


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted({LANGID_CODES.get(code, code) for code in LANGUAGE_CODES}))
    return identifier


def identify(text: str) -> tuple[str, float]:
    """The language of a text among the site's languages (py3langid's code) and its probability."""
    language, probability = _identifier().classify(text)
    return language, float(probability)


# Quoted server messages ("client sent too long header line") are English in every language, whichever
# quotation marks the language puts around them.
QUOTED_RE = re.compile(r'"[^"\n]*"|“[^”\n]*”|„[^“”\n]*[“”]|«[^»\n]*»|「[^」\n]*」')


def english_paragraphs(text: str, language: str) -> list[str]:
    """Paragraphs of a translation that a language identifier reads as English."""
    found = []
    for paragraph in paragraphs(QUOTED_RE.sub(" ", prose_of(text))):
        if long_enough_to_identify(paragraph, language) and identify(paragraph)[0] == "en":
            found.append(paragraph)
    return found


def _short(text: str, length: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def check_text(source: str, text: str, language: str, *, glossary: Glossary | None = None) -> list[Finding]:
    """What a reviewer would flag in ``text``, the ``language`` translation of the English ``source``.

    Messages are in the active language: the same findings serve the content tests, the command, the
    admin's workspace (as the translator types and on save) and the PO import.
    """
    source, text = (source or "").replace("\r\n", "\n").strip(), (text or "").replace("\r\n", "\n").strip()
    if not source:
        return []
    if not text:
        return [Finding("missing", _("no translation yet"))]
    glossary = glossary if glossary is not None else load_glossary(language)
    return list(_findings(source, text, language, glossary, get_language()))


@lru_cache(maxsize=16384)
def _findings(
    source: str, text: str, language: str, glossary: Glossary | None, interface: str
) -> tuple[Finding, ...]:
    # Kept per text and interface language: lists and status pages check every stored translation.
    findings = []
    if text == source and len(prose_of(source).split()) >= 4:
        findings.append(Finding("identical", _("the text is the English source, untranslated")))
    missing_spans = [span for span in dict.fromkeys(code_spans(source)) if span not in code_spans(text)]
    if missing_spans:
        findings.append(
            Finding(
                "code", _("code spans of the source missing: %(items)s") % {"items": ", ".join(missing_spans)}
            )
        )
    missing_urls = [url for url in dict.fromkeys(URL_RE.findall(source)) if url not in text]
    if missing_urls:
        findings.append(
            Finding("url", _("links of the source missing: %(items)s") % {"items": ", ".join(missing_urls)})
        )
    missing_rfcs = sorted(rfc_numbers(source) - rfc_numbers(text), key=int)
    if missing_rfcs:
        items = ", ".join(f"RFC {n}" for n in missing_rfcs)
        findings.append(Finding("rfc", _("RFC references missing: %(items)s") % {"items": items}))
    missing_numbers = sorted(numbers(source) - numbers(text), key=int)
    if missing_numbers:
        findings.append(
            Finding(
                "number",
                _("numbers of the source missing: %(items)s") % {"items": ", ".join(missing_numbers)},
            )
        )
    if markdown_structure(source) != markdown_structure(text):
        findings.append(
            Finding("markdown", _("the Markdown structure (paragraphs, list items) differs from the source"))
        )
    if language != "en":
        for paragraph in english_paragraphs(text, language):
            findings.append(
                Finding("english", _("reads as English: “%(text)s”") % {"text": _short(paragraph)})
            )
    if glossary is not None:
        for term, variant in glossary.rejected_in(QUOTED_RE.sub(" ", prose_of(text))):
            findings.append(
                Finding(
                    "glossary",
                    _("“%(avoid)s” is not used for “%(english)s”: write “%(use)s”")
                    % {"avoid": variant, "english": term.english, "use": term.use},
                )
            )
    return tuple(findings)


def po_warnings(entries, language: str) -> list[tuple[str, list[Finding]]]:
    """(context, findings) of a PO file's translated entries: what the import reports beside its summary."""
    found = []
    for entry in entries:
        if entry.obsolete or entry.fuzzy or not entry.msgstr.strip():
            continue
        findings = check_text(entry.msgid, entry.msgstr, language)
        if findings:
            found.append((entry.msgctxt or entry.msgid[:40], findings))
    return found
