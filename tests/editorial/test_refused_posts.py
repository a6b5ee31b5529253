"""A POST the admin refuses saves nothing, and so writes nothing to the history either."""

import pytest
from reversion.models import Version

from codes.models import StatusCode

pytestmark = pytest.mark.django_db


def test_a_concurrency_conflict_writes_no_history_revision(editor_client, content, open_form, code_url):
    url = code_url("202")
    _r, data = open_form(editor_client, url)
    code = StatusCode.objects.get(slug="202")
    code.summary_en = "Changed outside the admin meanwhile."
    code.save()
    versions = Version.objects.count()

    data["summary_en"] = "Accepted for processing, not yet done."
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.conflict
    assert Version.objects.count() == versions


def test_a_refused_translator_post_writes_no_history_revision(
    translator_client, content, open_form, code_url
):
    _r, data = open_form(translator_client, code_url("202"))
    versions = Version.objects.count()
    data["summary_de"] = "Angenommen."
    assert translator_client.post(code_url("202"), {**data, "summary_en": "Crafted."}).status_code == 403
    assert Version.objects.count() == versions


def test_a_form_with_errors_writes_no_history_revision(editor_client, content, open_form, code_url):
    _r, data = open_form(editor_client, code_url("202"))
    versions = Version.objects.count()
    del data["concurrency_token"]
    data["summary_en"] = "Changed without a mark."
    assert editor_client.post(code_url("202"), data).status_code == 200
    assert Version.objects.count() == versions
