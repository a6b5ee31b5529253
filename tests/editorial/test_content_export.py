"""export_content writes the database's content in the format of content/; loading that changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.forms.models import model_to_dict

from codes.models import Family, StatusCode, Vendor
from comparisons.models import Comparison
from editorial.content_files import ContentSet
from editorial.loader import load_content

pytestmark = pytest.mark.django_db


def _everything() -> dict:
    """Every field of every content row but the loader's bookkeeping and the save times."""
    skip = {"loaded_hashes", "updated_at", "created_at", "published_at"}
    return {
        (model.__name__, row.pk): {k: v for k, v in model_to_dict(row).items() if k not in skip}
        for model in (Family, Vendor, StatusCode, Comparison)
        for row in model.objects.all()
    }


@pytest.fixture
def edited(content, group_editor_client, open_form, code_url, comparison_url):
    """Texts an editor wrote in the admin, beside the loaded ones: English, Indonesian, German, Japanese."""

    def edit(url, **changes):
        _response, data = open_form(group_editor_client, url)
        data.update(changes)
        assert group_editor_client.post(url, data).status_code == 302

    edit(
        code_url("202"),
        summary_de="Angenommen, später erledigt.",
        description_ja="受理されました。\n\n- 一\n- 二",
    )
    edit(comparison_url("202-vs-520"), summary_en="Written in the admin.", when_to_use_ind="Gunakan 202.")


def test_loading_the_exported_content_changes_nothing(edited, tmp_path):
    before = _everything()
    call_command("export_content", str(tmp_path / "out"), stdout=io.StringIO())

    report = load_content(tmp_path / "out")

    assert not report.changed, report.created + report.updated
    assert _everything() == before


def test_the_export_holds_the_editors_texts_where_content_keeps_them(edited, tmp_path):
    call_command("export_content", str(tmp_path), stdout=io.StringIO())
    files = sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*.yaml"))
    assert "families.yaml" in files
    assert "vendors.yaml" in files
    assert "i18n/de.yaml" in files
    assert "comparisons/http.yaml" in files
    assert "codes/http-2xx.yaml" in files
    assert "summary: Angenommen, später erledigt." in (tmp_path / "i18n" / "de.yaml").read_text()
    assert (
        "description: |-\n      受理されました。\n\n      - 一\n      - 二"
        in (tmp_path / "i18n" / "ja.yaml").read_text()
    )

    content = ContentSet(tmp_path)
    comparison = content.comparisons[("http", "202", "520")]
    assert comparison["texts"]["en"]["summary"] == "Written in the admin."
    assert comparison["texts"]["id"]["when_to_use"] == "Gunakan 202."


def test_export_refuses_a_folder_that_holds_files(content, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="not empty"):
        call_command("export_content", str(tmp_path), stdout=io.StringIO())
