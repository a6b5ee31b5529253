"""export_content writes the database's content in the format of content/; loading that changes nothing."""

import difflib
import io
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.forms.models import model_to_dict

from codes.models import Family, StatusCode, Vendor
from comparisons.models import Comparison
from editorial.content_export import export_content
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


def test_the_export_holds_the_editors_texts_where_content_keeps_them(edited, fixture_content_path, tmp_path):
    call_command("export_content", str(tmp_path), like=fixture_content_path, stdout=io.StringIO())
    files = sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*.yaml"))
    assert files == [
        "codes/http.yaml",
        "comparisons/http.yaml",
        "families.yaml",
        "i18n/de.yaml",
        "i18n/ja.yaml",
        "vendors.yaml",
    ]
    assert "summary: Angenommen, später erledigt." in (tmp_path / "i18n" / "de.yaml").read_text()
    assert (
        "description: |\n      受理されました。\n\n      - 一\n      - 二\n"
        in (tmp_path / "i18n" / "ja.yaml").read_text()
    )

    content = ContentSet(tmp_path)
    comparison = content.comparisons[("http", "202", "520")]
    assert comparison["texts"]["en"]["summary"] == "Written in the admin."
    assert comparison["texts"]["id"]["when_to_use"] == "Gunakan 202."


def _entries(path: Path) -> dict[str, list]:
    """What a content file holds, section by section, in its order (a comparison's pair in either order)."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(document, list):
        return {"entries": [item["slug"] for item in document]}
    if "codes" in document and "family" in document:
        return {"codes": [str(item["slug"]) for item in document["codes"]]}
    if "comparisons" in document and "family" in document:
        return {"comparisons": [sorted(item["codes"]) for item in document["comparisons"]]}
    return {section: list(entries) for section, entries in document.items()}


def test_the_export_writes_each_entry_into_the_file_and_place_content_gives_it(
    content, fixture_content_path, tmp_path
):
    # The fixture keeps every code in one file, unlike the file per class the export would choose alone.
    call_command("export_content", str(tmp_path), like=fixture_content_path, stdout=io.StringIO())

    for path in tmp_path.rglob("*.yaml"):
        source = fixture_content_path / path.relative_to(tmp_path)
        assert _entries(path) == _entries(source), path
        assert _heading(path) == _heading(source), path


def _heading(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[: next(n for n, line in enumerate(lines) if not line.startswith("#"))]


def test_an_entry_content_does_not_know_goes_to_the_file_of_its_kind(content, fixture_content_path, tmp_path):
    code = StatusCode.objects.get(slug="404")
    code.pk, code.slug, code.number = None, "499-test", 499
    code.save()

    export_content(tmp_path, like=fixture_content_path)

    assert _entries(tmp_path / "codes" / "http-4xx.yaml") == {"codes": ["499-test"]}
    assert "499-test" not in _entries(tmp_path / "codes" / "http.yaml")["codes"]


def test_export_refuses_a_folder_that_holds_files(content, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="not empty"):
        call_command("export_content", str(tmp_path), stdout=io.StringIO())


CONTENT = Path(settings.BASE_DIR) / "content"


def _without_comments(path: Path) -> list[str]:
    return [
        line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()[:1] not in ("", "#")
    ]


def test_the_export_reads_as_content_line_for_line_and_shows_an_editors_change_alone(db, tmp_path):
    # One test: loading the whole of content/ is slow.
    call_command("load_content", path=str(CONTENT), stdout=io.StringIO())
    call_command("export_content", str(tmp_path / "loaded"), stdout=io.StringIO())

    written = sorted(path.relative_to(tmp_path / "loaded") for path in (tmp_path / "loaded").rglob("*.yaml"))
    sources = [*CONTENT.glob("*.yaml"), *(CONTENT / "codes").glob("*.yaml")]
    sources += [*(CONTENT / "comparisons").glob("*.yaml"), *(CONTENT / "i18n").glob("*.yaml")]
    assert written == sorted(path.relative_to(CONTENT) for path in sources if path.name != "guide.yaml")
    for relative in written:
        # Comment lines between two sections may go; every other line is the one content/ has.
        assert _without_comments(tmp_path / "loaded" / relative) == _without_comments(CONTENT / relative)

    code = StatusCode.objects.get(family__slug="http", slug="202")
    code.summary_de = "Angenommen, später erledigt."
    code.save()
    call_command("export_content", str(tmp_path / "edited"), stdout=io.StringIO())

    diff = difflib.unified_diff(
        (CONTENT / "i18n" / "de.yaml").read_text(encoding="utf-8").splitlines(),
        (tmp_path / "edited" / "i18n" / "de.yaml").read_text(encoding="utf-8").splitlines(),
        n=0,
    )
    changed = [line for line in diff if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    loaded = yaml.safe_load((CONTENT / "i18n" / "de.yaml").read_text(encoding="utf-8"))
    assert changed == [
        f"-    summary: {loaded['codes']['http/202']['summary']}",
        "+    summary: Angenommen, später erledigt.",
    ]
