"""The compare form's selects: the markup of Django's Select, written without a template per option."""

import pytest
from django import forms
from django.test.html import parse_html
from django.utils import translation
from django.utils.translation import gettext_lazy

from codes.selectors import code_choices
from comparisons.forms import CodeSelect, CompareForm

CHOICES = [
    ("", "Choose a code…"),
    ("5xx · Server Error", [("502", "502 Bad Gateway"), ("504", "504 <Gateway> Timeout & co")]),
    ('Non-standard "quoted"', [("520", "520 Web Server Returned an Unknown Error (Cloudflare)")]),
]


@pytest.mark.parametrize("value", [None, "", "504", "520", "unknown"])
@pytest.mark.parametrize(
    "attrs",
    [
        {"id": "id_a", "required": True},
        {"id": "id_b", "aria-invalid": "true", "aria-describedby": "id_b_error"},
    ],
)
def test_code_select_writes_what_djangos_select_writes(value, attrs):
    ours = CodeSelect(choices=CHOICES).render("a", value, attrs)
    django_select = forms.Select(choices=CHOICES).render("a", value, attrs)
    assert parse_html(ours) == parse_html(django_select)


def test_code_select_escapes_labels_and_group_names():
    html = CodeSelect(choices=CHOICES).render("a", "504", {})
    assert "&lt;Gateway&gt; Timeout &amp; co" in html
    assert 'label="Non-standard &quot;quoted&quot;"' in html
    assert '<option value="504" selected>' in html


def test_compare_form_marks_a_wrong_field_for_assistive_technology(content):
    codes = list(code_choices(family="http"))
    form = CompareForm({"a": "nope", "b": codes[0].slug}, codes=codes)
    assert not form.is_valid()
    html = str(form["a"])
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_a_error"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["family=zzz", "family=zzz&a=202&b=404"])
def test_an_unknown_family_is_a_400_that_says_so(client, content, query):
    response = client.get(f"/en/compare/?{query}")
    assert response.status_code == 400
    assert "There is no such family of codes." in response.content.decode()


@pytest.mark.parametrize("language", ["en", "de", "ar"])
def test_options_written_once_follow_the_language_and_the_selection(language):
    choices = [("", gettext_lazy("Choose a code…")), *CHOICES[1:]]
    with translation.override(language):
        for value in ("502", "504", None):  # the second and third from the options already written
            ours = CodeSelect(choices=choices).render("b", value, {})
            assert parse_html(ours) == parse_html(forms.Select(choices=choices).render("b", value, {}))
            assert ours.count(" selected") == 1
            assert f'<option value="{value or ""}" selected>' in ours
