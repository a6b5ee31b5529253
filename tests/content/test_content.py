"""The published content: complete, accurate in form, and loadable on a fresh database."""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from codes.models import StatusCode
from comparisons.models import Comparison
from editorial.content_files import ContentSet
from foundation.markup import render_markdown

CONTENT = Path(settings.BASE_DIR) / "content"
LANGUAGES = [code for code, _name in settings.LANGUAGES]

# The IANA HTTP Status Code Registry: every number it assigns.
IANA_NUMBERS = {
    100, 101, 102, 103, 104,
    200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
    300, 301, 302, 303, 304, 305, 306, 307, 308,
    400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
    421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
    500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
}  # fmt: skip

CURATED_PAIRS = [
    "202-520",
    "401-403",
    "403-404",
    "301-302",
    "302-303",
    "302-307",
    "307-308",
    "301-308",
    "404-410",
    "400-422",
    "409-412",
    "409-422",
    "500-502",
    "502-504",
    "500-503",
    "503-504",
    "429-503",
    "200-204",
    "201-202",
    "200-304",
    "204-205",
    "206-416",
    "405-501",
    "406-415",
    "408-504",
    "413-414",
    "401-407",
    "403-451",
    "499-504",
    "444-499",
    "502-520",
    "520-521",
    "521-522",
    "522-524",
    "523-530",
    "525-526",
    "460-499",
    "503-529",
    "403-419",
    "420-429",
]


@pytest.fixture(scope="module")
def content():
    return ContentSet(CONTENT)


@pytest.fixture(scope="module")
def codes(content):
    return {slug: item for (_family, slug), item in content.codes.items()}


def test_every_iana_code_is_there_with_its_registry_status(codes):
    official = {item["facts"]["number"]: item for item in codes.values() if item["facts"]["vendor"] is None}
    assert set(official) >= IANA_NUMBERS
    assert official[306]["facts"]["registry_status"] == "unused"
    assert official[418]["facts"]["registry_status"] == "unused"
    assert official[510]["facts"]["registry_status"] == "obsolete"
    assert codes["413"]["facts"]["phrase"] == "Content Too Large"
    assert "Payload Too Large" in codes["413"]["facts"]["former_names"]
    assert "Unprocessable Entity" in codes["422"]["facts"]["former_names"]


def test_vendor_codes_people_meet_are_there(codes):
    vendor_codes = [slug for slug, item in codes.items() if item["facts"]["registry_status"] == "unofficial"]
    assert len(vendor_codes) >= 30
    for slug in ["520", "521", "522", "523", "524", "525", "526", "527", "530", "444", "494", "495",
                 "496", "497", "499", "440", "449", "451-iis", "460", "463", "464", "561", "419", "420",
                 "420-spring", "498", "499-arcgis", "509", "529", "598", "599"]:  # fmt: skip
        assert codes[slug]["facts"]["registry_status"] == "unofficial", slug


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_code_has_every_text_in_english_and_indonesian(codes, lang):
    missing = [
        f"{slug}.{field}"
        for slug, item in codes.items()
        for field in StatusCode.TEXT_FIELDS
        if not item["texts"].get(lang, {}).get(field, "").strip()
    ]
    assert not missing


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang not in ("en", "id")])
def test_every_code_has_a_title_and_summary_in_the_other_languages(codes, lang):
    missing = [
        f"{slug}.{field}"
        for slug, item in codes.items()
        for field in ("title", "summary")
        if not item["texts"].get(lang, {}).get(field, "").strip()
    ]
    assert not missing


def test_rfc_links_point_to_the_exact_section(codes):
    for slug, item in codes.items():
        facts = item["facts"]
        assert facts["spec_url"].startswith("https://"), slug
        if "rfc" in facts["spec_url"] or facts["spec_title"].startswith("RFC"):
            assert re.search(r"#(section|appendix)-[\d.]+$", facts["spec_url"]), (slug, facts["spec_url"])


def test_every_listed_comparison_is_there_and_published(content):
    curated = {(low, high): item for (_family, low, high), item in content.comparisons.items()}
    numbers = {pair: tuple(code.split("-")[0] for code in pair) for pair in curated}
    for wanted in CURATED_PAIRS:
        low, high = wanted.split("-")
        matches = [pair for pair, nums in numbers.items() if nums == (low, high)]
        assert matches, f"{wanted} is missing"
        assert curated[matches[0]]["status"] == "published", wanted


def test_curated_comparisons_have_english_and_indonesian_texts(content):
    for key, item in content.comparisons.items():
        for lang in ("en", "id"):
            texts = item["texts"].get(lang, {})
            for field in ("summary", "key_differences", "when_to_use"):
                assert texts.get(field, "").strip(), (key, lang, field)
            points = [line for line in texts["key_differences"].splitlines() if line.startswith("- ")]
            assert 3 <= len(points) <= 6, (key, lang, len(points))


class _Balanced(HTMLParser):
    VOID = {"br", "hr"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unexpected </{tag}>")

    def handle_data(self, data):
        # Markdown that did not render: emphasis or code marks left in the text.
        if re.search(r"\*\*|(?<!\\)`|^#{1,6} ", data):
            self.errors.append(f"unrendered Markdown in {data.strip()[:60]!r}")


def _markdown_texts(content):
    for (_family, slug), item in content.codes.items():
        for lang, texts in item["texts"].items():
            for field in ("description", "seen_when", "client_action", "owner_action"):
                if texts.get(field):
                    yield f"code {slug} {lang} {field}", texts[field]
    for key, item in content.comparisons.items():
        for lang, texts in item["texts"].items():
            for field in ("summary", "key_differences", "when_to_use"):
                if texts.get(field):
                    yield f"comparison {key} {lang} {field}", texts[field]


def test_markdown_renders_to_well_formed_html(content):
    problems = []
    for label, text in _markdown_texts(content):
        parser = _Balanced()
        parser.feed(str(render_markdown(text)))
        parser.close()
        if parser.stack:
            parser.errors.append(f"unclosed {parser.stack}")
        problems += [f"{label}: {error}" for error in parser.errors]
    assert not problems, "\n".join(problems[:20])


@pytest.mark.django_db
def test_load_content_fills_a_fresh_database_and_a_second_run_changes_nothing(content):
    out = io.StringIO()
    call_command("load_content", stdout=out)
    assert StatusCode.objects.count() == len(content.codes)
    assert Comparison.objects.published().count() >= 40
    again = io.StringIO()
    call_command("load_content", stdout=again)
    assert "No changes" in again.getvalue()
