"""Pages are cached per language, revalidate with ETag and Last-Modified, and change when an editor saves."""

import pytest
from django.utils.http import http_date
from page_helpers import html_of

from comparisons.models import Comparison

pytestmark = pytest.mark.django_db

PAGES = [
    "/en/",
    "/en/http/",
    "/en/http/5xx/",
    "/en/http/202/",
    "/en/compare/",
    "/en/compare/http/202-vs-520/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_send_validators(client, content, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("path", [*PAGES, "/en/search/?q=404", "/sitemap.xml"])
def test_conditional_get_answers_304_without_touching_the_database(
    client, content, warm, path, django_assert_num_queries
):
    etag = client.get(path)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_answers_304(client, content):
    last_modified = client.get("/en/http/202/")["Last-Modified"]
    assert client.get("/en/http/202/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get("/en/http/202/", HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_a_cached_page_is_served_without_queries(client, content, warm, django_assert_num_queries):
    first = client.get("/id/compare/http/202-vs-520/")
    with django_assert_num_queries(0):
        second = client.get("/id/compare/http/202-vs-520/")
    assert second.content == first.content
    assert second["Content-Language"] == "id"


def test_each_language_is_cached_on_its_own(client, content):
    english, indonesian = client.get("/en/http/202/"), client.get("/id/http/202/")
    assert english["ETag"] != indonesian["ETag"]
    assert '<html lang="id"' in html_of(client.get("/id/http/202/"))
    assert '<html lang="en"' in html_of(client.get("/en/http/202/"))


def test_publishing_in_the_admin_shows_at_once(
    client, editor_client, content, django_capture_on_commit_callbacks
):
    path = "/en/compare/http/404-vs-451/"
    before = client.get(path)
    assert "assembled-note" in html_of(before)
    draft = Comparison.objects.get(slug="404-vs-451")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/comparisons/comparison/", {"action": "publish", "_selected_action": [draft.pk]}
        )
    assert response.status_code == 302
    after = client.get(path, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert "Both say you cannot have the page; 451 says why." in html_of(after)
    assert 'href="/en/compare/http/404-vs-451/"' in html_of(client.get("/en/compare/"))


def test_editing_a_code_in_the_admin_shows_at_once(
    client, editor_client, content, django_capture_on_commit_callbacks
):
    before = html_of(client.get("/en/http/202/"))
    assert "Poll the status URL" in before
    change = editor_client.get("/admin/codes/statuscode/?q=accepted")
    code_pk = change.context["cl"].result_list[0].pk
    form_page = editor_client.get(f"/admin/codes/statuscode/{code_pk}/change/")
    data = admin_form_data(form_page)
    data["client_action_en"] = "Follow the job at the URL in `Location`."
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/codes/statuscode/{code_pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    after = html_of(client.get("/en/http/202/"))
    assert "Follow the job at the URL in <code>Location</code>." in after
    assert "Poll the status URL" not in after


def admin_form_data(response) -> dict:
    """What a browser would send back from an admin change form, unchanged."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        widget_value = field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = widget_value if widget_value is not None else ""
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


def test_query_parameters_a_page_does_not_read_share_its_cache_entry(
    client, content, warm, django_assert_num_queries
):
    """?utm=1…1000 made a thousand copies of one page in the cache."""
    client.get("/en/http/404/?utm=0")
    for number in range(1, 20):
        with django_assert_num_queries(0):
            assert client.get(f"/en/http/404/?utm={number}").status_code == 200
