import io
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.utils import translation

from codes.models import LoadedEntry, StatusCode, Vendor
from comparisons.models import Comparison


@pytest.fixture
def content_copy(tmp_path, fixture_content_path):
    target = tmp_path / "content"
    shutil.copytree(fixture_content_path, target)
    return target


def load(path):
    out = io.StringIO()
    call_command("load_content", path=str(path), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_first_run_loads_everything(content_copy):
    output = load(content_copy)
    assert "created code http/202" in output
    assert StatusCode.objects.count() == 6
    assert Comparison.objects.count() == 2
    code = StatusCode.objects.get(slug="404")
    assert code.summary_de == "Der Server hat unter dieser URL nichts."
    assert code.summary_ind is None or code.summary_ind == ""
    assert code.status_class == 4


@pytest.mark.django_db
def test_second_run_changes_nothing_and_says_so(content_copy):
    load(content_copy)
    before = {c.pk: c.updated_at for c in StatusCode.objects.all()}
    output = load(content_copy)
    assert "No changes" in output
    assert {c.pk: c.updated_at for c in StatusCode.objects.all()} == before


@pytest.mark.django_db
def test_editor_text_survives_a_reload_and_is_reported(content_copy):
    load(content_copy)
    code = StatusCode.objects.get(slug="202")
    code.summary_ind = "Teks yang ditulis editor."
    code.save()
    # The file's text changes too: still the editor wins.
    path = content_copy / "codes" / "http.yaml"
    path.write_text(path.read_text().replace("prosesnya belum selesai", "belum selesai diproses"))
    output = load(content_copy)
    code.refresh_from_db()
    assert code.summary_ind == "Teks yang ditulis editor."
    assert "kept editor's change to code http/202: summary_ind" in output


@pytest.mark.django_db
def test_file_changes_reach_fields_no_editor_touched(content_copy):
    load(content_copy)
    path = content_copy / "codes" / "http.yaml"
    path.write_text(path.read_text().replace("Check the URL.", "Check the URL for typos."))
    output = load(content_copy)
    assert "updated code http/404 (client_action_en)" in output
    with translation.override("en"):
        assert StatusCode.objects.get(slug="404").client_action == "Check the URL for typos."


@pytest.mark.django_db
def test_editor_unpublishing_is_not_undone_by_the_loader(content_copy):
    load(content_copy)
    comparison = Comparison.objects.get(slug="202-vs-520")
    comparison.unpublish()
    load(content_copy)
    comparison.refresh_from_db()
    assert comparison.status == "draft"


@pytest.mark.django_db
def test_broken_file_changes_nothing_and_names_file_entry_and_problem(content_copy):
    load(content_copy)
    path = content_copy / "codes" / "http.yaml"
    # One good change and one bad entry in the same run: neither lands.
    text = path.read_text().replace("Check the URL.", "Changed text.")
    path.write_text(text.replace("retry: fix_request", "retry: sometimes"))
    with pytest.raises(CommandError) as error:
        load(content_copy)
    message = str(error.value)
    assert "Nothing was loaded" in message
    assert "codes/http.yaml: code '404': `retry`: Value 'sometimes' is not a valid choice." in message
    with translation.override("en"):
        assert StatusCode.objects.get(slug="404").client_action == "Check the URL."


@pytest.mark.django_db
def test_unparsable_yaml_names_the_file(content_copy):
    (content_copy / "comparisons" / "broken.yaml").write_text("family: http\ncomparisons: [\n")
    with pytest.raises(CommandError, match=r"comparisons/broken.yaml: file: cannot be read as YAML"):
        load(content_copy)
    assert StatusCode.objects.count() == 0


@pytest.mark.django_db
def test_a_pair_listed_twice_in_either_order_is_named(content_copy):
    path = content_copy / "comparisons" / "http.yaml"
    path.write_text(path.read_text() + '  - codes: ["202", "520"]\n    status: draft\n')
    with pytest.raises(CommandError, match="comparison 3 .*this pair is already listed"):
        load(content_copy)
    assert StatusCode.objects.count() == 0


@pytest.mark.django_db
def test_database_failure_midway_leaves_the_database_as_it_was(content_copy, monkeypatch):
    load(content_copy)
    path = content_copy / "codes" / "http.yaml"
    path.write_text(path.read_text().replace("Check the URL.", "Changed text."))
    path = content_copy / "comparisons" / "http.yaml"
    path.write_text(path.read_text().replace("202 is a success.", "202 is a success, always."))

    def refuse(self, *args, **kwargs):
        raise IntegrityError("simulated failure")

    # Codes are written first; the failure comes at the first comparison.
    monkeypatch.setattr(Comparison, "save", refuse)
    with pytest.raises(CommandError, match="comparison http/202-vs-520: the database refused it"):
        load(content_copy)
    with translation.override("en"):
        assert StatusCode.objects.get(slug="404").client_action == "Check the URL."


@pytest.mark.django_db
def test_unknown_references_are_named(content_copy):
    path = content_copy / "codes" / "http.yaml"
    path.write_text(path.read_text().replace("vendor: cloudflare", "vendor: akamai"))
    (content_copy / "i18n" / "xx.yaml").write_text("codes: {}\n")
    with pytest.raises(CommandError) as error:
        load(content_copy)
    assert "code '520': unknown vendor 'akamai'" in str(error.value)
    assert "i18n/xx.yaml: file: is named after no language" in str(error.value)


@pytest.mark.django_db
def test_an_editors_choice_of_vendor_survives_a_reload(content_copy):
    load(content_copy)
    code = StatusCode.objects.get(slug="520")
    code.vendor = Vendor.objects.get(slug="microsoft-iis")
    code.save()
    output = load(content_copy)
    assert StatusCode.objects.get(slug="520").vendor.slug == "microsoft-iis"
    assert "kept editor's change to code http/520: vendor_id" in output


@pytest.mark.django_db
def test_a_vendor_changed_in_the_files_reaches_a_code_no_editor_touched(content_copy):
    load(content_copy)
    path = content_copy / "codes" / "http.yaml"
    path.write_text(path.read_text().replace("vendor: cloudflare", "vendor: microsoft-iis"))
    output = load(content_copy)
    assert StatusCode.objects.get(slug="520").vendor.slug == "microsoft-iis"
    assert "updated code http/520 (vendor_id)" in output


@pytest.mark.django_db
def test_a_comparison_an_editor_deleted_stays_deleted(content_copy):
    load(content_copy)
    Comparison.objects.get(slug="202-vs-520").delete()
    output = load(content_copy)
    assert not Comparison.objects.filter(slug="202-vs-520").exists()
    assert "comparison http/202-vs-520: deleted by an editor, not loaded again" in output


@pytest.mark.django_db
def test_a_code_an_editor_deleted_stays_deleted_and_so_do_its_comparisons(content_copy):
    load(content_copy)
    Comparison.objects.filter(slug__in=["404-vs-451"]).delete()
    StatusCode.objects.get(slug="451").delete()
    output = load(content_copy)
    assert not StatusCode.objects.filter(slug="451").exists()
    assert "code http/451: deleted by an editor, not loaded again" in output
    assert "comparison http/404-vs-451: deleted by an editor, not loaded again" in output


@pytest.mark.django_db
def test_a_new_entry_in_the_files_is_loaded_once_and_then_tracked(content_copy):
    load(content_copy)
    assert LoadedEntry.objects.filter(label="comparison http/202-vs-520").exists()
    assert LoadedEntry.objects.filter(label="vendor cloudflare").exists()


@pytest.mark.django_db
def test_an_empty_text_saved_as_null_by_the_admin_still_takes_new_texts_from_the_files(content_copy):
    path = content_copy / "comparisons" / "http.yaml"
    original = path.read_text()
    anchor = "        summary: 202 comes from"
    path.write_text(original.replace(anchor, '        title: ""\n' + anchor))
    load(content_copy)
    comparison = Comparison.objects.get(slug="202-vs-520")
    # The admin stores an empty translated field as NULL: the same empty text, not an editor's change.
    comparison.title_en = None
    comparison.save()
    path.write_text(original.replace(anchor, "        title: Two codes\n" + anchor))
    output = load(content_copy)
    assert Comparison.objects.get(slug="202-vs-520").title_en == "Two codes"
    assert "updated comparison http/202-vs-520 (title_en)" in output


@pytest.mark.django_db
def test_a_text_saved_with_crlf_line_endings_is_not_an_editors_change(content_copy):
    load(content_copy)
    comparison = Comparison.objects.get(slug="202-vs-520")
    comparison.key_differences_en = comparison.key_differences_en.replace("\n", "\r\n")
    comparison.save()
    path = content_copy / "comparisons" / "http.yaml"
    path.write_text(path.read_text().replace("- 202 is a success.", "- 202 is a success of the request."))
    load(content_copy)
    assert "202 is a success of the request." in Comparison.objects.get(slug="202-vs-520").key_differences_en


@pytest.mark.django_db
def test_a_key_given_twice_is_named_instead_of_replacing_the_first(content_copy):
    path = content_copy / "vendors.yaml"
    path.write_text(
        path.read_text() + "- slug: other\n  name: Other\n  name: Again\n  url: https://example.org/\n"
    )
    with pytest.raises(CommandError, match="has the key 'name' twice"):
        load(content_copy)


@pytest.mark.django_db
def test_yaml_aliases_are_refused(content_copy):
    path = content_copy / "vendors.yaml"
    bomb = "- slug: a\n  name: &x Lots\n  url: *x\n"
    path.write_text(path.read_text() + bomb)
    with pytest.raises(CommandError, match="uses an alias"):
        load(content_copy)
    assert not StatusCode.objects.exists()


@pytest.mark.django_db
def test_each_entry_is_checked_by_the_models_own_rules(content_copy):
    path = content_copy / "codes" / "http.yaml"
    text = path.read_text()
    text = text.replace("registry_status: registered", "registry_status: forgotten", 1)
    link = "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.3.3"
    text = text.replace(f'url: "{link}"', 'url: "rfc 9110"', 1)
    path.write_text(text)
    with pytest.raises(CommandError) as error:
        load(content_copy)
    message = str(error.value)
    assert "`registry_status`: Value 'forgotten' is not a valid choice." in message
    assert "`spec_url`: Enter a valid URL." in message
    assert not StatusCode.objects.exists()
