"""The guide in the API: every question with its answers, in one language or all, with where each answer
leads and the sentence that decides; documented in the schema."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_the_list_gives_every_published_question_with_its_answers(client, small_guide):
    body = client.get("/api/v1/guide/").json()
    assert body["language"] == "en"
    assert [step["slug"] for step in body["results"]] == ["start", "missing"]
    start = body["results"][0]
    assert start["start"] is True
    assert start["html_url"] == "http://testserver/en/which-code/"
    assert [answer["key"] for answer in start["answers"]] == ["missing", "later"]


def test_a_question_in_indonesian_says_where_each_answer_leads(client, small_guide):
    body = client.get("/api/v1/guide/missing/", {"lang": "id"}).json()
    assert body["question"] == "Mengapa resource-nya tidak ada?"
    assert body["fallback_fields"] == []
    legal = body["answers"][0]
    assert legal["label"] == "Pengadilan memerintahkan penghapusannya"
    assert legal["leads_to"]["kind"] == "comparison"
    assert legal["leads_to"]["url"] == "http://testserver/api/v1/comparisons/http/404-vs-451/?lang=id"
    assert legal["leads_to"]["html_url"] == "http://testserver/id/compare/http/404-vs-451/"
    assert [code["number"] for code in legal["leads_to"]["codes"]] == [404, 451]
    assert legal["rfc"]["section"] == "RFC 7725 §3"
    assert legal["rfc"]["quote"].startswith("This status code indicates that the server is denying access")


def test_an_answer_towards_a_question_has_no_rfc_and_links_the_question(client, small_guide):
    start = client.get("/api/v1/guide/start/").json()
    missing = start["answers"][0]
    assert missing["rfc"] is None
    assert missing["leads_to"]["kind"] == "step"
    assert missing["leads_to"]["url"] == "http://testserver/api/v1/guide/missing/"
    assert client.get(missing["leads_to"]["url"]).status_code == 200


def test_a_language_without_texts_reports_what_fell_back(client, small_guide):
    body = client.get("/api/v1/guide/missing/", {"lang": "ja"}).json()
    assert body["question"] == "Why is it not there?"
    assert body["fallback_fields"] == ["question"]
    assert body["answers"][0]["fallback_fields"] == ["label", "verdict"]
    every = client.get("/api/v1/guide/missing/", {"lang": "all"}).json()
    assert every["question"]["id"] == "Mengapa resource-nya tidak ada?"
    assert every["question"]["ja"] is None


def test_a_draft_or_unknown_question_is_a_json_404(client, small_guide):
    for slug in ("unfinished", "nope"):
        response = client.get(f"/api/v1/guide/{slug}/")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(("url", "queries"), [("/api/v1/guide/", 2), ("/api/v1/guide/missing/", 2)])
def test_query_count_is_pinned(client, small_guide, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        assert client.get(url, {"lang": "id"}).status_code == 200


def test_the_schema_documents_the_guide_endpoints(client):
    schema = json.loads(
        client.get("/api/schema/", headers={"accept": "application/vnd.oai.openapi+json"}).content
    )
    detail = schema["paths"]["/api/v1/guide/{slug}/"]["get"]
    step = schema["components"]["schemas"]["Step"]
    assert {"question", "help", "answers", "start", "html_url"} <= set(step["properties"])
    answer = schema["components"]["schemas"]["Answer"]
    assert {"label", "verdict", "leads_to", "rfc"} <= set(answer["properties"])
    assert "404" in detail["responses"]
