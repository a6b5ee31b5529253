"""Families and vendors: the same no-lost-edits version mark and history as codes and comparisons."""

import io
import shutil

import pytest
from django.core.management import call_command
from django.test import Client
from reversion.models import Version

from codes.models import Family, Vendor

pytestmark = pytest.mark.django_db


def family_url(slug="http", view="change"):
    return f"/admin/codes/family/{Family.objects.get(slug=slug).pk}/{view}/"


def vendor_url(slug="cloudflare", view="change"):
    return f"/admin/codes/vendor/{Vendor.objects.get(slug=slug).pk}/{view}/"


@pytest.fixture
def second_editor_client(django_user_model):
    client = Client()
    client.force_login(
        django_user_model.objects.create_superuser("ada", "ada@example.org", "pw-for-tests-only")
    )
    return client


def test_a_family_saved_twice_over_the_same_form_loses_nothing(
    editor_client, second_editor_client, content, open_form, form_of
):
    url = family_url()
    _r, mine = open_form(editor_client, url)
    _r, theirs = open_form(second_editor_client, url)
    assert mine["concurrency_token"]

    mine["name_ind"] = "HTTP (protokol web)"
    assert editor_client.post(url, mine).status_code == 302

    theirs["description_en"] = "Status codes of HTTP, official and vendor ones."
    response = second_editor_client.post(url, theirs)
    assert response.status_code == 200
    body = response.content.decode()
    assert "ed saved this record" in body
    assert "HTTP (protokol web)" in body  # what they changed is listed
    form = response.context["adminform"].form
    assert form["description_en"].value() == "Status codes of HTTP, official and vendor ones."
    assert form["name_ind"].value() == "HTTP (protokol web)"  # only they changed it: their version shown
    family = Family.objects.get(slug="http")
    assert family.description_en.startswith("Status codes of the Hypertext Transfer Protocol")

    # Saving the form as it came back keeps both changes.
    assert second_editor_client.post(url, form_of(response)).status_code == 302
    family.refresh_from_db()
    assert family.name_ind == "HTTP (protokol web)"
    assert family.description_en == "Status codes of HTTP, official and vendor ones."


def test_a_vendor_changed_by_both_keeps_each_version_in_view(
    editor_client, second_editor_client, content, open_form
):
    url = vendor_url()
    _r, mine = open_form(editor_client, url)
    _r, theirs = open_form(second_editor_client, url)
    mine["url"] = "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/"
    assert editor_client.post(url, mine).status_code == 302

    theirs["url"] = "https://developers.cloudflare.com/support/troubleshooting/"
    response = second_editor_client.post(url, theirs)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form["url"].value() == "https://developers.cloudflare.com/support/troubleshooting/"
    assert "You and ed both changed this." in str(form.errors["url"])
    assert (
        Vendor.objects.get(slug="cloudflare").url
        == "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/"
    )


def test_a_vendor_form_without_its_version_mark_is_refused(editor_client, content, open_form):
    _r, data = open_form(editor_client, vendor_url())
    del data["concurrency_token"]
    data["name"] = "Cloudflare, Inc."
    response = editor_client.post(vendor_url(), data)
    assert response.status_code == 200
    assert "no valid version mark" in response.content.decode()
    assert Vendor.objects.get(slug="cloudflare").name == "Cloudflare"


def test_the_content_loader_between_open_and_save_of_a_family(
    editor_client, content, open_form, fixture_content_path, tmp_path
):
    url = family_url()
    _r, data = open_form(editor_client, url)
    root = tmp_path / "content"
    shutil.copytree(fixture_content_path, root)
    source = root / "families.yaml"
    source.write_text(
        source.read_text().replace("vendors you meet in practice.", "vendors seen in practice.")
    )
    call_command("load_content", path=str(root), stdout=io.StringIO())

    data["name_ind"] = "HTTP (web)"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert (
        "The content loader or another process outside the admin saved this record"
        in response.content.decode()
    )
    form = response.context["adminform"].form
    assert form["description_en"].value().endswith("vendors seen in practice.")
    assert form["name_ind"].value() == "HTTP (web)"
    assert Family.objects.get(slug="http").name_ind != "HTTP (web)"


