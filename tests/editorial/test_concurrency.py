"""No lost edits: the second of two saves over the same opened record is refused, and nothing is lost."""

import io
import shutil
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from codes.models import StatusCode
from comparisons.models import Comparison

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(editor, django_user_model):
    second = django_user_model.objects.create_superuser("ada", "ada@example.org", "pw-for-tests-only")
    first_client, second_client = Client(), Client()
    first_client.force_login(editor)
    second_client.force_login(second)
    return first_client, second_client


def test_two_saves_give_one_conflict_and_lose_nothing(two_editors, content, open_form, form_of, code_url):
    first, second = two_editors
    url = code_url("202")
    _r, mine = open_form(first, url)
    _r, theirs = open_form(second, url)

    mine.update(summary_en="Accepted: the work happens later.", owner_action_en="Offer a status URL.")
    assert first.post(url, mine).status_code == 302

    theirs.update(summary_en="Accepted for processing, not yet done.", summary_fr="Acceptée pour traitement.")
    response = second.post(url, theirs)
    assert response.status_code == 200
    body = response.content.decode()
    # The refusal says who saved and what they changed.
    assert "ed saved this record" in body
    assert "Offer a status URL." in body
    form = response.context["adminform"].form
    # The second person's input stays in the form ...
    assert form["summary_en"].value() == "Accepted for processing, not yet done."
    assert form["summary_fr"].value() == "Acceptée pour traitement."
    # ... and a field only the first person changed shows their version, so saving again keeps it.
    assert form["owner_action_en"].value() == "Offer a status URL."
    assert "You and ed both changed this." in str(form.errors["summary_en"])
    # Nothing of the second save reached the database.
    code = StatusCode.objects.get(slug="202")
    assert code.summary_en == "Accepted: the work happens later."
    assert not code.summary_fr

    # Saving the form again, as it came back, is a deliberate decision and goes through, losing nothing.
    assert second.post(url, form_of(response)).status_code == 302
    code.refresh_from_db()
    assert code.summary_en == "Accepted for processing, not yet done."
    assert code.summary_fr == "Acceptée pour traitement."
    assert code.owner_action_en == "Offer a status URL."


def test_a_translator_and_an_editor_at_once(editor_client, translator_client, content, open_form, code_url):
    url = code_url("404")
    _r, editor_data = open_form(editor_client, url)
    _r, translator_data = open_form(translator_client, url)
    editor_data["summary_en"] = "Nothing answers at this URL."
    assert editor_client.post(url, editor_data).status_code == 302

    translator_data["summary_de"] = "Unter dieser URL antwortet nichts."
    response = translator_client.post(url, translator_data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing answers at this URL." in body  # the English they translate from changed
    assert response.context["adminform"].form["summary_de"].value() == "Unter dieser URL antwortet nichts."
    assert StatusCode.objects.get(slug="404").summary_de == "Der Server hat unter dieser URL nichts."


def test_a_form_without_its_version_mark_is_refused(editor_client, content, open_form, code_url):
    _r, data = open_form(editor_client, code_url("202"))
    del data["concurrency_token"]
    data["summary_en"] = "Changed without a mark."
    response = editor_client.post(code_url("202"), data)
    assert response.status_code == 200
    assert "no valid version mark" in response.content.decode()
    assert StatusCode.objects.get(slug="202").summary_en != "Changed without a mark."


def test_a_tampered_version_mark_is_refused(editor_client, content, open_form, code_url):
    _r, data = open_form(editor_client, code_url("202"))
    data["concurrency_token"] = data["concurrency_token"][:-3] + "abc"
    data["summary_en"] = "Changed with a forged mark."
    assert editor_client.post(code_url("202"), data).status_code == 200
    assert StatusCode.objects.get(slug="202").summary_en != "Changed with a forged mark."


def test_the_content_loader_between_open_and_save_is_a_conflict_too(
    editor_client, content, open_form, comparison_url, fixture_content_path, tmp_path
):
    """load_content never overwrites the editor, and the editor never silently overwrites the loader."""
    url = comparison_url("202-vs-520")
    _r, data = open_form(editor_client, url)
    root = tmp_path / "content"
    shutil.copytree(fixture_content_path, root)
    source = root / "comparisons" / "http.yaml"
    source.write_text(source.read_text().replace("202 is a success.", "202 is a success (2xx)."))
    call_command("load_content", path=str(root), stdout=io.StringIO())

    data["summary_en"] = "Edited while the files were loaded."
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert (
        "The content loader or another process outside the admin saved this record"
        in response.content.decode()
    )
    comparison = Comparison.objects.get(slug="202-vs-520")
    assert "202 is a success (2xx)." in comparison.key_differences_en
    # The form now shows the loader's new text (only it changed that field) and keeps the editor's input.
    form = response.context["adminform"].form
    assert "202 is a success (2xx)." in form["key_differences_en"].value()
    assert form["summary_en"].value() == "Edited while the files were loaded."


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_on_postgres_one_wins_one_is_refused(
    content, django_user_model, open_form, code_url
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers by locking the whole file; the row lock is PostgreSQL's.")
    users = [
        django_user_model.objects.create_superuser(name, f"{name}@example.org", "pw-for-tests-only")
        for name in ("uma", "ivo")
    ]
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    url = code_url("202")
    forms = [open_form(client, url)[1] for client in clients]
    for index, data in enumerate(forms):
        data["summary_en"] = f"Version {index}."
    barrier = threading.Barrier(2)
    statuses = [None, None]

    def save(index):
        barrier.wait()
        statuses[index] = clients[index].post(url, forms[index]).status_code
        connection.close()

    threads = [threading.Thread(target=save, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 302]
    winner = statuses.index(302)
    assert StatusCode.objects.get(slug="202").summary_en == f"Version {winner}."
