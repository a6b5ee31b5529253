"""The admin's change forms and lists without traps: languages by their own names with the state of each
text, Arabic typed right to left, the code picker's exact number first, the help texts' rules as warnings,
lists of texts instead of JSON, a duplicate pair said once, and a browser's CRLF never a change."""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from reversion.models import Version

from codes.models import StatusCode
from comparisons.models import Comparison
from editorial import history
from editorial.text_rules import list_points, sentence_count
from foundation.text_changes import outdated_fields

pytestmark = pytest.mark.django_db

FORTY_SENTENCES = " ".join(f"Sentence number {n} says one more thing." for n in range(40))


def _tag(body, name):
    """The opening tag of the form field ``name``."""
    at = body.index(f'name="{name}"')
    return body[body.rindex("<", 0, at) : body.index(">", at)]


def _outdated_german(slug="202-vs-520"):
    """Every German text translated, then the English summary changed."""
    comparison = Comparison.objects.get(slug=slug)
    comparison.summary_de = "202 kommt von Ihrer Anwendung; 520 vom Cloudflare-Edge."
    comparison.key_differences_de = "- 202 ist ein Erfolg.\n- 520 ist ein Fehler von Cloudflare."
    comparison.when_to_use_de = "Geben Sie 202 für angenommene Hintergrundarbeit zurück; 520 nie selbst."
    comparison.save()
    comparison.summary_en = "A newer English summary."
    comparison.save()
    return comparison


def test_every_text_field_says_its_language_direction_and_state(editor_client, content, comparison_url):
    _outdated_german()
    body = editor_client.get(comparison_url("202-vs-520")).content.decode()
    assert 'name="summary_ar"' in body
    # Arabic is typed right to left, every language's field says which language it holds.
    for name, lang, direction in (("summary_ar", "ar", "rtl"), ("summary_ind", "id", "ltr")):
        tag = _tag(body, name)
        assert f'lang="{lang}"' in tag
        assert f'dir="{direction}"' in tag
    assert 'data-atlas-language="Bahasa Indonesia"' in body
    assert 'data-atlas-language="日本語"' in body
    tag_de = _tag(body, "summary_de")
    assert 'data-atlas-state="outdated"' in tag_de
    assert 'data-atlas-state-label="outdated: the English changed since"' in tag_de
    tag_ja = _tag(body, "summary_ja")
    assert 'data-atlas-state="missing"' in tag_ja
    # The preview's language choice names languages by their own names, and has a label.
    assert '<label for="atlas-preview-language">' in body
    assert '<option value="ja">日本語</option>' in body


def test_the_list_never_shows_done_for_an_outdated_translation(editor_client, content):
    _outdated_german()
    body = editor_client.get("/admin/comparisons/comparison/").content.decode()
    assert 'lang="de"' in body
    row = body[body.index("HTTP 202 Accepted") :]
    german = row[row.index('lang="de"') : row.index("</span></span>", row.index('lang="de"'))]
    assert "Deutsch" in german
    assert "↻" in german
    assert "✓" not in german
    assert "outdated: the English changed since" in german
    assert "Bahasa Indonesia" in row


def test_the_missing_translation_filter_names_languages_by_their_own_names(editor_client, content):
    body = editor_client.get("/admin/codes/statuscode/").content.decode()
    assert "?missing=id" in body
    assert ">Bahasa Indonesia</a>" in body
    assert ">日本語</a>" in body


def test_the_comparison_list_costs_a_fixed_number_of_queries(
    editor_client, content, django_assert_num_queries
):
    editor_client.get("/admin/comparisons/comparison/")
    with django_assert_num_queries(8):
        assert editor_client.get("/admin/comparisons/comparison/").status_code == 200


def _picker(client, term):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "comparisons", "model_name": "comparison", "field_name": "code_a", "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in json.loads(response.content)["results"]]


