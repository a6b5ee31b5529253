"""How text is compared in search: case and diacritics folded the same way in every language, words split
into tokens, and Chinese, Japanese and Korean cut into overlapping pairs of characters (they are not
written with spaces between words, or, in Korean, glue particles to them)."""

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w+")
_CJK_CHARS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")
_CJK_SPLIT = re.compile(f"([{_CJK_CHARS}]+)")


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x9FFF  # ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0x1100 <= code <= 0x11FF
        or 0xF900 <= code <= 0xFAFF
    )


# Combining marks removed by folding: Latin, Greek and Cyrillic accents, Arabic vowel signs. Not the kana
# voicing marks, which make different syllables (か and が).
_MARKS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a\u064b-\u065f\u0670]"
)


# Digits of the scripts our readers type in besides ASCII (NFKC already folds the full-width ones):
# Arabic-Indic "٤٠٤" and its Persian forms "۴۰۴" are 404.
_DIGITS = {
    **{0x0660 + value: str(value) for value in range(10)},
    **{0x06F0 + value: str(value) for value in range(10)},
}


def fold(text: str) -> str:
    """Case and diacritics folded: "Não" is "nao", "İSTEK" is "istek", full-width "４０４" and Arabic-Indic
    "٤٠٤" are "404".

    Turkish dotted and dotless i all fold to "i": "İSTEK", "istek" and "ıstek" are one word to a searcher.
    """
    text = unicodedata.normalize(
        "NFKC", text.replace("İ", "i").replace("I", "i").replace("ı", "i").translate(_DIGITS)
    ).casefold()
    if text.isascii():
        return text
    # Decomposed to drop the marks, composed again so that Hangul syllables and voiced kana stay whole.
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFKD", text)))


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """One character folded; may be empty (a combining mark) or longer than one character."""
    return fold(char)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original character it came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    pieces, offsets = [], []
    for index, char in enumerate(text):
        folded = fold_char(char)
        pieces.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(pieces), offsets


def tokens(text: str, *, folded: bool = False) -> list[str]:
    """Words of a text in order; a run of CJK characters gives its pairs of characters (or itself when it
    is one character long)."""
    found = []
    for word in _WORD.findall(text if folded else fold(text)):
        if word.isascii():
            found.append(word)
            continue
        for run in _CJK_SPLIT.split(word):
            if not run.strip("_"):
                continue
            if len(run) > 1 and _CJK_RUN.fullmatch(run):
                found.extend(run[i : i + 2] for i in range(len(run) - 1))
            else:
                found.append(run)
    return found


def index_tokens(text: str) -> set[str]:
    """Tokens a text is found by: its words, and each CJK character on its own (so a one-character query
    finds it too)."""
    folded = fold(text)
    found = set(tokens(folded, folded=True))
    for run in _CJK_RUN.findall(folded):
        found.update(run)
    return found


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 as soon as it is certain to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
