"""Relevance: which entries a query finds and in what order.

Each word of the query is widened to the index words it may stand for (the word itself, words it begins,
a shorter form of it, a word it is a synonym of, and in names a word one or two typing mistakes away),
then every entry is ranked by the first group of its words that, with the groups before it, holds every
word of the query: its number, its name in the page's language, its English name, a former name, the
words of its texts. Within a group, words found in names count more than words found only in texts, and
words of the query that stand side by side in a text count more than words scattered through it.
"""

from dataclasses import dataclass, field

from search import stemming
from search.folding import edit_distance, is_cjk, tokens
from search.index import GROUPS, STEM_MARK, Entry, Index
from search.synonyms import alternatives

MAX_WORDS = 10
EXACT, SYNONYM, PREFIX, STEM = 1.0, 0.9, 0.8, 0.7
# Within a rank, a word found in a name counts more than one found only in the texts.
TEXT_WEIGHT = 0.8
# Two words of the query side by side in a text, as typed ("request body").
ADJACENT = 0.25
# Within a rank, a code of the IANA registry before a vendor's or an unofficial one matching about as well:
# people meet registered codes far more often ("access denied" is 403 Forbidden before 999 Request Denied).
UNREGISTERED_WEIGHT = 0.9


@dataclass
class Match:
    entry: Entry
    tier: int  # 0 number, 1 name, 2 English name, 3 former name, 4 texts, 5 some of the words only
    score: float
    terms: set[str] = field(default_factory=set)

    @property
    def reason(self) -> str:
        return GROUPS[min(self.tier, len(GROUPS) - 1)]


def query_words(query: str) -> list[str]:
    return list(dict.fromkeys(tokens(query)))[:MAX_WORDS]


def _typo_limit(word: str) -> int:
    return 1 if len(word) <= 7 else 2


def widen(word: str, index: Index) -> dict[str, float]:
    """The index words ``word`` may stand for, each with how sure the match is."""
    found = {word: EXACT}
    if word.isdigit() or is_cjk(word[0]):
        return found
    for synonym in alternatives(word, index.language):
        if synonym in index.vocabulary:
            found.setdefault(synonym, SYNONYM)
    if len(word) >= 2:
        for candidate in index.starting_with(word):
            if candidate != word:
                found[candidate] = PREFIX
    # A shorter form: the word less an ending of up to three letters ("requests", "timeouts").
    for length in range(max(4, len(word) - 3), len(word)):
        if word[:length] in index.vocabulary:
            found.setdefault(word[:length], STEM)
    if len(word) >= 4 and word not in index.name_vocabulary:
        limit = _typo_limit(word)
        for candidate in index.names_by_initial.get(word[0], ()):
            if candidate not in found and abs(len(candidate) - len(word)) <= limit:
                distance = edit_distance(word, candidate, limit)
                if distance <= limit:
                    found[candidate] = 0.6 - 0.1 * distance
    return found


def _best(widened: dict[str, float], words: set[str]) -> tuple[float, str | None]:
    best, term = 0.0, None
    if len(words) < len(widened):
        for candidate in words:
            quality = widened.get(candidate, 0.0)
            if quality > best:
                best, term = quality, candidate
        return best, term
    for candidate, quality in widened.items():
        if quality > best and candidate in words:
            best, term = quality, candidate
    return best, term


def _phrase_bonus(entry: Entry, folded_query: str, upto: int) -> float:
    bonus = 0.0
    for group in GROUPS[1 : upto + 1]:
        for name in entry.names_folded.get(group, []):
            if name == folded_query:
                return 2.0
            if name.startswith(folded_query) or folded_query in name:
                bonus = max(bonus, 1.0)
    return bonus


def rank_entry(entry: Entry, words: list[str], widened: list[dict[str, float]]) -> Match | None:
    if (
        entry.kind == "code"
        and words
        and all(word.isdigit() for word in words)
        and words == [str(n) for n in entry.numbers[:1]]
    ):
        return Match(entry, 0, 10.0, set(words))
    per_group = [[_best(options, entry.groups[group]) for options in widened] for group in GROUPS]
    covered = [0.0] * len(words)
    terms: set[str] = set()
    for tier, group_matches in enumerate(per_group):
        weight = TEXT_WEIGHT if GROUPS[tier] == "text" else 1.0
        for position, (quality, term) in enumerate(group_matches):
            quality *= weight
            if quality > covered[position]:
                covered[position] = quality
            if term:
                terms.add(term.removeprefix(STEM_MARK))
        if all(covered):
            # A name that shares only its number with the query is no better than its texts.
            tier_found = max(tier, 1)
            bonus = _phrase_bonus(entry, " ".join(words), tier_found)
            if GROUPS[tier_found] == "text":
                bonus += _adjacency_bonus(entry, words)
            return Match(entry, tier_found, _prior(entry) * (sum(covered) + bonus), terms)
    matched = sum(1 for quality in covered if quality)
    if matched * 2 >= len(words) and matched:
        return Match(entry, 5, sum(covered) + _adjacency_bonus(entry, words), terms)
    return None


def _prior(entry: Entry) -> float:
    return UNREGISTERED_WEIGHT if entry.kind == "code" and not entry.official else 1.0


def _adjacency_bonus(entry: Entry, words: list[str]) -> float:
    """For each two words of the query that stand side by side in one of the entry's texts."""
    pairs = [f" {first} {second}" for first, second in zip(words, words[1:], strict=False)]
    return ADJACENT * sum(any(pair in text for text in entry.texts_words) for pair in pairs)


def order_key(match: Match):
    entry = match.entry
    return (
        match.tier,
        -round(match.score, 3),
        entry.kind != "code",
        not entry.official,
        entry.numbers,
        entry.slug,
    )


def rank(query: str, index: Index) -> list[Match]:
    """Every entry the query finds, best first; entries matching only some of the words come last."""
    words = query_words(query)
    if not words:
        return []
    widened = [widen(word, index) for word in words]
    found_stems = stemming.stems(
        [word for word in words if len(word) >= 3 and not word.isdigit()], index.language
    )
    for word, options in zip(words, widened, strict=True):
        if word in found_stems:
            options.setdefault(STEM_MARK + found_stems[word], STEM)
    # Only entries that have at least one of the words (or what a word stands for) can match.
    options = {option for found in widened for option in found}
    candidates = (entry for entry in index.entries if entry.holds_any(options))
    found = [match for entry in candidates if (match := rank_entry(entry, words, widened))]
    return sorted(found, key=order_key)


def closest(query: str, index: Index, limit: int = 3) -> list[Entry]:
    """The codes whose names come nearest the query's words, for "did you mean" when nothing matched."""
    words = [word for word in query_words(query) if not word.isdigit()]
    if not words:
        return []
    scored = []
    for entry in index.entries:
        if entry.kind != "code":
            continue
        names = entry.groups["name"] | entry.groups["english"] | entry.groups["former"]
        distance = sum(
            min((edit_distance(word, name, len(word)) for name in names), default=len(word)) / len(word)
            for word in words
        )
        scored.append((distance, entry.number, entry.slug, entry))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored[:limit] if item[0] < len(words)]
