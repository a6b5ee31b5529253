"""The rules a text's help text states ("One sentence.", "Markdown list of 3–6 points."), checked in every
language. A broken rule is a warning, never a refusal: the form saves and says so, the lists mark it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname

from editorial.translation_checks import Finding, _markdown, prose_of

# Full stops that end no sentence: abbreviations and numbers such as "15.5.5" or "1.1".
_NOT_AN_END = re.compile(
    r"\b(?:e\.g|i\.e|etc|vs|cf|approx|z\.\s?B|d\.\s?h|bzw|usw|u\.\s?a|p\.\s?ex|c\.-à-d|ex|por\s?ej|"
    r"т\.\s?е|т\.\s?д|т\.\s?п|vb|örn)\.",
    re.IGNORECASE,
)
_DECIMAL = re.compile(r"\d+(?:\.\d+)+")
_SENTENCE_END = re.compile(r"[.!?…]+(?=[\s\"'”»)]|$)|[。！？؟]+")
_QUESTION_END = re.compile(r"[?？؟]\s*$")


def sentence_count(text: str) -> int:
    """How many sentences a reader sees in ``text`` (code spans, links and abbreviations aside)."""
    prose = _DECIMAL.sub("0", _NOT_AN_END.sub(" ", prose_of(text or ""))).strip()
    if not prose:
        return 0
    ends = _SENTENCE_END.findall(prose)
    # Text after the last full stop is a sentence too, finished or not.
    unfinished = prose.rstrip("\"'”»)」 ")[-1:] not in tuple(".!?…。！？؟")
    return len(ends) + (1 if unfinished else 0)


def list_points(text: str) -> int | None:
    """The points of a Markdown list that makes up the whole text; None if the text is not one list."""
    tokens = [token for token in _markdown().parse(text or "") if token.level == 0]
    lists = [token for token in tokens if token.type in ("bullet_list_open", "ordered_list_open")]
    others = [token for token in tokens if token.type.endswith("_open") and token not in lists]
    if len(lists) != 1 or others:
        return None
    return sum(1 for token in _markdown().parse(text) if token.type == "list_item_open" and token.level == 1)


@dataclass(frozen=True)
class Sentences:
    most: int

    def check(self, text: str) -> list[Finding]:
        count = sentence_count(text)
        if count <= self.most:
            return []
        if self.most == 1:
            message = ngettext(
                "%(count)d sentence; the help text asks for one.",
                "%(count)d sentences; the help text asks for one.",
                count,
            )
        else:
            message = ngettext(
                "%(count)d sentence; the help text asks for one or two.",
                "%(count)d sentences; the help text asks for one or two.",
                count,
            )
        return [Finding("rule", message % {"count": count})]


@dataclass(frozen=True)
class ListOfPoints:
    fewest: int
    most: int

    def check(self, text: str) -> list[Finding]:
        points = list_points(text)
        if points is None:
            return [
                Finding(
                    "rule",
                    _(
                        "Not a list: the help text asks for %(fewest)d–%(most)d points, "
                        "each on a line starting with “- ”."
                    )
                    % {"fewest": self.fewest, "most": self.most},
                )
            ]
        if self.fewest <= points <= self.most:
            return []
        return [
            Finding(
                "rule",
                ngettext(
                    "%(count)d point; the help text asks for %(fewest)d–%(most)d.",
                    "%(count)d points; the help text asks for %(fewest)d–%(most)d.",
                    points,
                )
                % {"count": points, "fewest": self.fewest, "most": self.most},
            )
        ]


@dataclass(frozen=True)
class OneQuestion:
    def check(self, text: str) -> list[Finding]:
        if _QUESTION_END.search(text.strip()) and sentence_count(text) == 1:
            return []
        return [Finding("rule", _("The help text asks for one question, ending with a question mark."))]


# (app label, model name, field): the rule its help text states.
RULES = {
    ("codes", "statuscode", "summary"): Sentences(most=1),
    ("comparisons", "comparison", "summary"): Sentences(most=2),
    ("comparisons", "comparison", "key_differences"): ListOfPoints(fewest=3, most=6),
    ("guide", "step", "question"): OneQuestion(),
    ("guide", "step", "help"): Sentences(most=2),
    ("guide", "answer", "verdict"): Sentences(most=2),
}


def rule_of(model, name: str):
    return RULES.get((model._meta.app_label, model._meta.model_name, name))


def text_rule_warnings(model, name: str, text: str) -> list[Finding]:
    """What ``text``, as the field ``name`` of ``model``, breaks of its help text's rule."""
    rule = rule_of(model, name)
    text = (text or "").replace("\r\n", "\n").strip()
    if rule is None or not text:
        return []
    return rule.check(text)


def rule_warnings(instance, name: str, lang: str) -> list[Finding]:
    """What the stored text ``name`` in ``lang`` breaks of its help text's rule (nothing if empty)."""
    return text_rule_warnings(
        type(instance), name, getattr(instance, build_localized_fieldname(name, lang), "")
    )
