"""Translation status: per-text change times, outdated translations, status pages, the public notice."""

import io
import shutil

import pytest
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from codes.models import StatusCode
from comparisons.models import Comparison
from foundation.text_changes import outdated_fields

pytestmark = pytest.mark.django_db


def test_changing_the_english_makes_existing_translations_outdated(content):
    code = StatusCode.objects.get(slug="202")
    assert outdated_fields(code, "id") == []
    code.summary_en = "The server accepted the request; the work is queued."
    code.save()
    code = StatusCode.objects.get(slug="202")
    assert outdated_fields(code, "id") == ["summary"]
    # A language without that text has nothing outdated, only something missing.
    assert outdated_fields(code, "fr") == []


def test_saving_the_translation_again_brings_it_up_to_date(content):
    code = StatusCode.objects.get(slug="202")
    code.summary_en = "The server accepted the request; the work is queued."
    code.save()
    code = StatusCode.objects.get(slug="202")
    code.summary_ind = "Server menerima request; pekerjaannya diantrekan."
    code.save()
    assert outdated_fields(StatusCode.objects.get(slug="202"), "id") == []


def test_a_save_that_leaves_a_text_alone_does_not_touch_its_time(content):
    code = StatusCode.objects.get(slug="202")
    stamps = dict(code.text_changed_at)
    code.phrase = "Accepted"
    code.save()
    assert StatusCode.objects.get(slug="202").text_changed_at == stamps


