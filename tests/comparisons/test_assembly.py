"""Assembled comparison texts must read as if a careful person wrote them, in every language."""

import itertools
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from codes.models import Family, StatusCode, Vendor
from comparisons.assembly import assemble
from comparisons.models import canonical_order
from comparisons.presenters import assembled_section as _section
from editorial.content_files import ContentSet

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


# Each assembled sentence must be true of the codes it is said of: one test per rule, with the codes
# that broke the rule before as cases.


@pytest.fixture(scope="module")
def codes():
    """The content files' codes by slug."""
    return {code.slug: code for code in codes_in_memory()}


def english(codes, low, high) -> str:
    with translation.override("en"):
        return " ".join(str(sentence) for sentence in assemble(codes[low], codes[high]).sentences)


@pytest.mark.parametrize(
    ("low", "high", "code"),
    [("101", "408", "408"), ("104", "421", "421"), ("104", "425", "425"), ("104", "429", "429"),
     ("431", "499", "499"), ("444", "500", "444"), ("460", "503", "460")],
)  # fmt: skip
def test_a_client_error_that_can_succeed_unchanged_is_not_said_to_need_a_change(codes, low, high, code):
    text = english(codes, low, high)
    assert "the request must change before it can succeed" not in text
    assert "asks the client to change its request" not in text


@pytest.mark.parametrize(("low", "high"), [("408", "425"), ("421", "429"), ("431", "499")])
def test_two_client_errors_are_said_to_need_a_changed_request_only_when_both_do(codes, low, high):
    assert "Both tell the client that its request must change" not in english(codes, low, high)


def test_two_client_errors_that_both_need_a_changed_request_still_say_so(codes):
    assert "Both tell the client that its request must change" in english(codes, "400", "422")


@pytest.mark.parametrize(("low", "high"), [("102", "304"), ("304", "496"), ("200", "304"), ("304", "307")])
def test_304_is_never_said_to_send_the_client_elsewhere(codes, low, high):
    text = english(codes, low, high)
    assert "304 Not Modified is a redirection (3xx): the client must look elsewhere" not in text
    assert "304 Not Modified sends the client to another URL" not in text
    assert "sends the client to another one" not in text
    assert "they differ in whether the move is permanent" not in text


def test_two_real_redirects_still_differ_in_permanence(codes):
    assert "they differ in whether the move is permanent" in english(codes, "301", "307")


def test_305_is_deprecated_not_a_redirect_to_send(codes):
    text = english(codes, "305", "404")
    assert "305 Use Proxy sends the client to another URL" not in text
    assert "Do not send 305 Use Proxy: its specification deprecates it." in text
    assert "deprecated by RFC 9110, Section 15.4.6" in text


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        ("100", "103", "Both are interim responses, which caches never store"),
        ("104", "429", "104 Upload Resumption Supported is an interim response, which caches never store"),
        ("104", "429", "429 Too Many Requests must not be stored by any cache (RFC 6585, Section 4)."),
        ("429", "511", "No cache may store either of them (RFC 6585, Section 4 and RFC 6585, Section 6)."),
        ("444", "499", "Neither leaves a response for a cache to store"),
        ("404", "451", "Both are cacheable by default (RFC 9110, Section 15.1 and RFC 7725, Section 3)."),
        ("404", "410", "Both are cacheable by default (RFC 9110, Section 15.1)."),
    ],
)
def test_the_cache_sentence_follows_each_codes_cache_rule_and_cites_its_source(codes, low, high, expected):
    text = english(codes, low, high)
    assert expected in text
    assert "a cache stores them only when the response allows it" not in text


@pytest.mark.parametrize("slug", ["218", "450", "999"])
def test_an_undocumented_vendor_code_is_attributed_not_said_to_be_defined(codes, slug):
    text = english(codes, "200", slug)
    vendor = codes[slug].vendor.name
    assert f"{vendor} defines it" not in text
    assert f"as {vendor} defines it" not in text
    assert f"attributed to {vendor}" in text


def test_a_documented_vendor_code_is_said_to_be_defined_by_its_vendor(codes):
    assert "Cloudflare defines it in its documentation" in english(codes, "202", "520")


def test_exchange_codes_are_not_attributed_to_iis(codes):
    for slug in ("440", "451-iis"):
        assert codes[slug].vendor.name == "Microsoft Exchange"
    assert "Microsoft IIS" not in english(codes, "440", "451-iis")


def test_a_code_nothing_produces_today_gets_no_advice_to_look_at_its_producer(codes):
    text = english(codes, "502", "527")
    assert "look first at what produces it: a CDN edge" not in text
    assert "Nothing produces 527 Railgun Error today" in text


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        ("408", "421", "whatever its method: the server did not process it"),
        ("104", "425", "after the TLS handshake has completed and not in early data"),
    ],
)
def test_retry_advice_follows_the_rfcs(codes, low, high, expected):
    text = english(codes, low, high)
    assert expected in text
    assert "a client waits and tries again later" not in text
    assert "the same request fails again" not in text


def test_a_list_of_three_producers_has_a_conjunction_in_every_language(codes):
    expected = {"en": ", and a CDN edge", "id": ", dan ", "de": " und ", "fr": " et ", "es": " y "}
    for language, joiner in expected.items():
        with translation.override(language):
            text = " ".join(str(s) for s in assemble(codes["425"], codes["429"]).sentences)
        assert joiner in text, language


@pytest.mark.parametrize("language", ["ja", "zh-hans"])
def test_sentences_in_scripts_without_spaces_are_joined_without_a_space(codes, language):
    with translation.override(language):
        result = assemble(codes["104"], codes["429"])
        section = _section(result.key_differences)
        summary = result.summary_text()
    assert "。 " not in summary
    assert [separator for *_rest, separator in section.sentences][1:] == [""] * (len(section.sentences) - 1)


def test_sentences_in_english_are_joined_with_a_space(codes):
    with translation.override("en"):
        section = _section(assemble(codes["104"], codes["429"]).key_differences)
    assert [separator for *_rest, separator in section.sentences][1:] == [" "] * (len(section.sentences) - 1)


def test_an_expired_temporary_registration_says_so(codes):
    assert "has a temporary registration with IANA whose expiry date" in english(codes, "104", "200")
