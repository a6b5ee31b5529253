"""One search over codes and curated comparisons: what the search page, the suggestions and the API show."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import translation

from comparisons.models import pair_slug
from search import pairs, selectors
from search.folding import fold
from search.index import Entry, Index, index_for
from search.ranking import Match, closest, rank

RESULT_LIMIT = 50
SUGGESTION_LIMIT = 8


@dataclass
class Hit:
    kind: str  # "code", "comparison" (curated) or "pair" (assembled from the two codes' facts)
    family: str
    slug: str
    numbers: tuple[int, ...]
    name: str
    phrase: str
    reason: str  # number, name, english, former, text, partial, pair
    terms: set[str] = field(default_factory=set)
    former: list[str] = field(default_factory=list)
    vendor: str = ""
    snippet: str = ""
    url: str = ""  # the page in the answer's language

    def locate(self) -> None:
        view = "codes:detail" if self.kind == "code" else "comparisons:detail"
        key = "slug" if self.kind == "code" else "pair"
        self.url = reverse(view, kwargs={"family": self.family, key: self.slug})

    @property
    def number(self) -> int:
        return self.numbers[0]

    @property
    def status_class(self) -> int | None:
        return self.numbers[0] // 100 if 100 <= self.numbers[0] <= 599 else None

    @property
    def shows_phrase(self) -> bool:
        """Whether the English name is worth showing beside the name in the page's language."""
        return self.kind == "code" and fold(self.phrase) != fold(self.name)


@dataclass
class Answer:
    query: str
    hits: list[Hit]
    total: int
    closest: list[Hit] = field(default_factory=list)
    # The results as the search page lists them, once rendered (in the answer's language).
    listed: str | None = field(default=None, repr=False, compare=False)

    @property
    def pair(self) -> Hit | None:
        return self.hits[0] if self.hits and self.hits[0].kind in ("comparison", "pair") else None


def _snippet(entry: Entry, terms: set[str]) -> str:
    for text, folded in zip(entry.texts, entry.texts_folded, strict=True):
        if any(term in folded for term in terms):
            return text
    return entry.texts[0] if entry.texts else ""


def _hit(match: Match) -> Hit:
    entry = match.entry
    reason = "partial" if match.tier == 5 else match.reason
    return Hit(
        kind=entry.kind,
        family=entry.family,
        slug=entry.slug,
        numbers=entry.numbers,
        name=entry.name,
        phrase=entry.phrase,
        reason=reason,
        terms=match.terms,
        former=entry.former,
        vendor=entry.vendor,
        snippet=_snippet(entry, match.terms) if entry.kind == "code" else "",
    )


def _pair_hit(first: Entry, second: Entry, language: str) -> Hit:
    slug = pair_slug(first, second)
    curated = selectors.curated_comparison(family=first.family, slug=slug, language=language)
    low, high = sorted((first, second), key=lambda entry: (entry.number, entry.slug))
    title = selectors.localized_value(curated, "title", language)[0] if curated else ""
    return Hit(
        kind="comparison" if curated else "pair",
        family=first.family,
        slug=slug,
        numbers=(low.number, high.number),
        name=title or f"{low.name} / {high.name}",
        phrase=f"{low.phrase} vs {high.phrase}",
        reason="pair",
    )


def _pair(query: str, index: Index) -> tuple[Entry, Entry] | None:
    found = pairs.numbered_pair(query, index)
    if found is None and (parts := pairs.named_parts(query)):
        tops = [next(iter(rank(part, index)), None) for part in parts]
        if all(top and top.entry.kind == "code" and top.tier <= 3 for top in tops):
            found = (tops[0].entry, tops[1].entry)
    if found is None or found[0] is found[1]:
        return None
    return found


def _closest_hits(query: str, index: Index) -> list[Hit]:
    return [_hit(Match(entry, 5, 0.0)) for entry in closest(query, index)]


# Answers this worker gave lately, per index: the same query typed again costs no ranking.
_answers: dict[tuple, Answer] = {}
_ANSWERS_HELD = 2048


def find(query: str, *, language: str, limit: int = RESULT_LIMIT) -> Answer:
    """What ``query`` finds in ``language``: a pair's comparison first when it names two codes (with the
    two codes next), then codes and comparisons by relevance; the closest names when nothing matched."""
    index = index_for(language)
    key = (index.version, language, query, limit)
    if key not in _answers:
        if len(_answers) >= _ANSWERS_HELD:
            _answers.clear()
        answer = _find(query, index, limit)
        # Each link once, here, rather than each time the answer is shown again.
        with translation.override(language):
            for hit in answer.hits + answer.closest:
                hit.locate()
        _answers[key] = answer
    return _answers[key]


def _find(query: str, index: Index, limit: int) -> Answer:
    matches = rank(query, index)
    if any(match.tier < 5 for match in matches):
        matches = [match for match in matches if match.tier < 5]
    pair = _pair(query, index)
    if pair is not None:
        head = _pair_hit(*pair, index.language)
        lead = [Match(entry, 0, 0.0) for entry in sorted(pair, key=lambda entry: entry.number)]
        rest = [match for match in matches if match.entry not in pair and match.entry.slug != head.slug]
        hits = [head, *(_hit(match) for match in lead + rest)]
        for hit in hits[1:3]:
            hit.reason = "pair"
    else:
        hits = [_hit(match) for match in matches]
    answer = Answer(query=query, hits=hits[:limit], total=len(hits))
    if not hits:
        answer.closest = _closest_hits(query, index)
    return answer
