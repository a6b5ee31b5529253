"""Translation exchange: export a language as PO, import it back with validation and a summary."""

import io
from datetime import timedelta

import polib
import pytest
import reversion
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from codes.models import StatusCode
from comparisons.models import Comparison
from editorial.po_exchange import EXPORTED_AT_HEADER, export_po, import_po, markup_problems
from foundation.text_changes import outdated_fields
from foundation.versions import content_changed_at

pytestmark = pytest.mark.django_db


def export(client, lang, scope="todo") -> polib.POFile:
    response = client.get(f"/admin/codes/translationstatus/{lang}/export/", {"scope": scope})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(f'attachment; filename="atlas-{lang}-{scope}-')
    return polib.pofile(response.content.decode(), wrapwidth=0)


def upload(client, lang, po):
    data = str(po).encode() if not isinstance(po, bytes) else po
    return client.post(
        f"/admin/codes/translationstatus/{lang}/import/",
        {"po_file": SimpleUploadedFile("de.po", data, content_type="text/x-gettext-translation")},
    )


def test_export_lists_missing_and_outdated_texts_with_record_and_field(editor_client, content):
    code = StatusCode.objects.get(slug="404")
    code.summary_en = "Nothing is at this URL."
    code.save()
    po = export(editor_client, "de")
    entries = {entry.msgctxt: entry for entry in po}
    assert po.metadata["Language"] == "de"
    assert EXPORTED_AT_HEADER in po.metadata
    # Missing: empty msgstr; outdated: the current translation, marked fuzzy.
    assert (
        entries["code http/202 description"].msgid == "The request was **accepted**; the work happens later."
    )
    assert entries["code http/202 description"].msgstr == ""
    assert entries["code http/404 summary"].msgstr == "Der Server hat unter dieser URL nichts."
    assert entries["code http/404 summary"].fuzzy
    assert "comparison http/202-vs-520 key_differences" in entries
    # Complete and current texts are not asked for again; texts English lacks are never asked for.
    assert "code http/404 title" not in entries
    assert "code http/451 title" not in entries


def test_a_round_trip_is_lossless(editor_client, content):
    po = export(editor_client, "de", "all")
    translations = {}
    for index, entry in enumerate(po):
        # Markdown, code, quotes, backslashes, tabs and non-Latin text survive the trip.
        text = entry.msgid.replace("The", "Die") + f" — „{index}“ \\ \t ✓ 日本"
        if "\n" in entry.msgid:
            text = entry.msgid.replace("- ", "- DE ")
        entry.msgstr = text
        entry.flags = []
        translations[entry.msgctxt] = text
    response = upload(editor_client, "de", po)
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.skipped == 0
    for context, text in translations.items():
        kind, key, field = context.split(" ")
        model = StatusCode if kind == "code" else Comparison
        slug = key.split("/")[1]
        assert getattr(model.objects.get(slug=slug), f"{field}_de") == text.strip(), context
    # Exported again, nothing is missing or outdated any more, and the texts come back unchanged.
    again = {entry.msgctxt: entry.msgstr for entry in export(editor_client, "de", "all")}
    assert again == {context: text.strip() for context, text in translations.items()}
    assert len(export(editor_client, "de")) == 0


def test_an_untouched_export_changes_nothing(editor_client, content):
    before = {c.pk: c.text_changed_at for c in StatusCode.objects.all()}
    response = upload(editor_client, "de", export(editor_client, "de"))
    summary = response.context["summary"]
    assert not summary.changed
    assert summary.empty > 0
    assert {c.pk: c.text_changed_at for c in StatusCode.objects.all()} == before


def test_fuzzy_empty_and_unknown_entries_are_skipped_and_listed(editor_client, content):
    po = export(editor_client, "de")
    entries = {entry.msgctxt: entry for entry in po}
    entries["code http/202 title"].msgstr = "Angenommen"
    entries["code http/202 summary"].msgstr = "Unsicher."
    entries["code http/202 summary"].flags.append("fuzzy")
    po.append(polib.POEntry(msgctxt="code http/999999 title", msgid="Ghost", msgstr="Geist"))
    po.append(polib.POEntry(msgctxt="code http/202 phrase", msgid="Accepted", msgstr="Angenommen"))
    po.append(polib.POEntry(msgctxt="nonsense", msgid="x", msgstr="y"))
    response = upload(editor_client, "de", po)
    summary = response.context["summary"]
    body = response.content.decode()
    assert [(o.label, o.field) for o in summary.updated] == [("202 Accepted", "title")]
    assert [(o.label, o.field) for o in summary.fuzzy] == [("code http/202", "summary")]
    assert {o.label for o in summary.unknown} == {"code http/999999", "code http/202 phrase", "nonsense"}
    # The leftover fuzzy mark is named by its record and field, as msgctxt names it.
    assert "<code>code http/202 summary</code>: still marked fuzzy" in body
    code = StatusCode.objects.get(slug="202")
    assert code.title_de == "Angenommen"
    assert code.phrase == "Accepted"  # a structured fact is never a translation
    assert not code.summary_de


