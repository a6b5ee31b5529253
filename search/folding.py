"""How text is compared in search: case and diacritics folded the same way in every language, words split
into tokens, and Chinese, Japanese and Korean cut into overlapping pairs of characters (they are not
written with spaces between words, or, in Korean, glue particles to them)."""

import re
import unicodedata
from functools import lru_cache

# Turkish dotted and dotless i all fold to "i": "İSTEK", "istek" and "ıstek" are one word to a searcher.
_SPECIAL = {"İ": "i", "I": "i", "ı": "i", "ß": "ss"}
_WORD = re.compile(r"\w+")


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x9FFF  # ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0x1100 <= code <= 0x11FF
        or 0xF900 <= code <= 0xFAFF
    )


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """One character folded; may be empty (a combining mark) or longer than one character."""
    if char in _SPECIAL:
        return _SPECIAL[char]
    char = unicodedata.normalize("NFKC", char)
    if len(char) == 1 and is_cjk(char):
        # Decomposing would split a Hangul syllable into its letters and a kana from its voicing mark.
        return char
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(part for part in decomposed if not unicodedata.combining(part))


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of the original character it came from."""
    pieces, offsets = [], []
    for index, char in enumerate(text):
        folded = fold_char(char)
        pieces.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(pieces), offsets


def fold(text: str) -> str:
    return "".join(fold_char(char) for char in text)


def _split_scripts(word: str) -> list[tuple[bool, str]]:
    runs: list[tuple[bool, str]] = []
    for char in word:
        cjk = is_cjk(char)
        if runs and runs[-1][0] == cjk:
            runs[-1] = (cjk, runs[-1][1] + char)
        else:
            runs.append((cjk, char))
    return runs


def tokens(text: str, *, folded: bool = False) -> list[str]:
    """Words of a text in order; a run of CJK characters gives its pairs of characters (or itself when it
    is one character long)."""
    found = []
    for word in _WORD.findall(text if folded else fold(text)):
        for cjk, run in _split_scripts(word):
            if cjk and len(run) > 1:
                found.extend(run[i : i + 2] for i in range(len(run) - 1))
            elif run.strip("_"):
                found.append(run)
    return found


def index_tokens(text: str) -> set[str]:
    """Tokens a text is found by: its words, and each CJK character on its own (so a one-character query
    finds it too)."""
    folded = fold(text)
    found = set(tokens(folded, folded=True))
    found.update(char for char in folded if is_cjk(char))
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
