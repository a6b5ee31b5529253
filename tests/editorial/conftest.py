"""Fixtures for the editorial workflow: the groups, an editor who is not a superuser, translators, and a
browser-like way to open a change form and send it back."""

import io
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client

from codes.models import StatusCode
from comparisons.models import Comparison
from editorial.roles import TRANSLATORS


class _FormReader(HTMLParser):
    """Collects what a browser would send for the form with the given id."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: dict[str, list[str]] = {}
        self._textarea = None
        self._select = None
        self._select_value = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.fields.setdefault(name, []).append(attrs.get("value") or default)
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif tag == "option" and self._select and ("selected" in attrs or self._select_value is None):
            # The selected option, else the first one.
            self._select_value = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            self.fields[self._select] = [self._select_value or ""]
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][-1] += data


def read_form(html: str, form_id: str) -> dict:
    reader = _FormReader(form_id)
    reader.feed(html)
    # A textarea's first newline belongs to the markup, not the value.
    return {
        name: [v[1:] if v.startswith("\n") else v for v in values]
        if len(values) > 1
        else values[0].removeprefix("\n")
        for name, values in reader.fields.items()
    }


@pytest.fixture
def groups(db):
    call_command("create_editorial_groups", stdout=io.StringIO())


def _staff(django_user_model, username):
    return django_user_model.objects.create_user(
        username, f"{username}@example.org", "pw-for-tests-only", is_staff=True
    )


@pytest.fixture
def translators_publish(groups):
    """The Translators role set to publish its own languages without review (a setting in the admin)."""
    Group.objects.get(name=TRANSLATORS).permissions.add(
        Permission.objects.get(content_type__app_label="editorial", codename="publish_own_language")
    )


@pytest.fixture
def group_editor(groups, django_user_model):
    user = _staff(django_user_model, "erin")
    call_command("create_editorial_groups", editor="erin", stdout=io.StringIO())
    return user


@pytest.fixture
def translator(groups, django_user_model):
    user = _staff(django_user_model, "tom")
    call_command("create_editorial_groups", translator="tom", languages="de", stdout=io.StringIO())
    return user


@pytest.fixture
def translator_client(translator):
    client = Client()
    client.force_login(translator)
    return client


@pytest.fixture
def group_editor_client(group_editor):
    client = Client()
    client.force_login(group_editor)
    return client


@pytest.fixture
def open_form():
    """GET a change (or add) form and return (response, data as a browser would send it)."""

    def open_(client, url):
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        form_id = response.context["opts"].model_name + "_form"
        return response, read_form(response.content.decode(), form_id)

    return open_


@pytest.fixture
def code_url():
    def url(slug, view="change"):
        return f"/admin/codes/statuscode/{StatusCode.objects.get(slug=slug).pk}/{view}/"

    return url


@pytest.fixture
def comparison_url():
    def url(slug, view="change"):
        return f"/admin/comparisons/comparison/{Comparison.objects.get(slug=slug).pk}/{view}/"

    return url


@pytest.fixture
def form_of():
    """What a browser would send back for the change form in a response."""

    def form_of_(response):
        return read_form(response.content.decode(), response.context["opts"].model_name + "_form")

    return form_of_