def test_the_code_picker_puts_the_exact_number_first(editor_client, content):
    # Texts of other codes that mention the number come before it in the list's usual order.
    not_found = StatusCode.objects.get(slug="404")
    not_found.description_en = "Unlike a 520, a 404 comes from the origin. See also 202."
    not_found.save()
    assert _picker(editor_client, "520")[0].startswith("520 ")
    assert _picker(editor_client, "202")[0].startswith("202 ")
    assert [text[:3] for text in _picker(editor_client, "451")[:2]] == ["451", "451"]
    # Words still find codes as before.
    assert _picker(editor_client, "Accepted")[0].startswith("202 ")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One sentence.", 1),
        ("One. Two!", 2),
        ("Per RFC 9110 §15.5.5, e.g. a proxy says so. Then it stops", 2),
        ("これは文です。二つ目。", 2),
        ("Sin punto final", 1),
        (FORTY_SENTENCES, 40),
    ],
)
def test_sentences_are_counted_as_a_reader_counts_them(text, sentences):
    assert sentence_count(text) == sentences


def test_list_points_are_the_items_of_one_list():
    assert list_points("- a\n- b\n- c") == 3
    assert list_points("1. a\n2. b") == 2
    assert list_points("One paragraph, no list at all.") is None
    assert list_points("Intro.\n\n- a\n- b\n- c") is None


