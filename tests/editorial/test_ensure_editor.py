"""ensure_editor makes an editor of the group, not a superuser, and only with a password Django accepts."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from editorial.roles import is_editor

pytestmark = pytest.mark.django_db


def test_the_account_is_a_staff_editor_of_the_group_not_a_superuser(monkeypatch):
    monkeypatch.setenv("ATLAS_EDITOR_USERNAME", "erin")
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD", "a-long-passphrase-for-tests")
    call_command("ensure_editor", stdout=io.StringIO())
    user = get_user_model().objects.get(username="erin")
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert is_editor(user)
    assert user.check_password("a-long-passphrase-for-tests")


@pytest.mark.parametrize("password", ["1", "password", "12345678901"])
def test_a_weak_password_is_refused_and_no_account_is_made(monkeypatch, password):
    monkeypatch.setenv("ATLAS_EDITOR_USERNAME", "erin")
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD", password)
    with pytest.raises(CommandError, match="ATLAS_EDITOR_PASSWORD"):
        call_command("ensure_editor", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="erin").exists()


def test_without_a_password_a_random_one_is_printed(monkeypatch):
    monkeypatch.setenv("ATLAS_EDITOR_USERNAME", "erin")
    monkeypatch.delenv("ATLAS_EDITOR_PASSWORD", raising=False)
    out = io.StringIO()
    call_command("ensure_editor", stdout=out)
    password = out.getvalue().split("with password ")[1].split()[0]
    assert get_user_model().objects.get(username="erin").check_password(password)
