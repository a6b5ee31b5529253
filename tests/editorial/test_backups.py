"""Backups: everything editors did goes to one file and comes back, in an empty database, as the same site."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from reversion.models import Version

from codes.models import StatusCode
from comparisons.models import Comparison

pytestmark = pytest.mark.django_db

PAGES = [
    "/en/",
    "/id/http/202/",
    "/de/http/520/",
    "/en/compare/http/202-vs-520/",
    "/id/compare/http/202-vs-520/",
    "/api/v1/codes/http/202/?lang=all",
    "/api/v1/comparisons/http/202-vs-520/?lang=all",
    "/api/v1/codes/?lang=id",
    "/api/v1/export/?lang=de",
]


def _site() -> dict[str, tuple[int, bytes]]:
    cache.clear()
    client = Client()
    responses = {path: client.get(path) for path in PAGES}
    return {path: (response.status_code, response.content) for path, response in responses.items()}


def _edit(client, open_form, url, **changes):
    _response, data = open_form(client, url)
    data.update(changes)
    assert client.post(url, data).status_code == 302


@pytest.fixture
def edited(content, group_editor_client, translator, open_form, code_url, comparison_url):
    """Editors' work on top of the content files: texts in two languages, history, accounts and groups."""
    _edit(group_editor_client, open_form, code_url("202"), summary_de="Angenommen, später erledigt.")
    _edit(group_editor_client, open_form, comparison_url("202-vs-520"), summary_ind="Ringkasan dari editor.")


# Committed, not in a test's transaction: PostgreSQL refuses to flush tables with pending deferred checks.
@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_serves_the_same_pages_and_api_answers(edited, tmp_path):
    before = _site()
    versions, users = Version.objects.count(), {(u.username, u.password) for u in _users()}
    groups = _groups()
    backup = tmp_path / "atlas.xml.gz"
    call_command("backup_content", str(backup), stdout=io.StringIO())

    call_command("flush", "--noinput")
    assert not StatusCode.objects.exists()
    call_command("restore_content", str(backup), stdout=io.StringIO())

    assert _site() == before
    assert StatusCode.objects.get(slug="202").summary_de == "Angenommen, später erledigt."
    assert Comparison.objects.get(slug="202-vs-520").summary_ind == "Ringkasan dari editor."
    assert Version.objects.count() == versions > 0
    assert {(u.username, u.password) for u in _users()} == users
    assert _groups() == groups
    assert _users().get(username="tom").groups.exists()


# The decision guide is editors' work as well.
GUIDE_PAGES = [
    "/en/which-code/",
    "/id/which-code/",
    "/en/which-code/missing/",
    "/api/v1/guide/start/?lang=id",
]


# Committed, not in a test's transaction: PostgreSQL refuses to flush tables with pending deferred checks.
@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_serves_the_same_decision_guide(small_guide, tmp_path):
    before = _guide()
    assert {status for status, _content in before.values()} == {200}
    backup = tmp_path / "atlas.xml.gz"
    call_command("backup_content", str(backup), stdout=io.StringIO())

    call_command("flush", "--noinput")
    call_command("restore_content", str(backup), stdout=io.StringIO())

    assert _guide() == before


def _guide() -> dict[str, tuple[int, bytes]]:
    cache.clear()
    client = Client()
    return {
        path: (response.status_code, response.content)
        for path in GUIDE_PAGES
        for response in [client.get(path)]
    }


def _groups():
    groups = Group.objects.all()
    return {(group.name, frozenset(group.permissions.values_list("codename", flat=True))) for group in groups}


def _users():
    return get_user_model().objects.all()


def test_a_backup_is_not_restored_over_a_database_that_holds_content(content, tmp_path):
    backup = tmp_path / "atlas.xml"
    call_command("backup_content", str(backup), stdout=io.StringIO())
    with pytest.raises(CommandError, match="restored into an empty one"):
        call_command("restore_content", str(backup), stdout=io.StringIO())


def test_restoring_a_missing_file_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore_content", str(tmp_path / "nothing.xml"), stdout=io.StringIO())


def test_a_backup_file_is_named_for_its_format(db, tmp_path):
    with pytest.raises(CommandError, match=r"\*\.xml\.gz"):
        call_command("backup_content", str(tmp_path / "atlas.json"), stdout=io.StringIO())
