import pytest
from django.utils import translation

from codes.models import STATUS_CLASSES, StatusCode

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "id", "es", "pt-br", "fr", "de", "ja", "ko", "zh-hans", "ru", "tr", "ar"]


def test_without_lang_or_accept_language_the_answer_is_english(client, content):
    response = client.get("/api/v1/codes/http/202/")
    assert response.json()["language"] == "en"
    assert response.json()["texts"]["title"] == "Accepted"
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_accept_language_picks_the_language(client, content):
    response = client.get("/api/v1/codes/http/202/", headers={"accept-language": "fr;q=0.5, id-ID, en;q=0.1"})
    assert response.json()["language"] == "id"
    assert response.json()["texts"]["title"] == "Diterima"
    assert response["Content-Language"] == "id"


def test_accept_language_skips_languages_we_do_not_offer(client, content):
    response = client.get("/api/v1/codes/http/202/", headers={"accept-language": "nl, pt-BR;q=0.8"})
    assert response.json()["language"] == "pt-br"
    response = client.get("/api/v1/codes/http/202/", headers={"accept-language": "nl, *;q=0.5"})
    assert response.json()["language"] == "en"


def test_lang_parameter_wins_over_accept_language(client, content):
    response = client.get("/api/v1/codes/http/202/?lang=id", headers={"accept-language": "de"})
    assert response.json()["language"] == "id"
    assert response["Content-Language"] == "id"


def test_lang_parameter_takes_the_listed_codes(client, content):
    assert client.get("/api/v1/codes/http/202/?lang=pt-br").json()["language"] == "pt-br"
    assert client.get("/api/v1/codes/http/202/?lang=zh-hans").json()["language"] == "zh-hans"


@pytest.mark.parametrize(
    ("value", "language"),
    [
        ("pt-BR", "pt-br"),
        ("zh-Hans", "zh-hans"),
        ("zh-Hans-CN", "zh-hans"),
        ("id-ID", "id"),
        ("ID", "id"),
        ("en-GB", "en"),
        ("pt_BR", "pt-br"),
        ("ALL", "all"),
    ],
)
def test_lang_parameter_takes_language_tags_as_accept_language_does(client, content, value, language):
    """navigator.language can be passed through as it is."""
    response = client.get(f"/api/v1/codes/http/202/?lang={value}")
    assert response.status_code == 200
    assert response.json()["language"] == language


def test_traditional_chinese_is_never_answered_in_simplified_chinese(client, content):
    assert client.get("/api/v1/codes/http/202/?lang=zh-TW").status_code == 400
    header = client.get("/api/v1/codes/http/202/", headers={"accept-language": "zh-TW,zh;q=0.9"})
    assert header.json()["language"] == "zh-hans"  # the plain "zh" it also accepts
    only_traditional = client.get("/api/v1/codes/http/202/", headers={"accept-language": "zh-Hant, ja;q=0.5"})
    assert only_traditional.json()["language"] == "ja"


def test_language_cookie_of_the_site_does_not_change_the_api(client, content):
    client.cookies["django_language"] = "id"
    assert client.get("/api/v1/codes/http/202/").json()["language"] == "en"


