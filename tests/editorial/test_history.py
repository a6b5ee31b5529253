"""History: every save recorded with who, when and every language; differences; restore in one step."""

import pytest
from django.conf import settings
from modeltranslation.utils import build_localized_fieldname
from reversion.models import Version

from codes.models import StatusCode
from comparisons.models import Comparison
from foundation.text_changes import outdated_fields
from foundation.versions import content_changed_at

pytestmark = pytest.mark.django_db


def save_form(client, url, open_form, **changes):
    _response, data = open_form(client, url)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_a_save_records_who_when_and_every_languages_texts(
    editor_client, editor, content, open_form, code_url
):
    save_form(editor_client, code_url("202"), open_form, summary_de="Angenommen, später erledigt.")
    code = StatusCode.objects.get(slug="202")
    latest = Version.objects.get_for_object(code).select_related("revision").first()
    assert latest.revision.user == editor
    data = latest.field_dict
    for lang, _name in settings.LANGUAGES:
        assert build_localized_fieldname("summary", lang) in data
    assert data["summary_de"] == "Angenommen, später erledigt."
    assert data["summary_ind"] == code.summary_ind


def test_the_state_before_the_first_edit_is_kept(editor_client, content, open_form, code_url):
    """The loaded content becomes a version before the first edit, so the first edit can be undone."""
    original = StatusCode.objects.get(slug="202").summary_en
    save_form(editor_client, code_url("202"), open_form, summary_en="Edited once.")
    versions = list(Version.objects.get_for_object(StatusCode.objects.get(slug="202")).order_by("pk"))
    assert [v.field_dict["summary_en"] for v in versions] == [original, "Edited once."]
    assert versions[0].revision.user is None


def test_history_lists_versions_with_what_changed(editor_client, content, open_form, code_url):
    save_form(editor_client, code_url("202"), open_form, summary_fr="Accepté.")
    save_form(editor_client, code_url("202"), open_form, title_ja="受理")
    response = editor_client.get(code_url("202", "history"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Title (日本語)" in body
    assert "Summary (Français)" in body
    assert "first recorded version" in body


def test_compare_two_versions_shows_each_language_that_changed(editor_client, content, open_form, code_url):
    save_form(
        editor_client, code_url("202"), open_form, summary_fr="Accepté.", summary_en="The server said yes."
    )
    code = StatusCode.objects.get(slug="202")
    newest, oldest = list(Version.objects.get_for_object(code).order_by("-pk"))[:2]
    response = editor_client.get(code_url("202", "history/compare"), {"from": oldest.pk, "to": newest.pk})
    body = response.content.decode()
    assert "Summary (Français)" in body
    assert "<ins>Accepté.</ins>" in body
    assert "Summary (English)" in body
    assert "The server <del>took the request for processing that has not finished yet</del>" in body
    assert "Title (English)" not in body  # unchanged fields are left out


def test_compare_with_bad_parameters_explains_instead_of_failing(editor_client, content, code_url):
    response = editor_client.get(
        code_url("202", "history/compare"), {"from": "x", "to": "99999"}, follow=True
    )
    assert response.status_code == 200
    assert "Choose two versions" in response.content.decode()


def test_restore_brings_back_every_language_in_one_step(
    editor_client, content, open_form, comparison_url, django_capture_on_commit_callbacks
):
    url = comparison_url("202-vs-520")
    before = Comparison.objects.get(slug="202-vs-520")
    originals = {name: getattr(before, name) for name in before.localized_text_fields()}
    save_form(
        editor_client,
        url,
        open_form,
        summary_en="Rewritten.",
        summary_ind="Ditulis ulang.",
        summary_de="Neu geschrieben.",
        when_to_use_en="Never mind.",
    )
    first = Version.objects.get_for_object(before).order_by("pk").first()
    stamp = content_changed_at()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"{url.removesuffix('change/')}history/{first.pk}/")
    assert response.status_code == 302
    restored = Comparison.objects.get(slug="202-vs-520")
    assert {name: getattr(restored, name) or None for name in originals} == {
        name: value or None for name, value in originals.items()
    }
    # Publication is a decision of its own and stays as it was.
    assert restored.status == "published"
    # The restore is itself a version, so it can be undone too.
    latest = Version.objects.get_for_object(restored).select_related("revision").first()
    assert "Restored the version" in latest.revision.get_comment()
    assert content_changed_at() > stamp


def test_the_restore_page_shows_what_would_change(editor_client, content, open_form, code_url):
    save_form(editor_client, code_url("404"), open_form, summary_en="Gone fishing.")
    code = StatusCode.objects.get(slug="404")
    first = Version.objects.get_for_object(code).order_by("pk").first()
    response = editor_client.get(f"{code_url('404').removesuffix('change/')}history/{first.pk}/")
    body = response.content.decode()
    assert "<del>Gone fishing</del><ins>The server has nothing at this URL</ins>." in body
    assert "Restore this version" in body
    assert StatusCode.objects.get(slug="404").summary_en == "Gone fishing."  # looking changes nothing


def test_a_translator_sees_history_but_cannot_restore(
    editor_client, translator_client, content, open_form, code_url
):
    save_form(editor_client, code_url("404"), open_form, summary_en="Gone fishing.")
    code = StatusCode.objects.get(slug="404")
    first = Version.objects.get_for_object(code).order_by("pk").first()
    page = f"{code_url('404').removesuffix('change/')}history/{first.pk}/"
    assert "Restore this version" not in translator_client.get(page).content.decode()
    assert translator_client.post(page).status_code == 403
    assert StatusCode.objects.get(slug="404").summary_en == "Gone fishing."


def test_restore_keeps_outdated_marks_truthful(editor_client, content, open_form, code_url):
    """Restoring the English that a translation was made from makes that translation current again."""
    code = StatusCode.objects.get(slug="202")
    assert code.text_changed_at  # the loader stamped every text
    save_form(editor_client, code_url("202"), open_form, summary_en="A new English summary.")
    assert "summary" in outdated_fields(StatusCode.objects.get(slug="202"), "id")
    first = Version.objects.get_for_object(code).order_by("pk").first()
    editor_client.post(f"{code_url('202').removesuffix('change/')}history/{first.pk}/")
    assert outdated_fields(StatusCode.objects.get(slug="202"), "id") == []


def test_a_deleted_comparison_can_be_recovered(editor_client, content, open_form, comparison_url):
    save_form(editor_client, comparison_url("404-vs-451"), open_form, summary_de="Beide sagen nein.")
    comparison = Comparison.objects.get(slug="404-vs-451")
    response = editor_client.post(comparison_url("404-vs-451", "delete"), {"post": "yes"})
    assert response.status_code == 302
    deleted = Version.objects.get_deleted(Comparison).first()
    assert deleted is not None
    response = editor_client.post(f"/admin/comparisons/comparison/recover/{deleted.pk}/")
    assert response.status_code == 302
    back = Comparison.objects.get(pk=comparison.pk)
    assert back.summary_de == "Beide sagen nein."
