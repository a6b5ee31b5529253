import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def login(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "ed", "password": password})


def test_repeated_failed_admin_logins_are_throttled(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200
    assert login(client, "wrong").status_code == 429
    # Now even the right password is refused for a while.
    response = login(client, "pw-for-tests-only")
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_a_successful_login_resets_the_count(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "wrong")
    assert login(client, "pw-for-tests-only").status_code == 302
    client.logout()
    assert login(client, "wrong").status_code == 200


def test_security_headers_on_the_admin(client):
    response = client.get("/admin/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_api_docs_need_no_inline_code(client):
    response = client.get("/api/docs/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<style" not in body
    assert "<script>" not in body
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def login_from(client, address, username="ed", password="wrong"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        headers={"x-forwarded-for": address},
    )


@pytest.fixture
def behind_the_proxy(settings):
    """As in production: the TLS proxy on this host forwards every client's address."""
    settings.ATLAS_TRUSTED_PROXIES = ["127.0.0.1"]


def test_an_attackers_lockout_leaves_the_editor_signing_in_from_elsewhere(
    client, editor, settings, behind_the_proxy
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login_from(client, "203.0.113.9")
    assert login_from(client, "203.0.113.9").status_code == 429
    assert login_from(client, "198.51.100.7", "ed", "pw-for-tests-only").status_code == 302


def test_a_password_spray_across_usernames_from_one_address_is_stopped(
    client, db, settings, behind_the_proxy
):
    answers = [
        login_from(client, "203.0.113.9", username=f"user{number}").status_code for number in range(18)
    ]
    assert answers[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(answers[settings.AXES_FAILURE_LIMIT :]) == {429}


def test_a_lockout_says_when_to_try_again(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong")
    response = login(client, "pw-for-tests-only")
    assert response.status_code == 429
    assert response["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME * 3600))


def test_a_client_talking_to_the_server_directly_cannot_choose_its_address(
    client, db, settings, behind_the_proxy
):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": "ed", "password": "wrong"},
            headers={"x-forwarded-for": f"10.0.0.{attempt}"},
            REMOTE_ADDR="198.51.100.20",
        )
    response = client.post(
        "/admin/login/",
        {"username": "ed", "password": "wrong"},
        headers={"x-forwarded-for": "10.9.9.9"},
        REMOTE_ADDR="198.51.100.20",
    )
    assert response.status_code == 429


def test_pages_and_the_api_deny_powerful_browser_features(client, content):
    for path in ["/en/", "/api/v1/", "/admin/login/"]:
        assert "camera=()" in client.get(path, follow=True)["Permissions-Policy"]


def test_an_editors_session_ends_after_a_working_day(client, editor, settings):
    assert login(client, "pw-for-tests-only").status_code == 302
    assert client.session.get_expiry_age() <= 8 * 60 * 60
    assert client.session.get_expire_at_browser_close()


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/api/v1/codes/?" + "&".join(f"x{n}=1" for n in range(1200)), {}),
        ("/api/v1/", {"host": "evil.example"}),
    ],
)
def test_api_requests_django_refuses_get_a_json_400(path, headers):
    response = Client(raise_request_exception=False).get(path, headers=headers)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


@pytest.mark.parametrize("lang", ["en", "de", "ja"])
def test_the_lockout_page_says_the_address_is_locked_out_not_the_account(client, editor, settings, lang):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    body = login(client, "pw-for-tests-only").content.decode()
    wording = {
        "en": "Too many failed logins from your address, whichever accounts they were for.",
        "de": "Anmeldungen von dieser Adresse sind für 15 Minuten gesperrt",
        "ja": "このアドレスからのログインは 15 分間停止されます",
    }
    assert wording[lang] in body
    assert "for this account" not in body