@pytest.mark.parametrize(
    "value", ["xx", "english", "all-of-them", "", "zh-TW", "zh-Hant", "zh-Hant-HK", "en GB"]
)
def test_unsupported_lang_is_a_400_listing_the_supported_ones(client, content, value):
    response = client.get(f"/api/v1/codes/http/202/?lang={value}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "unsupported_language"
    assert body["supported_languages"] == [*LANGUAGES, "all"]
    assert f"“{value}”" in body["detail"]


def test_labels_follow_the_language(client, content):
    """The class name and choice labels come from the interface translations of the language."""
    body = client.get("/api/v1/codes/http/404/?lang=de").json()
    with translation.override("de"):
        expected = {
            "class": str(STATUS_CLASSES[4]),
            "registry": str(StatusCode.Registry.REGISTERED.label),
            "retry": str(StatusCode.Retry.FIX_REQUEST.label),
        }
    assert body["class"] == {"number": 4, "name": expected["class"]}
    assert body["registry_status"] == {"value": "registered", "label": expected["registry"]}
    assert body["facts"]["retry"] == {"value": "fix_request", "label": expected["retry"]}


def test_error_messages_follow_the_language(client, content):
    response = client.get("/api/v1/codes/?page=99&lang=de")
    assert response.status_code == 404
    assert response.json()["detail"] == "Ungültige Seite."
    assert response["Content-Language"] == "de"


def test_fallen_back_texts_are_named(client, content):
    # 404 has English texts and a German title and summary only.
    body = client.get("/api/v1/codes/http/404/?lang=de").json()
    assert body["texts"]["title"] == "Nicht gefunden"
    assert body["texts"]["description"] == "Nothing answers to the requested URL."
    assert body["fallback_fields"] == ["description", "seen_when", "client_action", "owner_action"]
    assert client.get("/api/v1/codes/http/404/?lang=en").json()["fallback_fields"] == []


def test_a_text_english_lacks_too_is_null_and_not_fallen_back(client, content):
    body = client.get("/api/v1/codes/http/451/?lang=id").json()
    assert body["texts"]["title"] is None
    assert body["fallback_fields"] == ["summary"]


def test_lang_all_gives_every_text_keyed_by_language(client, content):
    response = client.get("/api/v1/codes/http/202/?lang=all")
    body = response.json()
    assert body["language"] == "all"
    assert list(body["texts"]["title"]) == LANGUAGES
    assert body["texts"]["title"]["en"] == "Accepted"
    assert body["texts"]["title"]["id"] == "Diterima"
    assert body["texts"]["title"]["de"] is None
    assert (
        body["html"]["description"]["id"]
        == "<p>Request <strong>diterima</strong>; pekerjaannya berjalan belakangan.</p>"
    )
    assert body["fallback_fields"]["id"] == []
    assert body["fallback_fields"]["de"] == list(StatusCode.TEXT_FIELDS)
    assert response["Content-Language"] == ", ".join(LANGUAGES)
    # Page links are English for "all".
    assert body["html_url"] == "http://testserver/en/http/202/"


def test_whitespace_only_translation_counts_as_missing(client, content):
    StatusCode.objects.filter(slug="202").update(title_ind="   ")
    body = client.get("/api/v1/codes/http/202/?lang=id").json()
    assert body["texts"]["title"] == "Accepted"
    assert "title" in body["fallback_fields"]


def test_unknown_api_address_is_json_not_a_page_redirect(client, content):
    """Django's LocaleMiddleware redirected /api/<x>/ to /en/api/<x>/, a page URL, and answered in HTML."""
    for path in ["/api/http/", "/api/http/404/", "/api/v2/codes/"]:
        response = client.get(path, headers={"accept-language": "de"})
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "not_found"


def test_pages_still_get_their_language_redirect(client, content):
    response = client.get("/http/404/")
    assert response.status_code == 302
    assert response["Location"] == "/en/http/404/"


@pytest.mark.parametrize("lang", ["en", "id", "all"])
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/",
        "/api/v1/languages/",
        "/api/v1/families/",
        "/api/v1/families/http/",
        "/api/v1/codes/",
        "/api/v1/codes/http/202/",
        "/api/v1/comparisons/",
        "/api/v1/comparisons/http/202-vs-520/",
        "/api/v1/comparisons/http/404-vs-520/",
        "/api/v1/export/",
    ],
)
def test_every_endpoint_says_its_language(client, content, url, lang):
    response = client.get(url, {"lang": lang})
    assert response.status_code == 200
    assert response.json()["language"] == lang
    assert response["Content-Language"] == (", ".join(LANGUAGES) if lang == "all" else lang)
    assert "Accept-Language" in response["Vary"]
