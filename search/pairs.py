"""Queries that ask for two codes at once: "401 vs 403", "401 403", "502 oder 504", "401 或 403",
"unauthorized vs forbidden"."""

import re

from search.folding import fold, tokens
from search.index import Entry, Index

# Words that join two codes in a question, in our languages (folded: no case, no accents).
JOINERS = {
    "vs", "v", "versus", "or", "and", "compare", "comparison", "difference", "between",
    "atau", "dan", "dengan", "o", "y", "e", "ou", "et", "oder", "und",
    "または", "か", "と", "또는", "와", "과", "대", "或", "或者", "还是", "和", "与",
    "или", "и", "против", "veya", "ya", "da", "ve", "ile", "أو", "او", "و", "مقابل",
    "http",
}  # fmt: skip
_NUMBER = re.compile(r"^[1-9]\d\d$")
_SPLIT = re.compile(
    r"\s+(?:" + "|".join(sorted(map(re.escape, JOINERS), key=len, reverse=True)) + r")\s+|[/,&]|\s+-\s+"
)


def _joiner(word: str) -> bool:
    # CJK words come as pairs of characters: "401 或 403" gives the single character, "或者" a pair.
    return word in JOINERS or all(char in JOINERS for char in word)


def numbered_pair(query: str, index: Index) -> tuple[Entry, Entry] | None:
    """Two different codes named by number, with nothing else in the query but words that join them."""
    words = tokens(query)
    numbers = [word for word in words if _NUMBER.match(word)]
    others = [word for word in words if not _NUMBER.match(word)]
    if len(numbers) != 2 or numbers[0] == numbers[1] or not all(_joiner(word) for word in others):
        return None
    first, second = index.code(int(numbers[0])), index.code(int(numbers[1]))
    if first is None or second is None:
        return None
    return first, second


def named_parts(query: str) -> list[str] | None:
    """The two halves of "unauthorized vs forbidden" (split at a joining word), or None."""
    parts = [part.strip() for part in _SPLIT.split(f" {fold(query)} ") if part and part.strip()]
    return parts if len(parts) == 2 else None
