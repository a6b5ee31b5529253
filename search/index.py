"""The search index of one language: every code and curated comparison with the tokens it is found by,
grouped by how strongly a match there counts. Built from the database once per content version and
language, held by each worker (the data set is small: names and texts of a few hundred records)."""

import re
import threading
from dataclasses import dataclass, field

from foundation.versions import content_changed_at
from search import selectors
from search.folding import fold, index_tokens, is_cjk, tokens

# The groups a word can match in, strongest first; a result's rank is the first group that, together with
# the ones before it, holds every word of the query.
GROUPS = ("number", "name", "english", "former", "text")
_MARKUP = re.compile(r"[*_`#>\[\]]|\(https?://[^)]*\)")


@dataclass
class Entry:
    kind: str  # "code" or "comparison"
    family: str
    slug: str
    numbers: tuple[int, ...]
    name: str
    phrase: str
    vendor: str
    former: list[str]
    texts: list[str]
    groups: dict[str, set[str]]
    names_folded: dict[str, list[str]]
    official: bool = True

    @property
    def number(self) -> int:
        return self.numbers[0]


@dataclass
class Index:
    language: str
    entries: list[Entry]
    vocabulary: set[str] = field(default_factory=set)
    name_vocabulary: set[str] = field(default_factory=set)
    codes_by_number: dict[int, list[Entry]] = field(default_factory=dict)
    comparisons: dict[tuple[str, str], Entry] = field(default_factory=dict)
    version: float = 0.0

    def __post_init__(self):
        for entry in self.entries:
            for group, found in entry.groups.items():
                self.vocabulary |= found
                if group in ("name", "english", "former"):
                    self.name_vocabulary |= found
            if entry.kind == "code":
                self.codes_by_number.setdefault(entry.number, []).append(entry)
            else:
                self.comparisons[(entry.family, entry.slug)] = entry
        self.name_vocabulary = {
            word
            for word in self.name_vocabulary
            if len(word) >= 4 and not word.isdigit() and not is_cjk(word[0])
        }

    def code(self, number: int) -> Entry | None:
        """The code a bare number means: the registered one before any vendor's reuse of the number."""
        found = self.codes_by_number.get(number, [])
        return min(found, key=lambda entry: (not entry.official, entry.slug), default=None)


def plain(text: str) -> str:
    """Markdown reduced to the words a reader sees."""
    return " ".join(_MARKUP.sub(" ", text).split())


def _code_entry(row: dict, language: str) -> Entry:
    name, _fell_back = selectors.localized_value(row, "title", language)
    english = [row["phrase"], row["title_en"] or ""]
    former = [str(item) for item in row["former_names"] or []]
    vendor = row["vendor__name"] or ""
    texts = [plain(selectors.localized_value(row, text, language)[0]) for text in selectors.CODE_TEXTS]
    local_tokens = index_tokens(name) | index_tokens(vendor)
    return Entry(
        kind="code",
        family=row["family__slug"],
        slug=row["slug"],
        numbers=(row["number"],),
        name=name or row["phrase"],
        phrase=row["phrase"],
        vendor=vendor,
        former=former,
        texts=[text for text in texts if text],
        groups={
            "number": {str(row["number"]), fold(row["slug"])},
            "name": local_tokens,
            "english": set().union(*(index_tokens(item) for item in english)),
            "former": set().union(set(), *(index_tokens(item) for item in former)),
            "text": set().union(*(index_tokens(text) for text in texts)),
        },
        names_folded={
            "name": [" ".join(tokens(name))],
            "english": [" ".join(tokens(item)) for item in english],
            "former": [" ".join(tokens(item)) for item in former],
        },
        official=not vendor and row["slug"] == str(row["number"]),
    )


def _comparison_entry(row: dict, language: str) -> Entry:
    numbers = (row["code_a__number"], row["code_b__number"])
    default = f"{row['code_a__slug']} vs {row['code_b__slug']}"
    name = selectors.localized_value(row, "title", language)[0] or default
    english = row["title_en"] or default
    return Entry(
        kind="comparison",
        family=row["family__slug"],
        slug=row["slug"],
        numbers=numbers,
        name=name,
        phrase=english,
        vendor="",
        former=[],
        texts=[],
        groups={
            "number": {str(number) for number in numbers},
            "name": index_tokens(name),
            "english": index_tokens(english),
            "former": set(),
            "text": set(),
        },
        names_folded={"name": [" ".join(tokens(name))], "english": [" ".join(tokens(english))]},
    )


def build_index(language: str, version: float = 0.0) -> Index:
    entries = [_code_entry(row, language) for row in selectors.code_rows(language=language)]
    entries += [_comparison_entry(row, language) for row in selectors.comparison_rows(language=language)]
    return Index(language=language, entries=entries, version=version)


_built: dict[str, tuple[float, Index]] = {}
_lock = threading.Lock()


def index_for(language: str) -> Index:
    """This worker's index of ``language`` for the current content version."""
    version = content_changed_at().timestamp()
    held = _built.get(language)
    if held is not None and held[0] == version:
        return held[1]
    with _lock:
        held = _built.get(language)
        if held is None or held[0] != version:
            held = (version, build_index(language, version))
            _built[language] = held
    return held[1]
