import pytest

from comparisons.models import Comparison

pytestmark = pytest.mark.django_db


def test_list_has_published_comparisons_only(client, content):
    body = client.get("/api/v1/comparisons/").json()
    assert body["count"] == 1
    comparison = body["results"][0]
    assert comparison["slug"] == "202-vs-520"
    assert comparison["curated"] is True
    assert [code["slug"] for code in comparison["codes"]] == ["202", "520"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("family=http", ["202-vs-520"]),
        ("family=grpc", []),
        ("code=520", ["202-vs-520"]),
        ("code=404", []),  # only in a draft
        ("code=451", []),
    ],
)
def test_list_filters_never_reveal_drafts(client, content, query, expected):
    body = client.get(f"/api/v1/comparisons/?{query}").json()
    assert [c["slug"] for c in body["results"]] == expected


def test_list_filter_rejects_a_malformed_code(client, content):
    response = client.get("/api/v1/comparisons/?code=a%20b")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["code"]


def test_curated_detail_in_english(client, content):
    body = client.get("/api/v1/comparisons/http/202-vs-520/").json()
    assert body["url"] == "http://testserver/api/v1/comparisons/http/202-vs-520/"
    assert body["html_url"] == "http://testserver/en/compare/http/202-vs-520/"
    assert body["curated"] is True
    assert body["texts"]["title"] == "HTTP 202 Accepted vs 520 Web Server Returned an Unknown Error"
    assert body["texts"]["key_differences"] == "- 202 is a success.\n- 520 is an error made by Cloudflare."
    assert body["html"]["key_differences"].startswith("<ul>")
    assert body["fallback_fields"] == []
    assert body["published_at"] is not None
    assert body["codes"][1]["url"] == "http://testserver/api/v1/codes/http/520/"


def test_curated_detail_in_indonesian_names_what_fell_back(client, content):
    body = client.get("/api/v1/comparisons/http/202-vs-520/?lang=id").json()
    assert body["language"] == "id"
    assert body["html_url"] == "http://testserver/id/compare/http/202-vs-520/"
    assert body["texts"]["summary"] == "202 berasal dari aplikasi Anda; 520 dari edge Cloudflare."
    assert body["fallback_fields"] == ["key_differences", "when_to_use"]
    assert body["codes"][0]["title"] == "Diterima"


def test_curated_detail_in_all_languages(client, content):
    body = client.get("/api/v1/comparisons/http/202-vs-520/?lang=all").json()
    assert body["texts"]["summary"]["de"] == "202 kommt von Ihrer Anwendung, 520 vom Cloudflare-Edge."
    assert body["texts"]["key_differences"]["id"] is None
    assert body["fallback_fields"]["id"] == ["key_differences", "when_to_use"]
    assert set(body["texts"]["title"]) == set(body["texts"]["summary"])


def test_an_editors_title_is_used_in_its_language(client, content):
    Comparison.objects.filter(slug="202-vs-520").update(title_en="Accepted, or Cloudflare's 520?")
    assert client.get("/api/v1/comparisons/http/202-vs-520/").json()["texts"]["title"] == (
        "Accepted, or Cloudflare's 520?"
    )
    # Other languages get the default title in their language, not the English title.
    assert (
        client.get("/api/v1/comparisons/http/202-vs-520/?lang=id")
        .json()["texts"]["title"]
        .startswith("HTTP 202")
    )


def test_reversed_pair_redirects_permanently_keeping_the_query(client, content):
    response = client.get("/api/v1/comparisons/http/520-vs-202/?lang=id")
    assert response.status_code == 301
    assert response["Location"] == "http://testserver/api/v1/comparisons/http/202-vs-520/?lang=id"
    assert response.json() == {"location": response["Location"]}
    # Twice: the second answer comes from the cache and must redirect the same way.
    assert client.get("/api/v1/comparisons/http/520-vs-202/?lang=id").status_code == 301


def test_a_pair_without_curated_comparison_is_assembled(client, content):
    body = client.get("/api/v1/comparisons/http/404-vs-520/").json()
    assert body["curated"] is False
    assert body["slug"] == "404-vs-520"
    assert body["texts"]["summary"]
    assert body["texts"]["key_differences"].startswith("- ")
    assert body["html"]["key_differences"].startswith("<ul>")
    assert body["created_at"] is None
    assert body["published_at"] is None
    assert body["updated_at"] is not None
    assert body["fallback_fields"] == []


def test_assembled_comparison_in_indonesian_and_all(client, content):
    body = client.get("/api/v1/comparisons/http/404-vs-520/?lang=id").json()
    assert body["language"] == "id"
    assert body["html_url"] == "http://testserver/id/compare/http/404-vs-520/"
    everything = client.get("/api/v1/comparisons/http/404-vs-520/?lang=all").json()
    assert set(everything["texts"]["summary"]) == set(everything["fallback_fields"])
    assert everything["texts"]["summary"]["id"] == body["texts"]["summary"]
    assert everything["fallback_fields"]["id"] == body["fallback_fields"]


def test_a_draft_pair_answers_as_assembled_without_the_draft_text(client, content):
    response = client.get("/api/v1/comparisons/http/404-vs-451/")
    body = response.json()
    assert body["curated"] is False
    assert "Both say you cannot have the page" not in response.content.decode()


@pytest.mark.parametrize(
    "pair",
    ["202-vs-600", "202-vs-202", "202", "202-vs-", "202-vs-404-vs-520", "unavailable-vs-202"],
)
def test_unknown_pairs_are_a_json_404(client, content, pair):
    response = client.get(f"/api/v1/comparisons/http/{pair}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_pair_of_another_family_is_a_404(client, content):
    assert client.get("/api/v1/comparisons/grpc/202-vs-520/").status_code == 404
