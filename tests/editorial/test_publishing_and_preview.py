"""Drafts, publishing and preview: drafts stay invisible; a preview shows the page before any save."""

import re

import pytest
from django.core.cache import cache

from comparisons.models import Comparison
from comparisons.selectors import get_pair
from foundation.versions import content_changed_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_draft_is_not_curated_for_visitors(content):
    pair = get_pair(family="http", pair="404-vs-451")
    assert pair.comparison is None
    assert get_pair(family="http", pair="202-vs-520").comparison is not None


def test_a_draft_pair_page_shows_the_assembled_comparison_not_the_draft(client, content):
    response = client.get("/en/compare/http/404-vs-451/")
    assert response.status_code == 200
    assert "Both say you cannot have the page; 451 says why." not in response.content.decode()


def test_the_api_never_shows_a_draft(client, content):
    response = client.get("/api/v1/comparisons/")
    assert response.status_code == 200
    assert "404-vs-451" not in response.content.decode()
    detail = client.get("/api/v1/comparisons/http/404-vs-451/")
    assert "Both say you cannot have the page" not in detail.content.decode()


def test_save_and_publish_shows_at_once_on_the_page_and_in_the_api(
    editor_client, client, content, open_form, comparison_url, django_capture_on_commit_callbacks
):
    # Visitors' caches are warm with the assembled page and the API answer.
    assert "Both say you cannot have" not in client.get("/en/compare/http/404-vs-451/").content.decode()
    assert "404-vs-451" not in client.get("/api/v1/comparisons/").content.decode()
    _response, data = open_form(editor_client, comparison_url("404-vs-451"))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(comparison_url("404-vs-451"), {**data, "_publish": "1"}, follow=True)
    assert "Published: visitors and the API now show" in response.content.decode()
    assert Comparison.objects.get(slug="404-vs-451").status == "published"
    assert (
        "Both say you cannot have the page; 451 says why."
        in client.get("/en/compare/http/404-vs-451/").content.decode()
    )
    assert "404-vs-451" in client.get("/api/v1/comparisons/").content.decode()

    _response, data = open_form(editor_client, comparison_url("404-vs-451"))
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(comparison_url("404-vs-451"), {**data, "_unpublish": "1"})
    assert Comparison.objects.get(slug="404-vs-451").status == "draft"
    assert "Both say you cannot have" not in client.get("/en/compare/http/404-vs-451/").content.decode()
    assert "404-vs-451" not in client.get("/api/v1/comparisons/").content.decode()


def test_the_list_actions_invalidate_caches(editor_client, content, django_capture_on_commit_callbacks):
    draft = Comparison.objects.get(slug="404-vs-451")
    stamp = content_changed_at()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            "/admin/comparisons/comparison/", {"action": "publish", "_selected_action": [draft.pk]}
        )
    assert content_changed_at() > stamp


def test_the_status_is_not_a_form_field(editor_client, content, open_form, comparison_url):
    _response, data = open_form(editor_client, comparison_url("404-vs-451"))
    assert "status" not in data
    editor_client.post(comparison_url("404-vs-451"), {**data, "status": "published"})
    assert Comparison.objects.get(slug="404-vs-451").status == "draft"


def test_preview_shows_the_unsaved_draft_in_any_language_and_saves_nothing(
    editor_client, client, content, open_form, comparison_url, django_capture_on_commit_callbacks
):
    stamp = content_changed_at()
    _response, data = open_form(editor_client, comparison_url("404-vs-451"))
    data.update(
        summary_de="Beide sagen: **nicht für Sie**; 451 sagt warum.",
        summary_en="An unsaved English summary.",
        _preview_language="de",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(comparison_url("404-vs-451", "preview"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Beide sagen: <strong>nicht für Sie</strong>; 451 sagt warum." in body
    assert 'class="atlas-preview-banner"' in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    # Nothing was saved, published or invalidated; visitors still get the assembled page.
    draft = Comparison.objects.get(slug="404-vs-451")
    assert draft.status == "draft"
    assert not draft.summary_de
    assert draft.summary_en == "Both say you cannot have the page; 451 says why."
    assert content_changed_at() == stamp
    assert "nicht für Sie" not in client.get("/de/compare/http/404-vs-451/").content.decode()


def test_preview_is_the_public_page(editor_client, client, content, comparison_url):
    """The preview of a saved, published comparison is the page visitors get, plus the banner."""
    preview = editor_client.get(comparison_url("202-vs-520", "preview"), {"lang": "id"}).content.decode()
    public = client.get("/id/compare/http/202-vs-520/").content.decode()
    assert "202 berasal dari aplikasi Anda; 520 dari edge Cloudflare." in preview
    banner = re.compile(
        r'<link rel="stylesheet" href="[^"]*(?:atlas-preview|editorial/preview).css">'
        r'|<div class="atlas-preview-banner".*?</script>\s*</div>',
        re.DOTALL,
    )
    # Only the modification time differs: the preview was written (then rolled back) a moment ago.
    modified = re.compile(r'"dateModified":"[^"]*"')
    assert modified.sub("", banner.sub("", preview)) == modified.sub("", public)


def test_preview_of_a_new_comparison_from_the_add_form(editor_client, content, open_form):
    from codes.models import StatusCode

    _response, data = open_form(editor_client, "/admin/comparisons/comparison/add/")
    data.update(
        code_a=StatusCode.objects.get(slug="404").pk,
        code_b=StatusCode.objects.get(slug="202").pk,
        summary_en="A brand new comparison.",
        _preview_language="en",
    )
    response = editor_client.post("/admin/comparisons/comparison/preview/", data)
    assert response.status_code == 200
    assert "A brand new comparison." in response.content.decode()
    assert not Comparison.objects.filter(slug="202-vs-404").exists()


def test_a_translator_previews_their_language_but_cannot_smuggle_fields(
    translator_client, content, open_form, comparison_url
):
    _response, data = open_form(translator_client, comparison_url("202-vs-520"))
    data.update(summary_de="Vorschau auf Deutsch.", _preview_language="de")
    response = translator_client.post(comparison_url("202-vs-520", "preview"), data)
    assert "Vorschau auf Deutsch." in response.content.decode()
    crafted = translator_client.post(comparison_url("202-vs-520", "preview"), {**data, "summary_en": "x"})
    assert crafted.status_code == 403


def test_visitors_cannot_open_a_preview(client, content, comparison_url):
    response = client.get(comparison_url("404-vs-451", "preview"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_change_form_offers_preview_and_publish(editor_client, content, comparison_url):
    body = editor_client.get(comparison_url("404-vs-451")).content.decode()
    assert 'formaction="/admin/comparisons/comparison/' in body
    assert 'formtarget="_blank"' in body
    assert 'name="_publish"' in body
    assert "Draft: visitors do not see it." in body
    body = editor_client.get(comparison_url("202-vs-520")).content.decode()
    assert 'name="_unpublish"' in body


def test_a_translator_previews_a_code_page_in_their_language(translator_client, content, open_form, code_url):
    from codes.models import StatusCode

    _response, data = open_form(translator_client, code_url("404"))
    data.update(description_de="Unter der URL antwortet *nichts*.", _preview_language="de")
    response = translator_client.post(code_url("404", "preview"), data)
    body = response.content.decode()
    assert "Unter der URL antwortet <em>nichts</em>." in body
    assert '<html lang="de"' in body
    assert not StatusCode.objects.get(slug="404").description_de
