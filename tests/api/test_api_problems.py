"""Errors are RFC 9457 problems: a type URI that explains them, title and detail in the answer's language."""

import pytest
from django.utils import translation

from foundation.api.errors import PROBLEMS
from foundation.languages import translation_languages

pytestmark = pytest.mark.django_db


def test_a_missing_code_is_a_problem_in_indonesian_whose_type_explains_it(client, content):
    response = client.get("/api/v1/codes/http/12345/?lang=id")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response["Content-Language"] == "id"
    body = response.json()
    assert body["title"] == "Tidak ditemukan"
    assert body["detail"].startswith("Famili, kode")
    assert body["instance"] == "/api/v1/codes/http/12345/"
    assert body["code"] == "not_found"
    explained = client.get(body["type"] + "?lang=id").json()
    assert explained["status"] == 404
    assert explained["title"] == body["title"]


def test_the_four_kinds_of_not_found_have_four_types(client, content):
    types = {
        client.get(url).json()["type"].rsplit("/", 2)[-2]
        for url in [
            "/api/v1/codes/http/12345/",
            "/api/v1/codes/?page=999",
            "/api/nothing/",
            "/api/v1/vendors/x/",
        ]
    }
    assert types == {"no-such-resource", "no-such-page", "no-endpoint"}


def test_an_unknown_parameter_is_refused_and_named(client, content):
    body = client.get("/api/v1/codes/?q=gateway&lang=ja").json()
    assert body["type"].endswith("/problems/invalid-parameters/")
    assert body["title"] == "クエリパラメータが不正です"
    assert list(body["errors"]) == ["q"]
    assert "search" in body["errors"]["q"][0]


def test_a_write_is_a_405_problem(client, content):
    response = client.post("/api/v1/codes/")
    assert response.status_code == 405
    # Even with a query the list would refuse: the method is what is wrong.
    assert client.generic("TRACE", "/api/v1/codes/?page_size=0").status_code == 405
    assert response.json()["type"].endswith("/problems/method-not-allowed/")


def test_every_problem_is_translated_in_every_language():
    for problem in PROBLEMS.values():
        for lang in translation_languages():
            with translation.override(lang):
                with translation.override("en"):
                    english = (str(problem.title), str(problem.description))
                assert (str(problem.title), str(problem.description)) != english, (lang, problem.slug)


def test_the_problem_types_are_listed(client, content):
    body = client.get("/api/v1/problems/?lang=de").json()
    assert body["count"] == len(PROBLEMS)
    assert {item["status"] for item in body["results"]} == {400, 404, 405, 406, 429, 500, 503}
