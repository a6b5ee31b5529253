"""Comparison texts assembled from the facts of two codes, for pairs no editor has written yet.

Every sentence is translated whole, through gettext, with named placeholders for numbers, names and
facts only; no editorial text is ever spliced into a sentence. Sentences are chosen by the facts, so
each language can word each case its own way.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_noop

from codes.models import StatusCode

from .advice import class_advice, code_advice
from .differences import (
    cache_sentences,
    emitter_sentences,
    header_sentences,
    origin_sentences,
    retry_sentences,
)
from .sentences import Sentence, code_name, escape_markdown, say, sentence_separator


@dataclass
class Assembled:
    title: str
    summary: list[Sentence] = field(default_factory=list)
    key_differences: list[Sentence] = field(default_factory=list)
    when_to_use: list[Sentence] = field(default_factory=list)

    @property
    def sentences(self) -> list[Sentence]:
        return [*self.summary, *self.key_differences, *self.when_to_use]

    def summary_text(self) -> str:
        return _join_sentences(self.summary)

    def as_text(self) -> dict[str, object]:
        return {
            "title": self.title,
            "summary": self.summary_text(),
            "key_differences": [str(s) for s in self.key_differences],
            "when_to_use": [str(s) for s in self.when_to_use],
        }

    def as_markdown(self) -> dict[str, str]:
        return {
            "title": self.title,
            "summary": escape_markdown(self.summary_text()),
            "key_differences": "\n".join(f"- {escape_markdown(s.text)}" for s in self.key_differences),
            "when_to_use": "\n\n".join(escape_markdown(s.text) for s in self.when_to_use),
        }


def _join_sentences(sentences: list[Sentence]) -> str:
    text = ""
    for sentence in sentences:
        if text:
            text += sentence_separator(text)
        text += sentence.text
    return text


# --- Class --------------------------------------------------------------------------------------

_CLASS_OF_ONE = {
    1: gettext_noop("%(code)s is an informational response (1xx): an interim answer before the final one."),
    2: gettext_noop("%(code)s is a success (2xx): the server did what the request asked."),
    3: gettext_noop(
        "%(code)s is a redirection (3xx): the client has to take a further step to complete the request."
    ),
    4: gettext_noop(
        "%(code)s is a client error (4xx): the server attributes the failure to the client's side."
    ),
    5: gettext_noop("%(code)s is a server error (5xx): the request failed on the server side."),
    None: gettext_noop(
        "%(code)s lies outside the standard classes 1xx to 5xx, so generic clients cannot classify it."
    ),
}
_CLASS_OF_BOTH = {
    1: gettext_noop("%(first)s and %(second)s are both informational responses (1xx)."),
    2: gettext_noop("%(first)s and %(second)s both report success (2xx)."),
    3: gettext_noop("%(first)s and %(second)s are both redirections (3xx)."),
    4: gettext_noop("%(first)s and %(second)s are both client errors (4xx)."),
    5: gettext_noop("%(first)s and %(second)s are both server errors (5xx)."),
    None: gettext_noop("%(first)s and %(second)s both lie outside the standard classes 1xx to 5xx."),
}


def _class_sentences(first, second, a, b) -> list[Sentence]:
    if first.status_class == second.status_class:
        return [say(_CLASS_OF_BOTH[first.status_class], first=a, second=b)]
    return [
        say(_CLASS_OF_ONE[first.status_class], code=a),
        say(_CLASS_OF_ONE[second.status_class], code=b),
    ]


# --- Origin (registry and vendor) -----------------------------------------------------------------


# --- Who produces it ------------------------------------------------------------------------------


# --- Caching, retry, headers ----------------------------------------------------------------------


# --- When to use which ----------------------------------------------------------------------------


def assembled_title(first: StatusCode, second: StatusCode, *, name=code_name) -> str:
    """ "HTTP 202 Accepted vs 520 …" in the active language; ``name`` formats each code's name."""
    return gettext("HTTP %(first)s vs %(second)s") % {"first": name(first), "second": name(second)}


def assemble(first: StatusCode, second: StatusCode) -> Assembled:
    """Texts for a pair, in the active language; the codes should be in canonical order."""
    a, b = code_name(first), code_name(second)
    result = Assembled(title=assembled_title(first, second))
    result.summary = _class_sentences(first, second, a, b)
    result.key_differences = [
        *origin_sentences(first, second, a, b),
        *emitter_sentences(first, second, a, b),
        *cache_sentences(first, second, a, b),
        *retry_sentences(first, second, a, b),
        *header_sentences(first, second, a, b),
    ]
    result.when_to_use = [
        *class_advice(first, second, a, b),
        *code_advice(first, a),
        *code_advice(second, b),
    ]
    return result
