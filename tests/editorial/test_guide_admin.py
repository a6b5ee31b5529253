"""The decision guide in the admin: editors change questions and answers like any content (drafts,
publishing, history), translators only their languages' texts, and the status page counts the guide."""

import pytest
from reversion.models import Version

from guide.models import Answer, Step

pytestmark = pytest.mark.django_db


def test_an_editor_sees_the_questions_and_their_answers(editor_client, small_guide):
    listing = editor_client.get("/admin/guide/step/")
    assert listing.status_code == 200
    assert "Why is it not there?" in listing.content.decode()
    step = Step.objects.get(slug="missing")
    form = editor_client.get(f"/admin/guide/step/{step.pk}/change/")
    assert form.status_code == 200
    body = form.content.decode()
    assert "A court ordered it removed" in body  # its answers, linked
    assert 'name="question_ind"' in body
    answer = Answer.objects.get(step=step, key="legal")
    assert editor_client.get(f"/admin/guide/answer/{answer.pk}/change/").status_code == 200


def test_save_and_publish_makes_a_draft_question_public_and_keeps_a_version(
    editor_client, small_guide, open_form
):
    step = Step.objects.get(slug="unfinished")
    url = f"/admin/guide/step/{step.pk}/change/"
    _response, data = open_form(editor_client, url)
    data["question_ind"] = "Belum siap?"
    data["_publish"] = "1"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    step.refresh_from_db()
    assert step.status == Step.Status.PUBLISHED
    assert step.question_ind == "Belum siap?"
    assert Version.objects.get_for_object(step).first().field_dict["question_ind"] == "Belum siap?"
    assert editor_client.get("/id/which-code/unfinished/").status_code == 200


@pytest.mark.usefixtures("translators_publish")
def test_a_translator_changes_only_their_language(translator_client, small_guide, open_form):
    answer = Answer.objects.get(step__slug="missing", key="legal")
    url = f"/admin/guide/answer/{answer.pk}/change/"
    _response, data = open_form(translator_client, url)
    assert "label_en" not in data
    data["label_de"] = "Ein Gericht hat die Entfernung angeordnet"
    assert translator_client.post(url, data).status_code == 302
    answer.refresh_from_db()
    assert answer.label_de == "Ein Gericht hat die Entfernung angeordnet"
    refused = translator_client.post(url, {**data, "label_en": "Changed"})
    assert refused.status_code == 403


def test_the_status_page_reports_the_guide_per_language(editor_client, small_guide):
    rows = {row["lang"]: row for row in editor_client.get("/admin/codes/translationstatus/").context["rows"]}
    guide_id = rows["id"]["tallies"][2]
    guide_ja = rows["ja"]["tallies"][2]
    # Published and draft questions and their answers: everything but the draft is written in Indonesian.
    assert guide_id.total == guide_ja.total == 3 + 6
    assert guide_id.complete == guide_id.total - 2
    assert guide_ja.complete == 0
    page = editor_client.get("/admin/codes/translationstatus/ja/").content.decode()
    assert "Decision guide: questions and answers" in page
