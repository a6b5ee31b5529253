"""With the real content loaded, visitors, programs and translators see every language as complete: pages
without English fallbacks, API answers without fallback fields, search by the language's own words, the
status page at 100 %, and a PO round trip that changes nothing."""

import io
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from modeltranslation.utils import build_localized_fieldname

from codes.models import StatusCode

pytestmark = pytest.mark.django_db

CONTENT = Path(settings.BASE_DIR) / "content"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
UNSPACED = {"ja", "zh-hans"}


@pytest.fixture
def site(db):
    call_command("load_content", path=str(CONTENT), stdout=io.StringIO())


def translated_word_of(code: StatusCode, language: str) -> str:
    """A word of ``code``'s description in ``language`` that its English texts do not contain."""
    fields = [build_localized_fieldname(name, "en") for name in StatusCode.TEXT_FIELDS]
    english = " ".join(getattr(code, field) for field in fields)
    own = re.sub(r"`[^`]*`", " ", getattr(code, build_localized_fieldname("description", language)))
    if language in UNSPACED:
        runs = re.findall(r"[^\x00-\x7f、。，：；（）「」“”]{3,}", own)
        candidates = [run[i : i + 3] for run in runs for i in range(len(run) - 2)]
    else:
        candidates = re.findall(r"[^\W\d_]{7,}", own)
    return next(word for word in candidates if word.lower() not in english.lower())


def test_every_language_reads_without_english_fallbacks(client, site):
    for language in TRANSLATED:
        for path in (f"/{language}/http/524/", f"/{language}/compare/http/202-vs-520/"):
            body = client.get(path).content.decode()
            assert 'class="fallback-note"' not in body, path
            assert 'class="fallback"' not in body, path
            assert 'name="robots" content="noindex' not in body, path
            assert f'hreflang="{language}"' in body, path


def test_the_api_reports_no_fallback_in_any_language(client, site):
    for language in TRANSLATED:
        for path in ("/api/v1/codes/http/524/", "/api/v1/comparisons/http/202-vs-520/"):
            body = client.get(path, {"lang": language}).json()
            assert body["fallback_fields"] == [], (language, path)


def test_search_finds_a_code_by_a_word_of_its_translated_text(client, site):
    code = StatusCode.objects.get(slug="524")
    for language in TRANSLATED:
        word = translated_word_of(code, language)
        body = client.get(f"/{language}/search/", {"q": word}).content.decode()
        assert f'href="/{language}/http/524/"' in body, (language, word)


def test_the_status_page_shows_every_language_complete(editor_client, site):
    """Codes and comparisons are complete in every language; the decision guide is written in English and
    Indonesian, and the page says that the other languages lack it."""
    rows = {row["lang"]: row for row in editor_client.get("/admin/codes/translationstatus/").context["rows"]}
    for language in TRANSLATED:
        codes, comparisons, guide = rows[language]["tallies"]
        for tally in (codes, comparisons):
            assert tally.complete == tally.total, (language, tally)
            assert tally.outdated == 0, language
        assert guide.total > 0
        if language == "id":
            assert (guide.complete, guide.outdated) == (guide.total, 0)
        else:
            assert (guide.complete, guide.missing) == (0, guide.total), language


def test_a_po_round_trip_changes_no_text(editor_client, site):
    for language in TRANSLATED[1::4]:
        before = {code.pk: code.text_changed_at for code in StatusCode.objects.all()}
        exported = editor_client.get(f"/admin/codes/translationstatus/{language}/export/", {"scope": "all"})
        po = polib.pofile(exported.content.decode(), wrapwidth=0)
        assert len(po) > 700
        assert all(entry.msgstr for entry in po)
        data = str(po).encode()
        upload = SimpleUploadedFile(f"{language}.po", data, content_type="text/x-gettext-translation")
        url = f"/admin/codes/translationstatus/{language}/import/"
        response = editor_client.post(url, {"po_file": upload})
        assert not response.context["summary"].changed, language
        assert {code.pk: code.text_changed_at for code in StatusCode.objects.all()} == before
