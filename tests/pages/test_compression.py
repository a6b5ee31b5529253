"""Pages and API answers go out compressed to a client that accepts gzip, each encoding with its own ETag."""

import gzip
import json

import pytest

pytestmark = pytest.mark.django_db

API_ANSWERS = [
    "/api/v1/codes/http/404/",
    "/api/v1/codes/",
    "/api/v1/comparisons/",
    "/api/v1/codes/http/404/?lang=id",
]


@pytest.mark.parametrize("path", API_ANSWERS)
def test_an_api_answer_goes_out_compressed_with_its_own_etag_and_vary(client, content, path):
    plain = client.get(path)
    compressed = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert plain.status_code == compressed.status_code == 200
    assert compressed["Content-Encoding"] == "gzip"
    assert not plain.has_header("Content-Encoding")
    assert json.loads(gzip.decompress(compressed.content)) == plain.json()
    assert compressed["ETag"] != plain["ETag"]
    assert "Accept-Encoding" in plain["Vary"]
    assert "Accept-Encoding" in compressed["Vary"]
    assert "Accept-Language" in compressed["Vary"]


def test_an_api_revalidation_answers_304_for_the_encoding_the_client_holds(client, content):
    path = "/api/v1/codes/http/404/"
    plain = client.get(path)
    compressed = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    revalidated = client.get(path, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"])
    assert revalidated.status_code == 304
    assert revalidated["ETag"] == compressed["ETag"]
    assert "Accept-Encoding" in revalidated["Vary"]
    assert client.get(path, HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304
    # Neither validator stands for the other encoding.
    assert client.get(path, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 200
    assert client.get(path, HTTP_IF_NONE_MATCH=compressed["ETag"]).status_code == 200


def test_an_api_problem_is_not_compressed(client, content):
    response = client.get("/api/v1/codes/http/600/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 404
    assert not response.has_header("Content-Encoding")
    assert response.json()["status"] == 404


@pytest.mark.parametrize("path", ["/en/compare/http/202-vs-520/", "/id/http/404/", "/ja/"])
def test_a_page_goes_out_compressed_with_its_own_etag_and_vary(client, content, path):
    plain = client.get(path)
    compressed = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert compressed["ETag"] != plain["ETag"]
    assert "Accept-Encoding" in plain["Vary"]
    assert "Accept-Encoding" in compressed["Vary"]
    assert (
        client.get(path, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"]).status_code
        == 304
    )
