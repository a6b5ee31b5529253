"""The scale data set of the benchmark: every code of content/, every pair of codes as a published
comparison, and every text in all 12 languages.

The real content is loaded first (``load_content``); the missing texts are then generated from the
sentences the real content already has in each language, at the length the real texts have, and written
with ``bulk_create``/``bulk_update``. Those bypass ``save()``, so what ``save()`` would do is done here:
the two codes in canonical order, the pair slug, ``published_at``, the per-text change stamps, and one
content-change mark at the end (page and API caches are keyed on it).

Needs a configured Django (``django.setup()``) and a migrated, empty database.
"""

import io
import random
import re
import statistics
import time
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from codes.models import StatusCode
from comparisons.models import Comparison, canonical_order, pair_slug
from foundation.languages import language_codes
from foundation.versions import mark_content_changed

LANGUAGES = language_codes()
CODE_LONG_TEXTS = ("description", "seen_when", "client_action", "owner_action")
COMPARISON_TEXTS = ("summary", "key_differences", "when_to_use")
BATCH = 250
# Writing systems without spaces between words.
_NO_SPACES = {"ja", "zh-hans"}
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


@dataclass
class BuildReport:
    codes: int
    comparisons: int
    published: int
    drafts: list[str]
    code_texts_generated: int
    comparison_texts_generated: int
    seconds: float


def _field(name: str, lang: str) -> str:
    return build_localized_fieldname(name, lang)


def _sentences(text: str) -> list[str]:
    """Plain sentences out of a Markdown text (list markers, emphasis and code spans removed)."""
    text = re.sub(r"[*`#>]|^\s*(?:[-+]|\d+\.)\s+", "", text or "", flags=re.MULTILINE)
    parts = (part.strip() for part in _SENTENCE_END.split(" ".join(text.split())))
    return [part for part in parts if len(part) >= 12]


