"""The timelines the issue names, as the RFCs and the IANA registry tell them."""

from pathlib import Path

import pytest
from django.conf import settings

from editorial.content_files import ContentSet

CONTENT = Path(settings.BASE_DIR) / "content"


@pytest.fixture(scope="module")
def history():
    return ContentSet(CONTENT).history


def told(history, slug: str) -> list[tuple[str, str, str]]:
    return [(event["document"], event["kind"], event["name"]) for event in history[("http", slug)]]


def test_413_took_three_names_from_three_specifications(history):
    assert told(history, "413") == [
        ("RFC 2068", "defined", "Request Entity Too Large"),
        ("RFC 2616", "moved", "Request Entity Too Large"),
        ("RFC 7231", "renamed", "Payload Too Large"),
        ("RFC 9110", "renamed", "Content Too Large"),
    ]


def test_422_went_from_webdav_to_http_semantics_under_a_new_name(history):
    assert told(history, "422") == [
        ("RFC 2518", "defined", "Unprocessable Entity"),
        ("RFC 4918", "moved", "Unprocessable Entity"),
        ("RFC 9110", "renamed", "Unprocessable Content"),
    ]


def test_104_was_registered_temporarily_for_the_resumable_upload_draft(history):
    events = history[("http", "104")]
    assert [(event["kind"], str(event["date"])) for event in events] == [
        ("registered_temporarily", "2024-11-13"),
        ("expired", "2026-11-13"),
    ]
    assert events[0]["document"].startswith("draft-ietf-httpbis-resumable-upload-")


def test_306_is_reserved_by_every_specification_that_mentions_it(history):
    # RFC 7231 and RFC 9110 were told as specifying a code named "(Unused)".
    assert told(history, "306") == [
        ("RFC 2616", "reserved", "(Unused)"),
        ("RFC 7231", "reserved", "(Unused)"),
        ("RFC 9110", "reserved", "(Unused)"),
    ]


def test_418_is_an_april_fools_code_that_rfc_9110_reserved(history):
    assert told(history, "418") == [
        ("RFC 2324", "defined", "I'm a teapot"),
        ("RFC 9110", "reserved", "(Unused)"),
    ]
