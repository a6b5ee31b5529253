"""The translation workspace: the order of the texts, the filters, one text at a time, saving through the
admin's rules (version mark, roles, history), the English diff of an outdated text, and the live checks."""

import re

import polib
import pytest
import reversion
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from codes.models import StatusCode
from comparisons.models import Comparison
from editorial import history
from editorial import workspace as ws
from editorial.workspace_memory import source_when_translated, suggestions

pytestmark = pytest.mark.django_db


def keys(items):
    return [f"{item.kind} {item.instance.slug} {item.field}" for item in items]


def german_items():
    codes, comparisons = ws.records()
    return ws.all_items("de", codes, comparisons)


def text_url(kind, slug, field, lang="de"):
    model = ws.KINDS[kind]
    return f"/admin/workspace/{lang}/{kind}/{model.objects.get(slug=slug).pk}/{field}/"


def english_change(code, **texts):
    """An editor's change of the English, recorded in the history as the admin records it."""
    history.record_current_state(code)
    for name, value in texts.items():
        setattr(code, name, value)
    with reversion.create_revision():
        code.save()


def test_titles_and_summaries_come_before_bodies_and_curated_comparisons_before_codes(content):
    order = keys(german_items())
    headlines = [key for key in order if key.split()[2] in ws.HEADLINE_FIELDS]
    assert order[: len(headlines)] == headlines, "every title and summary before the first body"
    # The published comparison first; codes linked from it (202, 520) before the others; the draft last.
    assert headlines[0] == "comparison 202-vs-520 summary"
    assert headlines[1:5] == ["code 202 title", "code 202 summary", "code 520 title", "code 520 summary"]
    assert headlines[-1] == "comparison 404-vs-451 summary"
    # Among codes no curated comparison links, the IANA registry's come before a vendor's.
    assert headlines.index("code 451 summary") < headlines.index("code 451-iis summary")


def test_a_comparison_without_an_english_title_has_no_title_to_translate(content):
    assert "comparison 202-vs-520 title" not in keys(german_items())


def test_the_filters_keep_missing_outdated_or_flagged_texts(content):
    code = StatusCode.objects.get(slug="404")
    english_change(code, summary_en="The server has nothing at this URL, and says nothing more.")
    code = StatusCode.objects.get(slug="202")
    code.title_de = "Accepted Accepted Accepted Accepted"  # reads as English, and is not the English title
    code.save()
    items = german_items()
    for item in items:
        item.findings = [] if item.state == ws.MISSING else ws.check_text(item.source, item.text, "de")
    by_state = {wanted: keys(i for i in items if ws.matches(i, wanted)) for wanted in ws.FILTERS}
    assert by_state["outdated"] == ["code 404 summary"]
    assert "code 404 title" not in by_state["todo"]
    assert "code 202 summary" in by_state["missing"]
    assert "code 202 title" not in by_state["missing"]
    assert "code 404 summary" in by_state["todo"]
    assert len(by_state["all"]) == len(items)


def test_next_after_a_text_is_the_following_one_to_do_and_wraps_round(content):
    items = german_items()
    todo = [item for item in items if ws.matches(item, "todo")]
    assert ws.next_after(items, todo[0], "todo").key == todo[1].key
    assert ws.next_after(items, todo[-1], "todo").key == todo[0].key
    assert ws.next_after(items, None, "todo").key == todo[0].key


