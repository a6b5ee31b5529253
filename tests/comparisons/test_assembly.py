"""Assembled comparison texts must read as if a careful person wrote them, in every language."""

import itertools
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from codes.loader import ContentSet
from codes.models import Family, StatusCode, Vendor
from comparisons.assembly import assemble
from comparisons.models import canonical_order

CONTENT = Path(settings.BASE_DIR) / "content"
LANGUAGES = [code for code, _name in settings.LANGUAGES]

DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
LEFTOVER = re.compile(r"%\(|%s|%d|\{|\}|\bNone\b|\(\s*\)")
# A no-break space before ";" or ":" is French typography, not a stray space.
BAD_SPACING = re.compile(r"[ \t]{2,}|[ \t][.,;]|^\s|\s$")
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)(\w)")


def codes_in_memory():
    """Every code of the content files as unsaved model instances: no database needed."""
    content = ContentSet(CONTENT)
    family = Family(pk=1, slug="http")
    vendors = {item["slug"]: Vendor(pk=i, **item) for i, item in enumerate(content.vendors, start=1)}
    codes = []
    for (_family, slug), item in content.codes.items():
        facts = dict(item["facts"])
        vendor = vendors.get(facts.pop("vendor"))
        texts = {
            build_localized_fieldname(name, lang): value
            for lang, values in item["texts"].items()
            for name, value in values.items()
        }
        codes.append(StatusCode(family=family, slug=slug, vendor=vendor, **facts, **texts))
    return codes


@pytest.fixture(scope="module")
def all_pairs():
    codes = codes_in_memory()
    assert len(codes) > 90
    return [canonical_order(a, b) for a, b in itertools.combinations(codes, 2)]


def artefacts(text: str) -> list[str]:
    problems = []
    if not text.strip():
        problems.append("empty sentence")
    if match := DOUBLED_WORD.search(text):
        problems.append(f"doubled word {match.group(0)!r}")
    if match := LEFTOVER.search(text):
        problems.append(f"unfilled or empty placeholder {match.group(0)!r}")
    if match := BAD_SPACING.search(text):
        problems.append(f"stray space near {text[max(match.start() - 10, 0) : match.end() + 10]!r}")
    problems += [
        f"lower-case start {m.group(1)!r}" for m in SENTENCE_START.finditer(text) if m.group(1).islower()
    ]
    return problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_pair_reads_cleanly(all_pairs, lang):
    failures = []
    with translation.override(lang):
        for first, second in all_pairs:
            result = assemble(first, second)
            assert result.summary, "every pair has a summary"
            assert result.key_differences, "every pair has differences"
            for sentence in [result.title, *map(str, result.sentences)]:
                failures += [f"{first.slug}-vs-{second.slug}: {p}: {sentence}" for p in artefacts(sentence)]
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_no_english_sentence_where_the_language_has_its_own(all_pairs, lang):
    """Every sentence an assembled page can show is translated in every interface language."""
    used = set()
    with translation.override("en"):
        for first, second in all_pairs:
            used.update(s.msgid for s in assemble(first, second).sentences)
    with translation.override(lang):
        untranslated = sorted(msgid for msgid in used if translation.gettext(msgid) == msgid)
        english = [
            f"{first.slug}-vs-{second.slug}: {sentence}"
            for first, second in all_pairs[:300]
            for sentence in assemble(first, second).sentences
            if sentence.msgid in untranslated
        ]
    assert not untranslated, f"{len(untranslated)} sentences untranslated in {lang}, e.g. {english[:3]}"


def test_sentences_use_the_code_names_of_the_language():
    codes = {c.slug: c for c in codes_in_memory()}
    with translation.override("id"):
        result = assemble(codes["404"], codes["410"])
    assert "404 " + codes["404"].title_ind in str(result.summary[0])


def test_the_facts_decide_the_sentences():
    codes = {c.slug: c for c in codes_in_memory()}
    with translation.override("en"):
        flagship = assemble(codes["202"], codes["520"]).as_markdown()
        same_class = assemble(codes["500"], codes["502"]).as_markdown()
    assert "Cloudflare defines it" in flagship["key_differences"]
    assert "does not send 520" in flagship["when_to_use"]
    assert "both server errors (5xx)" in same_class["summary"]
    assert "Both are registered with IANA and defined in RFC 9110" in same_class["key_differences"]


def test_a_code_nobody_may_send_gets_no_class_advice():
    codes = {c.slug: c for c in codes_in_memory()}
    with translation.override("en"):
        when = assemble(codes["418"], codes["599"]).as_markdown()["when_to_use"]
    assert "asks the client to change its request" not in when
    assert "Do not send 418 (Unused): it is not in use." in when