def test_a_text_changed_after_the_export_is_never_overwritten(editor_client, content):
    po = export(editor_client, "de")
    code = StatusCode.objects.get(slug="202")
    code.summary_de = "Vom Redakteur nach dem Export geschrieben."
    code.save()
    for entry in po:
        if entry.msgctxt == "code http/202 summary":
            entry.msgstr = "Aus dem Übersetzungsprogramm."
    summary = upload(editor_client, "de", po).context["summary"]
    assert [o.field for o in summary.changed_since_export] == ["summary"]
    assert StatusCode.objects.get(slug="202").summary_de == "Vom Redakteur nach dem Export geschrieben."


def test_a_translation_of_an_english_that_changed_since_is_kept_and_marked_outdated(editor_client, content):
    po = export(editor_client, "de")
    code = StatusCode.objects.get(slug="202")
    code.summary_en = "A newer English summary."
    code.save()
    for entry in po:
        if entry.msgctxt == "code http/202 summary":
            entry.msgstr = "Übersetzung des alten Englisch."
        if entry.msgctxt == "code http/202 title":
            entry.msgstr = "Angenommen"
    response = upload(editor_client, "de", po)
    summary = response.context["summary"]
    assert [o.field for o in summary.kept_outdated] == ["summary"]
    assert [o.field for o in summary.updated] == ["title"]
    assert "Stored, marked outdated" in response.content.decode()
    code = StatusCode.objects.get(slug="202")
    assert code.summary_de == "Übersetzung des alten Englisch."
    # Outdated, so the status page, the workspace and the next export ask for it again; the title is current.
    assert outdated_fields(code, "de") == ["summary"]
    entries = {entry.msgctxt: entry for entry in export(editor_client, "de", "outdated")}
    assert entries["code http/202 summary"].fuzzy
    assert entries["code http/202 summary"].msgstr == "Übersetzung des alten Englisch."


def test_unfuzzying_an_outdated_translation_confirms_it(editor_client, content):
    code = StatusCode.objects.get(slug="404")
    code.summary_en = "Nothing is at this URL."
    code.save()
    po = export(editor_client, "de", "outdated")
    [entry] = list(po)
    entry.flags = []
    summary = upload(editor_client, "de", po).context["summary"]
    assert [o.field for o in summary.confirmed] == ["summary"]
    assert outdated_fields(StatusCode.objects.get(slug="404"), "de") == []


@pytest.mark.parametrize(
    ("source", "translation", "problem"),
    [
        ("Poll the URL in `Location`.", "Fragen Sie die URL in `Ort` ab.", "code spans"),
        (
            "See [RFC 9110](https://www.rfc-editor.org/rfc/rfc9110).",
            "Siehe [RFC 9110](https://evil.example).",
            "link",
        ),
        ("- one\n- two\n- three", "- eins\n- zwei", "list items"),
        ("Wait %(seconds)s seconds.", "Warten Sie Sekunden.", "placeholders"),
    ],
)
def test_broken_markdown_links_code_or_placeholders_are_refused(source, translation, problem):
    assert any(problem in message for message in markup_problems(source, translation))


def test_intact_markdown_passes():
    assert (
        markup_problems(
            "- Use `Retry-After`.\n- See [docs](https://x.example).",
            "- Nutzen Sie `Retry-After`.\n- Siehe [Doku](https://x.example).",
        )
        == []
    )