def test_a_translator_lands_in_their_own_language(translator_client, content):
    response = translator_client.get("/admin/workspace/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/workspace/de/"
    assert translator_client.get("/admin/workspace/fr/").status_code == 403
    assert translator_client.get("/admin/workspace/xx/").status_code == 404


def test_the_workspace_asks_visitors_to_sign_in(client, content):
    response = client.get("/admin/workspace/de/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_language_page_lists_what_to_do_with_progress(
    translator_client, content, django_assert_num_queries
):
    translator_client.get("/admin/workspace/de/")
    # session, user, groups, translator's languages, codes, comparisons, texts in review, the admin menu's
    # two permissions
    with django_assert_num_queries(9):
        response = translator_client.get("/admin/workspace/de/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Start with the next text: Summary of “HTTP 202 Accepted" not in body
    start = response.context["start"]
    assert (start.kind, start.instance.slug, start.field) == ("code", "202", "title")
    progress = response.context["progress"]
    assert progress.done == 3
    assert progress.total == len(german_items())


def test_the_text_page_shows_the_english_rendered_and_as_markdown_with_glossary_terms(
    translator_client, content, django_assert_num_queries
):
    code = StatusCode.objects.get(slug="202")
    code.summary_en = "The server took the **request** and returns `Location` for the client to poll."
    code.save()
    url = text_url("code", "202", "summary")
    translator_client.get(url)
    # session, user, groups, languages, codes, comparisons, texts in review, its pending revisions, the admin
    # menu's two permissions
    with django_assert_num_queries(10):
        response = translator_client.get(url)
    body = response.content.decode()
    assert "<strong>request</strong>" in body  # rendered
    assert "**" in body  # and as Markdown
    assert '<mark class="ws-term" title="Client (Plural: Clients)">client</mark>' in body
    assert 'aria-keyshortcuts="Control+Enter"' in body


@pytest.mark.usefixtures("translators_publish")
def test_save_and_next_saves_through_the_admin_and_opens_the_next_text(
    translator, translator_client, content
):
    url = text_url("code", "202", "title")
    mark = translator_client.get(url).context["mark"]
    response = translator_client.post(url, {"text": "Akzeptiert", "mark": mark, "save_next": "1"})
    assert response.status_code == 302
    assert response["Location"] == text_url("code", "202", "summary")
    code = StatusCode.objects.get(slug="202")
    assert code.title_de == "Akzeptiert"
    latest = history.versions_of(code).first()
    assert latest.revision.user == translator
    assert "Translated in the workspace" in latest.revision.get_comment()


def test_a_text_saved_for_review_leaves_the_to_do_list_for_a_list_of_its_own(translator_client, content):
    code = StatusCode.objects.get(slug="202")
    url = text_url("code", "202", "title")
    mark = translator_client.get(url).context["mark"]
    response = translator_client.post(url, {"text": "Akzeptiert", "mark": mark, "save_next": "1"})
    assert response["Location"] == text_url("code", "202", "summary")
    # Visitors still read no German title: the translator's one waits for review.
    assert not StatusCode.objects.get(slug="202").title_de
    saved = ws.find_item(german_items(), "code", code.pk, "title")
    assert (saved.state, saved.in_review) == (ws.MISSING, True)
    assert not ws.matches(saved, "todo")
    # So "save and next" never comes back to it, and the list starts further on.
    todo = translator_client.get("/admin/workspace/de/")
    assert todo.context["start"].key != saved.key
    assert saved.key not in [item.key for item in todo.context["items"]]
    waiting = translator_client.get(f"/admin/workspace/de/?show={ws.IN_REVIEW}")
    assert [item.key for item in waiting.context["items"]] == [saved.key]
    assert waiting.context["progress"].in_review == 1
    body = waiting.content.decode()
    assert "Pending review: 1" in body
    assert "missing · Pending review" in body


@pytest.mark.usefixtures("translators_publish")
def test_a_save_over_somebody_elses_newer_save_is_refused_and_keeps_the_input(translator_client, content):
    url = text_url("code", "202", "title")
    mark = translator_client.get(url).context["mark"]
    code = StatusCode.objects.get(slug="202")
    with reversion.create_revision():
        code.title_de = "Angenommen"
        code.save()
    response = translator_client.post(url, {"text": "Akzeptiert", "mark": mark, "save_next": "1"})
    assert response.status_code == 409
    assert StatusCode.objects.get(slug="202").title_de == "Angenommen"
    assert "Akzeptiert</textarea>" in response.content.decode()
    # With the fresh mark the page now carries, saving again is a deliberate decision and goes through.
    again = translator_client.post(url, {"text": "Akzeptiert", "mark": response.context["mark"]})
    assert again.status_code == 302
    assert StatusCode.objects.get(slug="202").title_de == "Akzeptiert"


def test_a_translator_cannot_save_another_language(translator_client, content):
    url = text_url("code", "202", "title", lang="fr")
    assert translator_client.post(url, {"text": "Accepté", "mark": "x"}).status_code == 403
    assert not StatusCode.objects.get(slug="202").title_fr


def test_an_outdated_text_shows_what_changed_in_the_english(translator_client, content):
    code = StatusCode.objects.get(slug="404")
    english_change(code, summary_en="The server has nothing at this address.")
    code = StatusCode.objects.get(slug="404")
    assert source_when_translated(code, "summary", "de") == "The server has nothing at this URL."
    body = translator_client.get(text_url("code", "404", "summary")).content.decode()
    assert "<del>URL</del><ins>address</ins>" in re.sub(r"\s+", " ", body)


@pytest.mark.usefixtures("translators_publish")
def test_marking_an_outdated_text_still_current_brings_it_up_to_date(translator_client, content):
    english_change(StatusCode.objects.get(slug="404"), summary_en="The server has nothing at this address.")
    url = text_url("code", "404", "summary")
    page = translator_client.get(url)
    response = translator_client.post(
        url, {"text": page.context["text"], "mark": page.context["mark"], "still_current": "on"}
    )
    assert response.status_code == 302
    assert ws.state_of(StatusCode.objects.get(slug="404"), "summary", "de") == ws.DONE


def test_the_live_check_flags_a_dropped_code_span_and_previews_the_markdown(translator_client, content):
    code = StatusCode.objects.get(slug="202")
    code.summary_en = "The server took the request; poll the `Location` it returns."
    code.save()
    url = text_url("code", "202", "summary") + "check/"
    dropped = translator_client.post(
        url, {"text": "Der Server hat die Anfrage angenommen; fragen Sie **nach**."}
    )
    data = dropped.json()
    assert [finding["kind"] for finding in data["findings"]] == ["code"]
    assert "<strong>nach</strong>" in data["preview"]
    kept = translator_client.post(
        url, {"text": "Der Server hat die Anfrage angenommen; fragen Sie `Location` ab."}
    )
    assert kept.json()["findings"] == []


@pytest.mark.usefixtures("translators_publish")
def test_a_warning_never_blocks_a_save(translator_client, content):
    code = StatusCode.objects.get(slug="202")
    code.summary_en = "The server took the request; poll the `Location` it returns."
    code.save()
    url = text_url("code", "202", "summary")
    mark = translator_client.get(url).context["mark"]
    response = translator_client.post(url, {"text": "Der Server hat die Anfrage angenommen.", "mark": mark})
    assert response.status_code == 302
    assert StatusCode.objects.get(slug="202").summary_de == "Der Server hat die Anfrage angenommen."


def test_the_memory_suggests_the_translation_of_a_similar_english_text(content):
    comparison = Comparison.objects.get(slug="202-vs-520")
    comparison.key_differences_en = "The server has nothing at this URL for you."
    comparison.save()
    items = german_items()
    found = suggestions("The server has nothing at this URL for you.", "de", items, exclude_key="x")
    assert found[0].translation == "Der Server hat unter dieser URL nichts."
    assert found[0].similarity >= 70


def test_the_checks_speak_the_interface_language(translator_client, content):
    code = StatusCode.objects.get(slug="202")
    code.summary_en = "Poll the `Location` it returns."
    code.save()
    url = text_url("code", "202", "summary") + "check/"
    with translation.override("de"):
        response = translator_client.post(url, {"text": "Fragen Sie ab."}, headers={"accept-language": "de"})
    message = response.json()["findings"][0]["message"]
    assert message == "Code-Abschnitte des Originals fehlen: Location"


def test_the_status_page_shows_texts_translated_per_language(editor_client, content):
    response = editor_client.get("/admin/codes/translationstatus/")
    rows = {row["lang"]: row for row in response.context["rows"]}
    assert rows["de"]["texts_percent"] == round(100 * 3 / len(german_items()))


def test_the_language_status_page_lists_comparisons_first_and_shows_warnings(editor_client, content):
    code = StatusCode.objects.get(slug="404")
    code.summary_de = "The server has nothing at this URL, and this is left in plain English here."
    code.save()
    response = editor_client.get("/admin/codes/translationstatus/de/")
    titles = [str(title) for title, _tally in response.context["sections"]]
    assert titles == ["Comparisons", "Status codes", "Decision guide: questions and answers"]
    assert "reads as English" in response.content.decode()


def test_a_po_import_reports_the_same_warnings_and_imports_anyway(editor_client, content):
    code = StatusCode.objects.get(slug="202")
    code.title_en = "Accepted by the `worker`"
    code.save()
    response = editor_client.get("/admin/codes/translationstatus/de/export/", {"scope": "todo"})
    po = polib.pofile(response.content.decode(), wrapwidth=0)
    entry = next(entry for entry in po if entry.msgctxt == "code http/202 title")
    entry.msgstr = "Angenommen vom `worker` Dienst mit der Abfrage"
    result = editor_client.post(
        "/admin/codes/translationstatus/de/import/",
        {"po_file": SimpleUploadedFile("de.po", str(po).encode(), content_type="text/x-gettext-translation")},
    )
    body = result.content.decode()
    assert result.status_code == 200
    assert "“Abfrage” is not used for “request”" in body
    assert StatusCode.objects.get(slug="202").title_de == "Angenommen vom `worker` Dienst mit der Abfrage"


def test_the_language_page_needs_as_many_queries_with_more_records(
    translator_client, content, django_assert_num_queries
):
    family = StatusCode.objects.first().family
    for number in range(600, 620):
        StatusCode.objects.create(
            family=family, number=number, slug=str(number), phrase="X", summary_en="A text."
        )
    translator_client.get("/admin/workspace/de/?show=all")
    with django_assert_num_queries(9):
        response = translator_client.get("/admin/workspace/de/?show=all")
    assert "600 X" in response.content.decode()
