"""Pending revisions: a change to a live page waits for review; publishing it goes through the normal save."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from reversion.models import Version

from codes.models import StatusCode
from comparisons.models import Comparison
from editorial.models import PendingRevision
from editorial.revisions import is_live

pytestmark = pytest.mark.django_db

LIVE = "202-vs-520"
DRAFT = "404-vs-451"
# The test data's German summary, live before anything is proposed.
LIVE_GERMAN = "202 kommt von Ihrer Anwendung, 520 vom Cloudflare-Edge."
GERMAN = "202 kommt von Ihrer Anwendung; 520 vom Rand von Cloudflare."
PUBLIC = f"/de/compare/http/{LIVE}/"
API = f"/api/v1/comparisons/http/{LIVE}/?lang=de"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _translator(django_user_model, username, languages):
    user = django_user_model.objects.create_user(username, is_staff=True)
    call_command("create_editorial_groups", translator=username, languages=languages, stdout=io.StringIO())
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def propose(translator_client, content, open_form, comparison_url):
    """A German text saved by the translator on the change form of a comparison."""

    def propose_(text=GERMAN, slug=LIVE, client=translator_client, field="summary_de"):
        _response, data = open_form(client, comparison_url(slug))
        data[field] = text
        return client.post(comparison_url(slug), data, follow=True)

    return propose_


def _review_url(revision):
    return f"/admin/editorial/pendingrevision/{revision.pk}/change/"


def _publish(client, revision, **extra):
    page = client.get(_review_url(revision))
    assert page.status_code == 200
    return client.post(
        _review_url(revision), {"mark": page.context["mark"], "_publish_revision": "1", **extra}
    )


def test_a_translators_save_on_a_live_comparison_waits_for_review(translator, propose, client):
    response = propose()
    assert "is saved as a pending revision" in response.content.decode()
    assert Comparison.objects.get(slug=LIVE).summary_de == LIVE_GERMAN
    revision = PendingRevision.objects.get()
    assert (revision.language, revision.state, revision.proposed_by) == ("de", "pending", translator)
    assert revision.values == {"summary_de": GERMAN}
    assert revision.base_values == {"summary_de": LIVE_GERMAN}
    assert revision.based_on == Comparison.objects.get(slug=LIVE).updated_at
    # Visitors and the API never see pending text.
    assert GERMAN not in client.get(PUBLIC).content.decode()
    assert GERMAN not in client.get(API).content.decode()


def test_saving_again_updates_the_proposers_open_revision(translator, propose):
    propose("Erster Versuch.")
    propose(GERMAN)
    assert PendingRevision.objects.get().values == {"summary_de": GERMAN}


def test_two_proposers_cannot_hold_two_open_revisions_of_one_text_each(translator, propose):
    propose()
    revision = PendingRevision.objects.get()
    revision.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        revision.save()


def test_a_draft_keeps_saving_directly(translator, propose):
    propose("Beide sagen, dass Sie die Seite nicht bekommen.", slug=DRAFT)
    assert Comparison.objects.get(slug=DRAFT).summary_de == "Beide sagen, dass Sie die Seite nicht bekommen."
    assert not PendingRevision.objects.exists()


def test_an_editors_save_on_a_live_comparison_goes_live(editor_client, content, propose):
    propose(client=editor_client)
    assert Comparison.objects.get(slug=LIVE).summary_de == GERMAN
    assert not PendingRevision.objects.exists()


@pytest.mark.usefixtures("translators_publish")
def test_a_translator_whose_role_allows_it_saves_their_language_live(translator, propose):
    propose()
    assert Comparison.objects.get(slug=LIVE).summary_de == GERMAN
    assert not PendingRevision.objects.exists()


def test_an_answer_of_a_draft_question_is_a_draft_and_a_code_is_always_live(small_guide):
    from guide.models import Answer

    drafts = [answer for answer in Answer.objects.select_related("step") if answer.step.status == "draft"]
    assert drafts
    assert not any(is_live(answer) for answer in drafts)
    assert is_live(StatusCode.objects.first())
    assert not is_live(Comparison.objects.get(slug=DRAFT))


def test_the_workspace_save_of_a_live_code_waits_for_review(translator_client, content):
    url = "/admin/workspace/de/code/{}/summary/".format(StatusCode.objects.get(slug="202").pk)
    mark = translator_client.get(url).context["mark"]
    response = translator_client.post(url, {"text": "Angenommen.\r\n", "mark": mark}, follow=True)
    assert "Saved for review" in response.content.decode()
    assert StatusCode.objects.get(slug="202").summary_de is None
    assert PendingRevision.objects.get().values == {"summary_de": "Angenommen."}
    # Opened again, the text is the translator's own proposal, to go on with.
    assert translator_client.get(url).context["text"] == "Angenommen."


def test_the_change_form_and_the_workspace_show_a_pending_revision_to_the_next_translator(
    translator, propose, django_user_model, comparison_url
):
    propose()
    revision = PendingRevision.objects.get()
    _tina, tina_client = _translator(django_user_model, "tina", "de")
    form = tina_client.get(comparison_url(LIVE)).content.decode()
    assert "Pending revisions of this record" in form
    assert _review_url(revision) in form
    comparison = Comparison.objects.get(slug=LIVE)
    workspace = tina_client.get(f"/admin/workspace/de/comparison/{comparison.pk}/summary/").content.decode()
    assert _review_url(revision) in workspace
    # A French translator is not pointed at German work.
    _fred, fred_client = _translator(django_user_model, "fred", "fr")
    assert "Pending revisions of this record" not in fred_client.get(comparison_url(LIVE)).content.decode()


def test_an_editor_publishes_and_visitors_and_the_api_see_it_at_once(
    translator, propose, editor, editor_client, client, django_capture_on_commit_callbacks
):
    propose()
    revision = PendingRevision.objects.get()
    # Warm caches: the page and the API answer without the German text.
    assert GERMAN not in client.get(PUBLIC).content.decode()
    assert GERMAN not in client.get(API).content.decode()
    page = editor_client.get(_review_url(revision)).content.decode()
    assert "<ins>" in page
    assert GERMAN in page
    with django_capture_on_commit_callbacks(execute=True):
        response = _publish(editor_client, revision)
    assert response.status_code == 302
    comparison = Comparison.objects.get(slug=LIVE)
    assert comparison.summary_de == GERMAN
    assert comparison.updated_by == editor
    assert "summary_de" in comparison.text_changed_at
    revision.refresh_from_db()
    assert (revision.state, revision.reviewed_by) == ("published", editor)
    assert GERMAN in client.get(PUBLIC).content.decode()
    assert GERMAN in client.get(API).content.decode()
    # The history names the reviewer (who saved) and the proposer.
    latest = Version.objects.get_for_object(comparison).select_related("revision__user").first()
    assert latest.revision.user == editor
    assert "proposed by tom" in latest.revision.comment
    history = editor_client.get(f"/admin/comparisons/comparison/{comparison.pk}/history/").content.decode()
    assert "Proposed revisions" in history
    assert _review_url(revision) in history


def test_the_reviewer_may_correct_the_text_before_publishing(translator, propose, editor_client):
    propose()
    revision = PendingRevision.objects.get()
    _publish(editor_client, revision, summary_de="Korrigiert.\r\nZweite Zeile.")
    assert Comparison.objects.get(slug=LIVE).summary_de == "Korrigiert.\nZweite Zeile."


def test_rejecting_leaves_the_live_text_and_keeps_the_note(translator, propose, editor, editor_client):
    propose()
    revision = PendingRevision.objects.get()
    response = editor_client.post(
        _review_url(revision), {"_reject_revision": "1", "review_note": "Bitte das Glossar beachten."}
    )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert (revision.state, revision.reviewed_by, revision.review_note) == (
        "rejected",
        editor,
        "Bitte das Glossar beachten.",
    )
    assert Comparison.objects.get(slug=LIVE).summary_de == LIVE_GERMAN


def test_a_translator_cannot_publish_their_own_language_unless_the_role_allows_it(
    translator, translator_client, propose
):
    propose()
    revision = PendingRevision.objects.get()
    page = translator_client.get(_review_url(revision))
    assert "You may not publish this language" in page.content.decode()
    response = translator_client.post(
        _review_url(revision), {"mark": page.context["mark"], "_publish_revision": "1"}
    )
    assert response.status_code == 403
    assert Comparison.objects.get(slug=LIVE).summary_de == LIVE_GERMAN
    assert PendingRevision.objects.get().state == "pending"


@pytest.mark.usefixtures("translators_publish")
def test_a_translator_whose_role_allows_it_publishes_their_own_language_but_never_another(
    translator, translator_client, content, django_user_model, comparison_url, open_form
):
    # The role setting is ticked on the group after these proposals were made.
    group = translator.groups.get()
    setting = group.permissions.get(codename="publish_own_language")
    group.permissions.remove(setting)
    tina, tina_client = _translator(django_user_model, "tina", "de")
    fred, fred_client = _translator(django_user_model, "fred", "fr")
    for client, field in ((tina_client, "summary_de"), (fred_client, "summary_fr")):
        _response, data = open_form(client, comparison_url(LIVE))
        data[field] = "Texte."
        client.post(comparison_url(LIVE), data)
    group.permissions.add(setting)
    german = PendingRevision.objects.get(language="de")
    french = PendingRevision.objects.get(language="fr")
    # Another language's revision is not even shown to them.
    assert translator_client.get(_review_url(french)).status_code == 404
    assert translator_client.post(_review_url(french), {"_publish_revision": "1"}).status_code == 404
    assert Comparison.objects.get(slug=LIVE).summary_fr != "Texte."
    assert _publish(translator_client, german).status_code == 302
    assert Comparison.objects.get(slug=LIVE).summary_de == "Texte."


def test_the_role_setting_survives_recreating_the_groups(translators_publish, translator):
    call_command("create_editorial_groups", stdout=io.StringIO())
    assert translator.groups.get().permissions.filter(codename="publish_own_language").exists()


def test_a_revision_over_a_live_text_changed_since_is_a_conflict_shown_with_both(
    translator, propose, editor_client, open_form, comparison_url
):
    propose()
    revision = PendingRevision.objects.get()
    _response, data = open_form(editor_client, comparison_url(LIVE))
    data["summary_de"] = "Die Fassung der Redaktion."
    editor_client.post(comparison_url(LIVE), data)
    page = editor_client.get(_review_url(revision)).content.decode()
    assert "Conflict: the live text changed" in page
    assert "Die Fassung der Redaktion." in page
    assert GERMAN in page
    # Nothing the editor typed is overwritten without a decision.
    response = _publish(editor_client, revision)
    assert response.status_code == 200
    assert "Compare both below" in response.content.decode()
    assert Comparison.objects.get(slug=LIVE).summary_de == "Die Fassung der Redaktion."
    assert _publish(editor_client, revision, over_conflict="1").status_code == 302
    assert Comparison.objects.get(slug=LIVE).summary_de == GERMAN


def test_publishing_from_a_review_page_opened_before_another_save_is_refused(
    translator, propose, editor_client
):
    propose()
    revision = PendingRevision.objects.get()
    stale_mark = editor_client.get(_review_url(revision)).context["mark"]
    comparison = Comparison.objects.get(slug=LIVE)
    comparison.summary_fr = "Changé entre-temps."
    comparison.save()
    response = editor_client.post(_review_url(revision), {"mark": stale_mark, "_publish_revision": "1"})
    assert response.status_code == 200
    assert "Nothing was published" in response.content.decode()
    assert Comparison.objects.get(slug=LIVE).summary_de == LIVE_GERMAN
    assert PendingRevision.objects.get().state == "pending"


def test_a_decided_revision_cannot_be_decided_again(translator, propose, editor_client):
    propose()
    revision = PendingRevision.objects.get()
    mark = editor_client.get(_review_url(revision)).context["mark"]
    editor_client.post(_review_url(revision), {"_reject_revision": "1"})
    response = editor_client.post(_review_url(revision), {"mark": mark, "_publish_revision": "1"})
    assert response.status_code == 403
    assert Comparison.objects.get(slug=LIVE).summary_de == LIVE_GERMAN


def test_an_unknown_revision_is_a_404(editor_client, content):
    assert editor_client.get("/admin/editorial/pendingrevision/999/change/").status_code == 404
    assert editor_client.get("/admin/editorial/pendingrevision/x/change/").status_code == 404


def test_the_list_filters_by_state_language_and_record_and_shows_translators_their_languages(
    translator, translator_client, propose, django_user_model, editor_client, comparison_url, open_form
):
    propose()
    fred, fred_client = _translator(django_user_model, "fred", "fr")
    _response, data = open_form(fred_client, comparison_url(LIVE))
    data["summary_fr"] = "Texte."
    fred_client.post(comparison_url(LIVE), data)
    german = PendingRevision.objects.get(language="de")
    base = "/admin/editorial/pendingrevision/"

    def listed(client, query=""):
        response = client.get(base + query)
        assert response.status_code == 200
        return {revision.pk for revision in response.context["cl"].result_list}

    everything = set(PendingRevision.objects.values_list("pk", flat=True))
    assert listed(editor_client) == everything
    assert listed(editor_client, "?language=de") == {german.pk}
    assert listed(editor_client, "?state__exact=rejected") == set()
    record = f"{german.content_type_id}-{german.object_id}"
    assert listed(editor_client, f"?record={record}") == everything
    assert listed(translator_client) == {german.pk}


def test_the_review_pages_need_a_fixed_number_of_queries(
    translator, propose, editor_client, django_assert_num_queries
):
    propose()
    revision = PendingRevision.objects.get()
    editor_client.get(_review_url(revision))
    # session, user, the revision with its kind of record and people, the record
    with django_assert_num_queries(4):
        assert editor_client.get(_review_url(revision)).status_code == 200
    editor_client.get("/admin/editorial/pendingrevision/")
    with django_assert_num_queries(7):
        assert editor_client.get("/admin/editorial/pendingrevision/").status_code == 200


def test_the_review_page_speaks_the_reviewers_language(translator, propose, editor_client):
    propose()
    revision = PendingRevision.objects.get()
    body = editor_client.get(_review_url(revision), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Veröffentlichter Text (was Besucher sehen)" in body
    assert "Veröffentlichen" in body


def test_a_translators_save_on_an_answer_of_a_published_question_waits_for_review(
    translator_client, small_guide, open_form
):
    from guide.models import Answer

    answer = Answer.objects.get(step__slug="missing", key="legal")
    url = f"/admin/guide/answer/{answer.pk}/change/"
    _response, data = open_form(translator_client, url)
    data["label_de"] = "Ein Gericht hat die Entfernung angeordnet"
    assert translator_client.post(url, data).status_code == 302
    answer.refresh_from_db()
    assert answer.label_de != "Ein Gericht hat die Entfernung angeordnet"
    assert PendingRevision.objects.get().values == {"label_de": "Ein Gericht hat die Entfernung angeordnet"}