def test_the_help_texts_rules_warn_after_save_and_never_block(
    editor_client, content, open_form, comparison_url
):
    url = comparison_url("202-vs-520")
    _response, data = open_form(editor_client, url)
    data.update(
        summary_de=FORTY_SENTENCES,
        key_differences_de="Ein einziger Absatz statt einer Liste.",
        when_to_use_de="Geben Sie 202 für angenommene Hintergrundarbeit zurück; 520 nie selbst.",
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, "a warning never blocks the save"
    saved = Comparison.objects.get(slug="202-vs-520")
    assert saved.summary_de == FORTY_SENTENCES
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("Summary (Deutsch): 40 sentences; the help text asks for one or two." in w for w in warnings)
    assert any("Key differences (Deutsch): Not a list" in w for w in warnings)
    # Shown again under the field when the form is opened, and marked in the list.
    body = editor_client.get(url).content.decode()
    assert "40 sentences; the help text asks for one or two." in body
    # The fixture's English has two points where the help text asks for three to six: flagged as well.
    assert body.count('class="atlas-rule-warning"') == 3
    assert "2 points; the help text asks for 3–6." in body
    row = editor_client.get("/admin/comparisons/comparison/").content.decode()
    german = row[row.index('lang="de"') : row.index("</span></span>", row.index('lang="de"'))]
    assert "⚠" in german
    assert "has warnings" in german


def test_a_code_form_edits_its_lists_line_by_line_not_as_json(editor_client, content, open_form, code_url):
    code = StatusCode.objects.get(slug="520")
    code.former_names = ["Origin Error"]
    code.save()
    url = code_url("520")
    response, data = open_form(editor_client, url)
    body = response.content.decode()
    assert (
        '<input type="text" name="former_names" value="Origin Error" class="vTextField" id="id_former_names">'
        in body
    )
    assert "[&quot;Origin Error&quot;]" not in body
    assert 'type="checkbox" name="emitted_by"' in body
    # A line added, one emptied (how a line is removed without JavaScript), one ticked.
    data["former_names"] = ["", "Unknown Error ", "Origin  Error"]
    data["headers"] = ["Retry-After"]
    data["emitted_by"] = ["proxy", "cdn"]
    assert editor_client.post(url, data).status_code == 302
    saved = StatusCode.objects.get(slug="520")
    assert saved.former_names == ["Unknown Error", "Origin Error"]
    assert saved.headers == ["Retry-After"]
    assert saved.emitted_by == ["proxy", "cdn"]


def test_an_unknown_emitter_is_a_form_error_not_a_500(editor_client, content, open_form, code_url):
    url = code_url("520")
    _response, data = open_form(editor_client, url)
    data["emitted_by"] = ["a-teapot"]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()


def test_a_duplicate_pair_is_said_once_with_a_link_to_the_existing_comparison(editor_client, content):
    existing = Comparison.objects.get(slug="202-vs-520")
    response = editor_client.post(
        "/admin/comparisons/comparison/add/",
        {"code_a": existing.code_b_id, "code_b": existing.code_a_id, "title_en": "Again"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("A comparison of these two codes already exists.") == 1
    assert f'<a href="/admin/comparisons/comparison/{existing.pk}/change/">Open “{existing}”</a>' in body
    assert Comparison.objects.count() == 2


def test_the_preview_switches_language_inside_the_preview_and_returns_to_the_form(
    editor_client, content, open_form, comparison_url
):
    _response, data = open_form(editor_client, comparison_url("404-vs-451"))
    data.update(summary_de="Beide sagen: nicht für Sie.", _preview="1", _preview_language="de")
    response = editor_client.post(comparison_url("404-vs-451", "preview"), data)
    body = response.content.decode()
    banner = body[body.index('class="atlas-preview-banner"') : body.index('id="atlas-preview-back"')]
    # Another language previews the same unsaved input: the form's fields travel along.
    assert f'action="{comparison_url("404-vs-451", "preview")}"' in banner
    assert '<input type="hidden" name="summary_de" value="Beide sagen: nicht für Sie.">' in banner
    assert 'name="_preview_language"' in banner
    assert '<option value="de" lang="de" selected>Deutsch</option>' in banner
    assert 'name="_preview"' not in banner
    assert "editorial/preview.js" in body

    data["_preview_language"] = "ja"
    again = editor_client.post(comparison_url("404-vs-451", "preview"), data).content.decode()
    assert "Preview in 日本語" in again


def _as_a_browser_sends_it(data):
    return {
        name: [v.replace("\n", "\r\n") for v in value]
        if isinstance(value, list)
        else value.replace("\n", "\r\n")
        for name, value in data.items()
    }


def _multiline_texts(slug):
    comparison = Comparison.objects.get(slug=slug)
    comparison.key_differences_en = "- 202 is a success.\n- 520 is an error made by Cloudflare's edge."
    comparison.key_differences_ja = "- 202 は成功です。\n- 520 は Cloudflare が作るエラーです。"
    comparison.when_to_use_en = "First paragraph.\n\nSecond paragraph."
    comparison.save()
    return Comparison.objects.get(slug=slug)


def test_crlf_line_endings_are_no_change_for_conflicts_outdated_marks_or_history(
    editor_client, content, open_form, comparison_url
):
    before = _multiline_texts("202-vs-520")
    url = comparison_url("202-vs-520")
    _response, data = open_form(editor_client, url)
    versions = Version.objects.get_for_object(before).count()

    # Someone else saves one text while this form is open.
    theirs = Comparison.objects.get(slug="202-vs-520")
    theirs.summary_fr = "Acceptée ; 520 vient de Cloudflare."
    theirs.save()

    # The form comes back with every line ending in CRLF and nothing typed: the change of the other person
    # is adopted, no text of this form counts as a change of its own.
    response = editor_client.post(url, _as_a_browser_sends_it(data))
    assert response.status_code == 200
    conflict = response.context["adminform"].form.conflict
    assert conflict is not None
    assert conflict.both == []
    assert [change.label for change in conflict.changes] == ["Summary (Français)"]

    response = editor_client.post(url, _as_a_browser_sends_it(response.context["adminform"].form.data))
    assert response.status_code == 302
    saved = Comparison.objects.get(slug="202-vs-520")
    assert saved.key_differences_en == before.key_differences_en
    assert saved.text_changed_at.get("key_differences_en") == before.text_changed_at.get("key_differences_en")
    assert outdated_fields(saved, "ja") == outdated_fields(before, "ja") == []
    assert saved.summary_fr == "Acceptée ; 520 vient de Cloudflare."
    latest = Version.objects.get_for_object(saved).order_by("-pk")
    assert latest.count() > versions
    changes = history.differences(
        Comparison,
        history.version_state(latest[1], Comparison),
        history.version_state(latest[0], Comparison),
    )
    assert [change.label for change in changes if "Key differences" in change.label] == []
    assert [change.label for change in changes if "When to use" in change.label] == []


def test_the_help_texts_rules_warn_as_a_translator_types_and_on_the_status_page(
    translator_client, editor_client, content
):
    comparison = Comparison.objects.get(slug="202-vs-520")
    url = reverse("workspace:check", args=["de", "comparison", comparison.pk, "summary"])
    findings = translator_client.post(url, {"text": FORTY_SENTENCES}).json()["findings"]
    assert {"kind": "rule", "message": "40 sentences; the help text asks for one or two."} in findings
    assert not [
        f
        for f in translator_client.post(url, {"text": "Ein Satz."}).json()["findings"]
        if f["kind"] == "rule"
    ]

    comparison.summary_de = FORTY_SENTENCES
    comparison.save()
    body = editor_client.get("/admin/codes/translationstatus/de/").content.decode()
    assert "40 sentences; the help text asks for one or two." in body
