"""What frameworks call each code, and each code's history: the content files' rules, the page and the API."""

import io
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from codes.frameworks import FrameworkConstant
from codes.timeline import HistoryEvent
from editorial.content_files import ContentError, ContentSet

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def content_copy(tmp_path, fixture_content_path):
    root = tmp_path / "content"
    shutil.copytree(fixture_content_path, root)
    return root


def rewrite(path: Path, change) -> None:
    doc = yaml.safe_load(path.read_text())
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))


def problems_of(root: Path) -> str:
    with pytest.raises(ContentError) as error:
        ContentSet(root)
    return str(error.value)


def test_a_constant_without_its_source_is_refused(content_copy):
    rewrite(content_copy / "constants/python.yaml", lambda doc: doc["constants"][0].pop("source"))
    assert "constant 'ACCEPTED' of '202': lacks its source" in problems_of(content_copy)


def test_a_constant_with_an_empty_source_reference_is_refused(content_copy):
    rewrite(
        content_copy / "constants/python.yaml", lambda doc: doc["constants"][0]["source"].update(refs=" ")
    )
    assert "lacks its source" in problems_of(content_copy)


def test_a_constant_without_its_first_version_is_refused(content_copy):
    rewrite(content_copy / "constants/python.yaml", lambda doc: doc["constants"][0].pop("since"))
    assert "constant 'ACCEPTED' of '202': `since` must be one of the versions read" in problems_of(
        content_copy
    )


def test_a_version_the_framework_file_does_not_list_is_refused(content_copy):
    rewrite(content_copy / "constants/python.yaml", lambda doc: doc["constants"][0].update(until="3.12"))
    assert "`until` must be one of the versions read or empty, not '3.12'" in problems_of(content_copy)


def test_overlapping_ranges_of_one_name_are_refused(content_copy):
    # NOT_FOUND 3.5–3.11 and 3.13–: starting the second at 3.11 makes 3.11 belong to both.
    rewrite(content_copy / "constants/python.yaml", lambda doc: doc["constants"][3].update(since="3.11"))
    assert "constant 'NOT_FOUND' of '404': ranges overlap" in problems_of(content_copy)


def test_ranges_of_one_name_that_leave_a_version_out_are_refused(content_copy):
    rewrite(content_copy / "constants/python.yaml", lambda doc: doc["constants"][2].update(until="3.8"))
    assert "constant 'NOT_FOUND' of '404': ranges leave a gap at 3.11" in problems_of(content_copy)


def test_a_range_that_ends_before_it_starts_is_refused(content_copy):
    rewrite(content_copy / "constants/python.yaml", lambda doc: doc["constants"][1].update(until="3.5"))
    assert "ends (3.5) before it starts (3.8)" in problems_of(content_copy)


def test_a_timeline_out_of_order_is_refused(content_copy):
    rewrite(content_copy / "history/http.yaml", lambda doc: doc["codes"]["http/404"].reverse())
    assert "history of 'http/404': out of order" in problems_of(content_copy)


def test_a_history_event_needs_a_known_kind_and_a_link(content_copy):
    def change(doc):
        doc["codes"]["http/202"][0].update(kind="invented")
        doc["codes"]["http/202"][1].pop("url")

    rewrite(content_copy / "history/http.yaml", change)
    problems = problems_of(content_copy)
    assert "history of 'http/202' #1: `kind` must be one of" in problems
    assert "history of 'http/202' #2: needs `url`" in problems


# The real content ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_content():
    return ContentSet(CONTENT)


def test_every_code_of_the_content_has_a_history_entry(real_content):
    assert set(real_content.history) == set(real_content.codes)


def test_every_registered_code_has_a_timeline_and_vendor_codes_have_none(real_content):
    for key, item in real_content.codes.items():
        events = real_content.history[key]
        if item["facts"]["registry_status"] == "unofficial":
            assert events == [], key
        else:
            assert events, key


