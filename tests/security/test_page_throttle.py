"""One client asking for pages faster than the page rate gets the 429 page with Retry-After; the admin,
static files, the API and other clients are not held back."""

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_rate(settings):
    settings.ATLAS_PAGE_THROTTLE_RATE = "5/minute"
    settings.ATLAS_TRUSTED_PROXIES = ["127.0.0.1"]
    cache.clear()
    yield 5
    cache.clear()


def get_from(client, path, address="203.0.113.9"):
    return client.get(path, headers={"x-forwarded-for": address})


def test_a_client_past_the_page_rate_gets_the_localized_429_page_with_retry_after(client, content, page_rate):
    answers = [get_from(client, "/de/http/404/").status_code for _ in range(page_rate)]
    assert answers == [200] * page_rate
    response = get_from(client, "/de/http/404/")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 61
    body = response.content.decode()
    assert '<html lang="de"' in body
    assert "Zu viele Anfragen" in body
    # Another reader is not held back.
    assert get_from(client, "/de/http/404/", "198.51.100.7").status_code == 200


def test_the_admin_static_files_and_the_api_are_not_counted(client, content, page_rate):
    for _ in range(page_rate):
        get_from(client, "/en/http/404/")
    assert get_from(client, "/en/http/404/").status_code == 429
    assert get_from(client, "/admin/login/").status_code == 200
    assert get_from(client, "/api/v1/codes/http/404/").status_code == 200
    assert get_from(client, "/static/css/atlas.css").status_code != 429


def test_without_a_rate_pages_are_not_throttled(client, content, settings):
    settings.ATLAS_PAGE_THROTTLE_RATE = ""
    assert {get_from(client, "/en/").status_code for _ in range(20)} == {200}
