"""The interface speaks the visitor's language: every catalogue complete, Arabic right to left."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation import to_locale
from page_helpers import html_of

pytestmark = pytest.mark.django_db


def untranslated(path: Path) -> list[str]:
    """msgids of a .po file whose translation is empty or fuzzy."""
    entries = path.read_text(encoding="utf-8").split("\n\n")[1:]
    missing = []
    for entry in entries:
        if entry.lstrip().startswith("#~"):
            continue  # obsolete
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        strings = re.findall(r'^msgstr(?:\[\d+\])? ((?:".*"\n?)+)', entry, re.M)
        text = "".join(re.findall(r'"(.*)"', msgid.group(1))) if msgid else ""
        if "#, fuzzy" in entry or not strings or any(not "".join(re.findall(r'"(.*)"', s)) for s in strings):
            missing.append(text)
    return missing


@pytest.mark.parametrize("catalogue", ["locale", "comparisons/locale"])
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_every_interface_text_is_translated(catalogue, language):
    path = Path(settings.BASE_DIR) / catalogue / to_locale(language) / "LC_MESSAGES" / "django.po"
    assert untranslated(path) == []


def test_indonesian_pages_speak_indonesian(client, content):
    code = html_of(client.get("/id/http/202/"))
    assert "Langsung ke konten" in code
    assert '<h2 id="meaning">Artinya</h2>' in code
    assert "Bandingkan 202 dengan…" in code
    compare = html_of(client.get("/id/compare/"))
    assert "<h1>Bandingkan kode status HTTP</h1>" in compare
    assert "Pilih kode…" in compare


def test_indonesian_form_errors_are_in_indonesian(client, content):
    body = html_of(client.get("/id/compare/", {"a": "404", "b": "404"}))
    assert "Pilih dua kode yang berbeda" in body


def test_indonesian_not_found_page(client, content):
    response = client.get("/id/http/nope/")
    assert response.status_code == 404
    assert "Halaman ini tidak ada" in html_of(response)


def test_arabic_pages_run_right_to_left_with_english_names_kept_whole(client, content):
    body = html_of(client.get("/ar/compare/http/202-vs-520/"))
    assert '<html lang="ar" dir="rtl">' in body
    # Code names are isolated so "202 Accepted" does not turn into "Accepted 202".
    assert "<bdi>202 Accepted</bdi>" in body
    assert "\u2068" in body.split("<h1>")[1].split("</h1>")[0]
