"""The root, languages, families and export endpoints."""

import pytest

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "id", "es", "pt-br", "fr", "de", "ja", "ko", "zh-hans", "ru", "tr", "ar"]


def test_api_prefix_leads_to_the_current_version(client):
    response = client.get("/api/")
    assert response.status_code == 302
    assert response["Location"] == "/api/v1/"


def test_root_links_to_everything_and_every_link_answers(client, content):
    body = client.get("/api/v1/").json()
    assert body["language"] == "en"
    links = {key: value for key, value in body.items() if key != "language"}
    assert set(links) == {
        *["languages", "families", "codes", "comparisons", "vendors", "problems", "export"],
        *["schema", "docs"],
    }
    for url in links.values():
        assert client.get(url).status_code == 200, url


def test_languages_with_names_direction_and_completeness(client, content):
    body = client.get("/api/v1/languages/?lang=id").json()
    assert body["language"] == "id"
    assert [language["code"] for language in body["results"]] == LANGUAGES
    by_code = {language["code"]: language for language in body["results"]}
    assert by_code["id"]["name"] == "Indonesian"
    assert by_code["id"]["name_local"] == "Bahasa Indonesia"
    assert by_code["ar"]["bidi"] is True
    assert by_code["de"]["bidi"] is False
    # The fixture's English texts: 6 (202) + 6 (404) + 1 + 1 + 2 (520) + 1 = 17. Indonesian has 202's six.
    assert by_code["en"]["completeness"]["codes"] == {"translated": 17, "total": 17, "share": 1.0}
    assert by_code["id"]["completeness"]["codes"] == {"translated": 6, "total": 17, "share": round(6 / 17, 4)}
    assert by_code["de"]["completeness"]["codes"]["translated"] == 2
    # The published comparison has three English texts; the draft does not count.
    assert by_code["id"]["completeness"]["comparisons"] == {
        "translated": 1,
        "total": 3,
        "share": round(1 / 3, 4),
    }
    assert by_code["ja"]["completeness"]["comparisons"]["share"] == 0.0


def test_languages_share_is_null_without_content(client, db):
    body = client.get("/api/v1/languages/").json()
    assert body["results"][1]["completeness"]["codes"] == {"translated": 0, "total": 0, "share": None}


def test_families_list_and_detail(client, content):
    body = client.get("/api/v1/families/?lang=id").json()
    assert body["count"] == 1
    family = body["results"][0]
    assert family["slug"] == "http"
    assert family["texts"]["description"].startswith("Kode status")
    # The link keeps the language asked for.
    assert family["codes_url"] == "http://testserver/api/v1/codes/?family=http&lang=id"
    assert client.get(family["codes_url"]).json()["count"] == 6
    detail = client.get("/api/v1/families/http/?lang=de").json()
    assert detail["fallback_fields"] == ["name", "description"]
    assert client.get("/api/v1/families/smtp/").status_code == 404


def test_families_in_all_languages(client, content):
    body = client.get("/api/v1/families/http/?lang=all").json()
    assert body["texts"]["name"]["en"] == "HTTP"
    assert body["texts"]["name"]["ja"] is None


def test_export_has_everything_published_with_the_licence(client, content):
    response = client.get("/api/v1/export/?lang=id")
    body = response.json()
    assert body["language"] == "id"
    assert body["license"]["name"] == "CC BY 4.0"
    assert body["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [family["slug"] for family in body["families"]] == ["http"]
    assert [code["slug"] for code in body["codes"]] == ["202", "404", "451", "451-iis", "520", "999"]
    assert [comparison["slug"] for comparison in body["comparisons"]] == ["202-vs-520"]
    assert body["codes"][0]["texts"]["title"] == "Diterima"
    assert "Both say you cannot have the page" not in response.content.decode()


def test_export_in_all_languages(client, content):
    body = client.get("/api/v1/export/?lang=all").json()
    assert body["language"] == "all"
    assert body["codes"][0]["texts"]["title"] == dict.fromkeys(LANGUAGES) | {
        "en": "Accepted",
        "id": "Diterima",
    }
    assert (
        body["comparisons"][0]["texts"]["summary"]["id"]
        == "202 berasal dari aplikasi Anda; 520 dari edge Cloudflare."
    )
