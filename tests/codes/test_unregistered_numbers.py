"""A number from 100 to 599 that no code here has answers a useful 404 (page and API): not in the IANA
registry, what a client makes of its class (RFC 9110 §15), the nearest codes. Other numbers: plain 404s."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_unregistered_number_gets_a_page_that_explains_it_and_is_not_indexed(client, content):
    response = client.get("/en/http/299/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "<h1>299 is not a registered status code</h1>" in body
    assert (
        "299 is not in the IANA registry of HTTP status codes, and no vendor's use of it is known here."
        in body
    )
    assert "treats it as 200, the first code of its class:" in body
    assert (
        "treat an unrecognized status code as being equivalent to the x00 status code of that class" in body
    )
    assert 'href="https://www.rfc-editor.org/rfc/rfc9110.html#section-15"' in body
    assert '<meta name="robots" content="noindex' in body
    assert 'rel="canonical"' not in body
    # The test data set's only 2xx code is the nearest.
    assert 'href="/en/http/202/"' in body


def test_the_page_in_indonesian(client, content):
    body = client.get("/id/http/457/").content.decode()
    assert "<h1>457 bukan kode status yang terdaftar</h1>" in body
    assert "memperlakukannya sebagai 400, kode pertama di kelasnya:" in body
    assert 'href="/id/http/451/"' in body


@pytest.mark.parametrize(
    "path", ["/en/http/600/", "/en/http/099/", "/en/http/1000/", "/en/http/abc/", "/en/ftp/299/"]
)
def test_numbers_outside_100_to_599_and_other_addresses_stay_a_plain_404(client, content, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "is not a registered status code" not in response.content.decode()


def test_a_registered_number_still_gets_its_page(client, content):
    assert client.get("/en/http/451/").status_code == 200


def test_the_page_runs_a_fixed_number_of_queries(client, content, django_assert_num_queries):
    from foundation.versions import content_changed_at

    content_changed_at()
    # The failed lookup and the nearest codes.
    with django_assert_num_queries(2):
        assert client.get("/en/http/299/").status_code == 404


def test_the_api_says_the_same_with_its_own_error_code(client, content):
    response = client.get("/api/v1/codes/http/457/", {"lang": "id"})
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "unregistered_code"
    assert body["status"] == 404
    assert body["number"] == 457
    assert body["status_class"] == 4
    assert body["treated_as"] == 400
    assert (
        body["class_meaning"]
        == "Ada yang salah pada request-nya; kalau dikirim ulang tanpa diubah, hasilnya tetap gagal."
    )
    assert body["class_rule"]["url"] == "https://www.rfc-editor.org/rfc/rfc9110.html#section-15"
    assert "457" in body["detail"]
    assert body["nearest"][0]["url"] == "http://testserver/api/v1/codes/http/451/?lang=id"
    assert body["type"].endswith("/api/v1/problems/unregistered-code/")


def test_the_api_keeps_not_found_for_anything_else(client, content):
    for slug in ("600", "abc"):
        body = client.get(f"/api/v1/codes/http/{slug}/").json()
        assert body["code"] == "not_found"
        assert "nearest" not in body


def test_the_nearest_codes_are_registered_ones(client, content):
    # The test data set's only 5xx code is Cloudflare's 520, which is in no registry.
    body = client.get("/en/http/521/").content.decode()
    assert "is not a registered status code" in body
    assert 'href="/en/http/520/"' not in body
    assert client.get("/api/v1/codes/http/521/").json()["nearest"] == []
