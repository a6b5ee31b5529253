import re

import pytest
from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from codes.models import Family, StatusCode
from comparisons.models import Comparison

pytestmark = pytest.mark.django_db


def code(slug):
    return StatusCode.objects.get(slug=slug)


def test_code_list_shows_every_code_with_its_languages(editor_client, content):
    response = editor_client.get("/admin/codes/statuscode/")
    assert response.status_code == 200
    body = response.content.decode()
    for phrase in ["Accepted", "Not Found", "Web Server Returned an Unknown Error", "Request Denied"]:
        assert phrase in body
    # 202 is done in English and Indonesian, missing in German: each language by its own name and state.
    row = next(
        tr for tr in body.split("<tr")[1:] if f"/admin/codes/statuscode/{code('202').pk}/change/" in tr
    )
    assert re.search(r'lang="id"[^>]*title="done">Bahasa Indonesia', row)
    assert re.search(r'lang="de"[^>]*title="missing">Deutsch', row)


def test_code_form_has_a_tab_for_every_language_and_ships_jquery_ui(editor_client, content):
    response = editor_client.get(f"/admin/codes/statuscode/{code('202').pk}/change/")
    body = response.content.decode()
    for lang, _name in settings.LANGUAGES:
        assert f'id="id_{build_localized_fieldname("summary", lang)}"' in body
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in body
    # Nothing loads from another host: the admin works offline.
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', body)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("class=5", {"520"}),
        ("class=other", {"999"}),
        ("origin=official", {"202", "404", "451"}),
        ("registry_status__exact=unofficial", {"451-iis", "520", "999"}),
        ("missing=id", {"404", "451", "451-iis", "520", "999"}),
        ("q=asinkron", {"202"}),
        ("q=451", {"451", "451-iis"}),
    ],
)
def test_code_list_filters_and_search(editor_client, content, query, expected):
    response = editor_client.get(f"/admin/codes/statuscode/?{query}")
    assert {obj.slug for obj in response.context["cl"].result_list} == expected


def test_search_finds_former_names(editor_client, content):
    StatusCode.objects.filter(slug="404").update(former_names=["Page Not There"])
    response = editor_client.get("/admin/codes/statuscode/?q=not+there")
    assert [obj.slug for obj in response.context["cl"].result_list] == ["404"]


def test_comparison_codes_are_picked_with_autocomplete(editor_client, content):
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "comparisons", "model_name": "comparison", "field_name": "code_a", "term": "Unknown"},
    )
    assert [item["text"] for item in response.json()["results"]] == [
        "520 Web Server Returned an Unknown Error"
    ]


def comparison_form(a, b, **texts):
    data = {"code_a": a.pk, "code_b": b.pk, "status": "draft"}
    for field in Comparison.TEXT_FIELDS:
        for lang, _name in settings.LANGUAGES:
            data[build_localized_fieldname(field, lang)] = ""
    data.update(texts)
    return data


def test_admin_stores_a_new_pair_in_canonical_order_and_records_the_editor(editor_client, editor, content):
    response = editor_client.post(
        "/admin/comparisons/comparison/add/",
        comparison_form(code("404"), code("202"), summary_en="Both are answers."),
    )
    assert response.status_code == 302
    comparison = Comparison.objects.get(slug="202-vs-404")
    assert (comparison.code_a.slug, comparison.code_b.slug) == ("202", "404")
    assert comparison.updated_by == editor
    assert comparison.family.slug == "http"


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        (("404", "404"), "A comparison needs two different codes."),
        (("520", "202"), "A comparison of these two codes already exists."),
        (("202", "smtp-250"), "Both codes must belong to the same family."),
    ],
)
def test_admin_explains_each_refused_pair(editor_client, content, pair, message):
    smtp = Family.objects.create(slug="smtp", name_en="SMTP")
    StatusCode.objects.create(family=smtp, number=250, slug="smtp-250", phrase="OK")
    before = Comparison.objects.count()
    response = editor_client.post(
        "/admin/comparisons/comparison/add/", comparison_form(code(pair[0]), code(pair[1]))
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Comparison.objects.count() == before


def test_publish_and_unpublish_actions(editor_client, content):
    draft = Comparison.objects.get(slug="404-vs-451")
    editor_client.post(
        "/admin/comparisons/comparison/",
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == "published"
    editor_client.post(
        "/admin/comparisons/comparison/",
        {"action": "unpublish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == "draft"