def test_an_invalid_translation_is_skipped_with_its_reason(editor_client, content):
    po = export(editor_client, "de")
    for entry in po:
        if entry.msgctxt == "code http/202 client_action":
            entry.msgstr = "Fragen Sie die Status-URL ab."  # lost `Location`
    summary = upload(editor_client, "de", po).context["summary"]
    assert [(o.field, "code spans" in o.reason) for o in summary.invalid] == [("client_action", True)]
    assert not StatusCode.objects.get(slug="202").client_action_de


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"\xff\xfe not utf-8 \x00", "not UTF-8"),
        (b'msgid "a"\nmsgstr "b"\nfoo bar\n', "cannot be read as a PO file"),
        # polib opens a path it is given: the upload's content must never be taken for one.
        (b"/etc/hostname", "not a PO file"),
        (b'msgid ""\nmsgstr "Language: de\\n"\n', "X-Atlas-Exported-At"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message(editor_client, content, payload, message):
    response = upload(editor_client, "de", payload)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Nothing was imported." in response.content.decode()


def test_a_file_for_another_language_is_refused(editor_client, content):
    response = upload(editor_client, "fr", export(editor_client, "de"))
    assert response.status_code == 400
    assert "is for the language “de”" in response.content.decode()


def test_a_file_dated_in_the_future_is_refused(editor_client, content):
    po = export(editor_client, "de")
    po.metadata[EXPORTED_AT_HEADER] = (timezone.now() + timedelta(days=1)).isoformat()
    assert upload(editor_client, "de", po).status_code == 400


def test_a_translator_imports_only_their_language(translator_client, editor_client, content):
    po = export(editor_client, "fr")
    for entry in po:
        entry.msgstr = entry.msgid
    assert upload(translator_client, "fr", po).status_code == 403
    assert not StatusCode.objects.get(slug="202").summary_fr
    de = export(translator_client, "de")
    for entry in de:
        if entry.msgctxt == "code http/202 title":
            entry.msgstr = "Angenommen"
    assert upload(translator_client, "de", de).status_code == 200
    assert StatusCode.objects.get(slug="202").title_de == "Angenommen"


def test_an_import_is_recorded_in_history_and_refreshes_caches(
    editor_client, editor, content, django_capture_on_commit_callbacks
):
    from reversion.models import Version

    po = export(editor_client, "de")
    for entry in po:
        if entry.msgctxt == "code http/202 title":
            entry.msgstr = "Angenommen"
    stamp = content_changed_at()
    with django_capture_on_commit_callbacks(execute=True):
        upload(editor_client, "de", po)
    assert content_changed_at() > stamp
    latest = (
        Version.objects.get_for_object(StatusCode.objects.get(slug="202")).select_related("revision").first()
    )
    assert latest.revision.user == editor
    assert "Imported 1 texts in German" in latest.revision.get_comment()


def test_import_po_directly_refuses_a_language_mismatch(content, editor):
    from editorial.po_exchange import ImportRefused

    with pytest.raises(ImportRefused):
        import_po(export_po("de"), "ja", user=editor)


def test_load_content_keeps_an_imported_translation(editor_client, content, fixture_content_path):
    code = StatusCode.objects.get(slug="202")
    code.summary_en = "The server queued the request; it is not done yet."
    code.save()
    po = export(editor_client, "id", "outdated")
    [entry] = list(po)
    entry.msgstr, entry.flags = "Server mengantrekan request; belum selesai.", []
    assert upload(editor_client, "id", po).context["summary"].updated
    out = io.StringIO()
    call_command("load_content", path=str(fixture_content_path), stdout=out)
    code = StatusCode.objects.get(slug="202")
    assert code.summary_ind == "Server mengantrekan request; belum selesai."
    assert code.summary_en == "The server queued the request; it is not done yet."
    assert "kept editor's change to code http/202: summary_ind" in out.getvalue()


def test_a_fuzzy_entry_carries_the_english_it_was_translated_from(editor_client, content):
    code = StatusCode.objects.get(slug="404")
    translated_from = code.summary_en
    with reversion.create_revision():
        code.summary_de = "Unter dieser URL gibt es nichts."
        code.save()
    with reversion.create_revision():
        code.summary_en = "Nothing is at this address."
        code.save()
    text = str(export(editor_client, "de", "outdated"))
    assert '#| msgid "' in text
    [entry] = [entry for entry in polib.pofile(text) if entry.msgctxt == "code http/404 summary"]
    assert entry.fuzzy
    assert entry.msgid == "Nothing is at this address."
    assert entry.previous_msgid == translated_from
