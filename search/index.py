"""The search index of one language: every code with the tokens it is found by, grouped by how strongly a
match there counts. Read from the database by each worker (one query: the codes are a few hundred rows)
when a code changed, as a small query of the rows' marks tells at each new content version; only the
codes that changed are tokenized again."""

import bisect
import copy
import re
import threading
from dataclasses import dataclass, field

from foundation.versions import content_changed_at
from search import selectors, stemming
from search.folding import fold, index_tokens, is_cjk, tokens

# The groups a word can match in, strongest first; a result's rank is the first group that, together with
# the ones before it, holds every word of the query.
GROUPS = ("number", "name", "english", "former", "text")
_MARKUP = re.compile(r"[*_`#>\[\]]|\(https?://[^)]*\)")


@dataclass
class Entry:
    kind: str  # "code"
    family: str
    slug: str
    numbers: tuple[int, ...]
    name: str
    phrase: str
    vendor: str
    former: list[str]
    texts: list[str]
    texts_folded: list[str]
    texts_words: list[str]  # each text's words, space-separated and with a space at either end
    groups: dict[str, set[str]]
    names_folded: dict[str, list[str]]
    official: bool = True
    words: frozenset[str] = frozenset()  # every word of every group, stems included

    def holds_any(self, words: set[str]) -> bool:
        return not self.words.isdisjoint(words)

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
    version: float = 0.0
    sorted_vocabulary: list[str] = field(default_factory=list)
    # Name words by first character, for the typo search.
    names_by_initial: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self):
        for entry in self.entries:
            self.vocabulary |= entry.words
            for group, found in entry.groups.items():
                if group in ("name", "english", "former"):
                    self.name_vocabulary |= found
            self.codes_by_number.setdefault(entry.number, []).append(entry)
        self.name_vocabulary = {
            word
            for word in self.name_vocabulary
            if len(word) >= 4 and not word.isdigit() and not is_cjk(word[0])
        }
        self.sorted_vocabulary = sorted(self.vocabulary)
        for word in sorted(self.name_vocabulary):
            self.names_by_initial.setdefault(word[0], []).append(word)

    def starting_with(self, prefix: str) -> list[str]:
        """The index words that begin with ``prefix`` (itself included when it is one)."""
        start = bisect.bisect_left(self.sorted_vocabulary, prefix)
        found = []
        for word in self.sorted_vocabulary[start:]:
            if not word.startswith(prefix):
                break
            found.append(word)
        return found

    def under(self, version: float) -> "Index":
        """The same index (the same codes, so the same words) under a new content version."""
        moved = copy.copy(self)
        moved.version = version
        return moved

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
        texts_folded=[fold(text) for text in texts if text],
        texts_words=[f" {' '.join(tokens(text))} " for text in texts if text],
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


# Entries already built, by language and code, with the row's change stamp: a new content version
# rebuilds only the codes that changed.
_entries: dict[tuple[str, str, str], tuple[tuple, Entry]] = {}


STEM_MARK = "~"


def add_stems(entries: list[Entry], language: str) -> None:
    """Where the database has a stemmer for the language, each word's stem joins the word's group."""
    if not entries or stemming.configuration(language) is None:
        return
    words = {word for entry in entries for found in entry.groups.values() for word in found}
    found = stemming.stems(sorted(word for word in words if len(word) >= 3 and not word.isdigit()), language)
    for entry in entries:
        for group, words_there in entry.groups.items():
            if group != "number":
                words_there |= {STEM_MARK + found[word] for word in words_there if word in found}


def build_index(language: str, version: float = 0.0, previous: Index | None = None) -> Index:
    """The index of ``language``; the ``previous`` one under the new version when no code changed."""
    entries, changed = [], []
    for row in selectors.code_rows(language=language):
        key = (language, row["family__slug"], row["slug"])
        stamp = (row["updated_at"], row["vendor__name"])
        held = _entries.get(key)
        if held is None or held[0] != stamp:
            held = (stamp, _code_entry(row, language))
            _entries[key] = held
            changed.append(held[1])
        entries.append(held[1])
    add_stems(changed, language)
    for entry in changed:
        entry.words = frozenset().union(*entry.groups.values())
    if (
        not changed
        and previous is not None
        and len(previous.entries) == len(entries)
        and all(old is new for old, new in zip(previous.entries, entries, strict=True))
    ):
        # A save elsewhere (a comparison, another language): the same codes, so the same words.
        return previous.under(version)
    return Index(language=language, entries=entries, version=version)


_built: dict[str, tuple[float, Index]] = {}
# The marks of the code rows (selectors.code_marks) at the content version last seen, and the marks each
# language's index was read under: after a save that changed no code, every index stays without reading
# its rows again.
_marks: tuple[float, tuple] | None = None
_read_under: dict[str, tuple] = {}
_lock = threading.Lock()


def _current_marks(version: float) -> tuple:
    global _marks
    if _marks is None or _marks[0] != version:
        _marks = (version, selectors.code_marks())
    return _marks[1]


def index_for(language: str) -> Index:
    """This worker's index of ``language`` for the current content version."""
    version = content_changed_at().timestamp()
    held = _built.get(language)
    if held is not None and held[0] == version:
        return held[1]
    with _lock:
        held = _built.get(language)
        if held is None or held[0] != version:
            # Read before the rows: a save landing in between shows as new marks at the next version.
            marks = _current_marks(version)
            if held is not None and _read_under.get(language) == marks:
                index = held[1].under(version)
            else:
                index = build_index(language, version, held[1] if held else None)
                _read_under[language] = marks
            held = (version, index)
            _built[language] = held
    return held[1]


def forget_built() -> None:
    """Drop what this worker built, as a worker just started would be (tests and the benchmark)."""
    global _marks
    with _lock:
        _built.clear()
        _entries.clear()
        _read_under.clear()
        _marks = None
        stemming.forget()