def test_a_family_has_a_history_and_is_restored_in_every_language(editor_client, content, open_form):
    url = family_url()
    original = Family.objects.get(slug="http")
    _r, data = open_form(editor_client, url)
    data.update(name_ind="HTTP baru", description_de="Statuscodes von HTTP.")
    assert editor_client.post(url, data).status_code == 302

    history = editor_client.get(family_url(view="history"))
    assert history.status_code == 200
    body = history.content.decode()
    assert "Stored state before the first recorded edit" in body
    assert "Name (Bahasa Indonesia), Description (Deutsch)" in body

    first = Version.objects.get_for_object(original).order_by("pk").first()
    response = editor_client.post(f"{family_url(view='history')}{first.pk}/")
    assert response.status_code == 302
    restored = Family.objects.get(slug="http")
    assert restored.name_ind == original.name_ind
    assert (restored.description_de or "") == (original.description_de or "")


def test_a_vendor_change_is_recorded_with_who_made_it(editor_client, editor, content, open_form):
    _r, data = open_form(editor_client, vendor_url())
    data["name"] = "Cloudflare, Inc."
    assert editor_client.post(vendor_url(), data).status_code == 302
    vendor = Vendor.objects.get(slug="cloudflare")
    latest = Version.objects.get_for_object(vendor).select_related("revision").first()
    assert latest.revision.user == editor
    assert latest.field_dict["name"] == "Cloudflare, Inc."
    compare = editor_client.get(
        f"{vendor_url(view='history')}compare/",
        {"from": Version.objects.get_for_object(vendor).order_by("pk").first().pk, "to": latest.pk},
    )
    assert compare.status_code == 200
    assert "<ins>, Inc.</ins>" in compare.content.decode()


def test_a_translator_may_look_but_not_change_or_restore(
    editor_client, translator_client, content, open_form
):
    _r, data = open_form(editor_client, vendor_url())
    data["name"] = "Cloudflare, Inc."
    assert editor_client.post(vendor_url(), data).status_code == 302
    vendor = Vendor.objects.get(slug="cloudflare")
    first = Version.objects.get_for_object(vendor).order_by("pk").first()
    assert translator_client.get(vendor_url(view="history")).status_code == 200
    assert translator_client.post(f"{vendor_url(view='history')}{first.pk}/").status_code == 403
    data["name"] = "Not theirs to change"
    assert translator_client.post(vendor_url(), data).status_code == 403
    assert Vendor.objects.get(slug="cloudflare").name == "Cloudflare, Inc."


def test_adding_a_vendor_needs_no_version_mark(editor_client, content, open_form):
    response, data = open_form(editor_client, "/admin/codes/vendor/add/")
    assert "concurrency_token" not in data
    data.update(slug="fastly", name="Fastly", url="https://docs.fastly.com/en/guides/")
    assert editor_client.post("/admin/codes/vendor/add/", data).status_code == 302
    assert Vendor.objects.filter(slug="fastly").exists()


def test_a_deleted_vendor_can_be_recovered(editor_client, content, open_form):
    response, data = open_form(editor_client, "/admin/codes/vendor/add/")
    data.update(slug="fastly", name="Fastly", url="https://docs.fastly.com/en/guides/")
    assert editor_client.post("/admin/codes/vendor/add/", data).status_code == 302
    vendor = Vendor.objects.get(slug="fastly")
    delete = editor_client.post(vendor_url("fastly", view="delete"), {"post": "yes"})
    assert delete.status_code == 302
    assert not Vendor.objects.filter(slug="fastly").exists()

    deleted = Version.objects.get_deleted(Vendor).get(object_id=str(vendor.pk))
    page = editor_client.get(f"/admin/codes/vendor/recover/{deleted.pk}/")
    assert page.status_code == 200
    assert "Fastly" in page.content.decode()
    assert editor_client.post(f"/admin/codes/vendor/recover/{deleted.pk}/").status_code == 302
    assert Vendor.objects.get(slug="fastly").url == "https://docs.fastly.com/en/guides/"
