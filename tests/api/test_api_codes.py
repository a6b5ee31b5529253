import pytest

from codes.models import StatusCode

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200, response.content
    return [code["slug"] for code in response.json()["results"]]


def test_code_list_in_order_with_envelope(client, content):
    response = client.get("/api/v1/codes/")
    body = response.json()
    assert body["language"] == "en"
    assert body["count"] == 6
    assert body["next"] is None
    assert [c["slug"] for c in body["results"]] == ["202", "404", "451", "451-iis", "520", "999"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("family=http", ["202", "404", "451", "451-iis", "520", "999"]),
        ("family=grpc", []),
        ("class=5", ["520"]),
        ("class=4", ["404", "451", "451-iis"]),
        ("official=true", ["202", "404", "451"]),
        ("official=false", ["451-iis", "520", "999"]),
        ("vendor=cloudflare", ["520"]),
        ("vendor=nobody", []),
        ("registry_status=unofficial", ["451-iis", "520", "999"]),
        ("class=4&official=false", ["451-iis"]),
        ("search=451", ["451", "451-iis"]),
        ("search=not+found", ["404"]),
        ("search=legal", ["451"]),
        ("search=", ["202", "404", "451", "451-iis", "520", "999"]),
    ],
)
def test_code_filters(client, content, query, expected):
    assert slugs(client.get(f"/api/v1/codes/?{query}")) == expected


def test_search_puts_the_exact_number_first(client, content):
    StatusCode.objects.filter(slug="202").update(summary_en="Unlike 404, this one succeeds.")
    assert slugs(client.get("/api/v1/codes/?search=404")) == ["404", "202"]


def test_search_finds_former_names(client, content):
    StatusCode.objects.filter(slug="404").update(former_names=["Page Not There"])
    assert slugs(client.get("/api/v1/codes/?search=not+there")) == ["404"]


def test_search_reads_the_texts_of_the_chosen_language(client, content):
    assert slugs(client.get("/api/v1/codes/?search=asinkron&lang=id")) == ["202"]
    assert slugs(client.get("/api/v1/codes/?search=asinkron&lang=en")) == []
    # English titles and summaries still match from another language.
    assert slugs(client.get("/api/v1/codes/?search=cloudflare&lang=id")) == ["520"]


def test_search_combines_with_filters(client, content):
    assert slugs(client.get("/api/v1/codes/?search=451&official=false")) == ["451-iis"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("class=9", "class"),
        ("class=x", "class"),
        ("official=maybe", "official"),
        ("registry_status=lost", "registry_status"),
        ("family=not%20a%20slug", "family"),
        ("search=" + "x" * 201, "search"),
        ("search=a%00b", "search"),
    ],
)
def test_invalid_filters_are_a_400_naming_the_parameter(client, content, query, parameter):
    response = client.get(f"/api/v1/codes/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [parameter]


def test_pagination(client, content):
    first = client.get("/api/v1/codes/?page_size=4").json()
    assert [c["slug"] for c in first["results"]] == ["202", "404", "451", "451-iis"]
    assert first["next"] == "http://testserver/api/v1/codes/?page=2&page_size=4"
    second = client.get(first["next"]).json()
    assert [c["slug"] for c in second["results"]] == ["520", "999"]
    assert second["previous"] == "http://testserver/api/v1/codes/?page_size=4"
    assert client.get("/api/v1/codes/?page=3&page_size=4").status_code == 404


@pytest.mark.parametrize("query", ["page=abc", "page=0", "page_size=abc", "page_size=0", "page_size=201"])
def test_invalid_paging_is_a_400(client, content, query):
    response = client.get(f"/api/v1/codes/?{query}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [query.split("=")[0]]


def test_pagination_keeps_the_language_and_filters(client, content):
    body = client.get("/api/v1/codes/?lang=id&official=true&page_size=1").json()
    assert body["language"] == "id"
    assert body["next"] == "http://testserver/api/v1/codes/?lang=id&official=true&page=2&page_size=1"


def test_code_detail_carries_everything(client, content):
    body = client.get("/api/v1/codes/http/520/").json()
    assert body["url"] == "http://testserver/api/v1/codes/http/520/"
    assert body["html_url"] == "http://testserver/en/http/520/"
    assert body["family"] == "http"
    assert (body["number"], body["slug"], body["phrase"]) == (
        520,
        "520",
        "Web Server Returned an Unknown Error",
    )
    assert body["class"]["number"] == 5
    assert body["official"] is False
    assert body["registry_status"]["value"] == "unofficial"
    assert body["vendor"]["slug"] == "cloudflare"
    assert body["vendor"]["url"].startswith("https://developers.cloudflare.com/")
    assert body["former_names"] == []
    assert body["specification"]["title"] == "Cloudflare: Error 520"
    assert body["facts"]["emitted_by"][0]["value"] == "cdn"
    assert body["facts"]["retry"]["value"] == "idempotent_only"
    assert body["facts"]["cacheable"] is False
    assert body["example"] is None
    assert (
        body["texts"]["summary"] == "Cloudflare got an empty, unknown or unexpected answer from the origin."
    )
    assert body["related"]["comparisons"][0]["slug"] == "202-vs-520"
    assert body["related"]["other_meanings"] == []


def test_code_detail_in_indonesian(client, content):
    body = client.get("/api/v1/codes/http/202/?lang=id").json()
    assert body["html_url"] == "http://testserver/id/http/202/"
    assert body["texts"]["client_action"] == "Cek URL status di `Location` sampai job selesai."
    assert (
        body["html"]["client_action"] == "<p>Cek URL status di <code>Location</code> sampai job selesai.</p>"
    )
    assert body["fallback_fields"] == []
    assert body["example"] == "HTTP/1.1 202 Accepted\nLocation: /jobs/42"
    assert body["facts"]["headers"] == ["Location"]
    assert body["related"]["comparisons"][0]["html_url"] == "http://testserver/id/compare/http/202-vs-520/"


def test_code_detail_links_other_meanings_of_the_number(client, content):
    body = client.get("/api/v1/codes/http/451/").json()
    assert [code["slug"] for code in body["related"]["other_meanings"]] == ["451-iis"]
    assert body["related"]["comparisons"] == []  # 404-vs-451 is a draft


def test_code_detail_in_all_languages(client, content):
    body = client.get("/api/v1/codes/http/202/?lang=all").json()
    assert (
        body["texts"]["summary"]["id"]
        == "Server menerima request untuk diproses, tetapi prosesnya belum selesai."
    )
    assert body["related"]["other_meanings"] == []


def test_markdown_is_sanitised_in_html(client, content):
    StatusCode.objects.filter(slug="404").update(
        description_en="<script>alert(1)</script> [x](javascript:alert(1))"
    )
    html = client.get("/api/v1/codes/http/404/").json()["html"]["description"]
    assert "<script>" not in html
    assert "href" not in html


@pytest.mark.parametrize(
    "path", ["/api/v1/codes/http/600/", "/api/v1/codes/grpc/404/", "/api/v1/codes/http/4-vs-5/"]
)
def test_unknown_code_is_a_json_404(client, content, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_html_urls_lead_to_the_public_pages_in_that_language(client, content):
    code = client.get("/api/v1/codes/http/202/?lang=id").json()
    comparison = client.get("/api/v1/comparisons/http/202-vs-520/?lang=id").json()
    assembled = client.get("/api/v1/comparisons/http/404-vs-520/?lang=id").json()
    for url in (code["html_url"], comparison["html_url"], assembled["html_url"]):
        page = client.get(url)
        assert page.status_code == 200, url
        assert page["Content-Language"] == "id"