def test_the_loader_keeps_the_times_on_partial_saves(content, fixture_content_path, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(fixture_content_path, root)
    source = root / "codes" / "http.yaml"
    source.write_text(source.read_text().replace("Poll the status URL", "Poll the job URL"))
    call_command("load_content", path=str(root), stdout=io.StringIO())
    code = StatusCode.objects.get(slug="202")
    assert code.client_action_en.startswith("Poll the job URL")
    assert outdated_fields(code, "id") == ["client_action"]


@pytest.mark.usefixtures("translators_publish")
def test_a_translator_confirms_an_outdated_translation_without_rewriting_it(
    translator_client, content, open_form, code_url
):
    code = StatusCode.objects.get(slug="404")
    code.summary_en = "Nothing is at this URL."
    code.save()
    assert outdated_fields(StatusCode.objects.get(slug="404"), "de") == ["summary"]
    response, data = open_form(translator_client, code_url("404"))
    body = response.content.decode()
    assert "The English changed after this translation was last saved." in body
    assert 'name="still_current" value="summary_de"' in body
    response = translator_client.post(code_url("404"), {**data, "still_current": "summary_de"})
    assert response.status_code == 302
    assert outdated_fields(StatusCode.objects.get(slug="404"), "de") == []


def test_the_status_page_counts_each_language(editor_client, content, django_assert_max_num_queries):
    code = StatusCode.objects.get(slug="202")
    code.summary_en = "Changed English."
    code.save()
    with django_assert_max_num_queries(8):
        response = editor_client.get("/admin/codes/translationstatus/")
    assert response.status_code == 200
    rows = {row["lang"]: row for row in response.context["rows"]}
    # Comparisons come first: fewer, curated, and what the home page features.
    comparisons_id, codes_id, guide_id = rows["id"]["tallies"]
    assert (codes_id.total, codes_id.complete, codes_id.outdated) == (6, 1, 1)
    assert comparisons_id.total == 2
    assert guide_id.total == 0  # the test data set has no decision guide
    codes_de = rows["de"]["tallies"][1]
    assert (codes_de.complete, codes_de.partial, codes_de.missing) == (0, 1, 5)


def test_the_status_page_needs_only_a_fixed_number_of_queries(
    editor_client, content, django_assert_num_queries
):
    editor_client.get("/admin/codes/translationstatus/")  # warm the session and the user
    # session, user, codes, comparisons, the guide's questions and its answers
    with django_assert_num_queries(6):
        editor_client.get("/admin/codes/translationstatus/")
    for number in range(600, 620):
        StatusCode.objects.create(
            family=StatusCode.objects.first().family,
            number=number,
            slug=str(number),
            phrase="X",
            summary_en="x",
        )
    with django_assert_num_queries(6):
        editor_client.get("/admin/codes/translationstatus/")


def test_a_language_page_lists_missing_and_outdated_with_links(editor_client, content):
    code = StatusCode.objects.get(slug="202")
    code.summary_en = "Changed English."
    code.save()
    response = editor_client.get("/admin/codes/translationstatus/id/")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'href="/admin/codes/statuscode/{code.pk}/change/"' in body
    draft = Comparison.objects.get(slug="404-vs-451")
    assert f'href="/admin/comparisons/comparison/{draft.pk}/change/"' in body
    work = {item.instance.slug: item for item in response.context["report"]["codes"].work}
    assert work["202"].outdated == ["summary"]
    assert work["404"].missing == list(StatusCode.TEXT_FIELDS)


def test_an_unknown_language_is_a_404(editor_client, content):
    assert editor_client.get("/admin/codes/translationstatus/xx/").status_code == 404
    assert editor_client.get("/admin/codes/translationstatus/en/").status_code == 404


def test_the_translator_sees_their_languages_first(translator_client, content):
    response = translator_client.get("/admin/codes/translationstatus/")
    assert response.context["rows"][0]["lang"] == "de"
    assert response.context["rows"][0]["mine"]


def test_visitors_cannot_see_the_status_page(client, content):
    response = client.get("/admin/codes/translationstatus/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def render_notice(instance, lang):
    request = RequestFactory().get(f"/{lang}/http/{instance.slug}/")
    with translation.override(lang):
        return Template("{% load editorial %}{% outdated_notice code %}").render(
            Context({"code": instance, "request": request})
        )


def test_the_public_notice_shows_only_on_an_outdated_translation(content):
    code = StatusCode.objects.get(slug="202")
    assert render_notice(code, "id").strip() == ""
    code.summary_en = "Changed English."
    code.save()
    code = StatusCode.objects.get(slug="202")
    notice = render_notice(code, "id")
    assert 'class="outdated-notice"' in notice
    assert 'href="/en/http/202/"' in notice
    assert render_notice(code, "en").strip() == ""


def test_a_public_page_shows_the_notice_on_an_outdated_translation(client, content):
    cache.clear()
    assert 'class="outdated-notice"' not in client.get("/id/http/202/").content.decode()
    code = StatusCode.objects.get(slug="202")
    code.summary_en = "Changed English."
    code.save()
    cache.clear()  # on_commit does not run inside a test transaction; the content version did change
    body = client.get("/id/http/202/").content.decode()
    assert 'class="outdated-notice"' in body
    assert 'class="outdated-notice"' not in client.get("/en/http/202/").content.decode()


def test_a_browsers_crlf_line_endings_change_no_text_the_editor_left_alone(editor_client, content, open_form):
    comparison = Comparison.objects.get(slug="202-vs-520")
    japanese = "- 202 は成功です。\n- 520 は Cloudflare が作るエラーです。"
    comparison.key_differences_ja = japanese
    comparison.save()
    url = f"/admin/comparisons/comparison/{comparison.pk}/change/"
    _response, data = open_form(editor_client, url)
    # As a browser sends a form: every textarea's lines end in CRLF.
    data = {
        name: [v.replace("\n", "\r\n") for v in value]
        if isinstance(value, list)
        else value.replace("\n", "\r\n")
        for name, value in data.items()
    }
    data["key_differences_en"] = "- 202 is a success.\r\n- 520 is an error made by Cloudflare's edge."
    response = editor_client.post(url, data)
    assert response.status_code == 302
    saved = Comparison.objects.get(slug="202-vs-520")
    assert saved.key_differences_ja == japanese
    assert saved.key_differences_en == "- 202 is a success.\n- 520 is an error made by Cloudflare's edge."
    assert outdated_fields(saved, "ja") == ["key_differences"]
    change = LogEntry.objects.filter(object_id=str(saved.pk)).latest("pk").get_change_message()
    assert "[en]" in change
    assert "[ja]" not in change