def test_the_real_timelines_tell_the_renames_the_registry_records(real_content):
    names = [
        (event["document"], event["kind"], event["name"]) for event in real_content.history[("http", "413")]
    ]
    assert names[-2:] == [
        ("RFC 7231", "renamed", "Payload Too Large"),
        ("RFC 9110", "renamed", "Content Too Large"),
    ]
    kinds_104 = [event["kind"] for event in real_content.history[("http", "104")]]
    assert kinds_104 == ["registered_temporarily", "expired"]


def test_the_nine_frameworks_are_read_each_with_its_versions(real_content):
    slugs = {framework["slug"] for framework in real_content.frameworks}
    assert slugs == {"python", "drf", "node", "go", "spring", "aspnetcore", "rack", "rust-http", "symfony"}
    rack = next(f for f in real_content.frameworks if f["slug"] == "rack")
    unprocessable = {
        (row["name"], row["since"], row["kind"]) for row in rack["constants"] if row["code"] == "422"
    }
    assert ("unprocessable_content", "3.1.0", "current") in unprocessable
    assert ("unprocessable_entity", "3.1.0", "deprecated") in unprocessable


# Loaded, on the page and in the API -------------------------------------------------------------


@pytest.mark.django_db
def test_loading_twice_changes_nothing(content):
    before = FrameworkConstant.objects.count(), HistoryEvent.objects.count()
    out = io.StringIO()
    call_command("load_content", path=str(Path(__file__).parents[1] / "fixtures/content"), stdout=out)
    assert (FrameworkConstant.objects.count(), HistoryEvent.objects.count()) == before == (6, 6)
    assert "No changes" in out.getvalue()


@pytest.mark.django_db
def test_a_constant_gone_from_the_files_is_removed_on_the_next_load(content, content_copy):
    rewrite(content_copy / "constants/go.yaml", lambda doc: doc.update(constants=[]))
    call_command("load_content", path=str(content_copy), stdout=io.StringIO())
    assert not FrameworkConstant.objects.filter(framework__slug="go").exists()


@pytest.mark.django_db
def test_the_code_page_shows_each_framework_its_names_and_the_timeline(client, content):
    html = client.get("/en/http/404/").content.decode()
    assert "In frameworks and libraries" in html
    assert '<code dir="ltr">RESOURCE_NOT_FOUND</code>' in html
    # The oldest version read starts the range: the name may be older still, and the page says so.
    assert "up to 3.11 (oldest read: 3.5)" in html
    assert "now RESOURCE_NOT_FOUND" in html
    assert "self.send_response(HTTPStatus.RESOURCE_NOT_FOUND)" in html
    assert "StatusNotFound" in html
    timeline = html[html.index('id="history"') :]
    assert (
        timeline.index("RFC 1945")
        < timeline.index("RFC 7231")
        < timeline.index("IANA HTTP Status Code Registry")
    )
    assert (
        'Renamed “Resource Not Found” in <a href="https://www.rfc-editor.org/rfc/rfc7231.html">RFC 7231</a>.'
        in html
    )
    assert '<time datetime="2026-11-13">' in html


@pytest.mark.django_db
def test_a_name_added_in_a_later_version_reads_from_that_version(client, content):
    html = client.get("/en/http/451/").content.decode()
    assert "3.8 and later" in html
    assert "every version read" not in html


@pytest.mark.django_db
def test_a_framework_without_a_constant_for_the_code_says_so(client, content):
    html = client.get("/en/http/202/").content.decode()
    assert "No constant for this code (versions read: 1.11–1.13)." in html


@pytest.mark.django_db
def test_a_vendor_code_says_no_library_names_it_and_it_has_no_registry_history(client, content):
    html = client.get("/en/http/520/").content.decode()
    assert "None of these libraries has a constant for this code:" in html
    assert "no history of names here" in html


