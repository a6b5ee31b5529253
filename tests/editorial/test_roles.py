"""Editors may do everything; translators change only their languages' texts, enforced on the server."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from codes.models import StatusCode
from comparisons.models import Comparison

pytestmark = pytest.mark.django_db


def test_the_command_creates_both_groups_and_can_run_again(groups):
    call_command("create_editorial_groups", stdout=io.StringIO())
    editors = Group.objects.get(name="Editors")
    translators = Group.objects.get(name="Translators")
    assert editors.permissions.filter(codename="delete_comparison").exists()
    assert translators.permissions.filter(codename="change_statuscode").exists()
    assert not translators.permissions.filter(codename__startswith="delete_").exists()
    assert not translators.permissions.filter(codename__startswith="add_").exists()


def test_the_command_refuses_an_unknown_language(groups, django_user_model):
    django_user_model.objects.create_user("zed", is_staff=True)
    with pytest.raises(Exception, match="unknown: xx"):
        call_command("create_editorial_groups", translator="zed", languages="de,xx", stdout=io.StringIO())


def test_translator_form_offers_only_their_language_with_the_english_source(
    translator_client, content, open_form, code_url
):
    response, data = open_form(translator_client, code_url("202"))
    body = response.content.decode()
    assert {"summary_de", "title_de"} <= set(data)
    for name in ("summary_en", "summary_fr", "summary_ind", "number", "phrase", "retry", "cacheable"):
        assert name not in data
    # The facts and the English source are there to read.
    assert "Poll the status URL in `Location` until the job ends." in body
    assert "You translate into: Deutsch." in body
    assert "Save and publish" not in body


@pytest.mark.usefixtures("translators_publish")
def test_translator_saves_their_language(translator_client, content, open_form, code_url):
    _response, data = open_form(translator_client, code_url("202"))
    data["summary_de"] = "Der Server hat die Anfrage angenommen."
    response = translator_client.post(code_url("202"), data)
    assert response.status_code == 302
    assert StatusCode.objects.get(slug="202").summary_de == "Der Server hat die Anfrage angenommen."


@pytest.mark.parametrize(
    ("extra", "refused"),
    [
        ({"summary_fr": "Le serveur a accepté."}, "summary_fr"),
        ({"summary_en": "Rewritten English."}, "summary_en"),
        ({"phrase": "Totally Accepted"}, "phrase"),
        ({"number": "299"}, "number"),
        ({"retry": "no"}, "retry"),
    ],
)
def test_a_crafted_translator_post_is_refused_and_changes_nothing(
    translator_client, content, open_form, code_url, extra, refused
):
    before = StatusCode.objects.get(slug="202")
    _response, data = open_form(translator_client, code_url("202"))
    data["summary_de"] = "Angenommen."
    response = translator_client.post(code_url("202"), {**data, **extra})
    assert response.status_code == 403
    assert refused in response.content.decode()
    after = StatusCode.objects.get(slug="202")
    assert (
        after.summary_de,
        after.summary_fr,
        after.summary_en,
        after.phrase,
        after.number,
        after.retry,
    ) == (
        before.summary_de,
        before.summary_fr,
        before.summary_en,
        before.phrase,
        before.number,
        before.retry,
    )


@pytest.mark.parametrize("crafted", [{"status": "published"}, {"_publish": "1"}])
def test_a_translator_cannot_publish_with_a_crafted_post(
    translator_client, content, open_form, comparison_url, crafted
):
    _response, data = open_form(translator_client, comparison_url("404-vs-451"))
    response = translator_client.post(comparison_url("404-vs-451"), {**data, **crafted})
    assert response.status_code == 403
    assert Comparison.objects.get(slug="404-vs-451").status == "draft"


def test_a_translator_cannot_publish_or_delete_from_the_list(translator_client, content):
    draft = Comparison.objects.get(slug="404-vs-451")
    translator_client.post(
        "/admin/comparisons/comparison/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    translator_client.post(
        "/admin/comparisons/comparison/",
        {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"},
    )
    draft.refresh_from_db()
    assert draft.status == "draft"
    response = translator_client.get("/admin/comparisons/comparison/")
    assert 'value="publish"' not in response.content.decode()


def test_a_translator_cannot_delete_add_or_unpublish(translator_client, content, comparison_url, open_form):
    published = Comparison.objects.get(slug="202-vs-520")
    assert translator_client.post(comparison_url("202-vs-520", "delete"), {"post": "yes"}).status_code == 403
    assert translator_client.get("/admin/comparisons/comparison/add/").status_code == 403
    assert translator_client.get("/admin/codes/statuscode/add/").status_code == 403
    _response, data = open_form(translator_client, comparison_url("202-vs-520"))
    assert (
        translator_client.post(comparison_url("202-vs-520"), {**data, "_unpublish": "1"}).status_code == 403
    )
    assert Comparison.objects.filter(pk=published.pk, status="published").exists()


def test_a_translator_cannot_confirm_another_languages_translation(
    translator_client, content, open_form, code_url
):
    _response, data = open_form(translator_client, code_url("202"))
    response = translator_client.post(code_url("202"), {**data, "still_current": "summary_ind"})
    assert response.status_code == 403


def test_a_staff_member_without_a_role_cannot_change_texts(client, content, django_user_model, code_url):
    nobody = django_user_model.objects.create_user("nobody", is_staff=True)
    client.force_login(nobody)
    assert client.post(code_url("202"), {"summary_en": "x"}).status_code == 403


def test_an_editor_of_the_group_changes_facts_and_any_language(
    group_editor_client, content, open_form, code_url
):
    _response, data = open_form(group_editor_client, code_url("202"))
    assert {"number", "summary_fr", "summary_en"} <= set(data)
    data.update(
        phrase="Accepted", summary_fr="Le serveur a accepté la requête.", summary_en="Accepted for later."
    )
    response = group_editor_client.post(code_url("202"), data)
    assert response.status_code == 302
    code = StatusCode.objects.get(slug="202")
    assert (code.summary_fr, code.summary_en) == ("Le serveur a accepté la requête.", "Accepted for later.")


def test_an_editor_of_the_group_publishes(group_editor_client, content, open_form, comparison_url):
    _response, data = open_form(group_editor_client, comparison_url("404-vs-451"))
    response = group_editor_client.post(comparison_url("404-vs-451"), {**data, "_publish": "1"})
    assert response.status_code == 302
    assert Comparison.objects.get(slug="404-vs-451").status == "published"