class Corpus:
    """Real sentences per language, and how long each language's texts run compared with English."""

    def __init__(self, codes: list[StatusCode], comparisons: list[Comparison]):
        self.sentences: dict[str, list[str]] = {}
        self.ratio: dict[str, float] = {}
        english_summaries = [len(code.summary_en or "") for code in codes if code.summary_en]
        for lang in LANGUAGES:
            pool = []
            for code in codes:
                for name in StatusCode.TEXT_FIELDS:
                    pool += _sentences(getattr(code, _field(name, lang)) or "")
            for comparison in comparisons:
                for name in COMPARISON_TEXTS:
                    pool += _sentences(getattr(comparison, _field(name, lang)) or "")
            if not pool:
                raise RuntimeError(f"The content has no text in {lang!r} to build synthetic texts from.")
            self.sentences[lang] = sorted(set(pool))
            lengths = [len(getattr(code, _field("summary", lang)) or "") for code in codes]
            lengths = [length for length in lengths if length]
            self.ratio[lang] = statistics.mean(lengths) / statistics.mean(english_summaries)

    def prose(self, rng: random.Random, lang: str, length: int) -> str:
        """Whole sentences of ``lang`` until about ``length`` characters."""
        glue = "" if lang in _NO_SPACES else " "
        words, size = [], 0
        for _ in range(200):
            if size >= length:
                break
            sentence = rng.choice(self.sentences[lang])
            words.append(sentence)
            size += len(sentence) + len(glue)
        return glue.join(words)

    def bullets(self, rng: random.Random, lang: str, length: int, first, second) -> str:
        """A Markdown list of 3 to 6 points, each with a bold lead, like the curated key differences."""
        count = rng.randint(3, 6)
        items = []
        for i in range(count):
            lead = rng.choice(self.sentences[lang])
            lead = lead[:14] if lang in _NO_SPACES else " ".join(lead.split()[:3])
            code = first if i % 2 == 0 else second
            body = self.prose(rng, lang, max(40, length // count - len(lead)))
            items.append(f"- **{lead.rstrip('.,:;')}.** `{code.number}`: {body}")
        return "\n".join(items)

    def paragraphs(self, rng: random.Random, lang: str, length: int, first, second) -> str:
        """Two or three Markdown paragraphs that name the codes, like the curated advice."""
        count = rng.randint(2, 3)
        codes = [first, second, first]
        return "\n\n".join(
            f"**{codes[i].number} {codes[i].phrase}**: {self.prose(rng, lang, length // count)}"
            for i in range(count)
        )


def _lengths(comparisons: list[Comparison]) -> dict[str, float]:
    """Mean length of each English text of the curated comparisons."""
    return {
        name: statistics.mean(len(getattr(c, _field(name, "en")) or "") for c in comparisons)
        for name in COMPARISON_TEXTS
    }


def _jitter(rng: random.Random, value: float) -> int:
    return max(20, int(value * rng.uniform(0.75, 1.25)))


def fill_code_texts(codes: list[StatusCode], corpus: Corpus, rng: random.Random, now: str) -> int:
    """Every long text of every code in every language that does not have it yet."""
    generated = 0
    for code in codes:
        stamps = dict(code.text_changed_at or {})
        for lang in LANGUAGES:
            for name in StatusCode.TEXT_FIELDS:
                column = _field(name, lang)
                source = getattr(code, _field(name, "en")) or ""
                if (getattr(code, column) or "").strip() or not source.strip():
                    continue
                if name in ("title", "summary"):
                    value = corpus.prose(rng, lang, 10 if name == "title" else len(source))
                    value = value[: StatusCode._meta.get_field(column).max_length]
                else:
                    value = corpus.prose(rng, lang, _jitter(rng, len(source) * corpus.ratio[lang]))
                setattr(code, column, value)
                stamps[column] = now
                generated += 1
        code.text_changed_at = stamps
    columns = [_field(name, lang) for name in StatusCode.TEXT_FIELDS for lang in LANGUAGES]
    StatusCode.objects.bulk_update(codes, [*columns, "text_changed_at"], batch_size=50)
    return generated


def comparison_texts(
    first, second, corpus: Corpus, rng: random.Random, lengths: dict[str, float], now: str
) -> tuple[dict, dict]:
    """Generated texts of one pair in every language, and their change stamps."""
    values, stamps = {}, {}
    for lang in LANGUAGES:
        ratio = corpus.ratio[lang]
        texts = {
            "title": "",
            "summary": corpus.prose(rng, lang, _jitter(rng, lengths["summary"] * ratio)),
            "key_differences": corpus.bullets(
                rng, lang, _jitter(rng, lengths["key_differences"] * ratio), first, second
            ),
            "when_to_use": corpus.paragraphs(
                rng, lang, _jitter(rng, lengths["when_to_use"] * ratio), first, second
            ),
        }
        for name, value in texts.items():
            values[_field(name, lang)] = value
            if value:
                stamps[_field(name, lang)] = now
    return values, stamps


def complete_curated(
    curated: list[Comparison], corpus: Corpus, rng: random.Random, lengths: dict[str, float], stamp: str
) -> int:
    """The curated comparisons keep their texts and get the languages they lack; the texts generated."""
    comparison_generated = 0
    for comparison in curated:
        values, stamps = comparison_texts(comparison.code_a, comparison.code_b, corpus, rng, lengths, stamp)
        for column, value in values.items():
            if not (getattr(comparison, column) or "").strip() and value:
                setattr(comparison, column, value)
                comparison.text_changed_at = {
                    **(comparison.text_changed_at or {}),
                    column: stamps[column],
                }
                comparison_generated += 1
    columns = [_field(name, lang) for name in Comparison.TEXT_FIELDS for lang in LANGUAGES]
    Comparison.objects.bulk_update(curated, [*columns, "text_changed_at"], batch_size=50)
    return comparison_generated


def create_pairs(
    codes: list[StatusCode],
    curated: list[Comparison],
    drafts: list[tuple[str, str]],
    corpus: Corpus,
    rng: random.Random,
    lengths: dict[str, float],
    stamp: str,
    now,
) -> int:
    """Every pair of codes not curated, as a comparison in batches; the texts generated."""
    comparison_generated = 0
    taken = {(c.code_a_id, c.code_b_id) for c in curated}
    draft_slugs = {frozenset(pair) for pair in drafts}
    batch = []
    for one, other in combinations(codes, 2):
        # What Comparison.save() does: lower number first, the pair slug, published_at.
        first, second = canonical_order(one, other)
        if (first.pk, second.pk) in taken:
            continue
        draft = frozenset((first.slug, second.slug)) in draft_slugs
        values, stamps = comparison_texts(first, second, corpus, rng, lengths, stamp)
        comparison_generated += len(stamps)
        batch.append(
            Comparison(
                family_id=first.family_id,
                code_a=first,
                code_b=second,
                slug=pair_slug(first, second),
                status=Comparison.Status.DRAFT if draft else Comparison.Status.PUBLISHED,
                published_at=None if draft else now,
                text_changed_at=stamps,
                **values,
            )
        )
        if len(batch) >= BATCH:
            Comparison.objects.bulk_create(batch)
            batch = []
    if batch:
        Comparison.objects.bulk_create(batch)
    return comparison_generated


def build(*, content: Path, drafts: list[tuple[str, str]], seed: int = 7, out=None) -> BuildReport:
    """Load ``content`` and extend it to the scale data set.

    ``drafts`` are pairs of code slugs kept as unpublished drafts, so that their pages stay assembled.
    """
    started = time.perf_counter()
    out = out or io.StringIO()
    rng = random.Random(seed)
    now = timezone.now()
    stamp = now.isoformat()
    call_command("load_content", path=str(content), stdout=out)

    with transaction.atomic():
        codes = list(StatusCode.objects.select_related("family").order_by("number", "slug"))
        curated = list(Comparison.objects.select_related("code_a", "code_b"))
        corpus = Corpus(codes, curated)
        lengths = _lengths(curated)
        code_texts = fill_code_texts(codes, corpus, rng, stamp)

        comparison_generated = complete_curated(curated, corpus, rng, lengths, stamp)
        comparison_generated += create_pairs(codes, curated, drafts, corpus, rng, lengths, stamp, now)
        # bulk_create and bulk_update send no save(): tell the page and API caches once.
        mark_content_changed()

    # Fresh planner statistics, as autovacuum (or SQLite's optimize) would gather after a load this big;
    # without them PostgreSQL takes the codes table for one row and nests loops over 4,800 comparisons.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    return BuildReport(
        codes=len(codes),
        comparisons=Comparison.objects.count(),
        published=Comparison.objects.published().count(),
        drafts=sorted(
            Comparison.objects.filter(status=Comparison.Status.DRAFT).values_list("slug", flat=True)
        ),
        code_texts_generated=code_texts,
        comparison_texts_generated=comparison_generated,
        seconds=time.perf_counter() - started,
    )