@pytest.mark.django_db
def test_the_code_page_in_japanese_reads_its_constants_and_timeline_in_japanese(client, content):
    response = client.get("/ja/http/404/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "フレームワークとライブラリでの名前" in html
    assert "3.11 まで（確認した最古: 3.5）" in html
    assert "現在は RESOURCE_NOT_FOUND" in html
    assert "1996年5月" in html
    assert (
        '<a href="https://www.rfc-editor.org/rfc/rfc1945.html">RFC 1945</a> で「Not Found」として定義。'
        in html
    )


@pytest.mark.django_db
def test_the_code_page_query_count_is_pinned(client, content, django_assert_num_queries):
    client.get("/en/")  # the content version is known
    with django_assert_num_queries(
        7
    ):  # code, siblings, other meanings, comparisons + frameworks, names, history
        assert client.get("/en/http/404/").status_code == 200


@pytest.mark.django_db
def test_the_api_returns_typed_constants_and_history(client, content):
    data = client.get("/api/v1/codes/http/404/?lang=id").json()
    python = next(entry for entry in data["constants"] if entry["framework"] == "python")
    assert python["versions_read"] == ["3.5", "3.8", "3.11", "3.13"]
    assert python["names"][0] == {
        "name": "NOT_FOUND",
        "since": "3.5",
        "until": "3.11",
        "standing": {"value": "current", "label": "Nama saat ini"},
        "replaced_by": None,
        "snippet": None,
        "source": {"repo": "python/cpython", "path": "Lib/http/__init__.py", "refs": "v3.5.0..v3.11.0"},
    }
    current = next(name for name in python["names"] if name["name"] == "RESOURCE_NOT_FOUND")
    assert current["snippet"] == "self.send_response(HTTPStatus.RESOURCE_NOT_FOUND)"
    assert [event["date"] for event in data["history"]] == ["1996-05", "2014-06", "2026-11-13"]
    assert data["history"][1]["sentence"] == "Diganti namanya menjadi “Resource Not Found” dalam RFC 7231."
    assert data["history"][1]["kind"] == {"value": "renamed", "label": "Diganti nama"}


@pytest.mark.django_db
def test_the_api_says_when_a_framework_has_no_constant(client, content):
    data = client.get("/api/v1/codes/http/520/").json()
    assert {entry["framework"]: entry["names"] for entry in data["constants"]} == {"python": [], "go": []}
    assert data["history"] == []


@pytest.mark.django_db
def test_the_api_code_query_count_is_pinned(client, content, django_assert_num_queries):
    client.get("/api/v1/")
    with django_assert_num_queries(6):  # code, other meanings, comparisons + frameworks, names, history
        assert client.get("/api/v1/codes/http/404/").status_code == 200


def test_the_schema_documents_constants_and_history_as_lists_of_fixed_objects(client):
    response = client.get("/api/schema/", headers={"accept": "application/vnd.oai.openapi+json"})
    schemas = response.json()["components"]["schemas"]
    detail = schemas["CodeDetail"]["allOf"][1]["properties"]
    assert detail["constants"]["items"]["$ref"] == "#/components/schemas/FrameworkNames"
    assert detail["history"]["items"]["$ref"] == "#/components/schemas/HistoryEvent"
    assert set(schemas["ConstantName"]["required"]) >= {
        "name",
        "since",
        "until",
        "standing",
        "source",
        "snippet",
    }
    kind = schemas["HistoryEvent"]["properties"]["kind"]["properties"]["value"]["$ref"]
    kinds = schemas[kind.rsplit("/", 1)[-1]]["enum"]
    assert kinds == list(HistoryEvent.Kind.values)


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("1", "", "every version read (1 and later)"),
        ("1", "1", "1, the oldest version read"),
        ("1", "3", "up to 3 (oldest read: 1)"),
        ("2", "", "2 and later"),
        ("2", "2", "2 only"),
        ("2", "3", "2 to 3"),
        ("4", "", "as of 4"),
    ],
)
def test_a_version_range_reads_as_what_was_checked(since, until, expected):
    from django.utils import translation

    from codes.frameworks import Framework
    from codes.presenters import version_range

    framework = Framework(versions=["1", "2", "3", "4"])
    with translation.override("en"):
        assert version_range(FrameworkConstant(framework=framework, since=since, until=until)) == expected
